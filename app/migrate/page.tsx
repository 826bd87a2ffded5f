import type { Metadata } from 'next';
import { MigrateFlowLoader } from '@/components/migrate/migrate-flow-loader';
import { FlowUnavailable } from '@/components/migrate/window-notice';
import { getPublicMigrationParams } from '@/lib/migration/params';

// The window, the kill switch and the per-request CSP nonce are read per request.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Migrate' };

export default async function MigratePage() {
  const now = new Date();
  const params = await getPublicMigrationParams(now);
  const unavailable = params.maintenance ? 'maintenance' : params.window.state === 'open' ? null : params.window.state;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Migrate AI16Z to ELIZAOS</h1>
        <p className="mt-2 max-w-2xl text-slate-700">
          One transaction, signed in your own wallet: your AI16Z goes to the migration vault and you receive {params.ratio} ELIZAOS for each
          one. This page checks the transaction itself before your wallet sees it, and shows you what it does.
        </p>
      </div>
      {unavailable ? (
        <FlowUnavailable kind={unavailable} opensAt={new Date(params.window.opensAt)} closesAt={new Date(params.window.closesAt)} now={now} />
      ) : (
        <MigrateFlowLoader params={params} />
      )}
    </div>
  );
}
