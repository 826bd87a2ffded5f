import { getLocale, getTranslations } from 'next-intl/server';
import { pageLink } from '@/components/content/rich';
import { formatDateTime, formatRelative } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
// Support lives on its own page; texts name it because fake "support" accounts harvest seed phrases.
import { SUPPORT_PATH } from '@/components/errors/error-text';

/**
 * What `/migrate` shows instead of the wallet flow when no wallet should connect (server
 * component): paused, not open yet (when it opens), or closed (when it closed and the support path).
 */
export async function FlowUnavailable({ kind, opensAt, closesAt, now }: { kind: 'maintenance' | 'scheduled' | 'closed'; opensAt: Date; closesAt: Date; now: Date }) {
  const [t, locale] = await Promise.all([getTranslations('flowUnavailable'), getLocale()]);
  const timeZone = await readerTimeZone(locale);
  const title = t(`${kind}Title`);
  return (
    <section role="status" data-testid={`flow-${kind}`} className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-950">
      <h2 className="text-lg font-semibold">{title}</h2>
      {kind === 'maintenance' && <p className="mt-2">{t.rich('maintenanceBody', { link: pageLink('/status') })}</p>}
      {kind === 'scheduled' && (
        <p className="mt-2">
          {t('scheduledBody', { relative: formatRelative(opensAt, now, locale), opens: formatDateTime(opensAt, locale, { timeZone, withUtc: true }), closes: formatDateTime(closesAt, locale, { timeZone, withUtc: true }) })}
        </p>
      )}
      {kind === 'closed' && (
        <>
          <p className="mt-2" data-testid="flow-closed-when">
            {t('closedBody', { relative: formatRelative(closesAt, now, locale), closes: formatDateTime(closesAt, locale, { timeZone, withUtc: true }) })}
          </p>
          <p className="mt-2">{t.rich('closedSupport', { link: pageLink(SUPPORT_PATH) })}</p>
        </>
      )}
      <p className="mt-3 text-sm">{t.rich('supportNote', { link: pageLink(SUPPORT_PATH) })}</p>
    </section>
  );
}
