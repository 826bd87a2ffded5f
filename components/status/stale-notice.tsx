import { getLocale, getTranslations } from 'next-intl/server';
import { formatDateTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';

/**
 * Says that what the page shows is the last known state, and from when (server component; nothing
 * when `asOf` is null, i.e. the data is live). Shown through a database outage
 * (lib/status/last-known.ts).
 */
export async function StaleNotice({ asOf }: { asOf: Date | null }) {
  if (!asOf) return null;
  const [t, locale] = await Promise.all([getTranslations('staleNotice'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  return (
    <p role="status" data-testid="stale-notice" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      {t('text')}{' '}
      <time dateTime={asOf.toISOString()} data-testid="stale-as-of">
        {t('asOf', { time: formatDateTime(asOf, locale, { timeZone }) })}
      </time>
    </p>
  );
}
