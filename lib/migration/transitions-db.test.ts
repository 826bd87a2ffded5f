/**
 * State changes of `migrations` rows are guarded transitions (lib/migration/transitions.ts,
 * DESIGN.md "The allocation under any order of events"), checked against the database itself:
 * PGlite here and PostgreSQL in the `postgres` project, where a second connection can interleave
 * with a transaction in flight as a second app instance would. The chain is unreachable in this
 * file (nothing is sent).
 */
import { Keypair } from '@solana/web3.js';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTestAppEnv } from '@/test/app-env';
import { insertBuiltMigration } from '@/test/built-migration';
import { dbError } from '@/test/databases';

setTestAppEnv();

const { getDb } = await import('@/lib/db');
const schema = await import('@/lib/db/schema');
const { submitMigration } = await import('@/lib/migration/submit');
const { readAllocation } = await import('@/lib/migration/allocation');

beforeAll(async () => {
  await getDb();
}, 60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe('guarded transitions', () => {
  it('a late submit finding the build expired never overwrites a co-sign that committed meanwhile (the allocation stays held)', async () => {
    const holder = Keypair.generate();
    const amountIn = 3_000_000_000n;
    const db = await getDb();
    await db.insert(schema.snapshotEntries).values({ wallet: holder.publicKey.toBase58(), allocation: amountIn });
    const { id, signed } = await insertBuiltMigration(holder, amountIn);
    const [row] = await db.select().from(schema.migrations).where(eq(schema.migrations.id, id));
    if (!row) throw new Error('no row');
    const late = new Date(row.expiresAt.getTime() + 1_000);

    // Another instance is co-signing this migration: it holds the row and records it as submitted.
    // A second submit of the same migration arrives after the build's expiry and reads it `built`.
    let lateSubmit: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await tx.select().from(schema.migrations).where(eq(schema.migrations.id, id)).for('update');
      lateSubmit = submitMigration(id, signed, late).catch((error: unknown) => error);
      await sleep(300); // the late submit is now waiting on the row (PostgreSQL) or on the connection (PGlite)
      await tx
        .update(schema.migrations)
        .set({ state: 'submitted', signature: 'CoSignedElsewhere1111111111111111111111111111111111111111111111', signedTransaction: signed, submittedAt: new Date() })
        .where(eq(schema.migrations.id, id));
    });
    const answer = await lateSubmit;
    const [after] = await db.select().from(schema.migrations).where(eq(schema.migrations.id, id));
    expect(after?.state, `late submit answered ${JSON.stringify(answer)}`).toBe('submitted');
    expect(answer).toMatchObject({ id, state: 'submitted' });
    expect(await readAllocation(db, holder.publicKey.toBase58())).toMatchObject({ pending: amountIn, remaining: 0n });
  });

  it('the database refuses a transition the state machine does not have (confirmed is final; submitted never goes back to built)', async () => {
    const holder = Keypair.generate();
    const db = await getDb();
    await db.insert(schema.snapshotEntries).values({ wallet: holder.publicKey.toBase58(), allocation: 10_000_000_000n });
    const { id } = await insertBuiltMigration(holder, 1_000_000_000n);
    const set = (state: string, signature: string | null = 'Sig1111111111111111111111111111111111111111111111111111111111111') =>
      db.execute(sql`update migrations set state = ${state}, signature = ${signature} where id = ${id}`);
    await set('submitted');
    expect(await dbError(set('built', null))).toMatch(/migration state submitted → built is not a transition/);
    await set('confirmed');
    for (const state of ['built', 'submitted', 'failed', 'expired']) expect(await dbError(set(state))).toMatch(/is not a transition of the state machine/);
    const [row] = await db.select().from(schema.migrations).where(eq(schema.migrations.id, id));
    expect(row?.state).toBe('confirmed');
  });
});
