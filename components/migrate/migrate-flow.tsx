// First: zod must be jitless before any schema below is defined (see the module).
import '@/lib/zod-jitless';
import { useWallet } from '@solana/wallet-adapter-react';
import { useLocale, useTranslations } from 'next-intl';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import type { PublicKey } from '@solana/web3.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { violationTexts } from '@/lib/i18n/violations';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { AmountForm } from '@/components/migrate/amount-form';
import { ConnectedWallet } from '@/components/wallet/connected';
import { DonePanel } from '@/components/migrate/done-panel';
import { EligibilityPanel, useEligibility } from '@/components/migrate/eligibility-panel';
import { ErrorNotice } from '@/components/errors/error-notice';
import type { ErrorTextContext, UserErrorText } from '@/components/errors/error-text';
import { Preview } from '@/components/migrate/preview';
import { Progress } from '@/components/migrate/progress';
import { useMigrationFlow } from '@/components/migrate/use-migration-flow';
import { MigrationWalletProvider } from '@/components/wallet/provider';
import { WalletPicker } from '@/components/wallet/picker';
import { SUPPORT_PATH } from '@/components/errors/error-text';
import { StrayDelegations } from '@/components/migrate/stray-delegations';

/** Only public values: addresses, mints, dates, and (on localnet only) demo keypairs. */
export type MigrateFlowProps = { params: PublicMigrationParams };

/** The client-side wallet flow, loaded lazily by `/migrate` (default export for `next/dynamic`). */
export default function MigrateFlow({ params }: MigrateFlowProps) {
  return (
    <MigrationWalletProvider demoWallets={params.demoWallets} mobileCluster={params.cluster}>
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
  const flow = useMigrationFlow(params, eligibility.reload);
  const [inputError, setInputError] = useState<unknown>(null);
  const lastAmount = useRef<bigint | null>(null);
  const { state } = flow;

  // A refusal at build or submit may mean the allocation moved (another tab, another device): re-read it.
  const failedAt = state.step === 'failed' ? state.at : null;
  const reloadEligibility = eligibility.reload;
  useEffect(() => {
    if (failedAt === 'building' || failedAt === 'submitting') reloadEligibility();
  }, [failedAt, reloadEligibility]);

  const begin = (amountIn: bigint) => {
    setInputError(null);
    lastAmount.current = amountIn;
    void flow.start(amountIn);
  };
  const nextStep = (text: UserErrorText) => {
    const amount = lastAmount.current;
    if ((text.action === 'rebuild' || text.action === 'retry') && amount !== null) begin(amount);
    else flow.reset();
  };
  const nextStepLabel = (text: UserErrorText) =>
    text.action === 'rebuild' ? t('rebuild') : text.action === 'retry' ? t('retry') : text.action === 'editAmount' ? t('editAmount') : null;

  const loaded = eligibility.state.status === 'loaded' ? eligibility.state.data : null;
  const showForm = loaded?.eligible === true && (state.step === 'idle' || state.step === 'building' || state.step === 'verifying' || state.step === 'failed');
  const review = state.step === 'review' || state.step === 'signing' || state.step === 'submitting' || state.step === 'confirming' ? state.review : null;

  return (
    <div className="space-y-6">
      <ConnectedWallet busy={state.step === 'signing' || state.step === 'submitting'} />
      <StrayDelegations holder={holder} params={params} locale={errorContext.locale} />
      <EligibilityPanel state={eligibility.state} ai16zDecimals={params.ai16z.decimals} errorContext={errorContext} onRetry={eligibility.reload} />
      {showForm && loaded && (
        <AmountForm
          params={params}
          eligibility={loaded}
          disabled={state.step === 'building' || state.step === 'verifying'}
          locale={errorContext.locale}
          onSubmit={begin}
          onInvalid={(error) => {
            flow.reset();
            setInputError(error);
          }}
        />
      )}
      {inputError !== null && state.step === 'idle' && <ErrorNotice error={inputError} context={errorContext} />}
      <Progress state={state} />
      {review && state.step !== 'done' && state.step !== 'failed' && state.step !== 'idle' && (
        <Preview
          review={review}
          signed={state.step === 'submitting' || state.step === 'confirming' ? state.signed : null}
          step={state.step}
          canSign={flow.canSign}
          locale={errorContext.locale}
          errorContext={errorContext}
          onSign={() => void flow.sign()}
          onCancel={flow.reset}
        />
      )}
      {state.step === 'failed' && (
        <div className="space-y-2" data-testid="flow-error">
          <ErrorNotice error={state.error} context={errorContext} actionLabel={nextStepLabel} onAction={nextStep} />
          {state.migrationId && (
            <p className="text-sm text-slate-600">
              {t('migrationId')} <code className="font-mono">{state.migrationId}</code>
              {state.at === 'confirming' && (
                <>
                  {' '}
                  ·{' '}
                  <ClientLocaleLink href={`/receipt/${state.migrationId}`} className="font-medium text-brand underline">
                    {t('openReceipt')}
                  </ClientLocaleLink>
                </>
              )}
            </p>
          )}
        </div>
      )}
      {state.step === 'done' && <DonePanel migration={state.migration} params={params} locale={errorContext.locale} onAgain={flow.reset} />}
    </div>
  );
}
