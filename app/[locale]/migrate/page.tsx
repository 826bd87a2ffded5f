import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { AddressCheckSlot } from '@/components/address-check/address-check-slot';
import { ClientMessages } from '@/components/layout/client-messages';
import { MigrateFlowLoader } from '@/components/migrate/migrate-flow-loader';
import { FlowUnavailable } from '@/components/migrate/window-notice';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { getPublicMigrationParams } from '@/lib/migration/params';
import { PageHeader } from '@/components/layout/page-parts';
import { DepositSection } from '@/components/deposit/deposit-section';
import { walletEnvironment } from '@/components/wallet/environment';

// The window, the kill switch and the per-request CSP nonce are read per request.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'migrate', '/migrate');
}

export default async function MigratePage({ params: routeParams }: LocaleParams) {
  const locale = await pageLocale(routeParams);
  const now = new Date();
  const [t, params, requestHeaders] = await Promise.all([getTranslations('migrate'), getPublicMigrationParams(now), headers()]);
  // Only where the wallet list is drawn before the browser is read (a phone's list is longer): the
  // layout, never a decision (the browser reads itself on hydration). Served over https.
  const expected = walletEnvironment({ userAgent: requestHeaders.get('user-agent') ?? '' }, true);
  const unavailable = params.maintenance ? 'maintenance' : params.window.state === 'open' ? null : params.window.state;
  return (
    // At least a screen tall: the footer is never on a phone's first screen, so it does not move
    // when the wallet picker replaces the loading box (Lighthouse CLS).
    <div className="min-h-screen space-y-6">
      <PageHeader title={t('heading')} intro={t('intro', { ratio: params.ratio })} narrow />
      {unavailable ? (
        <FlowUnavailable kind={unavailable} opensAt={new Date(params.window.opensAt)} closesAt={new Date(params.window.closesAt)} now={now} />
      ) : (
        <ClientMessages namespaces={['flow', 'errors', 'ledger', 'pickerHints', 'policy', 'strayDelegations', 'wallets', 'addressCheck', 'explorer', 'history', 'deposit']}>
          <MigrateFlowLoader params={params} expected={expected} />
          {/* Before a wallet is connected: any address, read without connecting (hidden once one is). */}
          <AddressCheckSlot params={params} />
          {/* For holders whose wallet cannot connect: a plain transfer to the deposit address. */}
          <DepositSection params={params} locale={locale} />
        </ClientMessages>
      )}
    </div>
  );
}
