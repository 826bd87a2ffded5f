/**
 * Attacks on the allocation, each replayed in a fixed order against the seeded local validator
 * (the fault proxy's gates decide which call reaches the chain when) with the app's route handlers
 * in-process and an in-memory PGlite. The chain is the oracle: `landedMigrationsByWallet` sums
 * the AI16Z each wallet sent to the vault in transactions the treasury delegate co-signed, and it
 * must never exceed the wallet's allocation (DESIGN.md "The allocation under any order of events").
 */
import { createTransferCheckedInstruction, getAssociatedTokenAddressSync, createAssociatedTokenAccountIdempotentInstruction } from '@solana/spl-token';
import { Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction, TransactionInstruction } from '@solana/web3.js';
import bs58 from 'bs58';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGate, type RpcCall } from '@/test/faults/rpc-fault-proxy';
import { type FaultStack, landedMigrationsByWallet, loadSeedIntoDatabase, sendDirect, signAsHolder, startFaultStack, jsonPost, readAnswer } from '@/test/faults/stack';

const stack: FaultStack = await startFaultStack({ databaseUrl: 'memory://', loadWallets: 2, rpcTimeoutMs: 20_000, blockTimeMs: 3_600_000 });

const { getDb } = await import('@/lib/db');
const { migrations } = await import('@/lib/db/schema');
const { readAllocation } = await import('@/lib/migration/allocation');
const { reconcileRound } = await import('@/lib/migration/reconciler');
const { recoverMigrationsFromChain } = await import('@/lib/migration/chain-recovery');
const buildRoute = await import('@/app/api/v1/migrations/route');
const submitRoute = await import('@/app/api/v1/migrations/[id]/submit/route');
const migrationRoute = await import('@/app/api/v1/migrations/[id]/route');
const { MEMO_PROGRAM_ID } = await import('@/lib/solana/constants');

const ORIGIN = 'http://localhost:3149';
const ai16z = { mint: new PublicKey(stack.config.mints.ai16z.address), programId: new PublicKey(stack.config.mints.ai16z.programId), decimals: stack.config.mints.ai16z.decimals };

beforeAll(async () => {
  await loadSeedIntoDatabase(await getDb(), stack);
  // The validator makes blocks only when told: a block every 100 ms of test time keeps blockhashes fresh.
  const clock = setInterval(() => stack.validator.produceBlock(), 100);
  clock.unref();
  clocks.push(clock);
}, 120_000);
const clocks: NodeJS.Timeout[] = [];

afterAll(async () => {
  for (const clock of clocks) clearInterval(clock);
  await stack.close();
});

const post = (path: string, body: unknown) => jsonPost(ORIGIN, path, body, '203.0.113.9');
const build = async (wallet: string, amount: bigint) => readAnswer(await buildRoute.POST(post('/api/v1/migrations', { wallet, amount: amount.toString() })));
const submit = async (id: string, transaction: string) => readAnswer(await submitRoute.POST(post(`/api/v1/migrations/${id}/submit`, { transaction }), { params: Promise.resolve({ id }) }));
const view = async (id: string) => readAnswer(await migrationRoute.GET(new Request(`${ORIGIN}/api/v1/migrations/${id}`), { params: Promise.resolve({ id }) }));

const keypair = (secret: string) => Keypair.fromSecretKey(bs58.decode(secret));
const isSend = (preflight: boolean) => (call: RpcCall) => {
  const [, config] = Array.isArray(call.params) ? (call.params as [unknown, { skipPreflight?: boolean } | undefined]) : [];
  return (config?.skipPreflight === true) !== preflight;
};

/** Moves `amount` AI16Z between two wallets straight on the validator (the holder's own transfer). */
async function moveAi16z(from: Keypair, to: PublicKey, amount: bigint): Promise<void> {
  const source = getAssociatedTokenAddressSync(ai16z.mint, from.publicKey, false, ai16z.programId);
  const destination = getAssociatedTokenAddressSync(ai16z.mint, to, false, ai16z.programId);
  const tx = new Transaction().add(
    createAssociatedTokenAccountIdempotentInstruction(from.publicKey, destination, to, ai16z.mint, ai16z.programId),
    createTransferCheckedInstruction(source, ai16z.mint, destination, from.publicKey, amount, ai16z.decimals, [], ai16z.programId),
  );
  await sendDirect(stack.direct, tx, [from]);
}

async function settle(): Promise<void> {
  stack.proxy.setMode({ kind: 'pass' });
  // Past every blockhash's last valid block height, at `finalized` too.
  for (let i = 0; i < 200; i += 1) stack.validator.produceBlock();
  for (let round = 0; round < 20; round += 1) {
    await reconcileRound();
    const left = await (await getDb()).select().from(migrations).where(eq(migrations.state, 'submitted'));
    if (left.length === 0) return;
  }
  throw new Error('migrations still submitted after 20 reconciler rounds');
}

/** Waits out the server's 2 s blockhash cache, which the instant blocks of {@link settle} have outrun. */
const freshBlockhash = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('the allocation against an attacker who controls timing', () => {
  it('a refused preflight does not release the allocation: the holder moves AI16Z away for the preflight and back for a re-send, then migrates again', async () => {
    const holder = keypair(stack.config.demoWallets.postSnapshot.secretKey); // allocation 300, holds 800
    const wallet = holder.publicKey.toBase58();
    const allocation = BigInt(stack.config.demoWallets.postSnapshot.snapshotBalance);
    const stash = Keypair.generate();
    await stack.direct.confirmTransaction({ signature: await stack.direct.requestAirdrop(stash.publicKey, LAMPORTS_PER_SOL), ...(await stack.direct.getLatestBlockhash()) });
    const held = BigInt(stack.config.demoWallets.postSnapshot.balance);

    const built = await build(wallet, allocation);
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    const id = String(built.body.id);
    const signed = signAsHolder(String(built.body.transaction), holder);

    // Every send waits at a gate: the preflighted one (the submit's) and the skip-preflight ones (re-sends).
    const preflightGate = createGate();
    const resendGate = createGate();
    stack.proxy.setMode([
      { kind: 'gate', gate: preflightGate, methods: ['sendTransaction'], match: isSend(true) },
      { kind: 'gate', gate: resendGate, methods: ['sendTransaction'], match: isSend(false) },
    ]);
    const submitting = submit(id, signed);
    await preflightGate.arrivals(1); // co-signed and recorded; its preflight is on the way
    // Anyone may read the migration meanwhile, and the reconciler runs: neither may release it later.
    const reading = view(id);
    const reconciling = reconcileRound();
    await new Promise((resolve) => setTimeout(resolve, 500));

    await moveAi16z(holder, stash.publicKey, held); // away for the preflight
    preflightGate.open();
    const submitted = await submitting;
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    await moveAi16z(stash, holder.publicKey, held); // back for any re-send
    resendGate.open();
    await Promise.all([reading, reconciling]);
    stack.proxy.setMode({ kind: 'pass' });

    // The holder tries at once to migrate the "released" allocation again (before any memo scan).
    const again = await build(wallet, allocation);
    const second = again.status === 201 ? await submit(String(again.body.id), signAsHolder(String(again.body.transaction), holder)) : again;

    await settle();
    const landed = (await landedMigrationsByWallet(stack.direct, stack.config)).get(wallet)?.ai16zIn ?? 0n;
    expect(landed, `co-signed AI16Z that landed for ${wallet} (second attempt: ${JSON.stringify(second.body)})`).toBeLessThanOrEqual(allocation);
    expect(['ALLOCATION_EXHAUSTED', 'AMOUNT_EXCEEDS_REMAINING']).toContain((second.body.error as { code?: string } | undefined)?.code);
    const standing = await readAllocation(await getDb(), wallet);
    expect(standing).toMatchObject({ migrated: landed, pending: 0n });
  }, 120_000);

  it('the memo recovery considers every candidate: a cheaper, newer transaction naming the id does not hide the real one', async () => {
    const [holder] = stack.wallets;
    if (!holder) throw new Error('no load wallet');
    const wallet = holder.publicKey.toBase58();
    await freshBlockhash();
    const built = await build(wallet, 5_000_000_000n);
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    const id = String(built.body.id);
    const [asBuilt] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
    if (!asBuilt) throw new Error('no row');
    expect((await submit(id, signAsHolder(String(built.body.transaction), holder))).status).toBe(202);
    await reconcileRound();
    const [landedRow] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
    expect(landedRow?.state).toBe('confirmed');

    // The database loses the submit (restored from a backup taken at the build): the row is `built` again.
    await (await getDb()).delete(migrations).where(eq(migrations.id, id));
    await (await getDb()).insert(migrations).values(asBuilt);
    // Someone lands a cheap transaction touching the treasury account, with a memo naming the id
    // (and one naming an id that does not exist): newer than the real migration.
    const attacker = stack.wallets[1];
    if (!attacker) throw new Error('no second load wallet');
    const touch = SystemProgram.transfer({ fromPubkey: attacker.publicKey, toPubkey: attacker.publicKey, lamports: 1 });
    touch.keys.push({ pubkey: new PublicKey(stack.config.treasury.tokenAccount), isSigner: false, isWritable: false });
    const madeUp = '00000000-0000-4000-8000-000000000000';
    const memo = new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from(`elizaos-migration:v1:${id} elizaos-migration:v1:${madeUp}`) });
    await sendDirect(stack.direct, new Transaction().add(touch, memo), [attacker]);

    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const recovery = await recoverMigrationsFromChain();
      expect(recovery.recovered).toContain(id);
      expect(recovery.unknown, 'a memo anyone can write is no alarm').toEqual([]);
      expect(errors.mock.calls.filter((call) => String(call[0]).includes(madeUp))).toEqual([]);
    } finally {
      errors.mockRestore();
    }
    const [recovered] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
    expect(recovered).toMatchObject({ state: 'confirmed', signature: landedRow?.signature });
  }, 120_000);
});
