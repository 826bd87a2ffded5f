import type { Metadata } from 'next';
import { StaleNotice } from '@/components/status/stale-notice';
import { lastKnown } from '@/lib/status/last-known';
import { getTranslations } from 'next-intl/server';
import { listItems, pageLink, RICH_BASICS } from '@/components/content/rich';
import { getConfig } from '@/lib/config';
import { MANIFEST_PATH } from '@/lib/release/manifest';
import { formatDate } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { type KnownDrainer, listKnownDrainers } from '@/lib/security/drainers';
import { HeadedSection, PageHeader } from '@/components/layout/page-parts';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'security', '/security');
}

/**
 * How to check the site: the official origin (configuration), the signed deployment manifest and
 * `npm run verify` with the release key, the deposit address (DESIGN.md "Deposit and receive"), what we never do, the known-drainer list (database,
 * ops-managed; labels are text) and how to report.
 */
export default async function SecurityPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const timeZone = await readerTimeZone(locale);
  const t = await getTranslations('security');
  const config = getConfig();
  let drainers: KnownDrainer[] | null;
  let drainersAsOf: Date | null = null;
  try {
    // Through a database outage, the last known list "as of" its read (lib/status/last-known.ts).
    const known = await lastKnown('drainers', () => listKnownDrainers());
    drainers = known.value;
    if (known.stale) drainersAsOf = known.asOf;
  } catch {
    drainers = null;
  }
  const releaseKey = config.release.publicKey?.toBase58() ?? null;
  const verifyCommand = `npm run verify -- ${config.appUrl} --public-key ${releaseKey ?? '<RELEASE_PUBLIC_KEY>'}`;
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={t('title')} intro={t('intro')} />
      <HeadedSection name="domains" heading={t('domainsHeading')} className="space-y-2">
        <p>{t('domainsBody')}</p>
        <p className="break-all rounded-lg bg-white p-3 font-mono text-lg font-semibold ring-1 ring-slate-300" data-testid="official-origin">
          {config.appUrl}
        </p>
        <p className="text-slate-700">{t('domainsNote')}</p>
      </HeadedSection>
      <HeadedSection name="verify" heading={t('verifyHeading')} className="space-y-2">
        <p>{t('verifyBody')}</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            {t.rich('manifest', {
              link: (chunks) => (
                <a href={MANIFEST_PATH} className="font-mono text-sm text-brand underline underline-offset-4" data-testid="manifest-link">
                  {chunks}
                </a>
              ),
            })}
          </li>
          <li>
            {t('releaseKey')}{' '}
            <code className="break-all font-mono text-sm" data-testid="release-key">
              {releaseKey ?? t('releaseKeyMissing')}
            </code>
          </li>
        </ul>
        <p>{t.rich('verifyCommand', { en: (chunks) => <span lang="en">{chunks}</span> })}</p>
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-sm text-slate-50" tabIndex={0}>
          <code>{verifyCommand}</code>
        </pre>
      </HeadedSection>
      <HeadedSection name="deposit" id="deposit" heading={t('depositHeading')} className="scroll-mt-4 space-y-2" testId="security-deposit">
        <p>{t.rich('depositBody', RICH_BASICS)}</p>
        <dl className="grid gap-1 rounded-lg bg-white p-3 ring-1 ring-slate-300 sm:grid-cols-[12rem_1fr]">
          <dt className="text-sm text-slate-600">{t('depositOwner')}</dt>
          <dd className="break-all font-mono text-base font-semibold" data-testid="security-deposit-owner">
            {config.deposit.owner.toBase58()}
          </dd>
          <dt className="text-sm text-slate-600">{t('depositTokenAccount')}</dt>
          <dd className="break-all font-mono text-sm" data-testid="security-deposit-token-account">
            {config.deposit.tokenAccount.toBase58()}
          </dd>
        </dl>
        <p className="text-slate-700">{t.rich('depositNote', { link: pageLink('/migrate#deposit') })}</p>
      </HeadedSection>
      <HeadedSection name="never" heading={t('neverHeading')} className="space-y-2 rounded-xl border-2 border-amber-400 bg-amber-50 p-5 text-amber-950">
        <ul className="list-disc space-y-1 pl-5">
          {listItems(t('never')).map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </HeadedSection>
      <HeadedSection name="drainers" heading={t('drainersHeading')} className="space-y-2">
        <p>{t('drainersBody')}</p>
        <StaleNotice asOf={drainersAsOf} />
        {drainers === null ? (
          <p role="status" className="text-amber-800">
            {t('drainersUnavailable')}
          </p>
        ) : drainers.length === 0 ? (
          <p className="text-slate-700">{t('drainersNone')}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="drainer-list">
            {drainers.map((d) => (
              <li key={d.address} className="p-3">
                <dl className="grid gap-1 sm:grid-cols-[8rem_1fr]">
                  <dt className="text-sm text-slate-600">{t('drainerAddress')}</dt>
                  <dd className="break-all font-mono text-sm">{d.address}</dd>
                  <dt className="text-sm text-slate-600">{t('drainerLabel')}</dt>
                  {/* Ops-written, English only (the list has one label per address). */}
                  <dd lang="en">{d.label}</dd>
                  <dt className="text-sm text-slate-600">{t('drainerAdded')}</dt>
                  <dd>
                    <time dateTime={d.addedAt.toISOString()}>{formatDate(d.addedAt, locale, { timeZone })}</time>
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </HeadedSection>
      <HeadedSection name="report" heading={t('reportHeading')} className="space-y-2">
        <p>{t.rich('reportBody', { link: pageLink('/support') })}</p>
      </HeadedSection>
    </div>
  );
}
