import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { AddressCheckForm } from '@/components/address-check/address-check-form';
import { pageLink } from '@/components/content/rich';
import { AddressesCard, ChainFiguresCard, TotalsCard, WindowCard } from '@/components/status/home-status';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { LocaleLink } from '@/components/ui/locale-link';
import { incidentFeedPath, type LocaleParams, pageLocale } from '@/lib/i18n/page';
import { localeAlternates } from '@/lib/i18n/metadata';
import { readHomeStatus } from '@/lib/status/home';
import { readMaintenance } from '@/lib/maintenance/server';
import { knownTotals } from '@/lib/status/public-status';
import { StaleNotice } from '@/components/status/stale-notice';
import { checkAddressForPage } from '@/lib/migration/address-check';

// Live figures and a per-request CSP nonce: never prerendered.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  return { alternates: { ...localeAlternates(locale, '/'), types: { 'application/atom+xml': incidentFeedPath(locale) } } };
}

type HomeProps = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Home / status: the window, the call to migrate, the address check (`?address=…`, answered here
 * without any script), the totals, the live chain figures and the official addresses.
 */
export default async function HomePage({ params, searchParams }: HomeProps) {
  await pageLocale(params);
  const query = (await searchParams).address;
  const address = typeof query === 'string' ? query : Array.isArray(query) ? (query[0] ?? '') : null;
  const [t, status, maintenance, knownTotalsRead, checked] = await Promise.all([
    getTranslations('home'),
    readHomeStatus(),
    readMaintenance(),
    // The page stays up without the database: the last known totals "as of" their read, or, when
    // none was ever read, the card says they are unavailable (lib/status/last-known.ts logs why).
    knownTotals().catch(() => null),
    address === null ? null : checkAddressForPage(address, { headers: await headers() }),
  ]);
  const totals = knownTotalsRead?.value ?? null;
  const state = status.window.state;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{t('intro', { ratio: status.ratio.toString() })}</p>
        <p className="mt-2 max-w-2xl text-slate-700">
          {t.rich('checkNote', {
            link: (chunks) => (
              <LocaleLink href="/check" className="font-medium text-brand underline" data-testid="check-link">
                {chunks}
              </LocaleLink>
            ),
          })}
        </p>
      </div>
      <MaintenanceBanner state={maintenance} />
      <StaleNotice asOf={knownTotalsRead?.stale ? knownTotalsRead.asOf : null} />
      <div className="rounded-xl border-2 border-brand bg-blue-50 p-6" data-testid="home-cta">
        {state === 'open' && !maintenance.on && (
          <div className="flex flex-wrap items-center gap-4">
            <LocaleLink href="/migrate" className="rounded-lg bg-brand px-5 py-3 text-lg font-semibold text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand">
              {t('ctaOpen')}
            </LocaleLink>
            <p className="max-w-xl text-slate-800">{t('ctaOpenNote')}</p>
          </div>
        )}
        {state === 'open' && maintenance.on && <p className="font-medium text-slate-900">{t('ctaMaintenance')}</p>}
        {state === 'scheduled' && <p className="font-medium text-slate-900">{t('ctaScheduled')}</p>}
        {state === 'closed' && <p className="font-medium text-slate-900">{t.rich('ctaClosed', { link: pageLink('/support') })}</p>}
        <p className="mt-3 text-sm text-slate-800">{t.rich('exchangeNote', { link: pageLink('/status#exchanges') })}</p>
      </div>
      <AddressCheckForm value={address} result={checked} ai16zDecimals={status.ai16z.decimals} snapshotTakenAt={status.snapshotTakenAt.toISOString()} />
      <WindowCard status={status} />
      <TotalsCard status={status} totals={totals} />
      <ChainFiguresCard status={status} />
      <AddressesCard status={status} />
    </div>
  );
}
