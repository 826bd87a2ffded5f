/**
 * The allocation cap under concurrency, against the database itself (PGlite here; PostgreSQL with a
 * pool of 20 connections in the `postgres` project): many holder-signed submits of one wallet at
 * once, for an allocation that covers only some of them. The chain only answers the block height and
 * accepts sends, never landing them, so every accepted submit stays `submitted` (pending), which counts against the allocation
 * exactly like a confirmed one. The two-process version against a real validator is
 * e2e/scale-two-instances.spec.ts.
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
const { ApiError } = await import('@/lib/http/errors');
const { submitMigration } = await import('@/lib/migration/submit');
const { readAllocation } = await import('@/lib/migration/allocation');

beforeAll(async () => {
  await getDb();
}, 60_000);

/** Records a built migration of `amountIn` for `holder` and returns it signed by the holder. */

describe('submit under concurrency', () => {
  it('60 concurrent submits for an allocation that covers 5: exactly 5 are co-signed, the rest refused by code', async () => {
    const holder = Keypair.generate();
    const amountIn = 7_000_000_000n;
    const db = await getDb();
    await db.insert(schema.snapshotEntries).values({ wallet: holder.publicKey.toBase58(), allocation: 5n * amountIn });
    const built = await Promise.all(Array.from({ length: 60 }, () => insertBuiltMigration(holder, amountIn)));

    const outcomes = await Promise.all(
      built.map(async ({ id, signed }) => {
        try {
          return (await submitMigration(id, signed)).state;
        } catch (error) {
          if (error instanceof ApiError) return error.code;
          throw error;
        }
      }),
    );
    const tally = Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));
    expect(tally.submitted).toBe(5);
    expect((tally.AMOUNT_EXCEEDS_REMAINING ?? 0) + (tally.ALLOCATION_EXHAUSTED ?? 0)).toBe(55);

    const rows = await db.select().from(schema.migrations).where(eq(schema.migrations.wallet, holder.publicKey.toBase58()));
    expect(rows.filter((r) => r.state === 'submitted')).toHaveLength(5);
    expect(rows.filter((r) => r.state === 'built')).toHaveLength(55);
    expect(new Set(rows.filter((r) => r.state === 'submitted').map((r) => r.signature)).size).toBe(5);
    const standing = await readAllocation(db, holder.publicKey.toBase58());
    expect(standing).toMatchObject({ pending: 5n * amountIn, remaining: 0n });
  });

  it('uneven amounts: the co-signed total never exceeds the allocation', async () => {
    const holder = Keypair.generate();
    const unit = 1_000_000_000n;
    const allocation = 50n * unit;
    const db = await getDb();
    await db.insert(schema.snapshotEntries).values({ wallet: holder.publicKey.toBase58(), allocation });
    const amounts = Array.from({ length: 40 }, (_, i) => BigInt((i % 7) + 1) * unit);
    const built = await Promise.all(amounts.map((amount) => insertBuiltMigration(holder, amount)));
    await Promise.all(built.map(({ id, signed }) => submitMigration(id, signed).catch((error: unknown) => (error instanceof ApiError ? error.code : Promise.reject(error)))));
    const standing = await readAllocation(db, holder.publicKey.toBase58());
    expect(standing.pending).toBeLessThanOrEqual(allocation);
    // Whatever was refused was refused for a reason: what remains is smaller than the smallest refused amount.
    const rows = await db.select().from(schema.migrations).where(eq(schema.migrations.wallet, holder.publicKey.toBase58()));
    const refused = rows.filter((r) => r.state === 'built').map((r) => r.amountIn);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((amount) => amount > standing.remaining)).toBe(true);
  });
});
