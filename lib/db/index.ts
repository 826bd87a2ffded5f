import 'server-only';
import { type DbHandle, isPostgresUrl, openAppDatabase, openDatabase } from '@/lib/db/client';
import { getConfig } from '@/lib/config';

export type { Db, Queryable } from '@/lib/db/client';

// On globalThis: Next may instantiate this module once per route bundle, and an embedded PGlite
// directory must be opened by exactly one client per process.
const KEY = Symbol.for('elizaos-migration.db');
const CONTROL_KEY = Symbol.for('elizaos-migration.db.control');
type Holder = { [KEY]?: Promise<DbHandle>; [CONTROL_KEY]?: Promise<DbHandle> };

/**
 * The app's database handle (from `DATABASE_URL`), opened on first use: PGlite migrated on open,
 * PostgreSQL checked to be fully migrated (lib/db/client.ts `openAppDatabase`).
 *
 * @throws DatabaseNotMigratedError, or the driver's error when the database cannot be reached (retried on the next call).
 */
export async function getDbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openAppDatabase(getConfig().databaseUrl).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

/** The app's database (see `getDbHandle`). */
export async function getDb(): Promise<DbHandle['db']> {
  return (await getDbHandle()).db;
}

/**
 * The database for the maintenance flag, which the edge middleware reads on every wallet-flow
 * request with a 300 ms deadline (failing closed). On PostgreSQL it has a pool of its own (2
 * connections): in a burst, the main pool's connections may all be waiting on one wallet's row
 * lock, and the flag read must not queue behind them, or the portal would close itself under load.
 * On PGlite, the one database.
 *
 * @throws like `getDbHandle`.
 */
export async function getControlDb(): Promise<DbHandle['db']> {
  const main = await getDbHandle();
  if (main.kind !== 'postgres') return main.db;
  const holder = globalThis as Holder;
  const url = getConfig().databaseUrl;
  if (!isPostgresUrl(url)) return main.db;
  holder[CONTROL_KEY] ??= openDatabase(url, { migrate: false, poolSize: 2 }).catch((error: unknown) => {
    delete holder[CONTROL_KEY];
    throw error;
  });
  return (await holder[CONTROL_KEY]).db;
}
