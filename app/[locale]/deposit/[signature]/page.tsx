import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/layout/client-messages';
import { PageHeader } from '@/components/layout/page-parts';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { DepositTracker } from '@/components/deposit/deposit-tracker';
import { LocaleLink } from '@/components/ui/locale-link';
import { readMaintenance } from '@/lib/maintenance/server';
import { getPublicMigrationParams } from '@/lib/migration/params';
import { pageLocale, pageMetadata } from '@/lib/i18n/page';
import { TRANSACTION_SIGNATURE_SHAPE } from '@/lib/text/patterns';

// The deposit's live state (and a per-request CSP nonce): never cached or prerendered.
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ locale: string; signature: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { signature } = await params;
  return pageMetadata(params, 'deposit.page', `/deposit/${encodeURIComponent(signature)}`, { robots: { index: false } });
}

/**
 * A deposit's page (the deposit's receipt; the wallet history links here): the deposit tracked by
 * its signature, as `GET /api/v1/deposits/{signature}` answers it, looked at again while pending
 * (DESIGN.md "Deposit and receive"). A path that is not a signature's shape is a 404.
 */
export default async function DepositPage({ params: routeParams }: Params) {
  await pageLocale(routeParams);
  const { signature } = await routeParams;
  if (!TRANSACTION_SIGNATURE_SHAPE.test(signature)) notFound();
  const [t, params, maintenance] = await Promise.all([getTranslations('deposit.page'), getPublicMigrationParams(), readMaintenance()]);
  return (
    <div className="space-y-6">
      <MaintenanceBanner state={maintenance} />
      <PageHeader title={t('title')} intro={t('intro')} narrow />
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <ClientMessages namespaces={['deposit', 'errors', 'addressCheck', 'history', 'explorer']}>
          <DepositTracker params={params} initialSignature={signature} showPageLink={false} headingLevel={2} />
        </ClientMessages>
      </div>
      <p>
        <LocaleLink href="/migrate#deposit" className="font-medium text-brand underline underline-offset-4">
          {t('back')}
        </LocaleLink>
      </p>
    </div>
  );
}
