import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Receipt } from '@/components/migrate/receipt';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { readMaintenance } from '@/lib/maintenance/server';
import { getPublicMigrationParams } from '@/lib/migration/params';
import { getMigrationView } from '@/lib/migration/view';
import { pageLocale, pageMetadata } from '@/lib/i18n/page';

// Always the live state of the migration (and a per-request CSP nonce): never cached or prerendered.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ locale: string; id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return pageMetadata(params, 'receipt', `/receipt/${encodeURIComponent(id)}`, { robots: { index: false } });
}

export default async function ReceiptPage({ params: routeParams }: { params: Promise<{ locale: string; id: string }> }) {
  await pageLocale(routeParams);
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
