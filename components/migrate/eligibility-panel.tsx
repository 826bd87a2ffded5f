import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import type { EligibilityResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ErrorNotice, ErrorText } from '@/components/errors/error-notice';
import { describeEligibility, type ErrorTextContext } from '@/components/errors/error-text';
import { fetchVerifiedEligibility } from '@/components/migrate/verified-eligibility';

export type EligibilityState =
  | { status: 'loading' }
  | { status: 'loaded'; data: EligibilityResponse }
  | { status: 'error'; error: unknown };

/**
 * Loads `GET /api/v1/eligibility/{wallet}` for the connected wallet, verified against the signed
 * deployment manifest (an unverifiable allocation is an error, never shown); `reload` after each migration.
 */
export function useEligibility(wallet: string, params: PublicMigrationParams) {
  const [state, setState] = useState<EligibilityState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => (s.status === 'loaded' ? s : { status: 'loading' }));
    fetchVerifiedEligibility(wallet, params).then(
      (data) => current && setState({ status: 'loaded', data }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [wallet, params, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}

/** Allocation, what counts against it, the wallet's balance, and, when it cannot migrate, why and what to do. */
export function EligibilityPanel({ state, ai16zDecimals, errorContext, onRetry }: { state: EligibilityState; ai16zDecimals: number; errorContext: ErrorTextContext; onRetry: () => void }) {
  const t = useTranslations('flow');
  return (
    <section aria-labelledby="eligibility-heading" aria-busy={state.status === 'loading'} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="eligibility">
      <h2 id="eligibility-heading" className="text-lg font-semibold">
        {t('allocationHeading')}
      </h2>
      {state.status === 'loading' && (
        <p role="status" className="mt-3 text-slate-600">
          {t('checking')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="mt-3">
          <ErrorNotice error={state.error} context={errorContext} actionLabel={() => t('checkAgain')} onAction={onRetry} />
        </div>
      )}
      {state.status === 'loaded' && <EligibilityFigures data={state.data} decimals={ai16zDecimals} errorContext={errorContext} />}
    </section>
  );
}

function EligibilityFigures({ data, decimals, errorContext }: { data: EligibilityResponse; decimals: number; errorContext: ErrorTextContext }) {
  const amount = (value: string | null) => (value === null ? '—' : `${formatBaseUnits(BigInt(value), decimals, { locale: errorContext.locale })} AI16Z`);
  const t = useTranslations('flow');
  const reason = describeEligibility(data, errorContext);
  const pending = BigInt(data.pending) > 0n;
  // AI16Z held beyond what the allocation still covers (bought or received after the snapshot): it stays AI16Z.
  const beyond = data.snapshotBalance !== null && data.balance !== null && BigInt(data.balance) > BigInt(data.remaining) ? BigInt(data.balance) - BigInt(data.remaining) : 0n;
  return (
    <>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3">
        <Figure term={t('snapshotAllocation')} testId="allocation">
          {data.snapshotBalance === null ? t('notInSnapshot') : amount(data.snapshotBalance)}
        </Figure>
        <Figure term={t('alreadyMigrated')} testId="migrated">
          {amount(data.migrated)}
        </Figure>
        <Figure term={t('remaining')} testId="remaining">
          {amount(data.remaining)}
        </Figure>
        {pending && (
          <Figure term={t('stillConfirming')} testId="pending">
            {amount(data.pending)}
          </Figure>
        )}
        <Figure term={t('balanceNow')} testId="balance">
          {data.balance === null ? t('unreadable') : amount(data.balance)}
        </Figure>
        {data.eligible && (
          <Figure term={t('canMigrate')} testId="max-amount">
            {amount(data.maxAmount)}
          </Figure>
        )}
      </dl>
      {beyond > 0n && (
        <p className="mt-4 rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950" data-testid="beyond-allocation">
          {t('beyondAllocation', { balance: amount(data.balance), remaining: amount(data.remaining), beyond: amount(beyond.toString()) })}
        </p>
      )}
      {reason && (
        <div className="mt-4">
          <ErrorText text={reason} tone="info" />
        </div>
      )}
    </>
  );
}

function Figure({ term, testId, children }: { term: string; testId: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="mt-1 font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
