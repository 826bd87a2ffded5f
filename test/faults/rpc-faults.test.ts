/**
 * README "Tests", Faults (`rpc-faults.test.ts`): the migration flow through an RPC that misbehaves. The app's route handlers run
 * in this process against the seeded local validator, with `SOLANA_RPC_URL` pointing at the fault
 * proxy (test/faults/rpc-fault-proxy.ts) and an in-memory PGlite. Under each fault:
 *
 * - the holder gets a documented answer: build → 201 or 503 RPC_UNAVAILABLE (nothing stored),
 *   submit → 202 with a state, GET /migrations/{id} → 200 with a DESIGN.md state; never a 500;
 * - once the fault ends, reconciler rounds settle every migration (confirmed or released);
 * - no double issue: at most one successful treasury transaction per migration memo, and the
 *   treasury's ELIZAOS (and the vault's AI16Z) moved by exactly the confirmed migrations;
 * - no lost record: each row's final state is what the chain says.
 */
import { ComputeBudgetProgram, type Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction, sendAndConfirmTransaction } from '@solana/web3.js';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultMode } from '@/test/faults/rpc-fault-proxy';
import { type FaultStack, issuesOnChain, loadSeedIntoDatabase, signAsHolder, startFaultStack, tokenBalance, type Answer, jsonPost, readAnswer } from '@/test/faults/stack';

// Random free ports (startFaultStack), so runs in other checkouts never collide.
const stack: FaultStack = await startFaultStack({ databaseUrl: 'memory://', loadWallets: 10 });

const { getDb } = await import('@/lib/db');
const { migrations } = await import('@/lib/db/schema');
const { reconcileRound } = await import('@/lib/migration/reconciler');
const buildRoute = await import('@/app/api/v1/migrations/route');
const submitRoute = await import('@/app/api/v1/migrations/[id]/submit/route');
const migrationRoute = await import('@/app/api/v1/migrations/[id]/route');
const eligibilityRoute = await import('@/app/api/v1/eligibility/[wallet]/route');
const { MIGRATION_STATE_VALUES } = await import('@/lib/api/types');
const { MEMO_PROGRAM_ID } = await import('@/lib/solana/constants');

const TEN_AI16Z = 10_000_000_000n;
const ORIGIN = 'http://localhost:3149';
let treasuryBefore: bigint;
let vaultBefore: bigint;
/** Every migration id a test created, to check against the chain at the end. */
const created: string[] = [];

beforeAll(async () => {
  await loadSeedIntoDatabase(await getDb(), stack);
  treasuryBefore = await tokenBalance(stack.direct, stack.config.treasury.tokenAccount);
  vaultBefore = await tokenBalance(stack.direct, stack.config.vault.tokenAccount);
}, 60_000);

afterAll(async () => {
  await stack.close();
});

const post = (path: string, body: unknown) => jsonPost(ORIGIN, path, body, '203.0.113.8');

async function build(holder: Keypair, amount = TEN_AI16Z): Promise<Answer> {
  const answer = await readAnswer(await buildRoute.POST(post('/api/v1/migrations', { wallet: holder.publicKey.toBase58(), amount: amount.toString() })));
  if (answer.status === 201) created.push(String(answer.body.id));
  return answer;
}
async function submit(id: string, transaction: string): Promise<Answer> {
  return readAnswer(await submitRoute.POST(post(`/api/v1/migrations/${id}/submit`, { transaction }), { params: Promise.resolve({ id }) }));
}
async function view(id: string): Promise<Answer> {
  return readAnswer(await migrationRoute.GET(new Request(`${ORIGIN}/api/v1/migrations/${id}`), { params: Promise.resolve({ id }) }));
}
async function eligibility(holder: Keypair): Promise<Answer> {
  const wallet = holder.publicKey.toBase58();
  return readAnswer(await eligibilityRoute.GET(new Request(`${ORIGIN}/api/v1/eligibility/${wallet}`, { headers: { 'x-forwarded-for': '203.0.113.8' } }), { params: Promise.resolve({ wallet }) }));
}
function wallet(index: number): Keypair {
  const holder = stack.wallets[index];
  if (!holder) throw new Error(`the seed made no load wallet ${index}`);
  return holder;
}
async function rowCount(): Promise<number> {
  const [row] = await (await getDb()).select({ n: count() }).from(migrations);
  return row?.n ?? 0;
}

/** The holder's view must be a documented state (DESIGN.md "HTTP API v1"). */
function expectDocumentedState(answer: Answer, allowed: readonly string[] = MIGRATION_STATE_VALUES): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(allowed).toContain(answer.body.state);
}

/** Builds (no fault) and signs as the holder. */
async function builtAndSigned(holder: Keypair): Promise<{ id: string; signed: string }> {
  stack.proxy.setMode({ kind: 'pass' });
  const built = await build(holder);
  expect(built.status, JSON.stringify(built.body)).toBe(201);
  const id = String(built.body.id);
  return { id, signed: signAsHolder(String(built.body.transaction), holder) };
}

/** Ends the fault and runs reconciler rounds until the migration leaves `submitted`; returns its final view. */
async function settleAfterFault(id: string, options: { expireFirst?: boolean } = {}): Promise<Answer> {
  stack.proxy.release();
  if (options.expireFirst) {
    // Let the transaction's blockhash run out while the RPC is still down: 150 blocks and some.
    for (let i = 0; i < 200; i += 1) stack.validator.produceBlock();
  }
  stack.proxy.setMode({ kind: 'pass' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    await reconcileRound();
    const answer = await view(id);
    expectDocumentedState(answer);
    if (answer.body.state !== 'submitted') return answer;
    if (Date.now() > deadline) throw new Error(`migration ${id} still submitted 20 s after the fault ended`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Methods a fault that starts once the submit's chain check answered hits: the send and the reads after it. */
const AFTER_THE_CHECK = ['sendTransaction', 'getSignatureStatuses'];

/**
 * Submits under `fault`; the holder gets 202 and a state, and the GET during the fault answers a
 * state too. A fault on every call first meets the submit's chain check (the block height read
 * before co-signing): 503 RPC_UNAVAILABLE, nothing co-signed, nothing sent, the row still `built`;
 * then the same fault, starting just after that check (on the send and the reads after it), gets 202.
 */
async function submitUnderFault(fault: FaultMode, id: string, signed: string): Promise<{ submitted: Answer; during: Answer }> {
  if (fault.kind !== 'pass' && fault.kind !== 'latency' && fault.methods === undefined) {
    stack.proxy.setMode(fault);
    const logFrom = stack.proxy.log.length;
    const refused = await submit(id, signed);
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'RPC_UNAVAILABLE' });
    const [row] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
    expect(row).toMatchObject({ state: 'built', signature: null });
    expect(stack.proxy.log.slice(logFrom).filter((e) => e.methods.includes('sendTransaction'))).toHaveLength(0);
    stack.proxy.release();
    fault = { ...fault, methods: AFTER_THE_CHECK };
  }
  stack.proxy.setMode(fault);
  const submitted = await submit(id, signed);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  expect(['submitted', 'confirmed']).toContain(submitted.body.state);
  expect(typeof submitted.body.signature).toBe('string');
  const during = await view(id);
  expectDocumentedState(during, ['submitted', 'confirmed']);
  return { submitted, during };
}

describe('RPC faults between the app and the validator', () => {
  it('added latency (800 ms on every call, under the 1.5 s timeout): the whole flow works, only slower', async () => {
    const holder = wallet(0);
    stack.proxy.setMode({ kind: 'latency', ms: 800 });
    const built = await build(holder);
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    const id = String(built.body.id);
    const { submitted } = await submitUnderFault({ kind: 'latency', ms: 800 }, id, signAsHolder(String(built.body.transaction), holder));
    expect(submitted.body.state).toBe('submitted');
    expect((await eligibility(holder)).status).toBe(200);
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('5xx on every call: build and submit answer 503 RPC_UNAVAILABLE and store or co-sign nothing; 5xx from the send on: a submit stays `submitted`, then confirms once the RPC is back', async () => {
    const holder = wallet(1);
    stack.proxy.setMode({ kind: 'status', status: 503 });
    const before = await rowCount();
    const refused = await build(holder);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'RPC_UNAVAILABLE' });
    expect(await rowCount()).toBe(before);
    const eligible = await eligibility(holder);
    expect(eligible.status).toBe(200); // answered from the database, balance unknown
    expect(eligible.body.balance).toBeNull();

    const { id, signed } = await builtAndSigned(holder);
    const logFrom = stack.proxy.log.length;
    const { submitted } = await submitUnderFault({ kind: 'status', status: 503 }, id, signed);
    expect(submitted.body.state).toBe('submitted');
    expect(stack.proxy.log.slice(logFrom).filter((e) => e.methods.includes('sendTransaction') && e.forwarded)).toHaveLength(0);
    // The reconciler re-broadcasts the recorded transaction while its blockhash can still land.
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('5xx until the blockhash expired: the migration is released (expired), the allocation is free again, and a new one confirms', async () => {
    const holder = wallet(2);
    const { id, signed } = await builtAndSigned(holder);
    await submitUnderFault({ kind: 'status', status: 502, methods: ['sendTransaction', 'getSignatureStatuses'] }, id, signed);
    // While it is in flight the allocation counts it as pending.
    const pending = await eligibility(holder);
    expect(pending.body.pending).toBe(TEN_AI16Z.toString());
    const settled = await settleAfterFault(id, { expireFirst: true });
    expect(settled.body.state).toBe('expired');
    const released = await eligibility(holder);
    expect(released.body).toMatchObject({ pending: '0', migrated: '0' });
    // The old signed transaction can never land now; a fresh migration goes through (after the
    // server's 2 s blockhash cache, which the 200 blocks made above in an instant have outrun).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = await builtAndSigned(holder);
    await submitUnderFault({ kind: 'pass' }, again.id, again.signed);
    expect((await settleAfterFault(again.id)).body.state).toBe('confirmed');
  });

  it('a hung RPC (accepts, never answers): build and submit give up after the timeout with 503; hung from the send on: submit answers `submitted` after the timeout; confirmed afterwards', async () => {
    const holder = wallet(3);
    stack.proxy.setMode({ kind: 'hang' });
    const started = performance.now();
    const refused = await build(holder);
    expect(refused.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(8_000);
    stack.proxy.release();

    const { id, signed } = await builtAndSigned(holder);
    const submitStarted = performance.now();
    const { submitted } = await submitUnderFault({ kind: 'hang' }, id, signed);
    expect(performance.now() - submitStarted).toBeLessThan(8_000);
    expect(submitted.body.state).toBe('submitted');
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('dropped connections (socket destroyed on arrival): 503 on build and submit; dropped from the send on: `submitted`, confirmed afterwards', async () => {
    const holder = wallet(4);
    stack.proxy.setMode({ kind: 'destroy' });
    const refused = await build(holder);
    expect(refused.status).toBe(503);
    const { id, signed } = await builtAndSigned(holder);
    const { submitted } = await submitUnderFault({ kind: 'destroy' }, id, signed);
    expect(submitted.body.state).toBe('submitted');
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('the send succeeded but its response was lost: `submitted`, retries answer the same signature, a re-signed variant is not co-signed, confirmed once', async () => {
    const holder = wallet(5);
    const { id, signed } = await builtAndSigned(holder);
    const { submitted } = await submitUnderFault({ kind: 'lose-response' }, id, signed);
    expect(submitted.body.state).toBe('submitted');
    const sends = stack.proxy.log.filter((e) => e.methods.includes('sendTransaction') && e.fault === 'lose-response');
    expect(sends.at(-1)?.forwarded).toBe(true); // it reached the validator

    // The holder's browser retries the same bytes, and then a wallet re-signs with a priority fee
    // (a different signature): both answer the first signature; nothing new is co-signed or sent.
    const retry = await submit(id, signed);
    expect(retry).toMatchObject({ status: 202, body: { signature: submitted.body.signature } });
    const variant = Transaction.from(Buffer.from(signed, 'base64'));
    const resigned = new Transaction({ feePayer: variant.feePayer, recentBlockhash: variant.recentBlockhash });
    resigned.add(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 7 }), ...variant.instructions);
    resigned.partialSign(holder);
    const second = await submit(id, resigned.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'));
    expect(second.status).toBeLessThan(500);
    if (second.status === 202) expect(second.body.signature).toBe(submitted.body.signature);
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('only sendTransaction loses its response: the GET during the fault already sees the truth (confirmed)', async () => {
    const holder = wallet(6);
    const { id, signed } = await builtAndSigned(holder);
    const { during } = await submitUnderFault({ kind: 'lose-response', methods: ['sendTransaction'] }, id, signed);
    expect(during.body.state).toBe('confirmed');
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('the send is forwarded and its answer held past the timeout: `submitted`, then confirmed', async () => {
    const holder = wallet(7);
    const { id, signed } = await builtAndSigned(holder);
    const { submitted } = await submitUnderFault({ kind: 'hold-response', methods: ['sendTransaction'] }, id, signed);
    expect(submitted.body.state).toBe('submitted');
    expect((await settleAfterFault(id)).body.state).toBe('confirmed');
  });

  it('recovery by memo ignores a look-alike: a transaction with the migration memo that the treasury delegate did not sign', async () => {
    const holder = wallet(8);
    stack.proxy.setMode({ kind: 'pass' });
    const built = await readAnswer(await buildRoute.POST(post('/api/v1/migrations', { wallet: holder.publicKey.toBase58(), amount: TEN_AI16Z.toString() })));
    expect(built.status).toBe(201);
    const id = String(built.body.id);
    // The holder's own transaction mentioning the treasury account (a 1-lamport self-transfer with
    // the account appended read-only) and carrying the migration's memo: it lands, but moves nothing.
    const transfer = SystemProgram.transfer({ fromPubkey: holder.publicKey, toPubkey: holder.publicKey, lamports: 1 });
    transfer.keys.push({ pubkey: new PublicKey(stack.config.treasury.tokenAccount), isSigner: false, isWritable: false });
    const memo = new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from(`elizaos-migration:v1:${id}`) });
    const signature = await sendAndConfirmTransaction(stack.direct, new Transaction().add(transfer, memo), [holder], { commitment: 'confirmed' });
    expect((await issuesOnChain(stack.direct, stack.config.treasury.tokenAccount)).get(id)).toEqual([expect.objectContaining({ signature })]);
    await reconcileRound();
    expect((await view(id)).body.state).toBe('built');
  });

  it('afterwards: every migration is settled as the chain says, none issued twice, the treasury and vault moved by exactly the confirmed ones', async () => {
    stack.proxy.setMode({ kind: 'pass' });
    await reconcileRound();
    const rows = await (await getDb()).select().from(migrations);
    const ours = rows.filter((r) => created.includes(r.id));
    expect(ours.length).toBe(created.length);
    const onChain = await issuesOnChain(stack.direct, stack.config.treasury.tokenAccount);
    let confirmedOut = 0n;
    let confirmedIn = 0n;
    for (const row of ours) {
      const issues = onChain.get(row.id) ?? [];
      expect(issues.length, `migration ${row.id} issued ${issues.length} times`).toBeLessThanOrEqual(1);
      expect(['confirmed', 'expired', 'failed'], `migration ${row.id} left ${row.state}`).toContain(row.state);
      if (row.state === 'confirmed') {
        expect(issues[0]?.signature).toBe(row.signature);
        confirmedOut += row.amountOut;
        confirmedIn += row.amountIn;
      } else {
        expect(issues, `migration ${row.id} is ${row.state} but landed on chain`).toEqual([]);
      }
    }
    // Builds refused under a fault stored nothing; the rest: 8 confirmed, 1 released.
    expect(ours.filter((r) => r.state === 'confirmed')).toHaveLength(8);
    expect(ours.filter((r) => r.state === 'expired')).toHaveLength(1);
    expect(treasuryBefore - (await tokenBalance(stack.direct, stack.config.treasury.tokenAccount))).toBe(confirmedOut);
    expect((await tokenBalance(stack.direct, stack.config.vault.tokenAccount)) - vaultBefore).toBe(confirmedIn);
  });
});
