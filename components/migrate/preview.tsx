import { useTranslations } from 'next-intl';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { MAX_PRIORITY_FEE_LAMPORTS } from '@/lib/solana/constants';
import type { DecodedMigration } from '@/lib/solana/policy';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import type { ErrorTextContext } from '@/components/errors/error-text';
import { ErrorNotice } from '@/components/errors/error-notice';
import { SimulationFailure } from '@/components/migrate/errors';
import type { BalanceChange } from '@/components/migrate/simulate';
import type { FlowStep, Review } from '@/components/migrate/use-migration-flow';

const SOL_DECIMALS = 9;
const LAMPORTS_PER_SIGNATURE = 5_000n;

/**
 * What the transaction does, rendered only from this browser's own decode of the exact bytes the
 * wallet will sign (never from text the server sent), plus the chain's own dry run of it. Once the
 * wallet has signed, `signed` is this browser's decode of what it returned: the priority fee the
 * wallet set is shown from it.
 */
export function Preview({
  review,
  signed,
  step,
  canSign,
  locale,
  errorContext,
  onSign,
  onCancel,
}: {
  review: Review;
  signed: DecodedMigration | null;
  step: FlowStep;
  canSign: boolean;
  locale?: string;
  errorContext: ErrorTextContext;
  onSign: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('flow');
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
        {t('previewHeading')}
      </h2>
      <p className="mt-1 flex items-center gap-2 text-sm text-emerald-800" data-testid="verified-badge">
        <span aria-hidden="true" className="inline-flex h-5 w-5 items-center justify-center rounded-full bg-emerald-600 text-xs text-white">
          ✓
        </span>
        {t('verified')}
      </p>

      <dl className="mt-4 space-y-4">
        <Fact term={t('youSend')} testId="preview-send">
          {t.rich('sendValue', { amount: formatBaseUnits(m.sends.amount, m.sends.decimals, { locale }), b: (chunks) => <strong className="tabular-nums">{chunks}</strong> })}{' '}
          <code className="break-all font-mono text-sm">{m.sends.destination}</code>
        </Fact>
        <Fact term={t('youReceive')} testId="preview-receive">
          {t.rich('receiveValue', { amount: formatBaseUnits(m.receives.amount, m.receives.decimals, { locale }), b: (chunks) => <strong className="tabular-nums">{chunks}</strong> })}{' '}
          <code className="break-all font-mono text-sm">{m.receives.source}</code>
        </Fact>
        <Fact term={t('fee')} testId="preview-fee">
          {sol(baseFee)}
          {m.maxPriorityFeeLamports > 0n && <> {t('priorityFee', { fee: sol(m.maxPriorityFeeLamports) })}</>}
          <span className="mt-1 block text-sm text-slate-600" data-testid="preview-priority-fee">
            {signed
              ? signed.maxPriorityFeeLamports > 0n
                ? t('walletPriorityFee', { fee: sol(signed.maxPriorityFeeLamports) })
                : t('walletNoPriorityFee')
              : t('priorityFeeCap', { cap: sol(MAX_PRIORITY_FEE_LAMPORTS) })}
          </span>
        </Fact>
        <Fact term={t('tokenAccount')} testId="preview-rent">
          {m.ataCreated ? t('rentCreated', { rent: sol(rent) }) : t('rentExists')}
        </Fact>
        <Fact term={t('programs')} testId="preview-programs">
          <ul className="list-disc pl-5">
            {m.programs.map((p) => (
              <li key={p.programId}>
                {p.name} <code className="break-all font-mono text-xs text-slate-500">{p.programId}</code>
              </li>
            ))}
          </ul>
        </Fact>
        <Fact term={t('nothingElse')} testId="preview-nothing-else">
          {t('nothingElseValue')}
          {m.walletAddedInstructions.length > 0 && <> {t('guardInstructions', { count: m.walletAddedInstructions.length })}</>}
        </Fact>
        <Fact term={t('memo')} testId="preview-memo">
          <code className="break-all font-mono text-sm">{m.memo}</code>
        </Fact>
        <Fact term={t('messageHash')} testId="preview-message-hash">
          <code className="break-all font-mono text-sm">{m.messageHash}</code>
          <span className="mt-1 block text-sm text-slate-600">
            {t('hashNote')}
          </span>
        </Fact>
      </dl>

      <BalanceChanges simulation={simulation.status} changes={simulated?.changes ?? null} locale={locale} />
      {simulationFailed && (
        <div className="mt-4">
          <ErrorNotice error={new SimulationFailure(simulationFailed.reason)} context={errorContext} />
        </div>
      )}

      <SigningHardwareHint />
      <p className="mt-4 text-sm text-slate-600">
        {t('signBefore', { time: review.expiresAt.toLocaleTimeString(locale) })}
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={onSign}
          disabled={!signable}
          className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
          data-testid="sign-button"
        >
          {t('approve')}
        </button>
        {step === 'review' && (
          <button type="button" onClick={onCancel} className="rounded-lg border border-slate-300 px-4 py-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand">
            {t('cancel')}
          </button>
        )}
        <p role="status" className="text-sm text-slate-700" data-testid="sign-status">
          {step === 'review' && simulation.status === 'running' && t('simulating')}
          {step === 'review' && !canSign && t('cannotSign')}
          {step === 'signing' && t('checkWallet')}
          {step === 'submitting' && t('sending')}
          {step === 'confirming' && t('confirmingStatus')}
        </p>
      </div>
    </section>
  );
}

/** The signing step's hardware-wallet hint: blind signing and the hash check, with the guide (README "Pages and languages": `/guides/ledger`). */
function SigningHardwareHint() {
  const t = useTranslations('ledger');
  return (
    <p className="mt-4 rounded-lg border border-blue-200 bg-blue-50 p-3 text-sm text-blue-950" data-testid="signing-ledger-hint">
      {t('signingHint')}{' '}
      <ClientLocaleLink href="/guides/ledger#blind" className="font-medium underline underline-offset-4">
        {t('guideLink')}
      </ClientLocaleLink>
    </p>
  );
}

function BalanceChanges({ simulation, changes, locale }: { simulation: Review['simulation']['status']; changes: BalanceChange[] | null; locale?: string }) {
  const t = useTranslations('flow');
  return (
    <div className="mt-6" data-testid="balance-changes">
      <h3 className="font-medium">{t('balancesHeading')}</h3>
      {simulation === 'running' && (
        <p role="status" className="mt-1 text-sm text-slate-600">
          {t('simulatingShort')}
        </p>
      )}
      {simulation === 'unavailable' && <p className="mt-1 text-sm text-amber-800">{t('simulationUnavailable')}</p>}
      {changes && (
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr className="text-slate-600">
              <th scope="col" className="py-1 font-normal">
                {t('token')}
              </th>
              {(['before', 'after', 'change'] as const).map((column) => (
                <th key={column} scope="col" className="py-1 text-right font-normal">
                  {t(column)}
                </th>
              ))}
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

