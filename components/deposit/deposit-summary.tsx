import { useTranslations } from 'next-intl';
import type { DepositApiState, DepositTransfer, WalletHistoryDeposit } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { depositAmountOut } from '@/lib/deposit/shown';
import { formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { StateBadge } from '@/components/ui/state-badge';
import { useReaderTimeZone } from '@/components/ui/reader-time-zone';
import { DEPOSIT_STATE_TONE, depositPaidShare } from '@/components/deposit/deposit-state';

/** One deposit as the pages show it: a wallet-history entry, or one transfer of `GET /api/v1/deposits/{signature}`. */
export type DepositFacts = {
  signature: string;
  state: DepositApiState;
  reason: WalletHistoryDeposit['reason'];
  /** Base units of `mint` that arrived. */
  amountIn: string;
  /** AI16Z base units paid for. */
  paid: string;
  /** ELIZAOS base units paid (or being paid); `0` while none is signed. */
  amountOut: string;
  mint: string;
  decimals: number;
  payoutSignature: string | null;
  /** `note`: what ops wrote the holder when they rejected the refund (English, ops-written), when the answer carries it. */
  refund: { state: 'pending' | 'submitted' | 'refunded' | 'rejected'; amount: string; signature: string | null; note?: string | null } | null;
  /** The deposit's block time (ISO). */
  createdAt: string;
};

/** A transfer of the deposit answer in the shape the pages show. */
export function factsOfTransfer(signature: string, t: DepositTransfer): DepositFacts {
  return {
    signature,
    state: t.state,
    reason: t.reason,
    amountIn: t.amount,
    paid: t.paid,
    amountOut: depositAmountOut(t),
    mint: t.mint,
    decimals: t.decimals,
    payoutSignature: t.payoutSignature,
    refund: t.refund && { state: t.refund.state, amount: t.refund.amount, signature: t.refund.signature, note: t.refund.note },
    createdAt: t.blockTime,
  };
}

/**
 * A deposit's state badge, date, amounts (what arrived, what was paid for it), why a part was not
 * paid, its refund, and the explorers for the deposit, the payout and the refund (DESIGN.md
 * "Deposit and receive"). `children` goes after the amounts (the history's tracking link).
 */
export function DepositSummary({ facts, params, locale, children }: { facts: DepositFacts; params: Pick<PublicMigrationParams, 'ai16z' | 'elizaos' | 'cluster' | 'rpcUrlForExplorer'>; locale?: string; children?: React.ReactNode }) {
  const t = useTranslations('deposit');
  const zone = useReaderTimeZone();
  const symbol = facts.mint === params.ai16z.mint ? 'AI16Z' : t('otherToken');
  const sent = formatBaseUnits(BigInt(facts.amountIn), facts.decimals, { locale });
  const received = formatBaseUnits(BigInt(facts.amountOut), params.elizaos.decimals, { locale });
  const paidFor = formatBaseUnits(BigInt(facts.paid), params.ai16z.decimals, { locale });
  const share = depositPaidShare(facts);
  return (
    <>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t('kind')}</span>
        <StateBadge size="small" badge={{ state: facts.state, tone: DEPOSIT_STATE_TONE[facts.state], label: t(`state.${facts.state}`), testId: 'deposit-state' }} />
        <time dateTime={facts.createdAt} className="text-sm text-slate-600" data-testid="deposit-date">
          {formatDateTime(new Date(facts.createdAt), locale, { timeZone: zone })}
        </time>
      </div>
      <p className="mt-2 tabular-nums" data-testid="deposit-amounts">
        {t.rich(`amounts.${share}`, { sent, symbol, received, paidFor, b: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {facts.reason && (
        <p className="mt-1 text-sm text-slate-700" data-testid="deposit-reason">
          {t(`reason.${facts.reason}`)}
        </p>
      )}
      {facts.refund && (
        <p className="mt-1 text-sm text-slate-700 tabular-nums" data-testid="deposit-refund" data-refund={facts.refund.state}>
          {t(`refund.${facts.refund.state}`, { amount: formatBaseUnits(BigInt(facts.refund.amount), facts.decimals, { locale }), symbol })}
        </p>
      )}
      {facts.refund?.state === 'rejected' && facts.refund.note && (
        <p className="mt-1 rounded bg-slate-50 p-2 text-sm text-slate-800" lang="en" data-testid="deposit-refund-note">
          {facts.refund.note}
        </p>
      )}
      {children}
      <p className="mt-2 text-xs font-medium text-slate-600">{t('links.deposit')}</p>
      <ExplorerLinks signature={facts.signature} params={params} />
      {facts.payoutSignature && (
        <>
          <p className="mt-1 text-xs font-medium text-slate-600">{t('links.payout')}</p>
          <ExplorerLinks signature={facts.payoutSignature} params={params} />
        </>
      )}
      {facts.refund?.signature && (
        <>
          <p className="mt-1 text-xs font-medium text-slate-600">{t('links.refund')}</p>
          <ExplorerLinks signature={facts.refund.signature} params={params} />
        </>
      )}
    </>
  );
}
