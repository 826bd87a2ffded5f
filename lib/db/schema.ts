/**
 * The database schema (drizzle-orm, PostgreSQL dialect: PGlite embedded or a real server).
 * Token amounts are `numeric(20,0)` mapped to `bigint` base units: u64 does not fit `int8`.
 * Migrations are generated with drizzle-kit into lib/db/migrations (`npm run db:generate`).
 */
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A u64 token amount in base units, stored exactly as `numeric(20,0)`. */
export const baseUnits = customType<{ data: bigint; driverData: string }>({
  dataType: () => 'numeric(20, 0)',
  toDriver: (value) => value.toString(),
  fromDriver: (value) => BigInt(value),
});

/** One row per wallet in the snapshot: its AI16Z balance at the snapshot is its allocation. */
export const snapshotEntries = pgTable(
  'snapshot_entries',
  {
    wallet: text('wallet').primaryKey(),
    /** AI16Z base units held at the snapshot: the most this wallet may ever migrate. */
    allocation: baseUnits('allocation').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('snapshot_allocation_positive', sql`${t.allocation} > 0 and ${t.allocation} <= 18446744073709551615`)],
);

export const MIGRATION_STATES = {
  built: 'built',
  submitted: 'submitted',
  confirmed: 'confirmed',
  failed: 'failed',
  expired: 'expired',
} as const;
export type MigrationState = (typeof MIGRATION_STATES)[keyof typeof MIGRATION_STATES];

/**
 * One migration attempt. `built` reserves nothing; `submitted` counts as pending against the
 * allocation until the reconciler confirms it or releases it (`failed`/`expired`).
 */
export const migrations = pgTable(
  'migrations',
  {
    id: uuid('id').primaryKey(),
    wallet: text('wallet').notNull(),
    /** AI16Z sent to the vault, base units. */
    amountIn: baseUnits('amount_in').notNull(),
    /** ELIZAOS sent from the treasury, base units. */
    amountOut: baseUnits('amount_out').notNull(),
    state: text('state').$type<MigrationState>().notNull(),
    /** The recent blockhash the transaction was built with, and the block height after which it can no longer land. */
    recentBlockhash: text('recent_blockhash').notNull(),
    lastValidBlockHeight: baseUnits('last_valid_block_height').notNull(),
    /** The unsigned transaction served to the browser (base64 wire format). */
    unsignedTransaction: text('unsigned_transaction').notNull(),
    /** The fully signed transaction sent to the cluster (base64), once co-signed. */
    signedTransaction: text('signed_transaction'),
    signature: text('signature'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    index('migrations_wallet_state').on(t.wallet, t.state),
    uniqueIndex('migrations_signature').on(t.signature),
    check('migrations_state_valid', sql`${t.state} in ('built','submitted','confirmed','failed','expired')`),
    check('migrations_amounts_positive', sql`${t.amountIn} > 0 and ${t.amountOut} > 0`),
    check('migrations_signed_has_signature', sql`(${t.state} in ('built') or ${t.signature} is not null or ${t.state} in ('failed','expired'))`),
  ],
);

/** Addresses known to belong to drainers: the policy refuses any transaction that names one. */
export const knownDrainers = pgTable('known_drainers', {
  address: text('address').primaryKey(),
  label: text('label').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
});

export type SnapshotEntry = typeof snapshotEntries.$inferSelect;
export type Migration = typeof migrations.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Snapshot commitment (lib/snapshot): the Merkle root the signed deployment manifest publishes.
// ---------------------------------------------------------------------------------------------

/**
 * One row per distinct snapshot state an import produced (an audit trail: the latest row is the
 * commitment in force). The root is over every `snapshot_entries` row at that moment, with the
 * encoding of lib/snapshot/merkle.ts; the tree itself is rebuilt from the entries once per
 * process (10,000 holders: tens of milliseconds) and compared with this root before any proof is
 * served.
 */
export const snapshotCommitments = pgTable(
  'snapshot_commitments',
  {
    id: serial('id').primaryKey(),
    /** Merkle root, lower-case hex (64 characters). */
    merkleRoot: text('merkle_root').notNull(),
    /** Leaves (holders) under the root. */
    holders: integer('holders').notNull(),
    /** Sum of all allocations, AI16Z base units. */
    total: numeric('total', { precision: 30, scale: 0 }).notNull(),
    /** lib/snapshot/merkle.ts `MERKLE_ENCODING`. */
    encoding: text('encoding').notNull(),
    committedAt: timestamp('committed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('snapshot_commitments_root_hex', sql`${t.merkleRoot} ~ '^[0-9a-f]{64}$'`), check('snapshot_commitments_holders_positive', sql`${t.holders} > 0`)],
);

export type SnapshotCommitment = typeof snapshotCommitments.$inferSelect;
