import { useTranslations } from 'next-intl';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import type { MigrationResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { useFocusOnChange } from '@/components/ui/use-focus-on-change';

/** The confirmed migration, with the way to its receipt and to the explorers; its heading takes focus. */
export function DonePanel({ migration, params, locale, onAgain }: { migration: MigrationResponse; params: PublicMigrationParams; locale?: string; onAgain: () => void }) {
  const t = useTranslations('flow');
  const ref = useFocusOnChange<HTMLHeadingElement>(migration.id);
  return (
    <section role="status" aria-labelledby="done-heading" className="rounded-xl border border-emerald-300 bg-emerald-50 p-6 text-emerald-950" data-testid="done">
      <h2 id="done-heading" ref={ref} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {t('doneHeading')}
      </h2>
      <p className="mt-2">
        {t.rich('doneBody', {
          sent: formatBaseUnits(BigInt(migration.amount), params.ai16z.decimals, { locale }),
          received: formatBaseUnits(BigInt(migration.amountOut), params.elizaos.decimals, { locale }),
          b: (chunks) => <strong className="tabular-nums">{chunks}</strong>,
        })}
      </p>
      {migration.signature && (
        <>
          <p className="mt-1 break-all text-sm">
            {t('signature')} <code className="font-mono">{migration.signature}</code>
          </p>
          <ExplorerLinks signature={migration.signature} params={params} className="mt-1" />
        </>
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        <ClientLocaleLink href={`/receipt/${migration.id}`} className="rounded-lg bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700" data-testid="receipt-link">
          {t('viewReceipt')}
        </ClientLocaleLink>
        <button type="button" onClick={onAgain} className="rounded-lg border border-emerald-700 px-4 py-2 font-medium hover:bg-white/60 focus-visible:outline-2 focus-visible:outline-offset-2">
          {t('migrateMore')}
        </button>
      </div>
    </section>
  );
}
