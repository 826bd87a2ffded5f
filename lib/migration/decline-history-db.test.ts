/**
 * The holder's decline (`POST /api/v1/migrations/{id}/decline`, a guarded built → expired) and the
 * wallet's history (`GET /api/v1/wallets/{wallet}/migrations`, DESIGN.md "Wallet history"),
 * against the database. Nothing lands: the chain in this file only answers the block height and accepts sends.
 */
import { Keypair } from '@solana/web3.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTestAppEnv } from '@/test/app-env';
import { insertBuiltMigration } from '@/test/built-migration';
import { startIdleChainRpc } from '@/test/idle-chain-rpc';

// A node that answers the block height and accepts sends, but never lands anything (test/idle-chain-rpc.ts).
const chain = await startIdleChainRpc();
afterAll(() => chain.close());
setTestAppEnv({ SOLANA_RPC_URL: chain.url });

const { getDb } = await import('@/lib/db');
const schema = await import('@/lib/db/schema');
const { declineMigration } = await import('@/lib/migration/decline');
const { getWalletHistory, WALLET_HISTORY_LIMIT } = await import('@/lib/history/wallet');
const { readAllocation } = await import('@/lib/migration/allocation');
const { submitMigration } = await import('@/lib/migration/submit');

beforeAll(async () => {
  await getDb();
}, 60_000);

describe('declineMigration', () => {
  it('labels a never-signed build declined (endReason), reserves and releases nothing, and is idempotent', async () => {
    const holder = Keypair.generate();
    const db = await getDb();
    await db.insert(schema.snapshotEntries).values({ wallet: holder.publicKey.toBase58(), allocation: 5_000_000_000n });
    const { id } = await insertBuiltMigration(holder, 2_000_000_000n);
    const first = await declineMigration(id);
    expect(first).toMatchObject({ id, state: 'built', endReason: 'declined', signature: null });
    const again = await declineMigration(id);
    expect(again).toMatchObject({ state: 'built', endReason: 'declined' });
    expect(await readAllocation(db, holder.publicKey.toBase58())).toMatchObject({ pending: 0n, remaining: 5_000_000_000n });
  });

  it('a decline anyone can report never stops the holder: the same build, signed in the wallet, is still accepted until its offer runs out', async () => {
    // The decline is unauthenticated (the wallet gave no signature), and a build's id is public in
    // the wallet's history: it may only label the build, never end it.
    const holder = Keypair.generate();
    const db = await getDb();
    await db.insert(schema.snapshotEntries).values({ wallet: holder.publicKey.toBase58(), allocation: 5_000_000_000n });
    const { id, signed } = await insertBuiltMigration(holder, 2_000_000_000n);
    expect(await declineMigration(id)).toMatchObject({ state: 'built', endReason: 'declined', signature: null });
    const answer = await submitMigration(id, signed).catch((error: unknown) => error);
    expect(answer, JSON.stringify(answer)).toMatchObject({ id, state: 'submitted' });
    expect((await declineMigration(id).catch((error: unknown) => error)) as object).toMatchObject({ code: 'MIGRATION_STATE' });
  });

  it('a build whose offer ran out unsigned keeps expired and is then told declined', async () => {
    const holder = Keypair.generate();
    const db = await getDb();
    const { id } = await insertBuiltMigration(holder, 1_000_000_000n);
    await db.update(schema.migrations).set({ state: 'expired', settledAt: new Date() }).where(eq(schema.migrations.id, id));
    expect(await declineMigration(id)).toMatchObject({ state: 'expired', endReason: 'declined' });
  });

  it('refuses a migration that was co-signed and sent (MIGRATION_STATE), and leaves it as it was', async () => {
    const holder = Keypair.generate();
    const db = await getDb();
    const { id, signed } = await insertBuiltMigration(holder, 1_000_000_000n);
    const signature = 'CoSigned111111111111111111111111111111111111111111111111111111111';
    await db.update(schema.migrations).set({ state: 'submitted', signature, signedTransaction: signed, submittedAt: new Date() }).where(eq(schema.migrations.id, id));
    await expect(declineMigration(id)).rejects.toMatchObject({ code: 'MIGRATION_STATE' });
    const [after] = await db.select().from(schema.migrations).where(eq(schema.migrations.id, id));
    expect(after).toMatchObject({ state: 'submitted', declinedAt: null, signature });
  });

  it('answers NOT_FOUND for an id no migration has', async () => {
    await expect(declineMigration('0e0f3d0a-1111-4111-8111-111111111111')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('getWalletHistory', () => {
  it("lists only this wallet's migrations, newest first, with state, end reason, amounts, dates, signature and receipt path", async () => {
    const holder = Keypair.generate();
    const other = Keypair.generate();
    const db = await getDb();
    const older = await insertBuiltMigration(holder, 1_000_000_000n);
    await db.update(schema.migrations).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(schema.migrations.id, older.id));
    await declineMigration(older.id);
    const newer = await insertBuiltMigration(holder, 3_000_000_000n);
    await insertBuiltMigration(other, 7_000_000_000n);

    const history = await getWalletHistory(holder.publicKey.toBase58());
    expect(history.wallet).toBe(holder.publicKey.toBase58());
    expect(history.truncated).toBe(false);
    expect(history.entries.map((e) => e.id)).toEqual([newer.id, older.id]);
    expect(history.entries[0]).toMatchObject({ kind: 'migration', state: 'built', endReason: null, amountIn: '3000000000', amountOut: '18000000000', signature: null, receiptPath: `/receipt/${newer.id}` });
    expect(history.entries[1]).toMatchObject({ state: 'built', endReason: 'declined', amountIn: '1000000000' });
  });

  it('says truncated past the limit, and an empty wallet has no entries', async () => {
    const holder = Keypair.generate();
    for (let i = 0; i <= WALLET_HISTORY_LIMIT; i++) await insertBuiltMigration(holder, 1_000_000_000n);
    const history = await getWalletHistory(holder.publicKey.toBase58());
    expect(history.entries).toHaveLength(WALLET_HISTORY_LIMIT);
    expect(history.truncated).toBe(true);
    expect(await getWalletHistory(Keypair.generate().publicKey.toBase58())).toMatchObject({ entries: [], truncated: false });
  }, 60_000);

  it('refuses text that is not a wallet address (INVALID_WALLET)', async () => {
    await expect(getWalletHistory('not-a-wallet')).rejects.toMatchObject({ code: 'INVALID_WALLET' });
  });
});
