/** Migrations: applied by PGlite on open; on PostgreSQL applied by `npm run db:migrate` and checked at start-up. */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DatabaseNotMigratedError, openAppDatabase, openDatabase, pendingMigrations } from '@/lib/db/client';
import { freshTestDatabaseUrl, testDatabaseKind } from '@/test/databases';

describe('the PostgreSQL pool', () => {
  // A burst holds every pooled connection for a while (row-locked submits): a request that waits
  // its turn longer than the 5 s connect bound must get its connection, not a timeout that reads
  // as an outage (it closed the wallet flow: the kill-switch read failed closed).
  it.runIf(testDatabaseKind() === 'postgres')('a request that waits longer than the connect timeout for a busy pool gets its connection', async () => {
    const handle = await openDatabase(await freshTestDatabaseUrl(), { poolSize: 1 });
    try {
      const started = Date.now();
      const [, waited] = await Promise.all([handle.db.execute(sql`select pg_sleep(6)`), handle.db.execute(sql`select 1 as one`)]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
      expect((waited as unknown as { rows: { one: number }[] }).rows[0]?.one).toBe(1);
    } finally {
      await handle.close();
    }
  }, 20_000);
});

describe('migrations', () => {
  it.runIf(testDatabaseKind() === 'postgres')('PostgreSQL: the app refuses a database with pending migrations; after db:migrate it opens', async () => {
    const url = await freshTestDatabaseUrl();
    await expect(openAppDatabase(url)).rejects.toThrow(DatabaseNotMigratedError);
    await expect(openAppDatabase(url)).rejects.toThrow(/npm run db:migrate/);
    // Two migrators at once (two instances' release step): the advisory lock serialises them.
    const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
    await Promise.all([a.close(), b.close()]);
    const app = await openAppDatabase(url);
    expect(await pendingMigrations(app)).toMatchObject({ pending: 0 });
    const applied = (await app.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    expect(applied.rows[0]?.n).toBe((await pendingMigrations(app)).total);
    await app.close();
  });

  it('the embedded PGlite migrates itself when the app opens it', async () => {
    const app = await openAppDatabase(testDatabaseKind() === 'pglite' ? 'memory://' : await freshTestDatabaseUrl({ migrated: true }));
    const { pending, total } = await pendingMigrations(app);
    expect(pending).toBe(0);
    expect(total).toBeGreaterThanOrEqual(5);
    await app.close();
  });
});
