import type { Metadata } from 'next';
import { TICKET_PAGE_MESSAGES as M } from '@/components/support/ticket-messages';
import { TicketView } from '@/components/support/ticket-view';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { readMaintenance } from '@/lib/status/maintenance';

// Per request (banner, CSP nonce). The ticket itself is fetched in the browser with the key from
// the link's fragment, which never reaches this server as part of a URL.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Support ticket', robots: { index: false, follow: false } };

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, maintenance] = await Promise.all([params, readMaintenance()]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{M.title}</h1>
      <MaintenanceBanner state={maintenance} />
      <TicketView id={id} />
    </div>
  );
}
