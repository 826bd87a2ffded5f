import { getLocale, getTranslations } from 'next-intl/server';
import { LocalizedOpsText } from '@/components/status/incident-text';
import { SEVERITY_TONE } from '@/components/status/severity';
import { formatDateTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import { checkIncidentLink } from '@/lib/status/incident-link';
import { type Incident, isUpdateOverdue } from '@/lib/status/incidents';

/**
 * Every incident, newest first, each with its dated updates (newest first). Each has an anchor
 * (`#incident-{id}`) the banner and the feed link to. The optional link is checked again against
 * the allowlist when rendered (it was checked when written): a row changed behind the API's back
 * shows no link rather than a link elsewhere.
 */
export async function IncidentHistory({ incidents, linkHosts, now }: { incidents: Incident[]; linkHosts: readonly string[]; now: Date }) {
  const [t, tb, locale] = await Promise.all([getTranslations('incident'), getTranslations('incidentBanner'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  return (
    <ol className="space-y-4" data-testid="incident-history">
      {incidents.map((incident) => {
        const tone = SEVERITY_TONE[incident.severity];
        const link = incident.link ? checkIncidentLink(incident.link, linkHosts) : null;
        const overdue = isUpdateOverdue(incident, now);
        return (
          <li key={incident.id} id={`incident-${incident.id}`} data-testid="incident" data-state={incident.state} className="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase tracking-wide ${tone.badge}`}>{t(`severity.${incident.severity}`)}</span>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-slate-300">{t(`state.${incident.state}`)}</span>
            </div>
            <h3 className="mt-2 text-lg font-semibold">
              <LocalizedOpsText text={incident.title} locale={locale} fallbackNote={tb('originalLanguage')} />
            </h3>
            <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
              <span>{t('started', { time: formatDateTime(incident.startedAt, locale, { timeZone, withUtc: true }) })}</span>
              {incident.resolvedAt && <span>{t('resolved', { time: formatDateTime(incident.resolvedAt, locale, { timeZone, withUtc: true }) })}</span>}
              {incident.nextUpdateBy && !incident.resolvedAt && (
                <span className={overdue ? 'font-semibold text-red-800' : undefined}>
                  {overdue ? t('overdue', { time: formatDateTime(incident.nextUpdateBy, locale, { timeZone, withUtc: true }) }) : t('nextUpdate', { time: formatDateTime(incident.nextUpdateBy, locale, { timeZone, withUtc: true }) })}
                </span>
              )}
            </p>
            {incident.updates.length > 0 && (
              <ol aria-label={t('updatesLabel')} className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
                {incident.updates.map((update) => (
                  <li key={update.id} data-testid="incident-update">
                    <p className="text-sm text-slate-700">
                      <time dateTime={update.at.toISOString()} className="font-medium">
                        {formatDateTime(update.at, locale, { timeZone, withUtc: true })}
                      </time>{' '}
                      · {t(`state.${update.state}`)}
                    </p>
                    <p className="mt-0.5 whitespace-pre-line">
                      <LocalizedOpsText text={update.body} locale={locale} fallbackNote={tb('originalLanguage')} />
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {link?.ok && (
              <p className="mt-3 text-sm">
                <a href={link.url} rel="noopener noreferrer nofollow" target="_blank" className="font-medium text-brand underline underline-offset-4">
                  {t('more')}
                </a>{' '}
                <span className="break-all text-slate-600">({new URL(link.url).hostname})</span>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
