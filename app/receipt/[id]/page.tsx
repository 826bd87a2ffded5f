import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Receipt } from '@/components/migrate/receipt';
import { getPublicMigrationParams } from '@/lib/migration/params';
import { getMigrationView } from '@/lib/migration/service';

// Always the live state of the migration (and a per-request CSP nonce): never cached or prerendered.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Migration receipt', robots: { index: false } };

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const migration = await getMigrationView(id);
  if (!migration) notFound();
  return <Receipt migration={migration} params={await getPublicMigrationParams()} />;
}
