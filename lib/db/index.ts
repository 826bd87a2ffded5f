import 'server-only';
import { type Db, type DbHandle, openDatabase } from '@/lib/db/client';
import { getConfig } from '@/lib/config';

export type { Db } from '@/lib/db/client';

// On globalThis: Next may instantiate this module once per route bundle, and an embedded PGlite
// directory must be opened by exactly one client per process.
const KEY = Symbol.for('elizaos-migration.db');
type Holder = { [KEY]?: Promise<DbHandle> };

/** The app's database (from `DATABASE_URL`), opened and migrated on first use. */
export async function getDb(): Promise<Db> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openDatabase(getConfig().databaseUrl).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return (await holder[KEY]).db;
}
