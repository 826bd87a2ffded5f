import { useTranslations } from 'next-intl';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatCountdown } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { MAX_PRIORITY_FEE_LAMPORTS } from '@/lib/solana/constants';
import { associatedTokenAccountSize, defaultRentExemptLamports, solWorthInElizaos } from '@/lib/solana/sol-needed';
import { PublicKey } from '@solana/web3.js';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import { describeSubmitWarning, type ErrorTextContext } from '@/components/errors/error-text';
import { ErrorNotice, ErrorText } from '@/components/errors/error-notice';
import { SimulationFailure } from '@/components/migrate/errors';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { networkFeeLamports, rentLamports } from '@/components/migrate/figures';
import type { BalanceChange } from '@/components/migrate/simulate';
import { MAX_AUTO_REFRESHES, type FlowState, type Review } from '@/components/migrate/use-migration-flow';
import { useFocusOnChange } from '@/components/ui/use-focus-on-change';
import { useNow } from '@/components/ui/reader-time-zone';

const SOL_DECIMALS = 9;

type PreviewState = Extract<FlowState, { step: 'review' | 'signing' | 'submitting' | 'confirming' }>;
type PreviewParams = Pick<PublicMigrationParams, 'cluster' | 'rpcUrlForExplorer' | 'elizaos' | 'dustReference'>;

/**
 * What the transaction does, rendered only from this browser's own decode of the exact bytes the
 * wallet will sign (never from text the server sent), plus the chain's own dry run of it. The
 * summary comes first (you send, you receive, the fee, a new account's rent), as a wallet's
 * confirmation does; programs, memo and message hash fold under Details; the Ledger hint stays in
 * view. While the holder reads it, a countdown shows how long the transaction stays valid, and an
 * expiring one is replaced by a fresh one (use-migration-flow.ts); once it expires unsigned,
 * signing is off and one click gets a fresh one. After the Approve, the step's own panel takes its
 * place at the top (focus moves to its heading), with the explorer links once there is a signature.
 */
export function Preview({
  state,
  params,
  canSign,
  errorContext,
  onSign,
  onCancel,
  onRefresh,
}: {
  state: PreviewState;
  params: PreviewParams;
  canSign: boolean;
  errorContext: ErrorTextContext;
  onSign: () => void;
  onCancel: () => void;
  onRefresh: () => void;
}) {
  const t = useTranslations('flow');
  const { locale } = errorContext;
  const { review } = state;
  const m = review.verified.migration;
  const signed = state.step === 'submitting' || state.step === 'confirming' ? state.signed : null;
  const sol = (lamports: bigint) => `${formatBaseUnits(lamports, SOL_DECIMALS, { locale })} SOL`;
  const simulation = review.simulation;
  const simulated = simulation.status === 'done' && simulation.result.ok ? simulation.result : null;
  const simulationFailed = simulation.status === 'done' && !simulation.result.ok ? simulation.result : null;
  const rent = rentLamports(simulated);
  const baseFee = networkFeeLamports(m);
  const inReview = state.step === 'review';
  // The review heading takes focus when the preview appears and each time a fresh transaction replaces it.
  const headingRef = useFocusOnChange<HTMLHeadingElement>(review.id, inReview && (review.replaced === null || review.replaced.reason !== 'expiring'));

  return (
    <section aria-labelledby="preview-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="preview" data-step={state.step}>
      {!inReview && <InFlight state={state} params={params} errorContext={errorContext} />}
      <h2 id="preview-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {inReview ? t('previewHeading') : t('previewHeadingSigned')}
      </h2>
      <p className="mt-1 flex items-center gap-2 text-sm text-emerald-800" data-testid="verified-badge">
        <span aria-hidden="true" className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-xs text-white">
          ✓
        </span>
        {t('verified')}
      </p>
      {inReview && review.replaced && <ReplacedNotice review={review} />}

      <dl className="mt-4 space-y-3" data-testid="preview-summary">
        <Fact term={t('youSend')} testId="preview-send">
          {t.rich('sendValue', { amount: formatBaseUnits(m.sends.amount, m.sends.decimals, { locale }), b: (chunks) => <strong className="tabular-nums">{chunks}</strong> })}
        </Fact>
        <Fact term={t('youReceive')} testId="preview-receive">
          {t.rich('receiveValue', { amount: formatBaseUnits(m.receives.amount, m.receives.decimals, { locale }), b: (chunks) => <strong className="tabular-nums">{chunks}</strong> })}
        </Fact>
        <Fact term={t('fee')} testId="preview-fee">
          <span className="tabular-nums">{sol(baseFee)}</span>
          {m.maxPriorityFeeLamports > 0n && <> {t('priorityFee', { fee: sol(m.maxPriorityFeeLamports) })}</>}
          <span className="mt-1 block text-sm text-slate-600" data-testid="preview-priority-fee">
            {signed
              ? signed.maxPriorityFeeLamports > 0n
                ? t('walletPriorityFee', { fee: sol(signed.maxPriorityFeeLamports) })
                : t('walletNoPriorityFee')
              : t('priorityFeeCap', { cap: sol(MAX_PRIORITY_FEE_LAMPORTS) })}
          </span>
        </Fact>
        {rent !== 0n && (
          <Fact term={t('rentTerm')} testId="preview-rent">
            {rent !== null ? (
              <>
                <span className="tabular-nums">{sol(rent)}</span> <span className="text-sm text-slate-600">{t('rentNew')}</span>
              </>
            ) : simulation.status === 'running' ? (
              t('rentChecking')
            ) : (
              t('rentUnknown', { rent: sol(defaultRentExemptLamports(associatedTokenAccountSize(new PublicKey(params.elizaos.programId)))) })
            )}
          </Fact>
        )}
      </dl>
      <DustNote review={review} rent={rent} params={params} locale={locale} />

      <BalanceChanges simulation={simulation.status} changes={simulated?.changes ?? null} locale={locale} />
      {simulationFailed && (
        <div className="mt-4">
          <ErrorNotice error={new SimulationFailure(simulationFailed.reason)} context={errorContext} />
        </div>
      )}

      <SigningHardwareHint />
      <details className="mt-4 rounded-lg border border-slate-200 p-3" data-testid="preview-details">
        <summary className="cursor-pointer font-medium">{t('details')}</summary>
        <dl className="mt-3 space-y-3">
          <Fact term={t('destinationAccounts')} testId="preview-accounts">
            <span className="block text-sm">{t('vaultAccount')}</span>
            <code className="block break-all font-mono text-xs">{m.sends.destination}</code>
            <span className="mt-1 block text-sm">{t('treasuryAccount')}</span>
            <code className="block break-all font-mono text-xs">{m.receives.source}</code>
          </Fact>
          <Fact term={t('tokenAccount')} testId="preview-token-account">
            {rent === 0n ? t('rentExists') : rent !== null ? t('rentCreated', { rent: sol(rent) }) : t('rentMaybe')}
          </Fact>
          <Fact term={t('nothingElse')} testId="preview-nothing-else">
            {t('nothingElseValue')}
            {m.walletAddedInstructions.length > 0 && <> {t('guardInstructions', { count: m.walletAddedInstructions.length })}</>}
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
          <Fact term={t('memo')} testId="preview-memo">
            <code className="break-all font-mono text-sm">{m.memo}</code>
          </Fact>
          <Fact term={t('messageHash')} testId="preview-message-hash">
            <code className="break-all font-mono text-sm">{m.messageHash}</code>
            <span className="mt-1 block text-sm text-slate-600">{t('hashNote')}</span>
          </Fact>
        </dl>
      </details>

      {inReview && (
        <SignControls
          review={review}
          refreshing={state.refreshing}
          refreshError={state.refreshError}
          signable={canSign && simulation.status !== 'running' && simulationFailed === null}
          canSign={canSign}
          simulating={simulation.status === 'running'}
          errorContext={errorContext}
          onSign={onSign}
          onCancel={onCancel}
          onRefresh={onRefresh}
        />
      )}
    </section>
  );
}

/** The countdown, Approve and Cancel; once expired unsigned, a fresh transaction in one click. */
function SignControls({
  review,
  refreshing,
  refreshError,
  signable,
  canSign,
  simulating,
  errorContext,
  onSign,
  onCancel,
  onRefresh,
}: {
  review: Review;
  refreshing: boolean;
  refreshError: unknown;
  signable: boolean;
  canSign: boolean;
  simulating: boolean;
  errorContext: ErrorTextContext;
  onSign: () => void;
  onCancel: () => void;
  onRefresh: () => void;
}) {
  const t = useTranslations('flow');
  const now = useNow(1_000);
  const left = review.deadline - now;
  const expired = left <= 0;
  const autoRefreshes = review.refreshes < MAX_AUTO_REFRESHES && refreshError === null;
  return (
    <div className="mt-4 space-y-3">
      {expired ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="expired">
          <p className="font-semibold">{t('expiredTitle')}</p>
          <p className="mt-1 text-sm">{t('expiredBody')}</p>
          {refreshError !== null && (
            <div className="mt-2">
              <ErrorNotice error={refreshError} context={errorContext} testId="refresh-error" />
            </div>
          )}
          <button
            type="button"
            onClick={onRefresh}
            disabled={refreshing}
            className="mt-3 rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
            data-testid="fresh-transaction"
          >
            {refreshing ? t('refreshing') : t('freshTransaction')}
          </button>
        </div>
      ) : (
        <p className="text-sm text-slate-700" data-testid="countdown" data-seconds-left={Math.ceil(left / 1000)}>
          {t.rich(autoRefreshes ? 'validForAuto' : 'validFor', {
            time: formatCountdown(left),
            b: (chunks) => (
              <strong role="timer" aria-live="off" className="tabular-nums">
                {chunks}
              </strong>
            ),
          })}{' '}
          {t('signOnly')}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={onSign}
          disabled={!signable || expired || refreshing}
          className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
          data-testid="sign-button"
        >
          {t('approve')}
        </button>
        <button type="button" onClick={onCancel} className="rounded-lg border border-slate-300 px-4 py-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand">
          {t('cancel')}
        </button>
        <p role="status" className="text-sm text-slate-700" data-testid="sign-status">
          {refreshing ? t('refreshing') : simulating ? t('simulating') : !canSign ? t('cannotSign') : null}
        </p>
      </div>
    </div>
  );
}

/** The step after the Approve, with its own heading (focused): the wallet, the send, the confirmation. */
function InFlight({ state, params, errorContext }: { state: Exclude<PreviewState, { step: 'review' }>; params: PreviewParams; errorContext: ErrorTextContext }) {
  const t = useTranslations('flow');
  const ref = useFocusOnChange<HTMLHeadingElement>(state.step);
  const heading = state.step === 'signing' ? t('inFlight.signing') : state.step === 'submitting' ? t('inFlight.submitting') : t('inFlight.confirming');
  const body = state.step === 'signing' ? t('checkWallet') : state.step === 'submitting' ? t('sending') : t('confirmingStatus');
  return (
    <div className="mb-5 rounded-lg border border-blue-200 bg-blue-50 p-4 text-blue-950" data-testid="in-flight" data-step={state.step}>
      <h2 ref={ref} tabIndex={-1} className="text-lg font-semibold focus:outline-none" data-testid="in-flight-heading">
        {heading}
      </h2>
      <p role="status" className="mt-1 text-sm" data-testid="sign-status">
        {body}
      </p>
      {state.step === 'confirming' && (
        <>
          <p className="mt-2 break-all text-sm">
            {t('signature')} <code className="font-mono text-xs">{state.signature}</code>
          </p>
          <ExplorerLinks signature={state.signature} params={params} className="mt-1" />
          {state.warning && (
            <div className="mt-3">
              <ErrorText text={describeSubmitWarning(state.warning, errorContext)} tone="info" testId="send-refused" />
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** A fresh transaction replaced the one the holder was reading: why, that nothing was sent, and what changed. */
function ReplacedNotice({ review }: { review: Review }) {
  const t = useTranslations('flow');
  const replaced = review.replaced;
  if (!replaced) return null;
  const changes = replaced.changes;
  return (
    <div role="status" className="mt-3 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950" data-testid="replaced" data-reason={replaced.reason} data-changes={changes?.join(',') ?? ''}>
      <p className="font-medium">{t(`replaced.${replaced.reason}`)}</p>
      <p className="mt-1">
        {changes === null ? t('replaced.checking') : changes.length === 0 ? t('replaced.unchanged') : t('replaced.changed', { what: changes.map((c) => t(`replaced.figures.${c}`)).join(', ') })}{' '}
        {t('replaced.newHash')}
      </p>
    </div>
  );
}

/** The preview's restatement of the dust warning, when the fee and the rent are worth more than the ELIZAOS received. */
function DustNote({ review, rent, params, locale }: { review: Review; rent: bigint | null; params: PreviewParams; locale?: string }) {
  const t = useTranslations('flow');
  const reference = params.dustReference;
  if (!reference || rent === null) return null;
  const m = review.verified.migration;
  const cost = networkFeeLamports(m) + rent;
  let worth: bigint;
  try {
    worth = solWorthInElizaos(cost, reference.elizaosPerSol, params.elizaos.decimals);
  } catch {
    return null;
  }
  if (worth <= m.receives.amount) return null;
  return (
    <p className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="preview-dust">
      {t('dustPreview', {
        cost: `${formatBaseUnits(cost, SOL_DECIMALS, { locale })} SOL`,
        worth: `${formatBaseUnits(worth, params.elizaos.decimals, { locale, maxFractionDigits: 6 })} ELIZAOS`,
        receive: `${formatBaseUnits(m.receives.amount, m.receives.decimals, { locale })} ELIZAOS`,
      })}
    </p>
  );
}

/** The signing step's hardware-wallet hint: blind signing and the hash check, with the guide (README "Pages and languages": `/guides/ledger`); always in view. */
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

/**
 * The dry run's balances, before → after, and the change. One table at every width: the columns
 * are padded and the figures may wrap inside their cell, so on a 375 px phone nothing runs together.
 */
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
        <table className="mt-2 w-full table-fixed border-collapse text-left text-sm">
          <colgroup>
            <col className="w-[26%]" />
            <col />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-1.5 pr-2 font-normal">
                {t('token')}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-normal">
                {t('before')}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-normal">
                {t('after')}
              </th>
              <th scope="col" className="py-1.5 pl-2 text-right font-normal">
                {t('change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const delta = c.after - c.before;
              return (
                <tr key={c.token} className="border-b border-slate-100 align-top tabular-nums last:border-0" data-testid={`balance-${c.token.toLowerCase()}`}>
                  <th scope="row" className="break-words py-1.5 pr-2 font-medium">
                    {c.token}
                  </th>
                  <td className="break-all px-2 py-1.5 text-right" data-testid="before">
                    {formatBaseUnits(c.before, c.decimals, { locale })}
                  </td>
                  <td className="break-all px-2 py-1.5 text-right" data-testid="after">
                    {formatBaseUnits(c.after, c.decimals, { locale })}
                  </td>
                  <td className={`break-all py-1.5 pl-2 text-right font-medium ${delta < 0n ? 'text-red-800' : 'text-emerald-800'}`} data-testid="delta">
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
