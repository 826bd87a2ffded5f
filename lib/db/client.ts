/**
 * Opening the database named by a URL: `pglite://<dir>` or `memory://` (embedded PGlite, one
 * process) or `postgres://…` (a PostgreSQL server, shared by several app instances).
 * No `server-only` here: scripts (snapshot import, demo, `npm run db:migrate`) open the database too.
 *
 * Migrations are the SQL files drizzle-kit generates into lib/db/migrations (`npm run db:generate`).
 * The embedded PGlite applies them when it opens (one process owns it). On PostgreSQL several
 * instances share one database, so the app never migrates it: `npm run db:migrate` applies them
 * (under an advisory lock: two migrators never interleave), and every instance checks at start-up
 * that none is pending (`openAppDatabase`).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ClientConfig, Pool } from 'pg';
import * as schema from '@/lib/db/schema';
import { log } from '@/lib/observability/log';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/**
 * The database or an open transaction on it (what `db.transaction` hands its callback is a `Db`
 * too): the one type a query function takes. Pass the transaction when the read or write must be
 * part of it (row locks, a guarded transition and its audit entry).
 */
export type Queryable = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
/** An open database; `pool` is the `pg` pool on PostgreSQL (shared rate limits use it too). */
export type DbHandle = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void>; pool?: Pool };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'db', 'migrations');

/** Any fixed 64-bit number: the advisory lock every migrator of this schema takes. */
const MIGRATION_LOCK_KEY = 7_240_811_016_001n;

/** Connections per instance: enough for the row-locked submits of a burst, well under PostgreSQL's default 100 for a few instances. */
const POOL_SIZE = 20;
/** How long a PostgreSQL connection attempt may take, ms. */
const CONNECT_TIMEOUT_MS = 5_000;

export const isPostgresUrl = (url: string): boolean => url.startsWith('postgres://') || url.startsWith('postgresql://');

/**
 * Opens the database and applies pending migrations (drizzle's migrator; idempotent).
 * `migrate: false` opens it as it is (the preflight checks, and must not change, a deployment).
 * `poolSize`: PostgreSQL connections (default 20).
 *
 * @throws Error when the server cannot be reached or a migration fails.
 */
export async function openDatabase(url: string, options: { migrationsFolder?: string; migrate?: boolean; poolSize?: number } = {}): Promise<DbHandle> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  const shouldMigrate = options.migrate ?? true;
  if (isPostgresUrl(url)) {
    const { Client, Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // A server that does not answer (unreachable, not refusing) fails a connection after 5 s instead of
    // holding the request: the status pages then serve their last known state. The bound is given
    // to each new connection, not to the pool: pg-pool applies its own `connectionTimeoutMillis`
    // to a request waiting its turn for a busy pool's connection too ("timeout exceeded when trying
    // to connect"), and in a burst that would fail the kill-switch read and close the flow under load.
    class BoundedClient extends Client {
      constructor(config?: ClientConfig) {
        super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      }
    }
    const pool = new Pool({ connectionString: url, max: options.poolSize ?? POOL_SIZE, Client: BoundedClient });
    // An idle client that loses its server (restart, failover) emits 'error'; unhandled, it would end the process.
    pool.on('error', (error) => log('db').warn({ event: 'db.idle_connection_lost', error: error.message }, 'idle PostgreSQL connection lost'));
    if (shouldMigrate) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
        client.release();
      }
    }
    const db = drizzle(pool, { schema });
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end(), pool };
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

/**
 * The migrations of `migrationsFolder` not yet applied to this database (by drizzle's hash of each
 * SQL file, as recorded in `drizzle.__drizzle_migrations`): `{pending, total}`.
 */
export async function pendingMigrations(handle: DbHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<{ pending: number; total: number }> {
  const expected = readMigrationFiles({ migrationsFolder });
  let applied = new Set<string>();
  try {
    const result = (await handle.db.execute(sql`select hash from drizzle.__drizzle_migrations`)) as unknown as { rows: { hash: string }[] };
    applied = new Set(result.rows.map((r) => r.hash));
  } catch {
    // no migrations table: nothing applied yet
  }
  return { pending: expected.filter((m) => !applied.has(m.hash)).length, total: expected.length };
}

/** A PostgreSQL database with migrations still to apply: the app refuses to start on it. */
export class DatabaseNotMigratedError extends Error {
  constructor(pending: number, total: number) {
    super(`${pending} of ${total} database migrations are not applied to DATABASE_URL. Run \`npm run db:migrate\` (with the same DATABASE_URL) before starting the app.`);
    this.name = 'DatabaseNotMigratedError';
  }
}

/**
 * Opens the app's database: the embedded PGlite is migrated on open; a PostgreSQL database must
 * already be fully migrated (`npm run db:migrate`).
 *
 * @throws DatabaseNotMigratedError when a PostgreSQL database has pending migrations; Error when unreachable.
 */
export async function openAppDatabase(url: string): Promise<DbHandle> {
  if (!isPostgresUrl(url)) return openDatabase(url);
  const handle = await openDatabase(url, { migrate: false });
  try {
    const { pending, total } = await pendingMigrations(handle);
    if (pending > 0) throw new DatabaseNotMigratedError(pending, total);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  return handle;
}

/**
 * Where a running app records that it owns an embedded PGlite directory: `<dir>.owner.json` beside
 * it, `{pid, url}` (url: the app on loopback). PGlite allows one process per directory, and a
 * second one opening it sees (and may damage) a half-written state; `npm run doctor` reads this
 * file and asks the running app's health endpoint instead (README "Preflight").
 * Null for memory:// and PostgreSQL.
 */
export function embeddedOwnerFile(url: string): string | null {
  if (!url.startsWith('pglite://')) return null;
  return `${path.resolve(url.slice('pglite://'.length))}.owner.json`;
}

/** Records this process as the owner of an embedded database (removed again when the process exits). */
export function recordEmbeddedOwner(url: string, appUrl: string): void {
  const file = embeddedOwnerFile(url);
  if (!file) return;
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, url: appUrl, since: new Date().toISOString() })}\n`);
  process.once('exit', () => {
    try {
      const owner = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number };
      if (owner.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // gone already
    }
  });
}

/** The live process that owns an embedded database, if any (a stale file of a dead process is ignored). */
export function embeddedOwner(url: string): { pid: number; url: string } | null {
  const file = embeddedOwnerFile(url);
  if (!file || !existsSync(file)) return null;
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; url?: unknown };
    if (typeof owner.pid !== 'number' || typeof owner.url !== 'string') return null;
    process.kill(owner.pid, 0);
    return { pid: owner.pid, url: owner.url };
  } catch {
    return null;
  }
}
