import { getLocale, getTranslations } from 'next-intl/server';
import { LocalizedOpsText } from '@/components/status/incident-text';
import { SEVERITY_TONE } from '@/components/status/severity';
import { LocaleLink } from '@/components/ui/locale-link';
import { type Incident, isUpdateOverdue } from '@/lib/status/incidents';
import { knownActiveIncidents } from '@/lib/status/public-status';
import { formatDateTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';

/**
 * The canonical incident banner on every public page (server-rendered, from the database): each
 * open incident, most severe first, with its severity, title, start, "next update by" and a link to
 * it on /status. Nothing when none is open. Through a database outage, the last known open
 * incidents "as of" when they were read (lib/status/last-known.ts); nothing when none was ever read
 * (the page must stay up; /status then says more).
 */
export async function IncidentBanner() {
  let incidents: Incident[];
  let asOf: Date | null = null;
  try {
    const known = await knownActiveIncidents();
    incidents = known.value;
    if (known.stale) asOf = known.asOf;
  } catch {
    return null;
  }
  if (incidents.length === 0) return null;
  const [t, locale] = await Promise.all([getTranslations('incidentBanner'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  const now = new Date();
  return (
    <section aria-label={t('label')} data-testid="incident-banner" className="border-b border-slate-200 bg-white">
      <ul className="mx-auto max-w-5xl space-y-2 px-4 py-3">
        {asOf && (
          <li className="text-sm text-slate-700" data-testid="incident-banner-as-of">
            <time dateTime={asOf.toISOString()}>{t('asOf', { time: formatDateTime(asOf, locale, { timeZone }) })}</time>
          </li>
        )}
        {incidents.map((incident) => {
          const tone = SEVERITY_TONE[incident.severity];
          const overdue = isUpdateOverdue(incident, now);
          return (
            <li key={incident.id} data-testid="incident-banner-item" data-severity={incident.severity} className={`rounded-lg border p-3 ${tone.box}`}>
              <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase tracking-wide ${tone.badge}`}>{t(`severity.${incident.severity}`)}</span>
                <LocalizedOpsText text={incident.title} locale={locale} fallbackNote={t('originalLanguage')} className="font-semibold" />
              </p>
              <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <span>{t('started', { time: formatDateTime(incident.startedAt, locale, { timeZone, withUtc: true }) })}</span>
                {incident.nextUpdateBy && (
                  <span className={overdue ? 'font-semibold' : undefined} data-testid="incident-banner-next">
                    {overdue ? t('overdue', { time: formatDateTime(incident.nextUpdateBy, locale, { timeZone, withUtc: true }) }) : t('nextUpdate', { time: formatDateTime(incident.nextUpdateBy, locale, { timeZone, withUtc: true }) })}
                  </span>
                )}
                <LocaleLink href={`/status#incident-${incident.id}`} className="font-medium underline underline-offset-4">
                  {t('details')}
                </LocaleLink>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
