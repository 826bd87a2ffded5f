/**
 * `npm run db:migrate`: applies the pending drizzle-kit migrations (lib/db/migrations) to
 * `DATABASE_URL` (or `--url`), under an advisory lock so two runs never interleave. Required before
 * starting the app on PostgreSQL, which checks at start-up and refuses a database with pending
 * migrations; the embedded PGlite migrates itself on open. Exit 1 on failure.
 */
import { parseArgs } from 'node:util';
import { openDatabase, pendingMigrations } from '@/lib/db/client';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const url = values.url ?? process.env.DATABASE_URL ?? 'pglite://.data/pglite';
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const before = await openDatabase(url, { migrate: false });
  const { pending, total } = await pendingMigrations(before);
  await before.close();
  if (pending === 0) {
    console.log(`db:migrate: ${shown} is up to date (${total} migrations applied)`);
    return;
  }
  const handle = await openDatabase(url, { migrate: true });
  const after = await pendingMigrations(handle);
  await handle.close();
  if (after.pending > 0) throw new Error(`${after.pending} migrations still pending after migrating`);
  console.log(`db:migrate: applied ${pending} of ${total} migrations to ${shown}`);
}

main().catch((error: unknown) => {
  console.error('db:migrate failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
