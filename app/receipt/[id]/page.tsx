import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Receipt } from '@/components/migrate/receipt';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { readMaintenance } from '@/lib/status/maintenance';
import { getPublicMigrationParams } from '@/lib/migration/params';
import { getMigrationView } from '@/lib/migration/service';

// Always the live state of the migration (and a per-request CSP nonce): never cached or prerendered.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Migration receipt', robots: { index: false } };

export default async function ReceiptPage({ params: routeParams }: { params: Promise<{ id: string }> }) {
  const { id } = await routeParams;
  const migration = await getMigrationView(id);
  if (!migration) notFound();
  const [params, maintenance] = await Promise.all([getPublicMigrationParams(), readMaintenance()]);
  return (
    <div className="space-y-6">
      <MaintenanceBanner state={maintenance} />
      <Receipt migration={migration} params={params} />
    </div>
  );
}
