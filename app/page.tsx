import Link from 'next/link';
import { AddressesCard, ChainFiguresCard, WindowCard } from '@/components/status/home-status';
import { MaintenanceBanner } from '@/components/status/maintenance-banner';
import { readHomeStatus } from '@/lib/status/home';
import { readMaintenance } from '@/lib/status/maintenance';

// Live figures and a per-request CSP nonce: never prerendered.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [status, maintenance] = await Promise.all([readHomeStatus(), readMaintenance()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Migrate AI16Z to ELIZAOS</h1>
        <p className="mt-2 max-w-2xl text-slate-700">
          Holders in the snapshot receive {status.ratio.toString()} ELIZAOS for every AI16Z, in one transaction signed from the wallet
          they already use.
        </p>
        <p className="mt-2 max-w-2xl text-slate-700">
          Someone sent you a transaction to sign?{' '}
          <Link href="/check" className="font-medium text-brand underline" data-testid="check-link">
            Check whether it is official
          </Link>{' '}
          before you sign anything.
        </p>
      </div>
      <MaintenanceBanner state={maintenance} />
      <WindowCard status={status} />
      <ChainFiguresCard status={status} />
      <AddressesCard status={status} />
    </div>
  );
}
