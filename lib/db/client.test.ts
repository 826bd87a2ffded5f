/** Migrations: applied by PGlite on open; on PostgreSQL applied by `npm run db:migrate` and checked at start-up. */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DatabaseNotMigratedError, openAppDatabase, openDatabase, pendingMigrations } from '@/lib/db/client';
import { freshTestDatabaseUrl, testDatabaseKind } from '@/test/databases';

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
