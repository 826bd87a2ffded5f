import type { PublicKey } from '@solana/web3.js';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatBaseUnits } from '@/lib/solana/amounts';
import type { StrayAuthority } from '@/lib/solana/delegations';
import type { DecodedRevokeTransaction } from '@/lib/solana/revoke-policy';
import { type PolicyTranslator, violationTexts } from '@/lib/i18n/violations';
import { ErrorNotice } from '@/components/errors/error-notice';
import type { ErrorTextContext } from '@/components/errors/error-text';
import { useErrorContext } from '@/components/errors/use-error-text';
import { useStrayDelegations } from '@/components/migrate/use-stray-delegations';

const SOL_DECIMALS = 9;
const LAMPORTS_PER_SIGNATURE = 5_000n;

/** Whether the order of Revoke and migration matters: a delegate can move AI16Z from the holder's account. */
function delegatedOrder(stray: readonly StrayAuthority[]): boolean {
  return stray.some((s) => s.delegate !== null);
}

/**
 * Shown on connect: delegates and close authorities on the holder's AI16Z and ELIZAOS token
 * accounts, read from the chain, with a Revoke for the delegates (README "Stray delegations (Revoke)").
 */
export function StrayDelegations({ holder, params, locale }: { holder: PublicKey; params: Pick<PublicMigrationParams, 'ai16z' | 'elizaos'>; locale?: string }) {
  const { detection, revoke, reload, review, sign, cancel, canSign } = useStrayDelegations(holder, params);
  const t = useTranslations('strayDelegations');
  const errorContext = useRevokeErrorContext();

  if (detection.status === 'loading') {
    return (
      <p role="status" className="text-sm text-slate-600" data-testid="stray-delegations" data-state="loading">
        {t('checking')}
      </p>
    );
  }
  if (detection.status === 'error') {
    return (
      <section className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="stray-delegations" data-state="error">
        <ErrorNotice error={detection.error} context={errorContext} testId="stray-read-error" />
        <button type="button" onClick={reload} className="mt-2 rounded-lg border border-amber-400 px-3 py-1.5 text-sm hover:bg-amber-100">
          {t('retry')}
        </button>
      </section>
    );
  }
  const { stray, drainersKnown } = detection;
  const done = revoke.step === 'done';
  if (stray.length === 0) {
    return (
      <p className="text-sm text-emerald-800" data-testid="stray-delegations" data-state="clean">
        {done && (
          <span className="mr-1 font-medium" data-testid="revoke-done">
            {t('done')}
          </span>
        )}
        {t('clean')}
      </p>
    );
  }
  const delegated = stray.filter((s) => s.delegate !== null);
  const busy = revoke.step !== 'idle' && revoke.step !== 'failed' && revoke.step !== 'done';
  return (
    <section aria-labelledby="stray-heading" className="rounded-xl border-2 border-red-300 bg-red-50 p-5" data-testid="stray-delegations" data-state="found">
      <h2 id="stray-heading" className="text-lg font-semibold text-red-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-red-900">{t('intro')}</p>
      {delegatedOrder(stray) && (
        <p className="mt-2 rounded-lg border border-red-300 bg-white p-3 text-sm text-slate-900" data-testid="delegation-order">
          <strong className="font-semibold">{t('orderTitle')}</strong> {t('orderBody')}
        </p>
      )}
      {!drainersKnown && <p className="mt-1 text-sm text-amber-900">{t('drainerListUnavailable')}</p>}
      {done && (
        <p className="mt-2 text-sm font-medium text-emerald-800" data-testid="revoke-done">
          {t('done')}
        </p>
      )}
      <ul className="mt-3 space-y-3">
        {stray.map((s) => (
          <StrayAccount key={s.account} stray={s} locale={locale} />
        ))}
      </ul>
      {stray.some((s) => s.closeAuthority !== null) && (
        <p className="mt-3 text-sm text-slate-800" data-testid="close-authority-explain">
          {t('closeExplain')}
        </p>
      )}
      {delegated.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">{t('noDelegateOnlyClose')}</p>
      ) : (
        (revoke.step === 'idle' || revoke.step === 'failed' || revoke.step === 'done') && (
          <button
            type="button"
            onClick={() => void review()}
            className="mt-4 rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800"
            data-testid="revoke-review-button"
          >
            {t('revokeButton', { count: delegated.length })}
          </button>
        )
      )}
      {revoke.step === 'building' && (
        <p role="status" className="mt-3 text-sm text-slate-700">
          {t('building')}
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
            {t('sign')}
          </button>
          {revoke.step === 'review' && (
            <button type="button" onClick={cancel} className="rounded-lg border border-slate-300 bg-white px-4 py-2 hover:bg-slate-50">
              {t('cancel')}
            </button>
          )}
          <p role="status" className="text-sm text-slate-700" data-testid="revoke-status">
            {revoke.step === 'signing' && t('signing')}
            {revoke.step === 'sending' && t('sending')}
            {revoke.step === 'confirming' && t('confirming')}
          </p>
        </div>
      )}
      {revoke.step === 'failed' && (
        <div className="mt-3">
          <ErrorNotice error={revoke.error} context={errorContext} testId="revoke-error" />
        </div>
      )}
    </section>
  );
}

function StrayAccount({ stray, locale }: { stray: StrayAuthority; locale?: string }) {
  const t = useTranslations('strayDelegations');
  return (
    <li className="rounded-lg border border-red-200 bg-white p-3 text-sm" data-testid="stray-account" data-account={stray.account}>
      <p className="font-medium">
        {t('accountOf', { symbol: stray.symbol })} <code className="break-all font-mono text-xs text-slate-600">{stray.account}</code>
      </p>
      {stray.delegate && (
        <div className="mt-2" data-testid="stray-delegate">
          <p>{t('delegateLine', { amount: formatBaseUnits(stray.delegate.delegatedAmount, stray.decimals, { locale }), symbol: stray.symbol })}</p>
          <Address address={stray.delegate.address} label={stray.delegate.drainerLabel} />
        </div>
      )}
      {stray.closeAuthority && (
        <div className="mt-2" data-testid="stray-close-authority">
          <p>{t('closeLine')}</p>
          <Address address={stray.closeAuthority.address} label={stray.closeAuthority.drainerLabel} />
        </div>
      )}
    </li>
  );
}

function Address({ address, label }: { address: string; label: string | null }) {
  const t = useTranslations('strayDelegations');
  return (
    <p className="mt-0.5">
      <code className="break-all font-mono text-xs">{address}</code>
      {label && (
        <strong className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs text-white" data-testid="known-drainer">
          {/* The label is ops-written, English only (one label per address), as on the security page. */}
          {t.rich('knownDrainer', { label, en: (chunks) => <span lang="en">{chunks}</span> })}
        </strong>
      )}
    </p>
  );
}

function RevokePreview({ decoded, stray, locale }: { decoded: DecodedRevokeTransaction; stray: StrayAuthority[]; locale?: string }) {
  const t = useTranslations('strayDelegations');
  const sol = (lamports: bigint) => `${formatBaseUnits(lamports, SOL_DECIMALS, { locale })} SOL`;
  return (
    <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="revoke-preview">
      <h3 className="font-semibold">{t('previewTitle')}</h3>
      <p className="mt-1 text-sm text-emerald-800" data-testid="revoke-verified">
        ✓ {t('previewVerified')}
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        {decoded.revokes.map((r) => (
          <li key={r.account} data-testid="revoke-item">
            {t.rich('previewRevoke', {
              symbol: stray.find((s) => s.account === r.account)?.symbol ?? '?',
              account: r.account,
              program: r.programName,
              code: (chunks) => <code className="break-all font-mono text-xs">{chunks}</code>,
            })}
          </li>
        ))}
      </ul>
      <dl className="mt-3 space-y-2 text-sm">
        <div>
          <dt className="text-slate-600">{t('previewFee')}</dt>
          <dd data-testid="revoke-fee">
            {sol(LAMPORTS_PER_SIGNATURE * BigInt(decoded.signers.length))}
            {decoded.maxPriorityFeeLamports > 0n && <> {t('previewPriority', { fee: sol(decoded.maxPriorityFeeLamports) })}</>}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('previewPrograms')}</dt>
          <dd>{decoded.programs.map((p) => p.name).join(', ')}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('previewHash')}</dt>
          <dd>
            <code className="break-all font-mono text-xs">{decoded.messageHash}</code>
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-sm">{t('previewNothingElse')}</p>
    </div>
  );
}

/** The error context of the Revoke: its own wording of shared codes, violations worded by code. */
function useRevokeErrorContext(): ErrorTextContext {
  const tPolicy = useTranslations('policy');
  const extra = useMemo(() => ({ violations: (refs: Parameters<typeof violationTexts>[0]) => violationTexts(refs, tPolicy as PolicyTranslator).map((v) => v.text) }), [tPolicy]);
  return useErrorContext('revoke', extra);
}
