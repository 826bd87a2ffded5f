import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { OpsConsole } from '@/components/ops/console';
import { OpsRefusal } from '@/components/ops/refusal';
import { OpsSignInLoader } from '@/components/ops/sign-in-loader';
import { ApiError } from '@/lib/http/errors';
import { authenticateOpsCookie, type OpsSession } from '@/lib/ops/auth';
import { loadConsoleData } from '@/lib/ops/console-data';

// Per request: the session, live state, and the CSP nonce.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Ops console', robots: { index: false, follow: false } };

/** The ops console (not linked from public pages; `noindex`). Signed out: the wallet sign-in. */
export default async function OpsPage() {
  let session: OpsSession | null = null;
  let refusal: ApiError | null = null;
  try {
    session = await authenticateOpsCookie((await headers()).get('cookie'));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'FORBIDDEN') refusal = error;
  }
  if (!session) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-3xl font-bold tracking-tight">Ops console</h1>
        <p className="text-slate-700">Sign in with an allowlisted ops wallet. Signing in signs a text message (or a memo transaction that is never sent); it moves no funds.</p>
        {refusal && <OpsRefusal code={refusal.code} message={refusal.message} status={refusal.status} />}
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <OpsSignInLoader />
        </section>
      </div>
    );
  }
  return <OpsConsole data={await loadConsoleData(session)} />;
}
