import { getLocale, getTranslations } from 'next-intl/server';
import { pageLink } from '@/components/content/rich';
import { LocalizedOpsText } from '@/components/status/incident-text';
import { formatDateTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import type { MaintenanceState } from '@/lib/maintenance/server';

/** Where holders read updates while the wallet flow is stopped (unprefixed; Link adds the locale). */
export const STATUS_PAGE_PATH = '/status';

/**
 * The banner every page that stays up shows while the wallet flow is stopped (server component;
 * renders nothing when it is not). The reason is ops-written plain text, rendered as text.
 */
export async function MaintenanceBanner({ state }: { state: MaintenanceState }) {
  if (!state.on) return null;
  const [t, tb, locale] = await Promise.all([getTranslations('maintenanceBanner'), getTranslations('incidentBanner'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  return (
    <div role="alert" data-testid="maintenance-notice" data-source={state.source ?? ''} className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">{state.source === 'unreadable' ? t('titleUnreadable') : t('title')}</p>
      <p className="mt-1">
        {state.reason ? (
          <span data-testid="maintenance-reason">
            <LocalizedOpsText text={{ en: state.reason, ko: state.reasonKo }} locale={locale} fallbackNote={tb('originalLanguage')} />{' '}
          </span>
        ) : null}
        {state.since ? (
          <>
            <time dateTime={state.since.toISOString()}>{t('since', { time: formatDateTime(state.since, locale, { timeZone, withUtc: true }) })}</time>{' '}
          </>
        ) : null}
        {t.rich('body', { link: pageLink(STATUS_PAGE_PATH) })}
      </p>
    </div>
  );
}
