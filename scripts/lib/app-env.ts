import { randomBytes } from 'node:crypto';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';

/**
 * The app's environment for a seeded localnet (see `.env.example` for every variable):
 * the window opened a day ago and closes in 90 days; the snapshot precedes the opening.
 */
export function appEnvForLocalnet(config: LocalnetConfig, options: { appUrl: string; databaseUrl: string; now?: Date; opsSessionSecret?: string; metricsToken?: string }): Record<string, string> {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const opensAt = new Date(now.getTime() - day);
  // The snapshot precedes the window: a localnet seeded just now dates it a day before the opening.
  const seededAt = new Date(config.snapshot.takenAt);
  const snapshotAt = seededAt < opensAt ? seededAt : new Date(opensAt.getTime() - day);
  return {
    SOLANA_CLUSTER: 'localnet',
    SOLANA_RPC_URL: config.rpcUrl,
    PUBLIC_APP_URL: options.appUrl,
    AI16Z_MINT: config.mints.ai16z.address,
    AI16Z_DECIMALS: String(config.mints.ai16z.decimals),
    AI16Z_TOKEN_PROGRAM: config.mints.ai16z.programId,
    ELIZAOS_MINT: config.mints.elizaos.address,
    ELIZAOS_DECIMALS: String(config.mints.elizaos.decimals),
    ELIZAOS_TOKEN_PROGRAM: config.mints.elizaos.programId,
    MIGRATION_VAULT_OWNER: config.vault.owner,
    MIGRATION_VAULT_TOKEN_ACCOUNT: config.vault.tokenAccount,
    TREASURY_TOKEN_ACCOUNT: config.treasury.tokenAccount,
    TREASURY_DELEGATE_SECRET_KEY: config.treasury.delegateSecretKey,
    MIGRATION_DEPOSIT_OWNER: config.deposit.owner,
    // Localnet: the server signs refunds itself (production keeps the deposit owner offline).
    MIGRATION_DEPOSIT_OWNER_SECRET_KEY: config.deposit.secretKey,
    DEPOSIT_FEE_PAYER_SECRET_KEY: config.deposit.feePayer.secretKey,
    MIGRATION_RATIO: '6',
    MIGRATION_OPENS_AT: opensAt.toISOString(),
    MIGRATION_CLOSES_AT: new Date(now.getTime() + 90 * day).toISOString(),
    SNAPSHOT_TAKEN_AT: snapshotAt.toISOString(),
    DATABASE_URL: options.databaseUrl,
    OPS_WALLETS: config.ops.map((o) => o.publicKey).join(','),
    MIGRATION_KILL_SWITCH: 'off',
    // An illustrative reference rate, so the demo's dust wallet is told what migrating costs it.
    DUST_REFERENCE_ELIZAOS_PER_SOL: '30000',
    DUST_REFERENCE_AS_OF: seededAt.toISOString(),
    // The seed's throwaway release key: the server signs its own manifest (README "Verify this deployment").
    RELEASE_SIGNING_KEY: config.release.secretKey,
    // A fresh key per start: localnet sessions end when the stack restarts, like the chain does.
    OPS_SESSION_SECRET: options.opsSessionSecret ?? randomBytes(48).toString('base64'),
    // Metrics on (GET /api/v1/metrics with `Authorization: Bearer $METRICS_TOKEN`): a fresh token per start,
    // in .localnet/app.env beside the rest.
    METRICS_TOKEN: options.metricsToken ?? randomBytes(24).toString('hex'),
    // The edge middleware reads the maintenance flag from this server on loopback.
    PORT: new URL(options.appUrl).port || '3000',
  };
}
