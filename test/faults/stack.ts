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
  /**
   * Validator RPC, its pubsub and the proxy's HTTP port (its WebSocket is `proxyPort + 1`). Absent:
   * four consecutive random high ports, retried when taken (so runs in other checkouts never collide).
   */
  rpcPort?: number;
  wsPort?: number;
  proxyPort?: number;
  databaseUrl: string;
  loadWallets: number;
  /** The validator's slot time; default 400 ms (a blockhash lives 150 slots). */
  blockTimeMs?: number;
  /** Snapshot holders the seed writes (demo and load wallets included); default 40. */
  holders?: number;
  /** Server-side RPC timeout (SOLANA_RPC_TIMEOUT_MS); default 1500. */
  rpcTimeoutMs?: number;
  setEnv?: boolean;
};

/** Starts validator + seed + proxy. @throws Error when a fixed port is taken or the seed fails. */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  if (options.rpcPort !== undefined && options.wsPort !== undefined && options.proxyPort !== undefined) {
    return startFaultStackOn({ ...options, rpcPort: options.rpcPort, wsPort: options.wsPort, proxyPort: options.proxyPort });
  }
  for (let attempt = 0; ; attempt += 1) {
    const base = 30_000 + 4 * Math.floor(Math.random() * 7_000);
    try {
      return await startFaultStackOn({ ...options, rpcPort: base, wsPort: base + 1, proxyPort: base + 2 });
    } catch (error) {
      if (attempt < 10 && error instanceof Error && /already in use/.test(error.message)) continue;
      throw error;
    }
  }
}

async function startFaultStackOn(options: FaultStackOptions & { rpcPort: number; wsPort: number; proxyPort: number }): Promise<FaultStack> {
  const validator = await startLocalValidator({ rpcPort: options.rpcPort, wsPort: options.wsPort, blockTimeMs: options.blockTimeMs });
  const work = mkdtempSync(path.join(tmpdir(), 'faults-'));
  try {
    const appUrl = 'http://localhost:3149';
    // The proxy first: a taken port fails before the seed's work.
    const proxy = await startRpcFaultProxy({ upstreamHttp: validator.rpcUrl, upstreamWs: validator.wsUrl, httpPort: options.proxyPort });
    let config: LocalnetConfig;
    try {
      config = await seedLocalnet(validator, { outDir: path.join(work, 'localnet'), root: work, appUrl, holders: options.holders ?? 40, loadWallets: options.loadWallets });
    } catch (error) {
      await proxy.close();
      throw error;
    }
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

/** A route handler's answer in the fault tests: its HTTP status and JSON body. */
export type Answer = { status: number; body: Record<string, unknown> };

/** Reads a route handler's JSON answer. */
export async function readAnswer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * A JSON POST to `origin + path` for a route handler called in-process, from `clientIp` (each
 * test file gives its own, so the rate limits of one file never count another's requests).
 */
export function jsonPost(origin: string, path: string, body: unknown, clientIp: string): Request {
  return new Request(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp }, body: JSON.stringify(body) });
}

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

/** What the chain shows one wallet migrated through co-signed transactions (base units). */
export type LandedMigrations = { ai16zIn: bigint; elizaosOut: bigint; signatures: string[] };

/**
 * The chain as the allocation's oracle (DESIGN.md "The allocation under any order of events"):
 * every successful transaction into the migration vault that the treasury delegate signed, read
 * at `confirmed`, summed per fee payer (the holder): the AI16Z the vault token account gained and
 * the ELIZAOS the treasury token account lost in it. Nothing here comes from the portal's database.
 * `scan` is the address whose history is read: the vault token account (every wallet), or one
 * wallet (only its own migrations, much less to read).
 */
export async function landedMigrationsByWallet(direct: Connection, config: LocalnetConfig, scan: string = config.vault.tokenAccount): Promise<Map<string, LandedMigrations>> {
  const signatures: string[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await direct.getSignaturesForAddress(new PublicKey(scan), { before, limit: 1000 }, 'confirmed');
    signatures.push(...page.filter((e) => e.err === null).map((e) => e.signature));
    if (page.length < 1000) break;
    before = page.at(-1)?.signature;
  }
  const byWallet = new Map<string, LandedMigrations>();
  for (const signature of signatures) {
    const landed = await direct.getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
    if (!landed?.meta || landed.meta.err !== null) continue;
    const keys = landed.transaction.message.staticAccountKeys.map((k) => k.toBase58());
    const signers = keys.slice(0, landed.transaction.message.header.numRequiredSignatures);
    if (!signers.includes(config.treasury.delegate) || !keys.includes(config.vault.tokenAccount)) continue;
    const delta = (account: string, mint: string) => {
      const index = keys.indexOf(account);
      const amount = (balances: typeof landed.meta.preTokenBalances) => BigInt(balances?.find((b) => b.accountIndex === index && b.mint === mint)?.uiTokenAmount.amount ?? '0');
      return amount(landed.meta?.postTokenBalances) - amount(landed.meta?.preTokenBalances);
    };
    const wallet = keys[0] ?? '';
    const entry = byWallet.get(wallet) ?? { ai16zIn: 0n, elizaosOut: 0n, signatures: [] };
    entry.ai16zIn += delta(config.vault.tokenAccount, config.mints.ai16z.address);
    entry.elizaosOut -= delta(config.treasury.tokenAccount, config.mints.elizaos.address);
    entry.signatures.push(signature);
    byWallet.set(wallet, entry);
  }
  return byWallet;
}

/**
 * Sends and confirms a transaction straight on the validator with a blockhash read now (web3.js
 * caches one for 30 s, which tests that produce hundreds of blocks at once outrun).
 * @returns its signature. @throws Error when it fails.
 */
export async function sendDirect(direct: Connection, transaction: Transaction, signers: Keypair[]): Promise<string> {
  const latest = await direct.getLatestBlockhash('confirmed');
  transaction.recentBlockhash = latest.blockhash;
  transaction.feePayer ??= signers[0]?.publicKey;
  transaction.sign(...signers);
  const signature = await direct.sendRawTransaction(transaction.serialize());
  const { value } = await direct.confirmTransaction({ signature, ...latest }, 'confirmed');
  if (value.err) throw new Error(`transaction ${signature} failed: ${JSON.stringify(value.err)}`);
  return signature;
}
