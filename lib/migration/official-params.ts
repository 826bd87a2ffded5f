import 'server-only';
import { getConfig } from '@/lib/config';
import type { Cluster } from '@/lib/config/env';
import type { OfficialParams } from '@/lib/solana/official-check';

/** The official parameters a pasted transaction is checked against (all public on chain), and the cluster name. */
export function getOfficialParams(): OfficialParams & { cluster: Cluster } {
  const config = getConfig();
  const mint = (m: (typeof config.mints)['ai16z']) => ({ mint: m.address.toBase58(), decimals: m.decimals, programId: m.programId.toBase58() });
  return {
    cluster: config.cluster,
    ai16z: mint(config.mints.ai16z),
    elizaos: mint(config.mints.elizaos),
    vaultTokenAccount: config.vault.tokenAccount.toBase58(),
    treasuryTokenAccount: config.treasury.tokenAccount.toBase58(),
    treasuryDelegate: config.treasury.delegate.publicKey.toBase58(),
    ratio: config.ratio.toString(),
  };
}
