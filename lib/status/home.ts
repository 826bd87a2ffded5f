import 'server-only';
import { type ChainFigures, readChainFigures } from '@/lib/chain/figures';
import { getConfig } from '@/lib/config';
import { type WindowState, windowStateAt } from '@/lib/migration/window';

/** What the home page shows; amounts are base units with the decimals beside them. */
export type HomeStatus = {
  now: Date;
  cluster: string;
  window: { state: WindowState; opensAt: Date; closesAt: Date };
  snapshotTakenAt: Date;
  ratio: bigint;
  ai16z: { mint: string; decimals: number };
  elizaos: { mint: string; decimals: number };
  vaultTokenAccount: string;
  treasuryTokenAccount: string;
  /** Live figures, or `null` with the reason when the chain cannot be read right now. */
  chain: { figures: ChainFigures; error: null } | { figures: null; error: string };
};

/**
 * Collects the home page's figures: configuration plus one batched chain read.
 * Never throws for an RPC failure: the status page must stay up when the chain is unreachable.
 */
export async function readHomeStatus(now = new Date()): Promise<HomeStatus> {
  const config = getConfig();
  let chain: HomeStatus['chain'];
  try {
    chain = { figures: await readChainFigures(), error: null };
  } catch (error) {
    chain = { figures: null, error: error instanceof Error ? error.message : String(error) };
  }
  return {
    now,
    cluster: config.cluster,
    window: { state: windowStateAt(now, config.window), ...config.window },
    snapshotTakenAt: config.snapshotTakenAt,
    ratio: config.ratio,
    ai16z: { mint: config.mints.ai16z.address.toBase58(), decimals: config.mints.ai16z.decimals },
    elizaos: { mint: config.mints.elizaos.address.toBase58(), decimals: config.mints.elizaos.decimals },
    vaultTokenAccount: config.vault.tokenAccount.toBase58(),
    treasuryTokenAccount: config.treasury.tokenAccount.toBase58(),
    chain,
  };
}
