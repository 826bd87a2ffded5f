import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { pageLink, RICH_BASICS } from '@/components/content/rich';
import { LocalizedOpsText } from '@/components/status/incident-text';
import { STATUS_PAGE_PATH } from '@/components/status/maintenance-banner';
import { formatDateTime, formatRelative } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import { LocaleLink } from '@/components/ui/locale-link';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { MAINTENANCE_SOURCE_HEADER } from '@/lib/maintenance/edge';
import { activeIncidents } from '@/lib/status/incidents';
import { readMaintenance } from '@/lib/maintenance/server';

// Read per request: the flag, and the CSP nonce.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'maintenance', '/maintenance', { robots: { index: false, follow: false } });
}

/**
 * What `/migrate` shows while the wallet flow is stopped: the middleware renders this page in its
 * place with HTTP 503 and `Retry-After`. Says why, since when, and where to read updates.
 */
export default async function MaintenancePage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const timeZone = await readerTimeZone(locale);
  const now = new Date();
  const [t, tb, state, incidents, requestHeaders] = await Promise.all([
    getTranslations('maintenance'),
    getTranslations('incidentBanner'),
    readMaintenance(),
    activeIncidents().catch(() => []),
    headers(),
  ]);
  // The middleware names the layer that stopped the flow; the database may say more (reason, since).
  const edgeSource = requestHeaders.get(MAINTENANCE_SOURCE_HEADER);
  const stopped = state.on || edgeSource !== null;
  const source = state.on ? state.source : edgeSource;
  return (
    <div className="space-y-6" data-testid="maintenance-page">
      <h1 className="text-3xl font-bold tracking-tight">{stopped ? t('headingStopped') : t('headingRunning')}</h1>
      {stopped ? (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-950" aria-labelledby="why-heading">
          <h2 id="why-heading" className="text-lg font-semibold">
            {t('why')}
          </h2>
          <p className="mt-1" data-testid="maintenance-why">
            {state.reason ? (
              <LocalizedOpsText text={{ en: state.reason, ko: state.reasonKo }} locale={locale} fallbackNote={tb('originalLanguage')} />
            ) : source === 'deploy' ? (
              t('whyDeploy')
            ) : source === 'unreadable' ? (
              t('whyUnreadable')
            ) : (
              t('whyOps')
            )}
          </p>
          {state.since && (
            <>
              <h2 className="mt-4 text-lg font-semibold">{t('since')}</h2>
              <p className="mt-1" data-testid="maintenance-since">
                <time dateTime={state.since.toISOString()}>{t('sinceValue', { time: formatDateTime(state.since, locale, { timeZone, withUtc: true }), relative: formatRelative(state.since, now, locale) })}</time>
              </p>
            </>
          )}
          <h2 className="mt-4 text-lg font-semibold">{t('where')}</h2>
          <p className="mt-1">
            {t.rich('whereBody', {
              ...RICH_BASICS,
              link: (chunks) => (
                <LocaleLink href={STATUS_PAGE_PATH} className="font-medium underline" data-testid="maintenance-status-link">
                  {chunks}
                </LocaleLink>
              ),
            })}
          </p>
          <p className="mt-4">{t('safe')}</p>
        </section>
      ) : (
        <p>{t.rich('running', { link: pageLink('/migrate') })}</p>
      )}
      {incidents.length > 0 && (
        <section aria-labelledby="incidents-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="incidents-heading" className="text-lg font-semibold">
            {t('openIncidents')}
          </h2>
          <ul className="mt-2 space-y-2">
            {incidents.map((incident) => (
              <li key={incident.id}>
                <LocalizedOpsText text={incident.title} locale={locale} fallbackNote={tb('originalLanguage')} className="font-medium" />
                {incident.updates[0] && (
                  <span className="text-slate-700">
                    {': '}
                    <LocalizedOpsText text={incident.updates[0].body} locale={locale} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
