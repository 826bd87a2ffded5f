import type { Metadata } from 'next';
import { CHECK_MESSAGES as M } from '@/components/check/check-messages';
import { CheckTool } from '@/components/check/check-tool';
import { getOfficialParams } from '@/lib/migration/official-params';

// Per request: the CSP nonce (a prerendered page would never hydrate under 'strict-dynamic').
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: M.title };

/** "Is this transaction official?" (issue 7, part 6): the verdict and decode happen in the browser. */
export default function CheckPage() {
  const params = getOfficialParams();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{M.title}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{M.intro}</p>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">{M.whatOfficialMeans(params.ratio)}</p>
      </div>
      <CheckTool params={params} />
    </div>
  );
}
