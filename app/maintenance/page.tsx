import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { STATUS_PAGE_PATH } from '@/components/status/maintenance-banner';
import { formatDateTime, formatRelative } from '@/lib/format';
import { MAINTENANCE_SOURCE_HEADER } from '@/lib/security/maintenance-gate';
import { activeIncidents } from '@/lib/status/incidents';
import { readMaintenance } from '@/lib/status/maintenance';

// Read per request: the flag, and the CSP nonce.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Paused for maintenance', robots: { index: false, follow: false } };

/**
 * What `/migrate` shows while the wallet flow is stopped: the middleware renders this page in its
 * place with HTTP 503 and `Retry-After`. Says why, since when, and where to read updates.
 */
export default async function MaintenancePage() {
  const now = new Date();
  const [state, incidents, requestHeaders] = await Promise.all([readMaintenance(), activeIncidents().catch(() => []), headers()]);
  // The middleware names the layer that stopped the flow; the database may say more (reason, since).
  const edgeSource = requestHeaders.get(MAINTENANCE_SOURCE_HEADER);
  const stopped = state.on || edgeSource !== null;
  const source = state.on ? state.source : edgeSource;
  return (
    <div className="space-y-6" data-testid="maintenance-page">
      <h1 className="text-3xl font-bold tracking-tight">{stopped ? 'The migration is paused' : 'The migration is not paused'}</h1>
      {stopped ? (
        <section className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-950" aria-labelledby="why-heading">
          <h2 id="why-heading" className="text-lg font-semibold">
            Why
          </h2>
          <p className="mt-1" data-testid="maintenance-why">
            {state.reason ??
              (source === 'deploy'
                ? 'The operators have stopped the wallet flow while they work on the portal.'
                : source === 'unreadable'
                  ? 'The portal cannot confirm right now that it is safe to continue, so it stopped the wallet flow to be safe.'
                  : 'The operators have paused the wallet flow.')}
          </p>
          {state.since && (
            <>
              <h2 className="mt-4 text-lg font-semibold">Since</h2>
              <p className="mt-1" data-testid="maintenance-since">
                <time dateTime={state.since.toISOString()}>{formatDateTime(state.since)}</time> ({formatRelative(state.since, now)})
              </p>
            </>
          )}
          <h2 className="mt-4 text-lg font-semibold">Where to read updates</h2>
          <p className="mt-1">
            On the{' '}
            <Link href={STATUS_PAGE_PATH} className="font-medium underline" data-testid="maintenance-status-link">
              status page
            </Link>{' '}
            of this site, also as a feed at <span className="font-mono text-sm">/api/v1/status/incidents.atom</span>. Nothing else speaks for the
            portal: ignore direct messages and &quot;support&quot; accounts.
          </p>
          <p className="mt-4">
            Your allocation is safe and nothing is lost while the portal is paused. Nothing was signed or sent. Come back when the pause is lifted.
          </p>
        </section>
      ) : (
        <p>
          The wallet flow is open. <Link href="/migrate" className="font-medium underline">Go to the migration</Link>.
        </p>
      )}
      {incidents.length > 0 && (
        <section aria-labelledby="incidents-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="incidents-heading" className="text-lg font-semibold">
            Open incidents
          </h2>
          <ul className="mt-2 space-y-2">
            {incidents.map((incident) => (
              <li key={incident.id}>
                <span className="font-medium">{incident.title.en}</span>
                {incident.updates[0] && <span className="text-slate-700">: {incident.updates[0].body.en}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
