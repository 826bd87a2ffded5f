import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { MIGRATION_STATES, migrations, snapshotEntries } from '@/lib/db/schema';

/** A wallet's standing against its snapshot allocation; AI16Z base units. */
export type AllocationStanding = {
  /** Snapshot balance, or null when the wallet is not in the snapshot. */
  allocation: bigint | null;
  /** Confirmed on chain. */
  migrated: bigint;
  /** Submitted and not yet settled: counted against the allocation until released. */
  pending: bigint;
  /** allocation − migrated − pending (0 when not in the snapshot). */
  remaining: bigint;
};


/**
 * Reads a wallet's allocation and what counts against it. Pass a transaction that holds the
 * wallet's row lock (`lockAllocation`) to get a figure no concurrent submit can change.
 */
export async function readAllocation(db: Queryable, wallet: string): Promise<AllocationStanding> {
  // One statement (an aggregate without GROUP BY always answers one row): the builds of a crowd each
  // read this, and on the embedded PGlite every statement runs on the app's own thread.
  const [row] = await db
    .select({
      allocation: sql<string | null>`(select ${snapshotEntries.allocation} from ${snapshotEntries} where ${snapshotEntries.wallet} = ${wallet})::text`,
      migrated: sql<string>`coalesce(sum(${migrations.amountIn}) filter (where ${migrations.state} = 'confirmed'), 0)::text`,
      pending: sql<string>`coalesce(sum(${migrations.amountIn}) filter (where ${migrations.state} = 'submitted'), 0)::text`,
    })
    .from(migrations)
    .where(and(eq(migrations.wallet, wallet), inArray(migrations.state, [MIGRATION_STATES.confirmed, MIGRATION_STATES.submitted])));
  const migrated = BigInt(row?.migrated ?? '0');
  const pending = BigInt(row?.pending ?? '0');
  const allocation = row?.allocation == null ? null : BigInt(row.allocation);
  const remaining = allocation === null ? 0n : allocation - migrated - pending;
  return { allocation, migrated, pending, remaining: remaining > 0n ? remaining : 0n };
}

/**
 * Takes the row lock on a wallet's snapshot entry for the rest of the transaction, serialising
 * every submit for that wallet across all app instances sharing the database.
 *
 * @returns false when the wallet is not in the snapshot.
 */
export async function lockAllocation(tx: Queryable, wallet: string): Promise<boolean> {
  const rows = await tx.select({ wallet: snapshotEntries.wallet }).from(snapshotEntries).where(eq(snapshotEntries.wallet, wallet)).for('update');
  return rows.length > 0;
}
