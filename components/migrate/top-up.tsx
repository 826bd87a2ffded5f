import { useWallet } from '@solana/wallet-adapter-react';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ErrorNotice } from '@/components/errors/error-notice';
import type { ErrorTextContext } from '@/components/errors/error-text';
import { EligibilityRefusal } from '@/components/migrate/errors';
import type { HolderFunds } from '@/components/migrate/use-holder-funds';
import { CopyButton } from '@/components/ui/copy-button';

/**
 * A wallet without the SOL a migration needs, told before any transaction is built: the same text
 * and figure as the build step's INSUFFICIENT_SOL (one computation, lib/solana/sol-needed.ts), the
 * address to send SOL to, with a copy button, and a way to check again after the top-up.
 */
export function TopUpSol({ funds, errorContext, onRecheck }: { funds: HolderFunds; errorContext: ErrorTextContext; onRecheck: () => void }) {
  const refusal = new EligibilityRefusal('INSUFFICIENT_SOL', solDetails(funds));
  return (
    <div className="space-y-2" data-testid="top-up">
      <ErrorNotice error={refusal} context={errorContext} testId="sol-needed" />
      <TopUpAddress onRecheck={onRecheck} />
    </div>
  );
}

/** The INSUFFICIENT_SOL details, as the build step answers them. */
export function solDetails(funds: HolderFunds): Record<string, string> {
  return {
    lamportsNeeded: funds.sol.total.toString(),
    lamports: funds.lamports.toString(),
    networkFee: funds.sol.networkFee.toString(),
    priorityFeeReserve: funds.sol.priorityFeeReserve.toString(),
    ataRent: funds.sol.ataRent.toString(),
    walletMinimum: funds.sol.walletMinimum.toString(),
  };
}

/** The connected wallet's address, to send SOL to from an exchange or another wallet, with a copy button. */
export function TopUpAddress({ onRecheck }: { onRecheck?: () => void }) {
  const t = useTranslations('flow');
  const id = useId();
  const { publicKey } = useWallet();
  if (!publicKey) return null;
  const address = publicKey.toBase58();
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="top-up-address">
      <p className="font-medium">{t('topUpTo')}</p>
      <p id={id} className="mt-1 break-all font-mono" data-testid="top-up-address-text">
        {address}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <CopyButton text={address} label={t('copyAddress')} copiedLabel={t('copied')} selectId={id} testId="copy-address" />
        {onRecheck && (
          <button type="button" onClick={onRecheck} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" data-testid="recheck-sol">
            {t('checkSolAgain')}
          </button>
        )}
      </div>
    </div>
  );
}
