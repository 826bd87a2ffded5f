'use client';

import { useLocale, useTranslations } from 'next-intl';
import { DepositSummary, factsOfTransfer } from '@/components/deposit/deposit-summary';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useMigrationErrorContext } from '@/components/errors/use-error-text';
import { WalletHistory } from '@/components/migrate/history';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import type { DepositResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';

/** The path of a deposit's tracking page (lib/history/wallet.ts `depositPath`, the same path). */
export function depositPagePath(signature: string): string {
  return `/deposit/${encodeURIComponent(signature)}`;
}

/** Why a lookup by signature has no answer, in words (the one error-to-text path). */
export function TrackError({ error, params }: { error: unknown; params: PublicMigrationParams }) {
  return <ErrorNotice error={error} context={useMigrationErrorContext(params)} testId="deposit-track-error" />;
}

/**
 * A deposit found by its signature: whether it is final, whether it is still waiting to be paid
 * (and longer than promised: `now - since` past the window's payout minutes), and each transfer's
 * summary.
 */
export function TrackFound({
  signature,
  answer,
  since,
  now,
  params,
  showPageLink,
}: {
  signature: string;
  answer: DepositResponse;
  since: number;
  now: number;
  params: PublicMigrationParams;
  showPageLink: boolean;
}) {
  const t = useTranslations('deposit.tracker');
  const locale = useLocale();
  return (
    <div className="rounded-lg border border-slate-200 p-3" data-testid="deposit-result" data-state={answer.state}>
      <p className="break-all text-sm font-semibold">{t('resultHeading', { signature })}</p>
      {!answer.finalized && (
        <p role="status" className="mt-2 text-sm text-amber-900" data-testid="deposit-not-final">
          {t('notFinal')}
        </p>
      )}
      {answer.finalized && answer.state === 'pending' && (
        <p role="status" className="mt-2 text-sm text-amber-900" data-testid="deposit-pending">
          {now - since > params.depositPayoutWithinMinutes * 60_000 ? t('stillPending', { minutes: params.depositPayoutWithinMinutes }) : t('pending')}
        </p>
      )}
      {answer.deposits.map((transfer) => (
        <div key={transfer.index} className="mt-3 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0" data-testid="deposit-transfer">
          <DepositSummary facts={factsOfTransfer(signature, transfer)} params={params} locale={locale} />
        </div>
      ))}
      {showPageLink && (
        <p className="mt-3 text-sm">
          <ClientLocaleLink href={depositPagePath(signature)} className="font-medium text-brand underline underline-offset-4" data-testid="deposit-page-link">
            {t('pageLink')}
          </ClientLocaleLink>
        </p>
      )}
    </div>
  );
}

/** A sending wallet's history (its deposits and migrations), looked up by address. */
export function AddressHistory({ wallet, params }: { wallet: string; params: PublicMigrationParams }) {
  return <WalletHistory wallet={wallet} version={0} params={params} errorContext={useMigrationErrorContext(params)} />;
}
