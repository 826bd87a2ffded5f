/**
 * One app instance for the restart test (test/faults/restart.test.ts), run as
 * `node --conditions=react-server --import tsx test/faults/restart-child.ts <command> <json>` with
 * the app's environment (the database is a PGlite directory that the test and its children open
 * one process at a time). Prints its result as one `RESULT <json>` line on stdout.
 *
 * - `submit {submissions: [{id, transaction}]}`: submits every holder-signed transaction at once
 *   (submitMigration); the test SIGKILLs the process while the sends are in flight.
 * - `reconcile {}`: what a restarted instance does first: reconciler rounds (lib/migration/reconciler.ts)
 *   until nothing is `submitted` (at most 30 s) → every migration row.
 */
import type { DbHandle } from '@/lib/db/client';

const [command, argument] = process.argv.slice(2);
const input = JSON.parse(argument ?? '{}') as { submissions?: { id: string; transaction: string }[] };

const print = (value: unknown) => process.stdout.write(`RESULT ${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`);

async function main(): Promise<void> {
  const { getDb } = await import('@/lib/db');
  if (command === 'submit') {
    const { submitMigration } = await import('@/lib/migration/submit');
    await getDb();
    console.log(`submitting ${input.submissions?.length ?? 0}`);
    print(await Promise.all((input.submissions ?? []).map((s) => submitMigration(s.id, s.transaction))));
  } else if (command === 'reconcile') {
    const { reconcileRound } = await import('@/lib/migration/reconciler');
    const { migrations } = await import('@/lib/db/schema');
    const { eq } = await import('drizzle-orm');
    const db = await getDb();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await reconcileRound();
      const left = await db.select().from(migrations).where(eq(migrations.state, 'submitted'));
      if (left.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    print(await db.select().from(migrations));
  } else {
    throw new Error(`unknown command ${command}`);
  }
  // Close PGlite cleanly so what this process wrote is on disk for the next one.
  const handle = (globalThis as Record<symbol, Promise<DbHandle> | undefined>)[Symbol.for('elizaos-migration.db')];
  if (handle) await (await handle).close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
