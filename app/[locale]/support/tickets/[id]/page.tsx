import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/layout/client-messages';
import { TicketView } from '@/components/support/ticket-view';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { readMaintenance } from '@/lib/maintenance/server';
import { pageLocale, pageMetadata } from '@/lib/i18n/page';

// Per request (banner, CSP nonce). The ticket itself is fetched in the browser with the key from
// the link's fragment, which never reaches this server as part of a URL.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string; id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return pageMetadata(params, 'ticket', `/support/tickets/${encodeURIComponent(id)}`, { robots: { index: false, follow: false } });
}

export default async function TicketPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  await pageLocale(params);
  const [{ id }, maintenance, t] = await Promise.all([params, readMaintenance(), getTranslations('ticket')]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
      <MaintenanceBanner state={maintenance} />
      <ClientMessages namespaces={['ticket', 'errors']}>
        <TicketView id={id} />
      </ClientMessages>
    </div>
  );
}
