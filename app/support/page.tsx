import type { Metadata } from 'next';
import { SUPPORT_FORM_MESSAGES as M } from '@/components/support/form-messages';
import { SupportForm } from '@/components/support/support-form';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { listExchanges } from '@/lib/status/exchanges';
import { readMaintenance } from '@/lib/status/maintenance';

// Per request: the maintenance banner, the exchange list and the CSP nonce.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Support' };

/** The support desk's public form (issue "Ops console…" §5). Stays up in maintenance, with the banner. */
export default async function SupportPage() {
  const [maintenance, exchanges] = await Promise.all([readMaintenance(), listExchanges().catch(() => [])]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{M.title}</h1>
        <p className="mt-2 text-slate-700">{M.intro}</p>
      </div>
      <MaintenanceBanner state={maintenance} />
      <p className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 font-medium text-amber-950">{M.neverAsk}</p>
      <SupportForm exchanges={exchanges.map((e) => ({ slug: e.slug, name: e.name }))} />
    </div>
  );
}
