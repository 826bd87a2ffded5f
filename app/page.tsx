import { AddressesCard, ChainFiguresCard, WindowCard } from '@/components/status/home-status';
import { readHomeStatus } from '@/lib/status/home';

// Live figures and a per-request CSP nonce: never prerendered.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const status = await readHomeStatus();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Migrate AI16Z to ELIZAOS</h1>
        <p className="mt-2 max-w-2xl text-slate-700">
          Holders in the snapshot receive {status.ratio.toString()} ELIZAOS for every AI16Z, in one transaction signed from the wallet
          they already use.
        </p>
      </div>
      {status.killSwitch && (
        <p role="alert" data-testid="maintenance-notice" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
          The wallet flow is paused for maintenance. Your allocation is safe; this page stays up with the latest status.
        </p>
      )}
      <WindowCard status={status} />
      <ChainFiguresCard status={status} />
      <AddressesCard status={status} />
    </div>
  );
}
