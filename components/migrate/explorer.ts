import type { PublicMigrationParams } from '@/lib/migration/params';

type Cluster = PublicMigrationParams['cluster'];

/** The explorers a transaction is linked to, in the order shown. */
export const EXPLORERS = ['solana-explorer', 'solscan'] as const;
export type Explorer = (typeof EXPLORERS)[number];

/**
 * The page of a transaction on an explorer, for the configured cluster. Localnet has no public
 * cluster: both explorers' "custom" cluster reads the validator URL from the link.
 */
export function explorerTxUrl(signature: string, cluster: Cluster, rpcUrlForExplorer: string, explorer: Explorer = 'solana-explorer'): string {
  const base = explorer === 'solscan' ? 'https://solscan.io/tx/' : 'https://explorer.solana.com/tx/';
  const url = new URL(`${base}${encodeURIComponent(signature)}`);
  if (cluster === 'devnet' || cluster === 'testnet') url.searchParams.set('cluster', cluster);
  if (cluster === 'localnet') {
    url.searchParams.set('cluster', 'custom');
    url.searchParams.set('customUrl', rpcUrlForExplorer);
  }
  return url.toString();
}
