import { formatBaseUnits } from '@/lib/solana/amounts';
import type { ErrorTextContext } from '@/components/migrate/error-text';
import { ErrorNotice } from '@/components/migrate/error-notice';
import { SimulationFailure } from '@/components/migrate/errors';
import type { BalanceChange } from '@/components/migrate/simulate';
import type { FlowStep, Review } from '@/components/migrate/use-migration-flow';

const SOL_DECIMALS = 9;
const LAMPORTS_PER_SIGNATURE = 5_000n;

/**
 * What the transaction does, rendered only from this browser's own decode of the exact bytes the
 * wallet will sign (never from text the server sent), plus the chain's own dry run of it.
 */
export function Preview({
  review,
  step,
  canSign,
  locale,
  errorContext,
  onSign,
  onCancel,
}: {
  review: Review;
  step: FlowStep;
  canSign: boolean;
  locale?: string;
  errorContext: ErrorTextContext;
  onSign: () => void;
  onCancel: () => void;
}) {
  const m = review.verified.migration;
  const sol = (lamports: bigint) => `${formatBaseUnits(lamports, SOL_DECIMALS, { locale })} SOL`;
  const baseFee = LAMPORTS_PER_SIGNATURE * BigInt(m.signers.length);
  const simulation = review.simulation;
  const simulated = simulation.status === 'done' && simulation.result.ok ? simulation.result : null;
  const simulationFailed = simulation.status === 'done' && !simulation.result.ok ? simulation.result : null;
  const rent = m.ataCreated ? (simulated?.elizaosAccountRentLamports ?? BigInt(review.fees.ataRentLamports)) : 0n;
  const signable = step === 'review' && canSign && simulation.status !== 'running' && simulationFailed === null;

  return (
    <section aria-labelledby="preview-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="preview">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Check the transaction before you sign
      </h2>
      <p className="mt-1 flex items-center gap-2 text-sm text-emerald-800" data-testid="verified-badge">
        <span aria-hidden="true" className="inline-flex h-5 w-5 items-center justify-center rounded-full bg-emerald-600 text-xs text-white">
          ✓
        </span>
        Checked in this browser: this is the official migration transaction, for the amount you entered.
      </p>

      <dl className="mt-4 space-y-4">
        <Fact term="You send" testId="preview-send">
          <strong className="tabular-nums">{formatBaseUnits(m.sends.amount, m.sends.decimals, { locale })} AI16Z</strong> to the migration vault{' '}
          <code className="break-all font-mono text-sm">{m.sends.destination}</code>
        </Fact>
        <Fact term="You receive" testId="preview-receive">
          <strong className="tabular-nums">{formatBaseUnits(m.receives.amount, m.receives.decimals, { locale })} ELIZAOS</strong> from the migration treasury{' '}
          <code className="break-all font-mono text-sm">{m.receives.source}</code>
        </Fact>
        <Fact term="Network fee (paid in SOL by you)" testId="preview-fee">
          {sol(baseFee)}
          {m.maxPriorityFeeLamports > 0n && <> plus a priority fee of at most {sol(m.maxPriorityFeeLamports)}</>}
        </Fact>
        <Fact term="ELIZAOS token account" testId="preview-rent">
          {m.ataCreated ? (
            <>Created for you the first time: {sol(rent)} of rent, held in the account (returned if you ever close it).</>
          ) : (
            <>Already exists: no rent.</>
          )}
        </Fact>
        <Fact term="Programs involved" testId="preview-programs">
          <ul className="list-disc pl-5">
            {m.programs.map((p) => (
              <li key={p.programId}>
                {p.name} <code className="break-all font-mono text-xs text-slate-500">{p.programId}</code>
              </li>
            ))}
          </ul>
        </Fact>
        <Fact term="Nothing else" testId="preview-nothing-else">
          No approvals, no authority changes, nothing else: no other token or SOL leaves your wallet.
          {m.walletAddedInstructions.length > 0 && <> Your wallet added {m.walletAddedInstructions.length} guard instruction(s).</>}
        </Fact>
        <Fact term="Memo" testId="preview-memo">
          <code className="break-all font-mono text-sm">{m.memo}</code>
        </Fact>
        <Fact term="Message hash" testId="preview-message-hash">
          <code className="break-all font-mono text-sm">{m.messageHash}</code>
          <span className="mt-1 block text-sm text-slate-600">
            A Ledger blind-signing this transaction shows this hash: approve on the device only if it is the same.
          </span>
        </Fact>
      </dl>

      <BalanceChanges simulation={simulation.status} changes={simulated?.changes ?? null} locale={locale} />
      {simulationFailed && (
        <div className="mt-4">
          <ErrorNotice error={new SimulationFailure(simulationFailed.reason)} context={errorContext} />
        </div>
      )}

      <p className="mt-4 text-sm text-slate-600">
        Sign before <time dateTime={review.expiresAt.toISOString()}>{review.expiresAt.toLocaleTimeString(locale)}</time>: the transaction is valid for about a minute.
        Your wallet signs only; the portal adds its co-signature and sends it.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={onSign}
          disabled={!signable}
          className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
          data-testid="sign-button"
        >
          Approve in your wallet
        </button>
        {step === 'review' && (
          <button type="button" onClick={onCancel} className="rounded-lg border border-slate-300 px-4 py-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand">
            Cancel
          </button>
        )}
        <p role="status" className="text-sm text-slate-700" data-testid="sign-status">
          {step === 'review' && simulation.status === 'running' && 'Running a dry run of the transaction on Solana…'}
          {step === 'review' && !canSign && 'This wallet cannot sign transactions; connect another wallet.'}
          {step === 'signing' && 'Check your wallet and approve the transaction there.'}
          {step === 'submitting' && 'Sending the signed transaction…'}
          {step === 'confirming' && 'Sent. Waiting for Solana to confirm…'}
        </p>
      </div>
    </section>
  );
}

function BalanceChanges({ simulation, changes, locale }: { simulation: Review['simulation']['status']; changes: BalanceChange[] | null; locale?: string }) {
  return (
    <div className="mt-6" data-testid="balance-changes">
      <h3 className="font-medium">Your balances, simulated on Solana</h3>
      {simulation === 'running' && (
        <p role="status" className="mt-1 text-sm text-slate-600">
          Simulating…
        </p>
      )}
      {simulation === 'unavailable' && <p className="mt-1 text-sm text-amber-800">The simulation could not be run just now. The checks above still apply.</p>}
      {changes && (
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr className="text-slate-600">
              <th scope="col" className="py-1 font-normal">
                Token
              </th>
              <th scope="col" className="py-1 text-right font-normal">
                Before
              </th>
              <th scope="col" className="py-1 text-right font-normal">
                After
              </th>
              <th scope="col" className="py-1 text-right font-normal">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const delta = c.after - c.before;
              return (
                <tr key={c.token} className="border-t border-slate-100 tabular-nums" data-testid={`balance-${c.token.toLowerCase()}`}>
                  <th scope="row" className="py-1 font-medium">
                    {c.token}
                  </th>
                  <td className="py-1 text-right" data-testid="before">
                    {formatBaseUnits(c.before, c.decimals, { locale })}
                  </td>
                  <td className="py-1 text-right" data-testid="after">
                    {formatBaseUnits(c.after, c.decimals, { locale })}
                  </td>
                  <td className={`py-1 text-right ${delta < 0n ? 'text-red-800' : 'text-emerald-800'}`} data-testid="delta">
                    {delta < 0n ? '−' : '+'}
                    {formatBaseUnits(delta < 0n ? -delta : delta, c.decimals, { locale })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Fact({ term, testId, children }: { term: string; testId: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="mt-0.5" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

