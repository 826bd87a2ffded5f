/**
 * A complete app environment for integration tests (embedded in-memory PGlite, or the file's
 * PostgreSQL database in the `postgres` project; fresh keys), set on
 * `process.env` before the first `getConfig()` call. Vitest runs each test file in its own process,
 * so each file gets its own configuration and database.
 */
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';

export type TestEnv = { ops: Keypair; outsider: Keypair; delegate: Keypair; appUrl: string };

export function setTestAppEnv(overrides: Record<string, string> = {}): TestEnv {
  const key = () => Keypair.generate().publicKey.toBase58();
  const ops = Keypair.generate();
  const outsider = Keypair.generate();
  const delegate = Keypair.generate();
  const now = Date.now();
  const env: Record<string, string> = {
    SOLANA_CLUSTER: 'localnet',
    SOLANA_RPC_URL: 'http://127.0.0.1:9', // nothing listens: tests never reach the chain
    PUBLIC_APP_URL: 'https://ops.test',
    ELIZAOS_MINT: key(),
    MIGRATION_VAULT_OWNER: key(),
    MIGRATION_VAULT_TOKEN_ACCOUNT: key(),
    TREASURY_TOKEN_ACCOUNT: key(),
    TREASURY_DELEGATE_SECRET_KEY: bs58.encode(delegate.secretKey),
    MIGRATION_DEPOSIT_OWNER: key(),
    DEPOSIT_FEE_PAYER_SECRET_KEY: bs58.encode(Keypair.generate().secretKey),
    MIGRATION_OPENS_AT: new Date(now - 86_400_000).toISOString(),
    MIGRATION_CLOSES_AT: new Date(now + 86_400_000).toISOString(),
    SNAPSHOT_TAKEN_AT: new Date(now - 2 * 86_400_000).toISOString(),
    // The `postgres` test project gives each file a PostgreSQL database (test/postgres-file-database.ts).
    DATABASE_URL: process.env.TEST_FILE_DATABASE_URL ?? 'memory://',
    OPS_WALLETS: ops.publicKey.toBase58(),
    OPS_SESSION_SECRET: 'test-secret-of-at-least-thirty-two-bytes!!',
    MIGRATION_KILL_SWITCH: 'off',
    ...overrides,
  };
  Object.assign(process.env, env);
  return { ops, outsider, delegate, appUrl: env.PUBLIC_APP_URL ?? '' };
}
