// First: zod must be jitless before any schema below is defined (see the module).
import '@/lib/zod-jitless';
import { useWallet } from '@solana/wallet-adapter-react';
import { useLocale, useTranslations } from 'next-intl';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import type { PublicKey } from '@solana/web3.js';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { violationTexts } from '@/lib/i18n/violations';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { ApiRequestError } from '@/lib/api/client';
import { AmountForm } from '@/components/migrate/amount-form';
import { ConnectedWallet } from '@/components/wallet/connected';
import { DonePanel } from '@/components/migrate/done-panel';
import { EligibilityPanel, useEligibility } from '@/components/migrate/eligibility-panel';
import { ErrorNotice } from '@/components/errors/error-notice';
import type { ErrorTextContext, UserErrorText } from '@/components/errors/error-text';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { WalletHistory } from '@/components/migrate/history';
import { Preview } from '@/components/migrate/preview';
import { Progress } from '@/components/migrate/progress';
import { TopUpAddress } from '@/components/migrate/top-up';
import { useHolderFunds } from '@/components/migrate/use-holder-funds';
import { useMigrationFlow } from '@/components/migrate/use-migration-flow';
import { MigrationWalletProvider, type WalletPick } from '@/components/wallet/provider';
import { WalletPicker } from '@/components/wallet/picker';
import { SUPPORT_PATH } from '@/components/errors/error-text';
import { StrayDelegations } from '@/components/migrate/stray-delegations';
import { useFocusOnChange } from '@/components/ui/use-focus-on-change';

/** Only public values: addresses, mints, dates, and (on localnet only) demo keypairs. */
export type MigrateFlowProps = { params: PublicMigrationParams };

/** Why the wallet code was loaded: the holder picked a wallet in the shell, or the page reconnects the last one. */
export type FlowStart = ({ kind: 'pick' } & WalletPick) | { kind: 'restore' };

/** The client-side wallet flow, loaded by `/migrate`'s shell (components/migrate/migrate-flow-loader.tsx) as its default export. */
export default function MigrateFlow({ params, start }: MigrateFlowProps & { start: FlowStart }) {
  return (
    <MigrationWalletProvider
      demoWallets={params.demoWallets}
      mobileCluster={params.cluster}
      restoreLastWallet={start.kind === 'restore'}
      initialPick={start.kind === 'pick' ? { name: start.name, demoLabel: start.demoLabel } : undefined}
    >
      <MigrateScreens params={params} />
    </MigrationWalletProvider>
  );
}

function MigrateScreens({ params }: MigrateFlowProps) {
  const { publicKey, connected } = useWallet();
  const locale = useLocale();
  const tErrors = useTranslations('errors');
  const tPolicy = useTranslations('policy');
  const errorContext = useMemo<ErrorTextContext>(
    () => ({
      ai16zDecimals: params.ai16z.decimals,
      snapshotTakenAt: params.snapshotTakenAt,
      supportPath: SUPPORT_PATH,
      locale,
      t: tErrors,
      violations: (refs) => violationTexts(refs, tPolicy).map((v) => v.text),
    }),
    [params.ai16z.decimals, params.snapshotTakenAt, locale, tErrors, tPolicy],
  );
  if (!connected || !publicKey) return <WalletPicker errorContext={errorContext} />;
  // Keyed by address: switching accounts in the wallet starts from a clean slate.
  return <ConnectedSession key={publicKey.toBase58()} params={params} holder={publicKey} errorContext={errorContext} />;
}

function ConnectedSession({ params, holder, errorContext }: { params: PublicMigrationParams; holder: PublicKey; errorContext: ErrorTextContext }) {
  const t = useTranslations('flow');
  const eligibility = useEligibility(holder.toBase58(), params);
  const funds = useHolderFunds(holder, params);
  const [historyVersion, setHistoryVersion] = useState(0);
  const reloadEligibility = eligibility.reload;
  const reloadFunds = funds.reload;
  const onSettled = useCallback(() => {
    reloadEligibility();
    reloadFunds();
    setHistoryVersion((v) => v + 1);
  }, [reloadEligibility, reloadFunds]);
  const flow = useMigrationFlow(params, onSettled);
  const { state } = flow;

  // A refusal at build or submit may mean the allocation moved (another tab, another device): re-read it.
  const failedAt = state.step === 'failed' ? state.at : null;
  useEffect(() => {
    if (failedAt === 'building' || failedAt === 'submitting') {
      reloadEligibility();
      reloadFunds();
    }
  }, [failedAt, reloadEligibility, reloadFunds]);
  // A declined or refused attempt appears in the history (with its receipt) once it ended.
  useEffect(() => {
    if (failedAt !== null) setHistoryVersion((v) => v + 1);
  }, [failedAt]);

  const lastAmount = state.step === 'building' || state.step === 'verifying' ? state.amountIn : null;
  const [retryAmount, setRetryAmount] = useState<bigint | null>(null);
  useEffect(() => {
    if (lastAmount !== null) setRetryAmount(lastAmount);
  }, [lastAmount]);
  const nextStep = (text: UserErrorText) => {
    if ((text.action === 'rebuild' || text.action === 'retry') && retryAmount !== null) void flow.start(retryAmount);
    else flow.reset();
  };
  const nextStepLabel = (text: UserErrorText) =>
    text.action === 'rebuild' ? t('rebuild') : text.action === 'retry' ? t('retry') : text.action === 'editAmount' ? t('editAmount') : null;

  const loaded = eligibility.state.status === 'loaded' ? eligibility.state.data : null;
  const showForm = loaded?.eligible === true && (state.step === 'idle' || state.step === 'building' || state.step === 'verifying' || state.step === 'failed');
  const previewState = state.step === 'review' || state.step === 'signing' || state.step === 'submitting' || state.step === 'confirming' ? state : null;

  return (
    <div className="space-y-6">
      <ConnectedWallet busy={state.step === 'signing' || state.step === 'submitting'} />
      <StrayDelegations holder={holder} params={params} locale={errorContext.locale} />
      <EligibilityPanel state={eligibility.state} ai16zDecimals={params.ai16z.decimals} errorContext={errorContext} onRetry={eligibility.reload} />
      {showForm && loaded && (
        <AmountForm
          params={params}
          eligibility={loaded}
          funds={funds.state}
          disabled={state.step === 'building' || state.step === 'verifying'}
          errorContext={errorContext}
          onSubmit={(amountIn) => {
            setRetryAmount(amountIn);
            void flow.start(amountIn);
          }}
          onRecheckFunds={funds.reload}
        />
      )}
      <Progress state={state} />
      {previewState && (
        <Preview state={previewState} params={params} canSign={flow.canSign} errorContext={errorContext} onSign={() => void flow.sign()} onCancel={flow.reset} onRefresh={() => void flow.refresh('manual')} />
      )}
      {state.step === 'failed' && (
        <FlowError state={state} params={params} errorContext={errorContext} actionLabel={nextStepLabel} onAction={nextStep} />
      )}
      {state.step === 'done' && <DonePanel migration={state.migration} params={params} locale={errorContext.locale} onAgain={flow.reset} />}
      <WalletHistory wallet={holder.toBase58()} version={historyVersion} params={params} errorContext={errorContext} />
    </div>
  );
}

/**
 * Where the flow stopped: the error's text (its heading takes focus), the migration id, the
 * receipt and the explorers when a signature exists, the top-up address for a wallet short of SOL,
 * and a support link that carries the migration id.
 */
function FlowError({
  state,
  params,
  errorContext,
  actionLabel,
  onAction,
}: {
  state: Extract<ReturnType<typeof useMigrationFlow>['state'], { step: 'failed' }>;
  params: PublicMigrationParams;
  errorContext: ErrorTextContext;
  actionLabel: (text: UserErrorText) => string | null;
  onAction: (text: UserErrorText) => void;
}) {
  const t = useTranslations('flow');
  const ref = useFocusOnChange<HTMLDivElement>(state.error);
  const lacksSol = state.error instanceof ApiRequestError && state.error.code === 'INSUFFICIENT_SOL';
  return (
    <div className="space-y-2 focus:outline-none" data-testid="flow-error" ref={ref} tabIndex={-1}>
      <ErrorNotice error={state.error} context={errorContext} actionLabel={actionLabel} onAction={onAction} />
      {lacksSol && <TopUpAddress />}
      {state.signature && <ExplorerLinks signature={state.signature} params={params} />}
      <p className="text-sm text-slate-600">
        {state.migrationId && (
          <>
            {t('migrationId')} <code className="font-mono">{state.migrationId}</code> ·{' '}
            <ClientLocaleLink href={`/receipt/${state.migrationId}`} className="font-medium text-brand underline" data-testid="failure-receipt-link">
              {t('openReceipt')}
            </ClientLocaleLink>{' '}
            ·{' '}
          </>
        )}
        <ClientLocaleLink
          href={state.migrationId ? `${SUPPORT_PATH}?migration=${state.migrationId}` : SUPPORT_PATH}
          className="font-medium text-brand underline"
          data-testid="failure-support-link"
        >
          {t('askSupport')}
        </ClientLocaleLink>
      </p>
    </div>
  );
}
