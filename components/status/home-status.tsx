import type { HomeStatus } from '@/lib/status/home';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';

const STATE_TEXT = {
  scheduled: { label: 'Scheduled', tone: 'bg-amber-100 text-amber-900 ring-amber-300' },
  open: { label: 'Open', tone: 'bg-emerald-100 text-emerald-900 ring-emerald-300' },
  closed: { label: 'Closed', tone: 'bg-slate-200 text-slate-800 ring-slate-300' },
} as const;

export function WindowCard({ status }: { status: HomeStatus }) {
  const { window, now } = status;
  const state = STATE_TEXT[window.state];
  return (
    <section aria-labelledby="window-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="window-heading" className="text-lg font-semibold">
          Migration window
        </h2>
        <span data-testid="window-state" className={`rounded-full px-3 py-0.5 text-sm font-medium ring-1 ${state.tone}`}>
          {state.label}
        </span>
      </div>
      <p className="mt-3 text-slate-700" data-testid="window-when">
        {window.state === 'scheduled' && <>Opens {formatRelative(window.opensAt, now)}, on {formatDateTime(window.opensAt)}.</>}
        {window.state === 'open' && <>Open now. Closes {formatRelative(window.closesAt, now)}, on {formatDateTime(window.closesAt)}.</>}
        {window.state === 'closed' && <>Closed on {formatDateTime(window.closesAt)}.</>}
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <Fact term="Ratio" testId="ratio">
          1 AI16Z : {status.ratio.toString()} ELIZAOS
        </Fact>
        <Fact term="Snapshot" testId="snapshot-date">
          {formatDate(status.snapshotTakenAt)}
        </Fact>
        <Fact term="Window" testId="window-dates">
          {formatDate(window.opensAt)} – {formatDate(window.closesAt)}
        </Fact>
      </dl>
      <p className="mt-4 text-sm text-slate-600">
        Only AI16Z held by a wallet at the snapshot can be migrated. Tokens bought after the snapshot are not eligible.
      </p>
    </section>
  );
}

export function ChainFiguresCard({ status }: { status: HomeStatus }) {
  const { chain, ai16z, elizaos } = status;
  return (
    <section aria-labelledby="figures-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="figures-heading" className="text-lg font-semibold">
        Live on chain
      </h2>
      {chain.figures ? (
        <>
          <dl className="mt-4 grid gap-4 sm:grid-cols-3">
            <Fact term="AI16Z in the migration vault" testId="vault-balance">
              {formatBaseUnits(chain.figures.vaultAi16z, ai16z.decimals, { maxFractionDigits: 2 })} AI16Z
            </Fact>
            <Fact term="ELIZAOS in the treasury" testId="treasury-balance">
              {formatBaseUnits(chain.figures.treasuryElizaos, elizaos.decimals, { maxFractionDigits: 2 })} ELIZAOS
            </Fact>
            <Fact term="ELIZAOS the portal may still issue" testId="delegate-allowance">
              {formatBaseUnits(chain.figures.delegateAllowance, elizaos.decimals, { maxFractionDigits: 2 })} ELIZAOS
            </Fact>
          </dl>
          <p className="mt-3 text-xs text-slate-500" data-testid="figures-slot">
            Read at slot {chain.figures.slot.toLocaleString('en')} on {status.cluster}.
          </p>
        </>
      ) : (
        <p role="status" className="mt-3 text-amber-800" data-testid="figures-unavailable">
          Live figures are unavailable right now (the network could not be read). The migration rules below still apply.
        </p>
      )}
    </section>
  );
}

export function AddressesCard({ status }: { status: HomeStatus }) {
  const rows = [
    ['AI16Z mint', status.ai16z.mint],
    ['ELIZAOS mint', status.elizaos.mint],
    ['Migration vault (AI16Z token account)', status.vaultTokenAccount],
    ['Treasury (ELIZAOS token account)', status.treasuryTokenAccount],
  ] as const;
  return (
    <section aria-labelledby="addresses-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="addresses-heading" className="text-lg font-semibold">
        Official addresses
      </h2>
      <p className="mt-1 text-sm text-slate-600">A genuine migration transaction only ever moves tokens between these accounts and your own.</p>
      <dl className="mt-4 space-y-3">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt className="text-sm text-slate-600">{term}</dt>
            <dd className="break-all font-mono text-sm">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Fact({ term, testId, children }: { term: string; testId: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
