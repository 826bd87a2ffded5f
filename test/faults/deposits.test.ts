/**
 * README "Tests", Deposits (`deposits.test.ts`): deposit and receive (docs/DESIGN.md "Deposit and
 * receive") on the seeded local validator, through the RPC fault proxy, with the app's modules in
 * this process and an in-memory PGlite. Holders send AI16Z with a plain TransferChecked to the
 * deposit token account; blocks are produced until it is final; then the watcher, a nudge or both
 * process it. The chain is the oracle: the ELIZAOS each sender's ATA received, and the payouts per
 * deposit memo in the treasury's history (at most one successful one each, ever).
 */
import { createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGate } from '@/test/faults/rpc-fault-proxy';
import { type FaultStack, loadSeedIntoDatabase, signAsHolder, startFaultStack, type Answer, jsonPost, readAnswer } from '@/test/faults/stack';

const stack: FaultStack = await startFaultStack({ databaseUrl: 'memory://', loadWallets: 12, blockTimeMs: 200 });

const { getDb } = await import('@/lib/db');
const { deposits, depositWatchCursors, migrations } = await import('@/lib/db/schema');
const { depositRound, reconcileRound } = await import('@/lib/migration/reconciler');
const { watchDeposits } = await import('@/lib/deposit/watcher');
const { payDueDeposits } = await import('@/lib/deposit/payout');
const { convertAi16zToElizaos } = await import('@/lib/solana/amounts');
const nudgeRoute = await import('@/app/api/v1/deposits/route');
const depositRoute = await import('@/app/api/v1/deposits/[signature]/route');
const buildRoute = await import('@/app/api/v1/migrations/route');
const { refundDeposit, submitSignedRefund } = await import('@/lib/deposit/refund');
const { settleDeposits } = await import('@/lib/deposit/settlement');
const { getConfig } = await import('@/lib/config');
const submitRoute = await import('@/app/api/v1/migrations/[id]/submit/route');

const ORIGIN = 'http://localhost:3149';
const { ai16z, elizaos } = stack.config.mints;
const AI16Z = 10n ** BigInt(ai16z.decimals);
const depositAccount = new PublicKey(stack.config.deposit.tokenAccount);

beforeAll(async () => {
  await loadSeedIntoDatabase(await getDb(), stack);
}, 60_000);

afterAll(async () => {
  await stack.close();
});

const post = (path: string, body: unknown) => jsonPost(ORIGIN, path, body, '203.0.113.9');

function wallet(index: number): Keypair {
  const holder = stack.wallets[index];
  if (!holder) throw new Error(`the seed made no load wallet ${index}`);
  return holder;
}
const allocationOfLoadWallet = () => BigInt(stack.config.loadWallets[0]?.snapshotBalance ?? '0');

/** A plain wallet transfer of AI16Z from `owner`'s ATA (or `source`, with `authority` as delegate) to `to`. */
async function transferAi16z(authority: Keypair, amount: bigint, options: { source?: PublicKey; to?: PublicKey } = {}): Promise<string> {
  const source = options.source ?? getAssociatedTokenAddressSync(new PublicKey(ai16z.address), authority.publicKey, true, new PublicKey(ai16z.programId));
  const ix = createTransferCheckedInstruction(source, new PublicKey(ai16z.address), options.to ?? depositAccount, authority.publicKey, amount, ai16z.decimals, [], new PublicKey(ai16z.programId));
  // A fresh blockhash each time, signed here (web3.js's sendTransaction reuses a blockhash for 30 s; blocks come faster here).
  const { blockhash, lastValidBlockHeight } = await stack.direct.getLatestBlockhash('confirmed');
  const transaction = new Transaction({ feePayer: authority.publicKey, blockhash, lastValidBlockHeight }).add(ix);
  transaction.sign(authority);
  const signature = await stack.direct.sendRawTransaction(transaction.serialize());
  const confirmed = await stack.direct.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed');
  if (confirmed.value.err) throw new Error(`the transfer ${signature} failed: ${JSON.stringify(confirmed.value.err)}`);
  return signature;
}

/** Produces blocks until `signature` is served at `finalized` (32 blocks on the local validator). */
async function finalize(signature: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) stack.validator.produceBlock();
  const landed = await stack.direct.getTransaction(signature, { commitment: 'finalized', maxSupportedTransactionVersion: 0 });
  if (!landed) throw new Error(`${signature} is not final after 40 blocks`);
}

async function deposit(authority: Keypair, amount: bigint, options: { source?: PublicKey } = {}): Promise<string> {
  const signature = await transferAi16z(authority, amount, options);
  await finalize(signature);
  return signature;
}

async function nudge(signature: string): Promise<Answer> {
  return readAnswer(await nudgeRoute.POST(post('/api/v1/deposits', { signature })));
}
async function lookup(signature: string): Promise<Answer> {
  return readAnswer(await depositRoute.GET(new Request(`${ORIGIN}/api/v1/deposits/${signature}`, { headers: { 'x-forwarded-for': '203.0.113.9' } }), { params: Promise.resolve({ signature }) }));
}

/** ELIZAOS base units in `owner`'s ELIZAOS ATA (0 when it does not exist), straight from the validator. */
async function elizaosOf(owner: PublicKey): Promise<bigint> {
  const ata = getAssociatedTokenAddressSync(new PublicKey(elizaos.address), owner, true, new PublicKey(elizaos.programId));
  const info = await stack.direct.getAccountInfo(ata, 'confirmed');
  if (!info) return 0n;
  return BigInt((await stack.direct.getTokenAccountBalance(ata, 'confirmed')).value.amount);
}
/** AI16Z base units in a token account, straight from the validator. */
async function ai16zOf(account: PublicKey): Promise<bigint> {
  return BigInt((await stack.direct.getTokenAccountBalance(account, 'confirmed')).value.amount);
}

/** Runs `work` as a deployment without the deposit owner's key (refunds are prepared for an offline owner). */
async function withOfflineOwner<T>(work: () => Promise<T>): Promise<T> {
  const deposit = getConfig().deposit as { ownerKey: Keypair | null };
  const saved = deposit.ownerKey;
  deposit.ownerKey = null;
  try {
    return await work();
  } finally {
    deposit.ownerKey = saved;
  }
}

/** Settles until the deposit's refund has landed; its refund as the API answers it. */
async function settleRefund(signature: string): Promise<{ state: string; signature: string | null }> {
  for (let i = 0; i < 40; i += 1) {
    for (let b = 0; b < 40; b += 1) stack.validator.produceBlock();
    await settleDeposits();
    const [transfer] = (await lookup(signature)).body.deposits as { refund: { state: string; signature: string | null } | null }[];
    if (transfer?.refund?.state === 'refunded') return transfer.refund;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the refund of ${signature} did not land`);
}

/** Successful refunds of a deposit on chain: transactions of the deposit account carrying its refund memo. */
async function refundsOnChain(signature: string): Promise<string[]> {
  const page = await stack.direct.getSignaturesForAddress(depositAccount, { limit: 1000 }, 'confirmed');
  return page.filter((e) => e.err === null && e.memo?.includes(`elizaos-migration:v1:refund:${signature}:`)).map((e) => e.signature);
}

const sixTimes = (ai16zBaseUnits: bigint) => convertAi16zToElizaos(ai16zBaseUnits, ai16z.decimals, elizaos.decimals, 6n);

/**
 * The chain's payouts: successful treasury transactions grouped by their deposit memo
 * (`elizaos-migration:v1:deposit:<signature>:<index>`).
 */
async function payoutsOnChain(): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  let before: string | undefined;
  for (;;) {
    const page = await stack.direct.getSignaturesForAddress(new PublicKey(stack.config.treasury.tokenAccount), { before, limit: 1000 }, 'confirmed');
    for (const entry of page) {
      if (entry.err !== null || !entry.memo) continue;
      const key = /elizaos-migration:v1:deposit:([1-9A-HJ-NP-Za-km-z]+:\d+)/.exec(entry.memo)?.[1];
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), entry.signature]);
    }
    if (page.length < 1000) break;
    before = page.at(-1)?.signature;
  }
  return byKey;
}
async function payoutsFor(signature: string): Promise<string[]> {
  const all = await payoutsOnChain();
  return [...all.entries()].filter(([key]) => key.startsWith(`${signature}:`)).flatMap(([, list]) => list);
}

/** Runs deposit rounds (watch, pay, settle) until the deposit of `signature` is no longer pending. */
async function settle(signature: string, rounds = 40): Promise<Answer> {
  for (let i = 0; i < rounds; i += 1) {
    await depositRound();
    stack.validator.produceBlock();
    const answer = await lookup(signature);
    if (answer.status === 200 && answer.body.state !== 'pending') return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const rows = await (await getDb()).select().from(deposits).where(eq(deposits.signature, signature));
  const why = rows.map((r) => ({ state: r.state, attempts: r.payoutAttempts, retryAt: r.payoutRetryAt, error: r.payoutError }));
  throw new Error(`the deposit ${signature} is still pending after ${rounds} rounds: ${JSON.stringify(why)}`);
}

describe('deposit and receive on the local validator', () => {
  it('a snapshot wallet’s deposit, found by the watcher, is paid exactly 6× to its ELIZAOS ATA, once', async () => {
    const holder = wallet(0);
    const amount = 10n * AI16Z;
    const before = await elizaosOf(holder.publicKey);
    const signature = await deposit(holder, amount);
    const answer = await settle(signature);
    expect(answer.body).toMatchObject({ signature, wallet: holder.publicKey.toBase58(), amount: amount.toString(), paid: amount.toString(), state: 'paid', reason: null });
    expect((await elizaosOf(holder.publicKey)) - before).toBe(sixTimes(amount));
    expect(await payoutsFor(signature)).toHaveLength(1);
    // More rounds change nothing.
    for (let i = 0; i < 3; i += 1) await depositRound();
    expect((await elizaosOf(holder.publicKey)) - before).toBe(sixTimes(amount));
    expect(await payoutsFor(signature)).toHaveLength(1);
  }, 60_000);

  it('a deposit above the remaining allocation is split: the remaining part paid, the excess refund_pending (AMOUNT_EXCEEDS_REMAINING)', async () => {
    const holder = wallet(1);
    const allocation = allocationOfLoadWallet();
    // The holder first receives more AI16Z than its allocation from another snapshot wallet.
    await transferAi16z(wallet(2), 50n * AI16Z, { to: getAssociatedTokenAddressSync(new PublicKey(ai16z.address), holder.publicKey, true, new PublicKey(ai16z.programId)) });
    const amount = allocation + 30n * AI16Z;
    const signature = await deposit(holder, amount);
    const answer = await settle(signature);
    expect(answer.body).toMatchObject({ amount: amount.toString(), paid: allocation.toString(), state: 'partially_paid', reason: 'AMOUNT_EXCEEDS_REMAINING' });
    const [transfer] = answer.body.deposits as { refund: { state: string; amount: string } }[];
    expect(transfer?.refund).toMatchObject({ state: 'pending', amount: (30n * AI16Z).toString() });
    expect(await elizaosOf(holder.publicKey)).toBe(sixTimes(allocation));
    // A second deposit of an exhausted allocation: nothing paid, all of it refund_pending.
    const again = await deposit(holder, 5n * AI16Z);
    const second = await settle(again);
    expect(second.body).toMatchObject({ paid: '0', state: 'refund_pending', reason: 'ALLOCATION_EXHAUSTED' });
    expect(await elizaosOf(holder.publicKey)).toBe(sixTimes(allocation));
    expect(await payoutsFor(again)).toHaveLength(0);
  }, 90_000);

  it('a sender outside the snapshot: nothing paid, refund_pending with NOT_IN_SNAPSHOT', async () => {
    const outsider = Keypair.fromSecretKey(bs58.decode(stack.config.demoWallets.notInSnapshot.secretKey));
    const signature = await deposit(outsider, 5n * AI16Z);
    const answer = await nudge(signature);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ paid: '0', state: 'refund_pending', reason: 'NOT_IN_SNAPSHOT' });
    expect(await elizaosOf(outsider.publicKey)).toBe(0n);
    expect(await payoutsFor(signature)).toHaveLength(0);
  }, 60_000);

  it('an off-curve sender (a multisig vault’s PDA, moved by a member as delegate) is paid to the PDA’s own ELIZAOS ATA', async () => {
    const sender = stack.config.deposit.offCurveSender;
    const vault = new PublicKey(sender.address);
    expect(PublicKey.isOnCurve(vault.toBytes())).toBe(false);
    const member = Keypair.fromSecretKey(bs58.decode(sender.delegateSecretKey));
    const amount = 7n * AI16Z;
    const signature = await deposit(member, amount, { source: new PublicKey(sender.tokenAccount) });
    const answer = await settle(signature);
    expect(answer.body).toMatchObject({ wallet: vault.toBase58(), paid: amount.toString(), state: 'paid' });
    expect(await elizaosOf(vault)).toBe(sixTimes(amount));
    // Never the member (the transfer's authority), always the source account's owner.
    expect(await elizaosOf(member.publicKey)).toBe(0n);
  }, 60_000);

  it('the same signature nudged 50 times at once gives one record and one payout', async () => {
    const holder = wallet(3);
    const amount = 4n * AI16Z;
    const before = await elizaosOf(holder.publicKey);
    const signature = await deposit(holder, amount);
    const answers = await Promise.all(Array.from({ length: 50 }, () => nudge(signature)));
    for (const answer of answers) {
      expect([200, 202], JSON.stringify(answer.body)).toContain(answer.status);
      expect(['pending', 'paid']).toContain(answer.body.state);
    }
    const rows = await (await getDb()).select().from(deposits).where(eq(deposits.signature, signature));
    expect(rows).toHaveLength(1);
    const settled = await settle(signature);
    expect(settled.body).toMatchObject({ paid: amount.toString(), state: 'paid' });
    expect((await elizaosOf(holder.publicKey)) - before).toBe(sixTimes(amount));
    expect(await payoutsFor(signature)).toHaveLength(1);
  }, 90_000);

  it('deposits racing an atomic migration for the last of an allocation never go over it', async () => {
    const holder = wallet(4);
    const allocation = allocationOfLoadWallet();
    await transferAi16z(wallet(5), 60n * AI16Z, { to: getAssociatedTokenAddressSync(new PublicKey(ai16z.address), holder.publicKey, true, new PublicKey(ai16z.programId)) });
    const depositAmount = 60n * AI16Z;
    const migrateAmount = 80n * AI16Z;
    const signature = await deposit(holder, depositAmount);
    // Built before the deposit is recorded: the build sees the whole allocation remaining.
    const built = await readAnswer(await buildRoute.POST(post('/api/v1/migrations', { wallet: holder.publicKey.toBase58(), amount: migrateAmount.toString() })));
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    const id = String(built.body.id);
    const signed = signAsHolder(String(built.body.transaction), holder);
    const [submitted] = await Promise.all([
      readAnswer(await submitRoute.POST(post(`/api/v1/migrations/${id}/submit`, { transaction: signed }), { params: Promise.resolve({ id }) })),
      nudge(signature),
    ]);
    expect([202, 409], JSON.stringify(submitted.body)).toContain(submitted.status);
    const answer = await settle(signature);
    for (let i = 0; i < 20; i += 1) {
      const [row] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
      if (row?.state !== 'submitted') break;
      await reconcileRound({ recover: false });
      stack.validator.produceBlock();
    }
    const [migration] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
    const migrated = migration?.state === 'confirmed' ? migrateAmount : 0n;
    const paid = BigInt(String(answer.body.paid));
    expect(migrated + paid).toBeLessThanOrEqual(allocation);
    // One of the two took what it asked; the other only the rest (or nothing).
    expect(migrated + paid).toBe(migrated > 0n ? allocation : depositAmount);
    // The chain agrees: the wallet received 6× exactly what the portal counts.
    expect(await elizaosOf(holder.publicKey)).toBe(sixTimes(migrated + paid));
  }, 90_000);

  it('a watcher restarted mid-payout (its cursor lost, the payout held on the way) does not pay twice; a record lost after the payout landed is recovered by its memo', async () => {
    const holder = wallet(6);
    const amount = 3n * AI16Z;
    const before = await elizaosOf(holder.publicKey);
    const signature = await deposit(holder, amount);
    await watchDeposits();
    const db = await getDb();
    const [row] = await db.select().from(deposits).where(eq(deposits.signature, signature));
    expect(row?.state).toBe('detected');
    // The payout's send is held before it reaches the validator: the payout is signed and recorded.
    const gate = createGate();
    stack.proxy.setMode({ kind: 'gate', gate, methods: ['sendTransaction'] });
    const first = payDueDeposits();
    await gate.arrivals(1);
    const [inFlight] = await db.select().from(deposits).where(eq(deposits.signature, signature));
    expect(inFlight?.state).toBe('payout_submitted');
    // "Restart": a fresh watcher that lost its cursors re-reads the whole history and pays what is due.
    await db.delete(depositWatchCursors);
    await watchDeposits();
    await payDueDeposits();
    gate.open();
    await first;
    stack.proxy.setMode({ kind: 'pass' });
    const answer = await settle(signature);
    expect(answer.body).toMatchObject({ state: 'paid', paid: amount.toString() });
    expect(await payoutsFor(signature)).toHaveLength(1);
    const payoutSignature = answer.body.payoutSignature;

    // The database is restored from a backup taken before the payout: the record and the cursors are gone.
    await db.delete(deposits).where(eq(deposits.signature, signature));
    await db.delete(depositWatchCursors);
    const recovered = await settle(signature);
    expect(recovered.body).toMatchObject({ state: 'paid', paid: amount.toString(), payoutSignature });
    expect(await payoutsFor(signature)).toHaveLength(1);
    expect((await elizaosOf(holder.publicKey)) - before).toBe(sixTimes(amount));
  }, 90_000);

  it('RPC faults (503s, lost answers to the send, latency) delay a payout but never make it wrong', async () => {
    const holder = wallet(7);
    const amount = 2n * AI16Z;
    const before = await elizaosOf(holder.publicKey);
    const signature = await deposit(holder, amount);
    // The RPC answers 503: the nudge says so (503, nothing recorded) and rounds do nothing.
    stack.proxy.setMode({ kind: 'status', status: 503 });
    const refused = await nudge(signature);
    expect(refused.status, JSON.stringify(refused.body)).toBe(503);
    expect((refused.body.error as { code?: string } | undefined)?.code).toBe('RPC_UNAVAILABLE');
    for (let i = 0; i < 3; i += 1) await depositRound();
    expect((await lookup(signature)).status).toBe(404);
    // The send reaches the validator but its answer is lost: the payout lands, the caller cannot know.
    stack.proxy.setMode({ kind: 'lose-response', methods: ['sendTransaction'] });
    await depositRound();
    stack.proxy.setMode({ kind: 'latency', ms: 300 });
    await depositRound();
    stack.proxy.setMode({ kind: 'pass' });
    const answer = await settle(signature);
    expect(answer.body).toMatchObject({ state: 'paid', paid: amount.toString() });
    expect((await elizaosOf(holder.publicKey)) - before).toBe(sixTimes(amount));
    expect(await payoutsFor(signature)).toHaveLength(1);
  }, 90_000);

  it('an over-allocation deposit’s excess, for an offline deposit owner: prepared, signed by the owner, sent once, landing exactly once back at its source', async () => {
    const holder = wallet(8);
    const holderAi16z = getAssociatedTokenAddressSync(new PublicKey(ai16z.address), holder.publicKey, true, new PublicKey(ai16z.programId));
    await transferAi16z(wallet(9), 40n * AI16Z, { to: holderAi16z });
    const allocation = allocationOfLoadWallet();
    const signature = await deposit(holder, allocation + 25n * AI16Z);
    expect((await settle(signature)).body).toMatchObject({ state: 'partially_paid', paid: allocation.toString() });
    const [row] = await (await getDb()).select().from(deposits).where(eq(deposits.signature, signature));
    if (!row) throw new Error('no deposit row');
    expect(row.refundAmount).toBe(25n * AI16Z);
    const sourceBefore = await ai16zOf(holderAi16z);
    const owner = Keypair.fromSecretKey(bs58.decode(stack.config.deposit.secretKey));
    const answer = await withOfflineOwner(() => refundDeposit('ops-test', row.id));
    if (answer.state !== 'prepared') throw new Error(`expected a prepared refund, got ${answer.state}`);
    expect(answer.expected).toMatchObject({ owner: owner.publicKey.toBase58(), from: depositAccount.toBase58(), to: holderAi16z.toBase58(), amount: (25n * AI16Z).toString() });
    // A refund to anyone else, or not signed by the owner, is refused and changes nothing.
    await expect(submitSignedRefund('ops-test', row.id, answer.transaction)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    const elsewhere = Transaction.from(Buffer.from(answer.transaction, 'base64'));
    const transfer = elsewhere.instructions.find((ix) => ix.programId.toBase58() === ai16z.programId);
    if (!transfer?.keys[2]) throw new Error('the prepared refund has no transfer');
    transfer.keys[2].pubkey = wallet(10).publicKey;
    elsewhere.partialSign(owner);
    await expect(submitSignedRefund('ops-test', row.id, elsewhere.serialize({ requireAllSignatures: false }).toString('base64'))).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
    const signed = Transaction.from(Buffer.from(answer.transaction, 'base64'));
    signed.partialSign(owner);
    const wire = signed.serialize().toString('base64');
    const sent = await submitSignedRefund('ops-test', row.id, wire);
    expect(sent.state).toBe('submitted');
    // Submitted once: the same file again, or a fresh refund, is refused.
    await expect(submitSignedRefund('ops-test', row.id, wire)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(withOfflineOwner(() => refundDeposit('ops-test', row.id))).rejects.toMatchObject({ code: 'CONFLICT' });
    const refunded = await settleRefund(signature);
    expect(refunded).toMatchObject({ state: 'refunded', signature: sent.state === 'submitted' ? sent.signature : '' });
    expect((await ai16zOf(holderAi16z)) - sourceBefore, 'exactly the excess, back at the source').toBe(25n * AI16Z);
    expect((await lookup(signature)).body).toMatchObject({ state: 'partially_paid', paid: allocation.toString() });
    // More rounds change nothing: the refund's transfer out of the deposit account is no deposit.
    await depositRound();
    expect((await ai16zOf(holderAi16z)) - sourceBefore).toBe(25n * AI16Z);
    expect(await refundsOnChain(signature)).toHaveLength(1);
  }, 120_000);

  it('a deposit from outside the snapshot, refunded by the server with the owner’s key: the whole amount back once', async () => {
    const outsider = Keypair.fromSecretKey(bs58.decode(stack.config.demoWallets.notInSnapshot.secretKey));
    const source = getAssociatedTokenAddressSync(new PublicKey(ai16z.address), outsider.publicKey, true, new PublicKey(ai16z.programId));
    const signature = await deposit(outsider, 3n * AI16Z);
    expect((await nudge(signature)).body).toMatchObject({ state: 'refund_pending', reason: 'NOT_IN_SNAPSHOT' });
    const [row] = await (await getDb()).select().from(deposits).where(eq(deposits.signature, signature));
    if (!row) throw new Error('no deposit row');
    const before = await ai16zOf(source);
    const [first, second] = await Promise.allSettled([refundDeposit('ops-test', row.id), refundDeposit('ops-test', row.id)]);
    const fulfilled = [first, second].filter((r) => r.status === 'fulfilled');
    expect(fulfilled, 'two ops pressing Refund at once: one refund').toHaveLength(1);
    expect([first, second].find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(await settleRefund(signature)).toMatchObject({ state: 'refunded' });
    expect((await ai16zOf(source)) - before).toBe(3n * AI16Z);
    expect((await lookup(signature)).body).toMatchObject({ state: 'refunded', paid: '0' });
    expect(await refundsOnChain(signature)).toHaveLength(1);
    expect(await elizaosOf(outsider.publicKey)).toBe(0n);
  }, 90_000);

  it('across every test: at most one successful payout per deposit, and each paid record matches its payout on chain', async () => {
    const onChain = await payoutsOnChain();
    for (const [key, list] of onChain) expect(list, key).toHaveLength(1);
    const rows = await (await getDb()).select().from(deposits).where(sql`${deposits.state} = 'paid'`);
    for (const row of rows) expect(onChain.get(`${row.signature}:${row.instructionIndex}`), row.signature).toEqual([row.payoutSignature]);
  });
});
