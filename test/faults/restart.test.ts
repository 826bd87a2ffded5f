/**
 * README "Tests", Faults (`restart.test.ts`): an app instance SIGKILLed between co-signing and recording the confirmation;
 * a fresh instance's reconciler recovers every migration's true state from the chain.
 *
 * The validator and the fault proxy run here; the app instances are real processes
 * (test/faults/restart-child.ts) sharing a PGlite directory, one process at a time. This process
 * builds four migrations (M3 first, 100 blocks earlier than the others), then one child submits
 * all four at once while the proxy holds M1's and M4's sends *after* they reached the validator
 * and M2's and M3's *before* they left; the test kills the child once all four sends are there.
 * 95 more blocks: M3's blockhash is past even at `finalized` (which trails by 32 blocks; only then
 * may it be released), the others' still valid. Then:
 *
 * - M1 (landed, not recorded)                → restart: confirmed by its signature's status;
 * - M2 (co-signed and recorded, never sent)  → restart: re-broadcast, confirmed;
 * - M3 (same, blockhash now expired)         → restart: released (`expired`): the finalized height is
 *   past its last valid block height and neither its signature nor any copy of its message landed;
 * - M4 (landed, and the database then loses the submit: restored from a backup taken before it,
 *   the row is `built` with no signature)    → restart: found by its memo, confirmed.
 *
 * And no double issue: each memo at most once on chain, the treasury moved by exactly the
 * confirmed migrations.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '@/lib/db/client';
import { migrations } from '@/lib/db/schema';
import type { ProxyLogEntry, RpcCall } from '@/test/faults/rpc-fault-proxy';
import { issuesOnChain, loadSeedIntoDatabase, signAsHolder, startFaultStack, tokenBalance } from '@/test/faults/stack';

const ROOT = path.resolve(__dirname, '..', '..');
const AMOUNT = '5000000000'; // 5 AI16Z
const dbDir = mkdtempSync(path.join(tmpdir(), 'restart-db-'));
const databaseUrl = `pglite://${path.join(dbDir, 'pglite')}`;

// Random free ports (startFaultStack), so runs in other checkouts never collide. Slow blocks
// (2 s) so that a blockhash outlives three process starts on a busy machine; expiry is forced with
// produceBlock().
const stack = await startFaultStack({ databaseUrl, loadWallets: 4, blockTimeMs: 2_000, rpcTimeoutMs: 60_000 });
const { getDb } = await import('@/lib/db');
const { buildMigration } = await import('@/lib/migration/build');

beforeAll(async () => {
  await loadSeedIntoDatabase(await getDb(), stack);
}, 180_000);

afterAll(async () => {
  await closeAppDatabase();
  await stack.close();
  rmSync(dbDir, { recursive: true, force: true });
});

/** Closes this process's app database (lib/db), so a child can open the directory. */
async function closeAppDatabase(): Promise<void> {
  const holder = globalThis as Record<symbol, Promise<DbHandle> | undefined>;
  const key = Symbol.for('elizaos-migration.db');
  const handle = holder[key];
  delete holder[key];
  if (handle) await (await handle).close();
}

type Child = { process: ChildProcess; results: unknown[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; output: () => string };

function child(command: string, input: unknown): Child {
  const env = { ...process.env, ...stack.env } as NodeJS.ProcessEnv;
  const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/faults/restart-child.ts', command, JSON.stringify(input)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const results: unknown[] = [];
  let text = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.startsWith('RESULT ')) results.push(JSON.parse(line.slice('RESULT '.length)));
  });
  proc.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { process: proc, results, exited, output: () => text };
}

/** Whether a `sendTransaction` call carries the transaction of migration `id` (its memo names the id). */
const carries =
  (...ids: string[]) =>
  (call: RpcCall): boolean => {
    const [encoded] = Array.isArray(call.params) ? (call.params as unknown[]) : [];
    if (typeof encoded !== 'string') return false;
    const bytes = Buffer.from(encoded, 'base64').toString('latin1');
    return ids.some((id) => bytes.includes(id));
  };

async function withDatabase<T>(work: (db: DbHandle['db']) => Promise<T>): Promise<T> {
  const handle = await openDatabase(databaseUrl);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

describe('restart mid-flight', () => {
  it('an instance killed between co-sign and confirmation; a fresh one settles every migration as the chain says, by signature or by memo', async () => {
    const [w1, w2, w3, w4] = stack.wallets;
    if (!w1 || !w2 || !w3 || !w4) throw new Error('the seed made fewer than 4 load wallets');
    const treasuryBefore = await tokenBalance(stack.direct, stack.config.treasury.tokenAccount);

    const m3 = await buildMigration({ wallet: w3.publicKey.toBase58(), amount: AMOUNT });
    for (let i = 0; i < 100; i += 1) stack.validator.produceBlock();
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // past the server's 2 s blockhash cache
    const [m1, m2, m4] = [
      await buildMigration({ wallet: w1.publicKey.toBase58(), amount: AMOUNT }),
      await buildMigration({ wallet: w2.publicKey.toBase58(), amount: AMOUNT }),
      await buildMigration({ wallet: w4.publicKey.toBase58(), amount: AMOUNT }),
    ];
    if (!m1 || !m2 || !m4) throw new Error('missing builds');
    await closeAppDatabase();

    // The instance that dies: M2's and M3's sends held before the validator, M1's and M4's after.
    stack.proxy.setMode([
      { kind: 'hang', methods: ['sendTransaction'], match: carries(m2.id, m3.id) },
      { kind: 'hold-response', methods: ['sendTransaction'] },
    ]);
    const sends = { held: 0, forwarded: 0 };
    let allThere: () => void = () => undefined;
    const everySendThere = new Promise<void>((resolve) => (allThere = resolve));
    const check = () => sends.held === 2 && sends.forwarded === 2 && allThere();
    const onRequest = (entry: ProxyLogEntry) => entry.methods.includes('sendTransaction') && entry.fault === 'hang' && ((sends.held += 1), check());
    const onForwarded = (entry: ProxyLogEntry) => entry.methods.includes('sendTransaction') && entry.fault === 'hold-response' && ((sends.forwarded += 1), check());
    stack.proxy.events.on('request', onRequest);
    stack.proxy.events.on('forwarded', onForwarded);
    const doomed = child('submit', {
      submissions: [
        { id: m1.id, transaction: signAsHolder(m1.transaction, w1) },
        { id: m2.id, transaction: signAsHolder(m2.transaction, w2) },
        { id: m3.id, transaction: signAsHolder(m3.transaction, w3) },
        { id: m4.id, transaction: signAsHolder(m4.transaction, w4) },
      ],
    });
    try {
      const outcome = await Promise.race([everySendThere.then(() => 'kill' as const), doomed.exited.then(() => 'exited' as const)]);
      if (outcome === 'exited') throw new Error(`the submitting instance exited before its sends were in flight (${JSON.stringify(sends)}):\n${doomed.output()}`);
      doomed.process.kill('SIGKILL');
      expect(await doomed.exited).toMatchObject({ signal: 'SIGKILL' });
      expect(doomed.results).toEqual([]); // it never answered
    } finally {
      stack.proxy.events.off('request', onRequest);
      stack.proxy.events.off('forwarded', onForwarded);
      stack.proxy.release();
      stack.proxy.setMode({ kind: 'pass' });
    }
    // M3 past its last valid block height at `finalized` (32 blocks behind), the others still valid.
    for (let i = 0; i < 95; i += 1) stack.validator.produceBlock();

    // What the killed instance left: four `submitted` rows. Then M4's submit is lost.
    await withDatabase(async (db) => {
      for (const id of [m1.id, m2.id, m3.id, m4.id]) {
        const [row] = await db.select().from(migrations).where(eq(migrations.id, id));
        expect(row?.state, `migration ${id}`).toBe('submitted');
      }
      // A restore puts back the row as it was when built (no UPDATE goes backwards: the state
      // machine's trigger refuses submitted → built).
      const [submitted] = await db.select().from(migrations).where(eq(migrations.id, m4.id));
      if (!submitted) throw new Error('no M4 row');
      await db.delete(migrations).where(eq(migrations.id, m4.id));
      await db.insert(migrations).values({ ...submitted, state: 'built', signature: null, signedTransaction: null, submittedAt: null, sendError: null });
    });
    const before = await issuesOnChain(stack.direct, stack.config.treasury.tokenAccount);
    expect(before.get(m1.id)).toHaveLength(1);
    expect(before.get(m4.id)).toHaveLength(1);
    expect(before.get(m2.id)).toBeUndefined();
    expect(before.get(m3.id)).toBeUndefined();

    // The restart.
    const restarted = child('reconcile', {});
    const exit = await restarted.exited;
    if (exit.code !== 0 || restarted.results.length !== 1) throw new Error(`the restarted instance exited ${exit.code}:\n${restarted.output()}`);
    const rows = restarted.results[0] as { id: string; state: string; signature: string | null; amountOut: string }[];
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(m1.id)).toMatchObject({ state: 'confirmed', signature: before.get(m1.id)?.[0]?.signature });
    expect(row(m2.id)).toMatchObject({ state: 'confirmed' });
    expect(row(m3.id)).toMatchObject({ state: 'expired' });
    expect(row(m4.id)).toMatchObject({ state: 'confirmed', signature: before.get(m4.id)?.[0]?.signature });
    // The recovery is logged for ops as one JSON line (lib/observability/log.ts).
    const events = restarted.output().split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    expect(events).toContainEqual(expect.objectContaining({ event: 'recovery.confirmed', id: m4.id, was: 'built', signature: before.get(m4.id)?.[0]?.signature }));

    const after = await issuesOnChain(stack.direct, stack.config.treasury.tokenAccount);
    let confirmedOut = 0n;
    for (const r of rows.filter((x) => [m1.id, m2.id, m3.id, m4.id].includes(x.id))) {
      const issues = after.get(r.id) ?? [];
      expect(issues.length, `migration ${r.id} issued ${issues.length} times`).toBeLessThanOrEqual(1);
      if (r.state === 'confirmed') {
        expect(issues[0]?.signature).toBe(r.signature);
        confirmedOut += BigInt(r.amountOut);
      } else {
        expect(issues).toEqual([]);
      }
    }
    expect(treasuryBefore - (await tokenBalance(stack.direct, stack.config.treasury.tokenAccount))).toBe(confirmedOut);
  }, 300_000);
});
