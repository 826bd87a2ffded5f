import { useTranslations } from 'next-intl';
import type { WalletHistoryDeposit } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { BADGE_TONE } from '@/components/ui/state-badge';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import { useReaderTimeZone } from '@/components/ui/reader-time-zone';
import { DEPOSIT_STATE_TONE, depositPaidShare } from '@/components/deposit/deposit-state';

/**
 * One deposit in the wallet's history (DESIGN.md "Deposit and receive"): its state, the AI16Z
 * that arrived, the ELIZAOS paid for it, the refund of any part not paid, its date in the
 * reader's time zone, its tracking page and the explorers (the deposit, the payout, the refund).
 */
export function DepositHistoryEntry({ entry, params, locale }: { entry: WalletHistoryDeposit; params: PublicMigrationParams; locale?: string }) {
  const t = useTranslations('deposit');
  const zone = useReaderTimeZone();
  const isAi16z = entry.mint === params.ai16z.mint;
  const symbol = isAi16z ? 'AI16Z' : t('otherToken');
  const sent = formatBaseUnits(BigInt(entry.amountIn), entry.decimals, { locale });
  const received = formatBaseUnits(BigInt(entry.amountOut), params.elizaos.decimals, { locale });
  const paidFor = formatBaseUnits(BigInt(entry.paid), params.ai16z.decimals, { locale });
  const share = depositPaidShare(entry);
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="history-entry" data-kind="deposit" data-id={entry.id} data-outcome={entry.state}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('kind')}</span>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${BADGE_TONE[DEPOSIT_STATE_TONE[entry.state]]}`} data-testid="history-state">
          {t(`state.${entry.state}`)}
        </span>
        <time dateTime={entry.createdAt} className="text-sm text-slate-600" data-testid="history-date">
          {formatDateTime(new Date(entry.createdAt), locale, { timeZone: zone })}
        </time>
      </div>
      <p className="mt-2 tabular-nums" data-testid="history-amounts">
        {t.rich(`amounts.${share}`, { sent, symbol, received, paidFor, b: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {entry.reason && (
        <p className="mt-1 text-sm text-slate-700" data-testid="history-reason">
          {t(`reason.${entry.reason}`)}
        </p>
      )}
      {entry.refund && (
        <p className="mt-1 text-sm text-slate-700 tabular-nums" data-testid="history-refund">
          {t(`refund.${entry.refund.state}`, { amount: formatBaseUnits(BigInt(entry.refund.amount), entry.decimals, { locale }), symbol })}
        </p>
      )}
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <ClientLocaleLink href={entry.receiptPath} className="font-medium text-brand underline underline-offset-4" data-testid="history-receipt-link">
          {t('track')}
        </ClientLocaleLink>
      </p>
      <p className="mt-1 text-xs font-medium text-slate-600">{t('links.deposit')}</p>
      <ExplorerLinks signature={entry.signature} params={params} />
      {entry.payoutSignature && (
        <>
          <p className="mt-1 text-xs font-medium text-slate-600">{t('links.payout')}</p>
          <ExplorerLinks signature={entry.payoutSignature} params={params} />
        </>
      )}
      {entry.refund?.signature && (
        <>
          <p className="mt-1 text-xs font-medium text-slate-600">{t('links.refund')}</p>
          <ExplorerLinks signature={entry.refund.signature} params={params} />
        </>
      )}
    </li>
  );
}
