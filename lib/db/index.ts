import 'server-only';
import { type DbHandle, openAppDatabase } from '@/lib/db/client';
import { getConfig } from '@/lib/config';

export type { Db } from '@/lib/db/client';

// On globalThis: Next may instantiate this module once per route bundle, and an embedded PGlite
// directory must be opened by exactly one client per process.
const KEY = Symbol.for('elizaos-migration.db');
type Holder = { [KEY]?: Promise<DbHandle> };

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
