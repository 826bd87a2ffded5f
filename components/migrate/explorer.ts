import type { PublicMigrationParams } from '@/lib/migration/params';

/**
 * The Solana Explorer page of a transaction on the configured cluster. Localnet has no public
 * explorer cluster: the explorer's "custom" cluster reads the validator URL from the link.
 */
export function explorerTxUrl(signature: string, cluster: PublicMigrationParams['cluster'], rpcUrlForExplorer: string): string {
  const url = new URL(`https://explorer.solana.com/tx/${encodeURIComponent(signature)}`);
  if (cluster === 'devnet' || cluster === 'testnet') url.searchParams.set('cluster', cluster);
  if (cluster === 'localnet') {
    url.searchParams.set('cluster', 'custom');
    url.searchParams.set('customUrl', rpcUrlForExplorer);
  }
  return url.toString();
}
