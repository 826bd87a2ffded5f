import type { PublicKey } from '@solana/web3.js';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatBaseUnits } from '@/lib/solana/amounts';
import type { StrayAuthority } from '@/lib/solana/delegations';
import type { DecodedRevokeTransaction } from '@/lib/solana/revoke-policy';
import { STRAY_MESSAGES as M, revokeErrorText } from '@/components/migrate/stray-delegations-messages';
import { useStrayDelegations } from '@/components/migrate/use-stray-delegations';

const SOL_DECIMALS = 9;
const LAMPORTS_PER_SIGNATURE = 5_000n;

/**
 * Shown on connect: delegates and close authorities on the holder's AI16Z and ELIZAOS token
 * accounts, read from the chain, with a Revoke for the delegates (issue 7, part 5).
 */
export function StrayDelegations({ holder, params, locale }: { holder: PublicKey; params: Pick<PublicMigrationParams, 'ai16z' | 'elizaos'>; locale?: string }) {
  const { detection, revoke, reload, review, sign, cancel, canSign } = useStrayDelegations(holder, params);

  if (detection.status === 'loading') {
    return (
      <p role="status" className="text-sm text-slate-600" data-testid="stray-delegations" data-state="loading">
        {M.checking}
      </p>
    );
  }
  if (detection.status === 'error') {
    return (
      <section className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="stray-delegations" data-state="error">
        <p className="text-sm text-amber-900">{M.readFailed} {revokeErrorText(detection.error).message}</p>
        <button type="button" onClick={reload} className="mt-2 rounded-lg border border-amber-400 px-3 py-1.5 text-sm hover:bg-amber-100">
          {M.retry}
        </button>
      </section>
    );
  }
  const { stray, drainersKnown } = detection;
  const done = revoke.step === 'done';
  if (stray.length === 0) {
    return (
      <p className="text-sm text-emerald-800" data-testid="stray-delegations" data-state="clean">
        {done && <span className="mr-1 font-medium" data-testid="revoke-done">{M.done}</span>}
        {M.clean}
      </p>
    );
  }
  const delegated = stray.filter((s) => s.delegate !== null);
  const busy = revoke.step !== 'idle' && revoke.step !== 'failed' && revoke.step !== 'done';
  return (
    <section aria-labelledby="stray-heading" className="rounded-xl border-2 border-red-300 bg-red-50 p-5" data-testid="stray-delegations" data-state="found">
      <h2 id="stray-heading" className="text-lg font-semibold text-red-900">
        {M.title}
      </h2>
      <p className="mt-1 text-sm text-red-900">{M.intro}</p>
      {!drainersKnown && <p className="mt-1 text-sm text-amber-900">{M.drainerListUnavailable}</p>}
      {done && <p className="mt-2 text-sm font-medium text-emerald-800" data-testid="revoke-done">{M.done}</p>}
      <ul className="mt-3 space-y-3">
        {stray.map((s) => (
          <StrayAccount key={s.account} stray={s} locale={locale} />
        ))}
      </ul>
      {stray.some((s) => s.closeAuthority !== null) && (
        <p className="mt-3 text-sm text-slate-800" data-testid="close-authority-explain">
          {M.closeExplain}
        </p>
      )}
      {delegated.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{M.noDelegateOnlyClose}</p>
      ) : (
        (revoke.step === 'idle' || revoke.step === 'failed' || revoke.step === 'done') && (
          <button
            type="button"
            onClick={() => void review()}
            className="mt-4 rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800"
            data-testid="revoke-review-button"
          >
            {M.revokeButton(delegated.length)}
          </button>
        )
      )}
      {revoke.step === 'building' && (
        <p role="status" className="mt-3 text-sm text-slate-700">
          {M.building}
        </p>
      )}
      {(revoke.step === 'review' || revoke.step === 'signing' || revoke.step === 'sending' || revoke.step === 'confirming') && (
        <RevokePreview decoded={revoke.decoded} stray={stray} locale={locale} />
      )}
      {(revoke.step === 'review' || busy) && revoke.step !== 'building' && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => void sign()}
            disabled={revoke.step !== 'review' || !canSign}
            className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
            data-testid="revoke-sign-button"
          >
            {M.sign}
          </button>
          {revoke.step === 'review' && (
            <button type="button" onClick={cancel} className="rounded-lg border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
              {M.cancel}
            </button>
          )}
          <p role="status" className="text-sm text-slate-700" data-testid="revoke-status">
            {revoke.step === 'signing' && M.signing}
            {revoke.step === 'sending' && M.sending}
            {revoke.step === 'confirming' && M.confirming}
          </p>
        </div>
      )}
      {revoke.step === 'failed' && <RevokeFailure error={revoke.error} />}
    </section>
  );
}

function StrayAccount({ stray, locale }: { stray: StrayAuthority; locale?: string }) {
  return (
    <li className="rounded-lg border border-red-200 bg-white p-3 text-sm" data-testid="stray-account" data-account={stray.account}>
      <p className="font-medium">
        {M.accountOf(stray.symbol)} <code className="break-all font-mono text-xs text-slate-600">{stray.account}</code>
      </p>
      {stray.delegate && (
        <div className="mt-2" data-testid="stray-delegate">
          <p>{M.delegateLine(formatBaseUnits(stray.delegate.delegatedAmount, stray.decimals, { locale }), stray.symbol)}</p>
          <Address address={stray.delegate.address} label={stray.delegate.drainerLabel} />
        </div>
      )}
      {stray.closeAuthority && (
        <div className="mt-2" data-testid="stray-close-authority">
          <p>{M.closeLine}</p>
          <Address address={stray.closeAuthority.address} label={stray.closeAuthority.drainerLabel} />
        </div>
      )}
    </li>
  );
}

function Address({ address, label }: { address: string; label: string | null }) {
  return (
    <p className="mt-0.5">
      <code className="break-all font-mono text-xs">{address}</code>
      {label && (
        <strong className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs text-white" data-testid="known-drainer">
          {M.knownDrainer(label)}
        </strong>
      )}
    </p>
  );
}

function RevokePreview({ decoded, stray, locale }: { decoded: DecodedRevokeTransaction; stray: StrayAuthority[]; locale?: string }) {
  const sol = (lamports: bigint) => `${formatBaseUnits(lamports, SOL_DECIMALS, { locale })} SOL`;
  return (
    <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="revoke-preview">
      <h3 className="font-semibold">{M.previewTitle}</h3>
      <p className="mt-1 text-sm text-emerald-800" data-testid="revoke-verified">
        ✓ {M.previewVerified}
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        {decoded.revokes.map((r) => (
          <li key={r.account} data-testid="revoke-item">
            {M.previewRevoke(stray.find((s) => s.account === r.account)?.symbol ?? '?', r.programName)} <code className="break-all font-mono text-xs">{r.account}</code>
          </li>
        ))}
      </ul>
      <dl className="mt-3 space-y-2 text-sm">
        <div>
          <dt className="text-slate-600">{M.previewFee}</dt>
          <dd data-testid="revoke-fee">
            {sol(LAMPORTS_PER_SIGNATURE * BigInt(decoded.signers.length))}
            {decoded.maxPriorityFeeLamports > 0n && M.previewPriority(sol(decoded.maxPriorityFeeLamports))}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{M.previewPrograms}</dt>
          <dd>{decoded.programs.map((p) => p.name).join(', ')}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{M.previewHash}</dt>
          <dd>
            <code className="break-all font-mono text-xs">{decoded.messageHash}</code>
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-sm">{M.previewNothingElse}</p>
    </div>
  );
}

function RevokeFailure({ error }: { error: unknown }) {
  const text = revokeErrorText(error);
  return (
    <div role="alert" className="mt-3 rounded-lg border border-red-300 bg-white p-3 text-sm" data-testid="revoke-error">
      <p className="font-medium">{M.failedTitle}</p>
      <p className="mt-1">{text.message}</p>
      {text.violations.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {text.violations.map((v) => (
            <li key={v}>{v}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
