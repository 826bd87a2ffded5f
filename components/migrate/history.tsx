import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { fetchWalletHistory } from '@/lib/api/client';
import type { WalletHistoryEntry, WalletHistoryMigration } from '@/lib/api/types';
import { DepositHistoryEntry } from '@/components/deposit/history-entry';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ErrorNotice } from '@/components/errors/error-notice';
import type { ErrorTextContext } from '@/components/errors/error-text';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { StateBadge } from '@/components/ui/state-badge';
import { amountsMoved, OUTCOME_TONE, outcomeOf, type Outcome } from '@/components/migrate/receipt-outcome';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import { useReaderTimeZone } from '@/components/ui/reader-time-zone';

type HistoryState = { status: 'loading' } | { status: 'loaded'; entries: WalletHistoryEntry[]; truncated: boolean } | { status: 'error'; error: unknown };

/** `GET /api/v1/wallets/{wallet}/migrations` for the connected wallet; `version` re-reads it (after a migration settles). */
export function useWalletHistory(wallet: string, version: number) {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [retry, setRetry] = useState(0);
  useEffect(() => {
    let live = true;
    fetchWalletHistory(wallet).then(
      (answer) => live && setState({ status: 'loaded', entries: answer.entries, truncated: answer.truncated }),
      (error: unknown) => live && setState((s) => (s.status === 'loaded' ? s : { status: 'error', error })),
    );
    return () => {
      live = false;
    };
  }, [wallet, version, retry]);
  const reload = useCallback(() => setRetry((r) => r + 1), []);
  return { state, reload };
}

/**
 * What this wallet did with the portal, newest first: each migration's and each deposit's state (how an attempt that
 * did not land ended), amounts ("would have" when nothing moved), date in the reader's time zone,
 * the receipt and the explorers. Transactions prepared and never signed (a preview left open, an
 * expired offer) are counted apart, shown on request: they moved nothing.
 */
export function WalletHistory({ wallet, version, params, errorContext }: { wallet: string; version: number; params: PublicMigrationParams; errorContext: ErrorTextContext }) {
  const t = useTranslations('history');
  const { state, reload } = useWalletHistory(wallet, version);
  const [showUnsent, setShowUnsent] = useState(false);
  return (
    <section aria-labelledby="history-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="history" aria-busy={state.status === 'loading'}>
      <h2 id="history-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      {state.status === 'loading' && (
        <p role="status" className="mt-2 text-sm text-slate-600">
          {t('loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="mt-2">
          <ErrorNotice error={state.error} context={errorContext} actionLabel={() => t('retry')} onAction={reload} testId="history-error" />
        </div>
      )}
      {state.status === 'loaded' && <HistoryList entries={state.entries} truncated={state.truncated} showUnsent={showUnsent} onShowUnsent={() => setShowUnsent((v) => !v)} params={params} errorContext={errorContext} />}
    </section>
  );
}

function HistoryList({
  entries,
  truncated,
  showUnsent,
  onShowUnsent,
  params,
  errorContext,
}: {
  entries: WalletHistoryEntry[];
  truncated: boolean;
  showUnsent: boolean;
  onShowUnsent: () => void;
  params: PublicMigrationParams;
  errorContext: ErrorTextContext;
}) {
  const t = useTranslations('history');
  const unsent = entries.filter(isUnsentEntry);
  const shown = showUnsent ? entries : entries.filter((e) => !isUnsentEntry(e));
  if (entries.length === 0) return <p className="mt-2 text-sm text-slate-700">{t('empty')}</p>;
  return (
    <>
      {shown.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t('noneSent')}</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="history-entries">
          {shown.map((entry) =>
            entry.kind === 'deposit' ? (
              <DepositHistoryEntry key={entry.id} entry={entry} params={params} locale={errorContext.locale} />
            ) : (
              <HistoryEntry key={entry.id} entry={entry} params={params} locale={errorContext.locale} />
            ),
          )}
        </ol>
      )}
      {unsent.length > 0 && (
        <button type="button" onClick={onShowUnsent} aria-expanded={showUnsent} className="mt-3 text-sm font-medium text-brand underline underline-offset-4" data-testid="history-unsent-toggle">
          {showUnsent ? t('hideUnsent') : t('showUnsent', { count: unsent.length })}
        </button>
      )}
      {truncated && <p className="mt-2 text-sm text-slate-600">{t('truncated')}</p>}
    </>
  );
}

/** A migration prepared and never signed (a deposit always moved tokens: it is never "unsent"). */
function isUnsentEntry(entry: WalletHistoryEntry): entry is WalletHistoryMigration {
  return entry.kind === 'migration' && isUnsent(outcomeOf(entry));
}

/** Prepared and never signed: the offer ran out, or a transaction is on the preview right now. */
function isUnsent(outcome: Outcome): boolean {
  return outcome === 'not_signed' || outcome === 'built';
}

function HistoryEntry({ entry, params, locale }: { entry: WalletHistoryMigration; params: PublicMigrationParams; locale?: string }) {
  const t = useTranslations('history');
  const zone = useReaderTimeZone();
  const outcome = outcomeOf(entry);
  const moved = amountsMoved(outcome);
  const ai16z = formatBaseUnits(BigInt(entry.amountIn), params.ai16z.decimals, { locale });
  const elizaos = formatBaseUnits(BigInt(entry.amountOut), params.elizaos.decimals, { locale });
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="history-entry" data-id={entry.id} data-outcome={outcome}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <StateBadge size="small" badge={{ state: outcome, tone: OUTCOME_TONE[outcome], label: t(`outcome.${outcome}`), testId: 'history-state' }} />
        <time dateTime={entry.createdAt} className="text-sm text-slate-600" data-testid="history-date">
          {formatDateTime(new Date(entry.createdAt), locale, { timeZone: zone })}
        </time>
      </div>
      <p className="mt-2 tabular-nums" data-testid="history-amounts">
        {t.rich(`amounts.${moved}`, { sent: ai16z, received: elizaos, b: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <ClientLocaleLink href={entry.receiptPath} className="font-medium text-brand underline underline-offset-4" data-testid="history-receipt-link">
          {t('receipt')}
        </ClientLocaleLink>
      </p>
      {entry.signature && <ExplorerLinks signature={entry.signature} params={params} className="mt-1" />}
    </li>
  );
}
