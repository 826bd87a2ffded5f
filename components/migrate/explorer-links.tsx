import { useTranslations } from 'next-intl';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { EXPLORERS, explorerTxUrl } from '@/components/migrate/explorer';

/**
 * Links to a transaction on Solana Explorer and Solscan (new tabs), for the cluster the portal runs
 * on. Shown as soon as the signature exists: while confirming, on the done panel, on the receipt.
 * Plain links, no client code of its own (server and client components both render it).
 */
export function ExplorerLinks({ signature, params, className }: { signature: string; params: Pick<PublicMigrationParams, 'cluster' | 'rpcUrlForExplorer'>; className?: string }) {
  const t = useTranslations('explorer');
  return (
    <p className={`flex flex-wrap gap-x-4 gap-y-1 text-sm ${className ?? ''}`} data-testid="explorer-links">
      {EXPLORERS.map((explorer) => (
        <a
          key={explorer}
          href={explorerTxUrl(signature, params.cluster, params.rpcUrlForExplorer, explorer)}
          target="_blank"
          rel="noopener noreferrer"
          className="font-medium text-brand underline underline-offset-4"
          data-testid={explorer === 'solana-explorer' ? 'explorer-link' : 'solscan-link'}
        >
          {params.cluster === 'mainnet-beta' ? t(explorer) : t(`${explorer}Cluster`, { cluster: params.cluster })}
          <span className="sr-only"> {t('newTab')}</span>
        </a>
      ))}
    </p>
  );
}
