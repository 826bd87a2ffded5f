import 'server-only';
import { getConfig } from '@/lib/config';
import { getOfficialParams } from '@/lib/migration/official-params';
import { type Cluster } from '@/lib/config/env';
import { type WindowState, windowStateAt } from '@/lib/migration/window';
import { readLocalnetDemoWallets } from '@/lib/migration/demo-wallets';
import { readMaintenance } from '@/lib/maintenance/server';
import type { OfficialParams } from '@/lib/solana/official-params';

/** Public migration parameters the wallet flow needs; every value is public on chain. */
export type PublicMigrationParams = OfficialParams & {
  cluster: Cluster;
  /** The cluster's RPC URL for explorer links on localnet only; empty elsewhere (provider keys stay on the server). */
  rpcUrlForExplorer: string;
  window: { opensAt: string; closesAt: string; state: WindowState };
  snapshotTakenAt: string;
  maintenance: boolean;
  /** Demo keypairs, on localnet only (always empty on any other cluster). */
  demoWallets: { label: string; publicKey: string; secretKey: string }[];
  /**
   * The release public key (base58) the browser checks the signed deployment manifest with before
   * it trusts the snapshot root in it (lib/snapshot/verify-eligibility.ts); null when none is
   * configured, and then no allocation is shown. It comes from this same server: see README
   * "Verify this deployment" for what that does and does not protect against.
   */
  releasePublicKey: string | null;
  /** What the deposit section promises: ELIZAOS within this many minutes of a final deposit (`DEPOSIT_PAYOUT_WITHIN_MINUTES`). */
  depositPayoutWithinMinutes: number;
  /** The dust warning's reference rate (ELIZAOS per SOL, decimal text) and its date (ISO), or null (config `dustReference`). */
  dustReference: { elizaosPerSol: string; asOf: string | null } | null;
};

/** Collects the public parameters for the `/migrate` page; `maintenance` is read fresh (both layers, fail closed). */
export async function getPublicMigrationParams(now = new Date()): Promise<PublicMigrationParams> {
  const config = getConfig();
  return {
    ...getOfficialParams(),
    rpcUrlForExplorer: config.cluster === 'localnet' ? config.rpcUrl : '',
    window: { opensAt: config.window.opensAt.toISOString(), closesAt: config.window.closesAt.toISOString(), state: windowStateAt(now, config.window) },
    snapshotTakenAt: config.snapshotTakenAt.toISOString(),
    maintenance: (await readMaintenance()).on,
    demoWallets: config.cluster === 'localnet' ? readLocalnetDemoWallets() : [],
    releasePublicKey: config.release.publicKey?.toBase58() ?? null,
    depositPayoutWithinMinutes: config.deposit.payoutWithinMinutes,
    dustReference: config.dustReference ? { elizaosPerSol: config.dustReference.elizaosPerSol, asOf: config.dustReference.asOf?.toISOString() ?? null } : null,
  };
}
