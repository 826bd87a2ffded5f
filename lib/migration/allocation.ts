import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { DEPOSIT_STATES, deposits, MIGRATION_STATES, migrations, snapshotEntries } from '@/lib/db/schema';

/** A wallet's standing against its snapshot allocation; AI16Z base units. */
export type AllocationStanding = {
  /** Snapshot balance, or null when the wallet is not in the snapshot. */
  allocation: bigint | null;
  /** Confirmed on chain: migrations confirmed plus deposits paid (docs/DESIGN.md "Deposit and receive"). */
  migrated: bigint;
  /** Submitted and not yet settled (migrations submitted, payouts in flight): counted against the allocation until released. */
  pending: bigint;
  /** allocation − migrated − pending (0 when not in the snapshot). */
  remaining: bigint;
};


/**
 * Reads a wallet's allocation and what counts against it: the one place the allocation is
 * computed (docs/DESIGN.md "The allocation under any order of events"). A paid deposit counts
 * exactly like a confirmed migration, a payout in flight like a submitted migration. Pass a
 * transaction that holds the wallet's row lock (`lockAllocation`) to get a figure no concurrent
 * submit or payout can change.
 */
export async function readAllocation(db: Queryable, wallet: string): Promise<AllocationStanding> {
  // One statement (an aggregate without GROUP BY always answers one row): the builds of a crowd each
  // read this, and on the embedded PGlite every statement runs on the app's own thread.
  const [row] = await db
    .select({
      allocation: sql<string | null>`(select ${snapshotEntries.allocation} from ${snapshotEntries} where ${snapshotEntries.wallet} = ${wallet})::text`,
      migrated: sql<string>`coalesce(sum(${migrations.amountIn}) filter (where ${migrations.state} = 'confirmed'), 0)::text`,
      pending: sql<string>`coalesce(sum(${migrations.amountIn}) filter (where ${migrations.state} = 'submitted'), 0)::text`,
      depositsPaid: sql<string>`(select coalesce(sum(${deposits.paid}), 0) from ${deposits} where ${deposits.wallet} = ${wallet} and ${deposits.state} = ${DEPOSIT_STATES.paid})::text`,
      depositsPending: sql<string>`(select coalesce(sum(${deposits.paid}), 0) from ${deposits} where ${deposits.wallet} = ${wallet} and ${deposits.state} = ${DEPOSIT_STATES.payoutSubmitted})::text`,
    })
    .from(migrations)
    .where(and(eq(migrations.wallet, wallet), inArray(migrations.state, [MIGRATION_STATES.confirmed, MIGRATION_STATES.submitted])));
  const migrated = BigInt(row?.migrated ?? '0') + BigInt(row?.depositsPaid ?? '0');
  const pending = BigInt(row?.pending ?? '0') + BigInt(row?.depositsPending ?? '0');
  const allocation = row?.allocation == null ? null : BigInt(row.allocation);
  const remaining = allocation === null ? 0n : allocation - migrated - pending;
  return { allocation, migrated, pending, remaining: remaining > 0n ? remaining : 0n };
}

/**
 * Takes the row lock on a wallet's snapshot entry for the rest of the transaction, serialising
 * every submit and every deposit payout for that wallet across all app instances sharing the database.
 *
 * @returns false when the wallet is not in the snapshot.
 */
export async function lockAllocation(tx: Queryable, wallet: string): Promise<boolean> {
  const rows = await tx.select({ wallet: snapshotEntries.wallet }).from(snapshotEntries).where(eq(snapshotEntries.wallet, wallet)).for('update');
  return rows.length > 0;
}
