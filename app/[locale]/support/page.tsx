import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/layout/client-messages';
import { SupportForm } from '@/components/support/support-form';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { listExchanges } from '@/lib/status/exchanges';
import { readMaintenance } from '@/lib/maintenance/server';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { PageHeader } from '@/components/layout/page-parts';

// Per request: the maintenance banner, the exchange list and the CSP nonce.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'supportForm', '/support');
}

/** The support desk's public form (README "Operations", "Support desk"). Stays up in maintenance, with the banner. */
export default async function SupportPage({ params }: LocaleParams) {
  await pageLocale(params);
  const [t, maintenance, exchanges] = await Promise.all([getTranslations('supportForm'), readMaintenance(), listExchanges().catch(() => [])]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t('title')} intro={t('intro')} />
      <MaintenanceBanner state={maintenance} />
      <p className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 font-medium text-amber-950">{t('neverAsk')}</p>
      <ClientMessages namespaces={['supportForm', 'errors']}>
        <SupportForm exchanges={exchanges.map((e) => ({ slug: e.slug, name: e.name }))} />
      </ClientMessages>
    </div>
  );
}
