/**
 * An in-process stack for fault tests: the project's local validator (seeded, with funded load
 * wallets), the RPC fault proxy in front of it, and the app's environment pointing at the proxy.
 * The app's modules read the environment on first use, so import them only after
 * {@link startFaultStack} resolved (dynamic `import()`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection, Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import type { Db } from '@/lib/db/client';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import { loadSnapshotAndDemoMigration } from '@/scripts/lib/seed-database';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';
import { seedLocalnet } from '@/scripts/localnet/seed';
import { startLocalValidator, type LocalValidator } from '@/scripts/localnet/validator';
import { type RpcFaultProxy, startRpcFaultProxy } from '@/test/faults/rpc-fault-proxy';

export type FaultStack = {
  validator: LocalValidator;
  proxy: RpcFaultProxy;
  config: LocalnetConfig;
  /** The app's environment (also set on `process.env` by {@link startFaultStack} unless `setEnv: false`). */
  env: Record<string, string>;
  /** A connection straight to the validator, bypassing the proxy: the tests' view of the truth. */
  direct: Connection;
  /** The seed's snapshot CSV text. */
  snapshotCsv: string;
  /** Funded snapshot wallets (100 AI16Z each, 1 SOL). */
  wallets: Keypair[];
  work: string;
  close(): Promise<void>;
};

export type FaultStackOptions = {
  rpcPort: number;
  wsPort: number;
  proxyPort: number;
  databaseUrl: string;
  loadWallets: number;
  /** The validator's slot time; default 400 ms (a blockhash lives 150 slots). */
  blockTimeMs?: number;
  /** Server-side RPC timeout (SOLANA_RPC_TIMEOUT_MS); default 1500. */
  rpcTimeoutMs?: number;
  setEnv?: boolean;
};

/** Starts validator + seed + proxy. @throws Error when a port is taken or the seed fails. */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const validator = await startLocalValidator({ rpcPort: options.rpcPort, wsPort: options.wsPort, blockTimeMs: options.blockTimeMs });
  const work = mkdtempSync(path.join(tmpdir(), 'faults-'));
  try {
    const appUrl = 'http://localhost:3149';
    const config = await seedLocalnet(validator, { outDir: path.join(work, 'localnet'), root: work, appUrl, holders: 40, loadWallets: options.loadWallets });
    const proxy = await startRpcFaultProxy({ upstreamHttp: validator.rpcUrl, upstreamWs: validator.wsUrl, httpPort: options.proxyPort });
    const env = {
      ...appEnvForLocalnet(config, { appUrl, databaseUrl: options.databaseUrl }),
      SOLANA_RPC_URL: proxy.url,
      SOLANA_RPC_TIMEOUT_MS: String(options.rpcTimeoutMs ?? 1_500),
      RATE_LIMIT_SCALE: '1000',
    };
    if (options.setEnv ?? true) Object.assign(process.env, env);
    return {
      validator,
      proxy,
      config,
      env,
      direct: new Connection(validator.rpcUrl, { commitment: 'confirmed', fetch: retryOnReset }),
      snapshotCsv: readFileSync(path.join(work, config.snapshot.file), 'utf8'),
      wallets: config.loadWallets.map((w) => Keypair.fromSecretKey(bs58.decode(w.secretKey))),
      work,
      async close() {
        await proxy.close();
        await validator.close();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await validator.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `fetch` for the tests' own reads: one retry when a pooled keep-alive socket was reset (the
 * validator runs in this process and closes idle sockets on a timer that a long synchronous step,
 * such as opening PGlite, can make fire just as the socket is reused).
 */
const retryOnReset: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (!(error instanceof TypeError) || !/ECONNRESET|socket/i.test(String((error as { cause?: unknown }).cause))) throw error;
    return fetch(input, init);
  }
};

/** The holder's signature on a built (unsigned, base64) transaction, as a wallet's `signTransaction` returns it. */
export function signAsHolder(unsignedBase64: string, holder: Keypair): string {
  const transaction = Transaction.from(Buffer.from(unsignedBase64, 'base64'));
  transaction.partialSign(holder);
  return transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
}

/**
 * Loads the seed's snapshot into the app's database and records the demo `partial` wallet's
 * migration, exactly as the demo stack does (scripts/lib/seed-database.ts).
 */
export async function loadSeedIntoDatabase(db: Db, stack: Pick<FaultStack, 'config' | 'snapshotCsv'>): Promise<void> {
  await loadSnapshotAndDemoMigration(db, stack.config, stack.snapshotCsv);
}

/** A successful treasury outflow seen on chain for one migration memo. */
export type ChainIssue = { signature: string; slot: number };

/**
 * The chain's truth about migrations: every successful transaction touching the treasury token
 * account, grouped by the migration id in its memo (`elizaos-migration:v1:<id>`).
 */
export async function issuesOnChain(direct: Connection, treasuryTokenAccount: string): Promise<Map<string, ChainIssue[]>> {
  const entries = await direct.getSignaturesForAddress(new PublicKey(treasuryTokenAccount), { limit: 1000 }, 'confirmed');
  const byId = new Map<string, ChainIssue[]>();
  for (const entry of entries) {
    if (entry.err !== null || !entry.memo) continue;
    const id = /elizaos-migration:v1:([0-9a-f-]{36})/.exec(entry.memo)?.[1];
    if (!id) continue;
    byId.set(id, [...(byId.get(id) ?? []), { signature: entry.signature, slot: entry.slot }]);
  }
  return byId;
}

/** A token account's balance in base units, read straight from the validator. */
export async function tokenBalance(direct: Connection, account: string): Promise<bigint> {
  return BigInt((await direct.getTokenAccountBalance(new PublicKey(account), 'confirmed')).value.amount);
}
