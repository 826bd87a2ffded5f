import { useTranslations } from 'next-intl';
import type { WalletHistoryDeposit } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import { DepositSummary } from '@/components/deposit/deposit-summary';

/**
 * One deposit in the wallet's history (components/migrate/history.tsx): its summary (state,
 * amounts, refund, date, explorers) and the link to its tracking page.
 */
export function DepositHistoryEntry({ entry, params, locale }: { entry: WalletHistoryDeposit; params: PublicMigrationParams; locale?: string }) {
  const t = useTranslations('deposit');
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="history-entry" data-kind="deposit" data-id={entry.id} data-outcome={entry.state}>
      <DepositSummary facts={entry} params={params} locale={locale}>
        <p className="mt-2 text-sm">
          <ClientLocaleLink href={entry.receiptPath} className="font-medium text-brand underline underline-offset-4" data-testid="history-receipt-link">
            {t('track')}
          </ClientLocaleLink>
        </p>
      </DepositSummary>
    </li>
  );
}
