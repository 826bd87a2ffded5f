import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/layout/client-messages';
import { SupportForm } from '@/components/support/support-form';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { exchangeName, listExchanges } from '@/lib/status/exchanges';
import { pickLocalized } from '@/lib/status/localized';
import { migrationIdSchema } from '@/lib/support/schema';
import { readMaintenance } from '@/lib/maintenance/server';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { PageHeader } from '@/components/layout/page-parts';

// Per request: the maintenance banner, the exchange list and the CSP nonce.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'supportForm', '/support');
}

/** The support desk's public form (README "Operations", "Support desk"). Stays up in maintenance, with the banner. */
export default async function SupportPage({ params, searchParams }: LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = await pageLocale(params);
  const [t, maintenance, exchanges, query] = await Promise.all([getTranslations('supportForm'), readMaintenance(), listExchanges().catch(() => []), searchParams]);
  // `?migration=<id>` from a failure screen or a receipt: the form starts with it filled in.
  const asked = typeof query.migration === 'string' ? migrationIdSchema.safeParse(query.migration) : null;
  const migrationId = asked?.success ? asked.data : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t('title')} intro={t('intro')} />
      <MaintenanceBanner state={maintenance} />
      <p className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 font-medium text-amber-950">{t('neverAsk')}</p>
      <ClientMessages namespaces={['supportForm', 'errors', 'exchanges', 'incidentBanner']}>
        <SupportForm
          migrationId={migrationId}
          exchanges={exchanges.map((e) => {
            const action = pickLocalized(e.holderAction, locale);
            return {
              slug: e.slug,
              name: exchangeName(e, locale),
              ticketName: e.name,
              state: e.state,
              whoMigrates: e.whoMigrates,
              action: { text: action.text, lang: action.lang, fallback: action.fallback },
              updatedAt: e.updatedAt.toISOString(),
              nextCheckIn: e.nextCheckIn?.toISOString() ?? null,
            };
          })}
        />
      </ClientMessages>
    </div>
  );
}
