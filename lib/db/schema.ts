/**
 * The database schema (drizzle-orm, PostgreSQL dialect: PGlite embedded or a real server).
 * Token amounts are `numeric(20,0)` mapped to `bigint` base units: u64 does not fit `int8`.
 * Migrations are generated with drizzle-kit into lib/db/migrations (`npm run db:generate`).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, numeric, pgTable, serial, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

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
 * One migration attempt. `built` reserves nothing; `submitted` (co-signed) counts as pending
 * against the allocation until the chain confirms it or proves it can never land (`failed` on
 * chain, or `expired`: its last valid block height passed at `finalized` with no trace of it).
 * Every change of `state` is a guarded transition of lib/migration/transitions.ts; the database
 * refuses any transition the state machine does not have (trigger of migration 0006;
 * docs/DESIGN.md "The allocation under any order of events").
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
    /** The landed transaction's signature (the holder's, as co-signed; or that of a re-signed copy of the same message found on chain). */
    signature: text('signature'),
    /** Why it failed on chain or was released (`failed`/`expired`); null otherwise. */
    error: text('error'),
    /**
     * The latest refusal of a send by a node's preflight simulation, while `submitted`: shown to
     * the holder and ops, never a reason to release (the same bytes may still land).
     */
    sendError: text('send_error'),
    /**
     * When the holder declined it in the wallet (the page reported it): the row went built →
     * expired then (lib/migration/transitions.ts `declineUnsignedBuild`). Null otherwise.
     */
    declinedAt: timestamp('declined_at', { withTimezone: true }),
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

// ─── Deposit and receive (docs/DESIGN.md "Deposit and receive") ─────────────────────────────────

/**
 * The payout of a deposit, a guarded state machine like a migration's (lib/deposit/transitions.ts
 * is the only module that changes it; trigger of migration 0008):
 *
 * - `detected`: a transfer into a deposit account, seen at `finalized`; nothing reserved.
 * - `payout_submitted`: the payout transaction is signed and recorded; `paid` counts against the
 *   sender's allocation as pending (lib/migration/allocation.ts) until the chain settles it.
 * - `paid`: the payout landed; `paid` counts as migrated. Final.
 * - `unpaid`: nothing could be paid (`reason`); the whole amount waits for its refund. Final.
 */
export const DEPOSIT_STATES = { detected: 'detected', payoutSubmitted: 'payout_submitted', paid: 'paid', unpaid: 'unpaid' } as const;
export type DepositState = (typeof DEPOSIT_STATES)[keyof typeof DEPOSIT_STATES];

/**
 * The refund of what a deposit did not pay for (the excess over the allocation, or all of it):
 * `none` (nothing to refund, or not decided yet) → `pending` → `submitted` (the deposit owner's
 * signed refund is recorded and sent) → `refunded`; `submitted` → `pending` when it failed or
 * provably never landed; `pending` → `rejected` by ops, with a note the holder reads.
 */
export const REFUND_STATES = { none: 'none', pending: 'pending', submitted: 'submitted', refunded: 'refunded', rejected: 'rejected' } as const;
export type RefundState = (typeof REFUND_STATES)[keyof typeof REFUND_STATES];

/** Why a deposit, or part of it, was not paid: each is recorded with the deposit and shown to the holder. */
export const DEPOSIT_REASONS = [
  'NOT_IN_SNAPSHOT',
  'ALLOCATION_EXHAUSTED',
  'AMOUNT_EXCEEDS_REMAINING',
  'WINDOW_NOT_OPEN',
  'WINDOW_CLOSED',
  'MAINTENANCE',
  'WRONG_MINT',
  /** The source token account's owner could not be read from the transaction. */
  'SENDER_UNKNOWN',
  /** The transfers into the account do not add up to what its balance gained in that transaction. */
  'AMOUNT_UNVERIFIED',
] as const;
export type DepositReason = (typeof DEPOSIT_REASONS)[number];

/**
 * One deposit: a transfer into the deposit token account (or into another token account of the
 * deposit owner: a deposit of another mint), keyed by (signature, instruction index), processed
 * once. Amounts in base units of `mint`; `paid` in AI16Z base units, `payoutAmount` in ELIZAOS.
 */
export const deposits = pgTable(
  'deposits',
  {
    id: uuid('id').primaryKey(),
    signature: text('signature').notNull(),
    /** The transfer's position in the transaction's instruction trace (top-level instructions in order, each followed by its inner ones). */
    instructionIndex: integer('instruction_index').notNull(),
    slot: bigint('slot', { mode: 'number' }).notNull(),
    blockTime: timestamp('block_time', { withTimezone: true }).notNull(),
    /** The sender: the owner of the source token account (null when the transaction does not say). */
    wallet: text('wallet'),
    sourceTokenAccount: text('source_token_account').notNull(),
    /** The deposit owner's token account it arrived in. */
    tokenAccount: text('token_account').notNull(),
    mint: text('mint').notNull(),
    tokenProgram: text('token_program').notNull(),
    decimals: smallint('decimals').notNull(),
    /** Exactly what arrived, base units of `mint`. */
    amount: baseUnits('amount').notNull(),
    state: text('state').$type<DepositState>().notNull(),
    /** Why it (or the part above the allocation) was not paid; null when paid in full. */
    reason: text('reason').$type<DepositReason>(),
    /** AI16Z base units credited against the allocation: reserved from `payout_submitted`, final at `paid`. */
    paid: baseUnits('paid'),
    /** ELIZAOS base units the payout sends. */
    payoutAmount: baseUnits('payout_amount'),
    payoutSignature: text('payout_signature'),
    /** The signed payout (base64 wire), while and after it is submitted. */
    payoutTransaction: text('payout_transaction'),
    payoutLastValidBlockHeight: baseUnits('payout_last_valid_block_height'),
    payoutSubmittedAt: timestamp('payout_submitted_at', { withTimezone: true }),
    /** Payouts signed for this deposit so far (a released one is retried, after `payoutRetryAt`). */
    payoutAttempts: integer('payout_attempts').notNull().default(0),
    payoutRetryAt: timestamp('payout_retry_at', { withTimezone: true }),
    /** The latest reason a payout did not land (a refused send, a failure on chain, a release). */
    payoutError: text('payout_error'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    refundState: text('refund_state').$type<RefundState>().notNull().default('none'),
    /** Base units of `mint` to send back to `sourceTokenAccount`. */
    refundAmount: baseUnits('refund_amount'),
    refundSignature: text('refund_signature'),
    /** The owner-signed refund (base64 wire) while submitted. */
    refundTransaction: text('refund_transaction'),
    /** The unsigned refund prepared for an offline owner (base64 wire); its signed copy must be this message. */
    refundPrepared: text('refund_prepared'),
    refundLastValidBlockHeight: baseUnits('refund_last_valid_block_height'),
    refundSubmittedAt: timestamp('refund_submitted_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    /** Ops' note: why a refund was rejected, shown to the holder. */
    refundNote: text('refund_note'),
    /** The ops wallet that last acted on the refund. */
    refundBy: text('refund_by'),
    refundError: text('refund_error'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deposits_key').on(t.signature, t.instructionIndex),
    index('deposits_wallet_state').on(t.wallet, t.state),
    index('deposits_state').on(t.state),
    index('deposits_refund_state').on(t.refundState),
    uniqueIndex('deposits_payout_signature').on(t.payoutSignature),
    check('deposits_state_valid', sql`${t.state} in ('detected','payout_submitted','paid','unpaid')`),
    check('deposits_refund_state_valid', sql`${t.refundState} in ('none','pending','submitted','refunded','rejected')`),
    check('deposits_amount_positive', sql`${t.amount} > 0`),
    check('deposits_index_valid', sql`${t.instructionIndex} >= 0 and ${t.instructionIndex} <= 65535`),
    check('deposits_paid_within_amount', sql`${t.paid} is null or (${t.paid} > 0 and ${t.paid} <= ${t.amount})`),
    check('deposits_paid_when_paying', sql`${t.state} not in ('payout_submitted','paid') or (${t.paid} is not null and ${t.payoutAmount} is not null and ${t.payoutSignature} is not null)`),
    check('deposits_refund_within_amount', sql`${t.refundAmount} is null or (${t.refundAmount} > 0 and ${t.refundAmount} + coalesce(${t.paid}, 0) <= ${t.amount})`),
  ],
);
export type Deposit = typeof deposits.$inferSelect;

/** Where the deposit watcher stopped in each watched account's history (the newest signature it processed). */
export const depositWatchCursors = pgTable('deposit_watch_cursors', {
  account: text('account').primaryKey(),
  lastSignature: text('last_signature').notNull(),
  lastSlot: bigint('last_slot', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Addresses known to belong to drainers: the policy refuses any transaction that names one. */
export const knownDrainers = pgTable('known_drainers', {
  address: text('address').primaryKey(),
  label: text('label').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  /** The ops wallet that added it (null for entries loaded before the ops console existed). */
  addedBy: text('added_by'),
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

// ─── Operations: maintenance flag, ops sign-in, audit log, incidents, exchanges, support ───────
// (ops branch; lib/db/migrations/0001_*.sql and the hand-written 0002 audit trigger)

/**
 * The runtime maintenance flag: exactly one row (id 1). The deploy-level layer is the environment
 * (`MIGRATION_KILL_SWITCH`), never this table.
 */
export const maintenanceFlag = pgTable(
  'maintenance_flag',
  {
    id: smallint('id').primaryKey().default(1),
    on: boolean('on').notNull().default(false),
    /** Ops-written plain text; required while on. */
    reason: text('reason'),
    /** The same reason in Korean, if ops wrote one (else Korean pages show the English, marked as such). */
    reasonKo: text('reason_ko'),
    /** When it was last turned on (kept while on). */
    since: timestamp('since', { withTimezone: true }),
    /** The ops wallet that last changed it. */
    setBy: text('set_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('maintenance_flag_single_row', sql`${t.id} = 1`), check('maintenance_flag_reason_when_on', sql`not ${t.on} or (${t.reason} is not null and ${t.since} is not null)`)],
);

/** Sign-in nonces: single use (`usedAt` set once), short-lived, bound to the wallet that asked. */
export const opsNonces = pgTable(
  'ops_nonces',
  {
    nonce: text('nonce').primaryKey(),
    wallet: text('wallet').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('ops_nonces_expires').on(t.expiresAt)],
);

/** Ops sessions (the JWT's `jti`), so signing out or revoking ends a token before it expires. */
export const opsSessions = pgTable('ops_sessions', {
  id: uuid('id').primaryKey(),
  wallet: text('wallet').notNull(),
  /** `message` (signMessage) or `transaction` (a signed, never-sent memo transaction). */
  method: text('method').$type<'message' | 'transaction'>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Every ops action: who (signer wallet), when, what, and the state before and after (JSON).
 * Append-only: a trigger (migration 0002) raises on UPDATE, DELETE and TRUNCATE.
 */
export const opsAuditLog = pgTable(
  'ops_audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    wallet: text('wallet').notNull(),
    action: text('action').notNull(),
    /** What the action was about (incident id, exchange slug, address…), or null. */
    target: text('target'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('ops_audit_log_at').on(t.at)],
);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey(),
    severity: text('severity').$type<'info' | 'warning' | 'critical'>().notNull(),
    titleEn: text('title_en').notNull(),
    titleKo: text('title_ko'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    nextUpdateBy: timestamp('next_update_by', { withTimezone: true }),
    /** https URL on an allowlisted host (checked when written), or null. */
    link: text('link'),
  },
  (t) => [index('incidents_started').on(t.startedAt), check('incidents_severity_valid', sql`${t.severity} in ('info','warning','critical')`)],
);

export const incidentUpdates = pgTable(
  'incident_updates',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    state: text('state').$type<'investigating' | 'identified' | 'monitoring' | 'resolved'>().notNull(),
    bodyEn: text('body_en').notNull(),
    bodyKo: text('body_ko'),
    /** The ops wallet that wrote it. */
    author: text('author').notNull(),
  },
  (t) => [
    index('incident_updates_incident').on(t.incidentId, t.at),
    check('incident_updates_state_valid', sql`${t.state} in ('investigating','identified','monitoring','resolved')`),
  ],
);

export const exchanges = pgTable(
  'exchanges',
  {
    slug: text('slug').primaryKey(),
    name: text('name').notNull(),
    /** The exchange's name as Korean readers know it (빗썸, 업비트), or null to use `name`. */
    nameKo: text('name_ko'),
    state: text('state').$type<'not_started' | 'in_progress' | 'completed' | 'not_supported'>().notNull(),
    whoMigrates: text('who_migrates').$type<'exchange' | 'holder'>().notNull(),
    holderActionEn: text('holder_action_en').notNull(),
    holderActionKo: text('holder_action_ko'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    nextCheckIn: timestamp('next_check_in', { withTimezone: true }),
  },
  (t) => [
    check('exchanges_state_valid', sql`${t.state} in ('not_started','in_progress','completed','not_supported')`),
    check('exchanges_who_valid', sql`${t.whoMigrates} in ('exchange','holder')`),
  ],
);

/** A holder's support ticket. The lookup secret is stored only as its SHA-256. */
export const supportTickets = pgTable(
  'support_tickets',
  {
    id: uuid('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    status: text('status').$type<'open' | 'in_progress' | 'waiting_for_holder' | 'resolved' | 'closed'>().notNull(),
    wallet: text('wallet'),
    /** `self_custody`, `exchange` (with `exchange`), or `unsure`. */
    location: text('location').$type<'self_custody' | 'exchange' | 'unsure'>().notNull(),
    exchange: text('exchange'),
    /** The migration the ticket is about (the holder came from its failure screen or receipt), or null. */
    migrationId: uuid('migration_id'),
    signatures: jsonb('signatures').$type<string[]>().notNull(),
    description: text('description').notNull(),
    contact: text('contact'),
    language: text('language').$type<'en' | 'ko'>().notNull(),
    /** Known-drainer addresses the ticket mentions (shown to ops and to the holder as a warning). */
    drainerMentions: jsonb('drainer_mentions').$type<string[]>().notNull(),
    /** The resolution note, required to resolve or close. */
    resolution: text('resolution'),
  },
  (t) => [
    index('support_tickets_status').on(t.status, t.updatedAt),
    check('support_tickets_status_valid', sql`${t.status} in ('open','in_progress','waiting_for_holder','resolved','closed')`),
    check('support_tickets_closed_has_resolution', sql`${t.status} not in ('resolved','closed') or ${t.resolution} is not null`),
  ],
);

/** Every status change of a ticket, with the note the holder sees. */
export const supportTicketEvents = pgTable(
  'support_ticket_events',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: text('status').$type<'open' | 'in_progress' | 'waiting_for_holder' | 'resolved' | 'closed'>().notNull(),
    /** Shown to the holder; null for the opening event. */
    note: text('note'),
    /** The ops wallet, or null when the holder opened the ticket. */
    author: text('author'),
  },
  (t) => [index('support_ticket_events_ticket').on(t.ticketId, t.at)],
);

/**
 * Rate-limit counters shared by every app instance on PostgreSQL (rate-limiter-flexible's
 * `RateLimiterPostgres` layout: `key` = `<action>:<ip|subject>:<value>`, `points` used in the
 * window, `expire` = end of the window in ms since the epoch). Unused on PGlite (memory limiter).
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentUpdateRow = typeof incidentUpdates.$inferSelect;
export type ExchangeRow = typeof exchanges.$inferSelect;
export type SupportTicketRow = typeof supportTickets.$inferSelect;
export type SupportTicketEventRow = typeof supportTicketEvents.$inferSelect;
export type AuditLogRow = typeof opsAuditLog.$inferSelect;
