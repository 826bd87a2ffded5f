/**
 * Opening the database named by a URL: `pglite://<dir>` or `memory://` (embedded PGlite, one
 * process) or `postgres://…` (a PostgreSQL server, shared by several app instances).
 * No `server-only` here: scripts (snapshot import, demo) open the database too.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from '@/lib/db/schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbHandle = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'db', 'migrations');

/**
 * Opens the database and applies pending migrations (drizzle's migrator; idempotent).
 * `migrate: false` opens it as it is (the preflight checks, and must not change, a deployment).
 *
 * @throws Error when the server cannot be reached or a migration fails.
 */
export async function openDatabase(url: string, options: { migrationsFolder?: string; migrate?: boolean } = {}): Promise<DbHandle> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  const shouldMigrate = options.migrate ?? true;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new Pool({ connectionString: url, max: 10 });
    const db = drizzle(pool, { schema });
    if (shouldMigrate) await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dataDir = url === 'memory://' ? undefined : url.slice('pglite://'.length);
  // PGlite creates its own directory but not the parents (`.data/` on a fresh clone).
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = dataDir ? new PGlite(path.resolve(dataDir)) : new PGlite();
  const db = drizzle(client, { schema });
  if (shouldMigrate) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}
