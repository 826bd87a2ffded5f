/**
 * Shapes of the public HTTP API v1 (DESIGN.md "HTTP API v1"), as zod schemas shared by the
 * route handlers (which produce them) and the browser (which parses every answer with them and
 * trusts nothing else). Amounts are base-unit decimal strings.
 */
// First: zod must be jitless before any schema is defined (the browser's CSP has no 'unsafe-eval').
import '@/lib/zod-jitless';
import { z } from 'zod';
import { TICKET_LANGUAGES, TICKET_LOCATIONS, TICKET_STATUSES } from '@/lib/support/schema';

const baseUnits = z.string().regex(/^\d{1,20}$/, 'base units as a decimal string');
const hash32 = z.string().regex(/^[0-9a-f]{64}$/, 'a 32-byte hash in lower-case hex');

/** A Merkle proof of a snapshot entry: leaf, sibling hashes bottom-up, root (lib/snapshot/merkle.ts). */
export const merkleProofSchema = z.object({ leaf: hash32, siblings: z.array(hash32).max(64), root: hash32 });

/**
 * Violation codes the submit endpoint reports besides the transaction policy's own
 * (`VIOLATION_CODES`, lib/solana/policy.ts) in a POLICY_VIOLATION answer's `details.violations`.
 */
export const SUBMIT_VIOLATION_CODES = ['BLOCKHASH_CHANGED'] as const;
export type SubmitViolationCode = (typeof SUBMIT_VIOLATION_CODES)[number];

export const ELIGIBILITY_CODES = [
  'NOT_IN_SNAPSHOT',
  'ALLOCATION_EXHAUSTED',
  'AMOUNT_EXCEEDS_REMAINING',
  'INSUFFICIENT_BALANCE',
  'INSUFFICIENT_SOL',
  'WINDOW_NOT_OPEN',
  'WINDOW_CLOSED',
  'MAINTENANCE',
  /** An off-curve address (a PDA such as a multisig vault): no browser wallet can sign for it; it migrates by deposit and receive. */
  'WALLET_CANNOT_SIGN',
] as const;
export type EligibilityCode = (typeof ELIGIBILITY_CODES)[number];

/**
 * Codes of a 202 submit answer's `warning`: the migration is `submitted` (co-signed, counted
 * against the allocation) but something the holder should know happened. `SEND_REFUSED`: a node's
 * preflight simulation refused the first send; the transaction may still land until its blockhash
 * expires, and is released only once the chain shows it never did.
 */
export const SUBMIT_WARNING_CODES = ['SEND_REFUSED'] as const;
export type SubmitWarningCode = (typeof SUBMIT_WARNING_CODES)[number];

/** `GET /api/v1/eligibility/{wallet}` */
export const eligibilityResponseSchema = z.object({
  wallet: z.string(),
  eligible: z.boolean(),
  /** AI16Z base units held at the snapshot, or null when the wallet is not in it. */
  snapshotBalance: baseUnits.nullable(),
  /** Confirmed on chain. */
  migrated: baseUnits,
  /** Submitted, not yet confirmed or released. */
  pending: baseUnits,
  remaining: baseUnits,
  /** The wallet's AI16Z balance on chain now (null when it could not be read). */
  balance: baseUnits.nullable(),
  /** The most this wallet can migrate now: min(remaining, balance). */
  maxAmount: baseUnits,
  reason: z.enum(ELIGIBILITY_CODES).nullable(),
  message: z.string().nullable(),
  /**
   * For a wallet in the snapshot: the Merkle proof of (wallet, snapshotBalance) under the
   * snapshot root of the signed deployment manifest (lib/snapshot/merkle.ts); null when the wallet
   * is not in the snapshot or the server has no verified tree. Optional, so older answers parse.
   */
  proof: merkleProofSchema.nullable().optional(),
});
export type EligibilityResponse = z.infer<typeof eligibilityResponseSchema>;

/** `POST /api/v1/migrations` request. */
export const buildRequestSchema = z.object({
  wallet: z.string().max(64),
  amount: z.string().max(32),
});

/** `POST /api/v1/migrations` → 201 */
export const buildResponseSchema = z.object({
  id: z.uuid(),
  /** The unsigned legacy transaction, base64 wire format. */
  transaction: z.string().max(4096),
  /** What the transaction must do (lib/solana `expectedToJson`); the browser checks the bytes against it. */
  expected: z.record(z.string(), z.unknown()),
  expiresAt: z.string(),
  /**
   * When the server made this answer (ISO 8601): `expiresAt − issuedAt` is how long the offer is
   * valid, counted by the page from when it received the answer (its own clock may be wrong).
   * Optional, so older answers parse.
   */
  issuedAt: z.string().optional(),
  /** Lamports: network fee (upper bound) and ATA rent if the ELIZAOS account is created. */
  fees: z.object({ networkFeeLamports: baseUnits, ataRentLamports: baseUnits }),
});
export type BuildResponse = z.infer<typeof buildResponseSchema>;

/** `POST /api/v1/migrations/{id}/submit` request. */
export const submitRequestSchema = z.object({ transaction: z.string().min(1).max(4096) });

export const MIGRATION_STATE_VALUES = ['built', 'submitted', 'confirmed', 'failed', 'expired'] as const;

/** `POST /api/v1/migrations/{id}/submit` → 202 */
export const submitResponseSchema = z.object({
  id: z.uuid(),
  state: z.enum(MIGRATION_STATE_VALUES),
  signature: z.string(),
  /** Present when the first send was refused by a node's preflight (the state stays `submitted`). Optional, so older answers parse. */
  warning: z
    .object({ code: z.enum(SUBMIT_WARNING_CODES), message: z.string(), details: z.object({ reason: z.string(), lastValidBlockHeight: baseUnits }) })
    .optional(),
});
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

/**
 * Why a migration that did not land ended (DESIGN.md "The state machine of a migration"):
 * `declined` in the wallet, `not_signed` before its offer ran out, sent but `never_landed` before
 * its blockhash expired, `failed_on_chain` (landed with an error; the fee was charged).
 */
export const MIGRATION_END_REASONS = ['declined', 'not_signed', 'never_landed', 'failed_on_chain'] as const;
export type MigrationEndReason = (typeof MIGRATION_END_REASONS)[number];

/** `GET /api/v1/migrations/{id}` */
export const migrationResponseSchema = z.object({
  id: z.uuid(),
  wallet: z.string(),
  /** AI16Z base units. */
  amount: baseUnits,
  /** ELIZAOS base units. */
  amountOut: baseUnits,
  state: z.enum(MIGRATION_STATE_VALUES),
  signature: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  /** While `submitted`: the latest refusal of a send by a node's preflight (the transaction may still land), else null. Optional, so older answers parse. */
  sendError: z.string().nullable().optional(),
  /** The block height after which the transaction can no longer land (its blockhash's last valid block height). Optional, so older answers parse. */
  lastValidBlockHeight: baseUnits.optional(),
  /** For `failed` and `expired`: why it ended (see MIGRATION_END_REASONS); `declined` also for a `built` one the holder declined (still theirs to submit until it expires); null otherwise. Optional, so older answers parse. */
  endReason: z.enum(MIGRATION_END_REASONS).nullable().optional(),
  /** For `failed`: the chain's own error (JSON, as the runtime reported it), else null. Optional, so older answers parse. */
  chainError: z.string().nullable().optional(),
  /** When the treasury delegate co-signed it and it was sent, else null. Optional, so older answers parse. */
  submittedAt: z.string().nullable().optional(),
});
export type MigrationResponse = z.infer<typeof migrationResponseSchema>;

/** The states of a deposit as the API answers them (DESIGN.md "Deposit and receive"). */
export const DEPOSIT_STATE_VALUES = ['pending', 'paid', 'partially_paid', 'refund_pending', 'refunded', 'rejected'] as const;
export type DepositApiState = (typeof DEPOSIT_STATE_VALUES)[number];

/** Why a deposit (or the part above the allocation) was not paid; lib/db/schema.ts `DEPOSIT_REASONS`. */
export const DEPOSIT_REASON_VALUES = ['NOT_IN_SNAPSHOT', 'ALLOCATION_EXHAUSTED', 'AMOUNT_EXCEEDS_REMAINING', 'WINDOW_NOT_OPEN', 'WINDOW_CLOSED', 'MAINTENANCE', 'WRONG_MINT', 'SENDER_UNKNOWN', 'AMOUNT_UNVERIFIED'] as const;

/** `POST /api/v1/deposits` request: the holder's transaction signature. */
export const depositNudgeRequestSchema = z.object({ signature: z.string().max(100) }).strict();

const depositTransferSchema = z.object({
  /** The transfer's position in the transaction's instruction trace. */
  index: z.number().int().nonnegative(),
  wallet: z.string().nullable(),
  /** Base units of `mint` that arrived. */
  amount: baseUnits,
  /** AI16Z base units paid for (0 until the payout landed). */
  paid: baseUnits,
  /** ELIZAOS base units the payout sends (null until one is signed). */
  payoutAmount: baseUnits.nullable(),
  state: z.enum(DEPOSIT_STATE_VALUES),
  payoutSignature: z.string().nullable(),
  reason: z.enum(DEPOSIT_REASON_VALUES).nullable(),
  mint: z.string(),
  decimals: z.number().int().min(0).max(255),
  sourceTokenAccount: z.string(),
  refund: z
    .object({ state: z.enum(['pending', 'submitted', 'refunded', 'rejected']), amount: baseUnits, signature: z.string().nullable(), note: z.string().nullable() })
    .nullable(),
  blockTime: z.string(),
  detectedAt: z.string(),
  paidAt: z.string().nullable(),
});

/**
 * `GET /api/v1/deposits/{signature}` (and the answer of `POST /api/v1/deposits`): the deposit(s)
 * that transaction made. The top-level fields sum its transfers (almost always one); `deposits`
 * lists each. `finalized: false` (nudge only): the transaction is confirmed but not yet final;
 * nothing is recorded until it is.
 */
export const depositResponseSchema = z.object({
  signature: z.string(),
  wallet: z.string().nullable(),
  amount: baseUnits,
  paid: baseUnits,
  state: z.enum(DEPOSIT_STATE_VALUES),
  payoutSignature: z.string().nullable().optional(),
  reason: z.enum(DEPOSIT_REASON_VALUES).nullable().optional(),
  finalized: z.boolean(),
  deposits: z.array(depositTransferSchema).max(64),
});
export type DepositResponse = z.infer<typeof depositResponseSchema>;
export type DepositTransfer = z.infer<typeof depositTransferSchema>;

/**
 * One entry of `GET /api/v1/wallets/{wallet}/migrations`: a migration (`kind: 'migration'`);
 * amounts in base units (`amountIn` AI16Z sent or to be sent, `amountOut` ELIZAOS received or to
 * be received). Other kinds (the deposit path's `deposit`) share these fields.
 */
export const walletHistoryMigrationSchema = z.object({
  kind: z.literal('migration'),
  id: z.uuid(),
  state: z.enum(MIGRATION_STATE_VALUES),
  endReason: z.enum(MIGRATION_END_REASONS).nullable(),
  amountIn: baseUnits,
  amountOut: baseUnits,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  signature: z.string().nullable(),
  receiptPath: z.string().startsWith('/receipt/'),
});
export type WalletHistoryMigration = z.infer<typeof walletHistoryMigrationSchema>;

/**
 * A deposit entry (`kind: 'deposit'`, DESIGN.md "Deposit and receive"): one transfer into the
 * deposit token account. `amountIn` AI16Z base units that arrived, `paid` the AI16Z base units paid
 * for, `amountOut` the ELIZAOS base units the payout sent or is sending (`0` while none is signed),
 * `signature` the holder's deposit transaction, `payoutSignature` the portal's payout, `refund` the
 * part sent back or to be sent back, `createdAt` the deposit's block time, `receiptPath` its
 * tracking page.
 */
export const walletHistoryDepositSchema = z.object({
  kind: z.literal('deposit'),
  id: z.uuid(),
  signature: z.string(),
  index: z.number().int().nonnegative(),
  state: z.enum(DEPOSIT_STATE_VALUES),
  reason: z.enum(DEPOSIT_REASON_VALUES).nullable(),
  amountIn: baseUnits,
  paid: baseUnits,
  amountOut: baseUnits,
  mint: z.string(),
  decimals: z.number().int().min(0).max(255),
  payoutSignature: z.string().nullable(),
  refund: z.object({ state: z.enum(['pending', 'submitted', 'refunded', 'rejected']), amount: baseUnits, signature: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  receiptPath: z.string().startsWith('/deposit/'),
});
export type WalletHistoryDeposit = z.infer<typeof walletHistoryDepositSchema>;

/** An entry of a kind the browser knows. */
export type WalletHistoryEntry = WalletHistoryMigration | WalletHistoryDeposit;

/**
 * `GET /api/v1/wallets/{wallet}/migrations` (DESIGN.md "Wallet history"): newest first, at most
 * 50 (`truncated` when there are more). The browser keeps the entries of kinds it knows
 * (`parseWalletHistory`) so that an answer with a newer kind still parses.
 */
export const walletHistoryResponseSchema = z.object({
  wallet: z.string(),
  entries: z.array(z.object({ kind: z.string() }).passthrough()).max(200),
  truncated: z.boolean(),
});
export type WalletHistoryResponse = { wallet: string; entries: WalletHistoryEntry[]; truncated: boolean };

/** Every error answer. */
export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).default({}) }),
});
export type ApiErrorBody = z.infer<typeof errorResponseSchema>;

/** `GET /api/v1/drainers` */
export const drainersResponseSchema = z.object({ drainers: z.array(z.object({ address: z.string().max(64), label: z.string().max(200) })).max(10_000) });
export type DrainersResponse = z.infer<typeof drainersResponseSchema>;

/**
 * `POST /api/v1/rpc` answering `getTransaction` with `encoding: 'base64'` (Solana JSON-RPC): the
 * wire bytes as the chain stored them, or `result: null` when the cluster has no such transaction.
 */
export const rpcGetTransactionResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  result: z
    .object({
      slot: z.number().int().nonnegative(),
      transaction: z.tuple([z.string().max(4096), z.literal('base64')]),
      meta: z.object({ err: z.unknown() }).passthrough().nullable().optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
  error: z.object({ code: z.number(), message: z.string() }).passthrough().optional(),
});
export type RpcGetTransactionResponse = z.infer<typeof rpcGetTransactionResponseSchema>;

/** `POST /api/v1/support/tickets` → 201 (the secret is shown once; only its hash is stored). */
export const createdTicketResponseSchema = z.object({
  id: z.uuid(),
  /** The number people quote (`3F2A-91C0`). Optional, so older answers parse. */
  number: z.string().max(16).optional(),
  secret: z.string().min(16).max(200),
  lookupPath: z.string().startsWith('/support/tickets/'),
  status: z.enum(TICKET_STATUSES),
  drainerMentions: z.array(z.string()),
});
export type CreatedTicketResponse = z.infer<typeof createdTicketResponseSchema>;

/** `GET /api/v1/support/tickets/{id}` (with `X-Ticket-Secret`): the holder's view of the ticket. */
export const holderTicketResponseSchema = z.object({
  id: z.uuid(),
  /** The number people quote (`3F2A-91C0`). Optional, so older answers parse. */
  number: z.string().max(16).optional(),
  status: z.enum(TICKET_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  wallet: z.string().nullable(),
  location: z.enum(TICKET_LOCATIONS),
  exchange: z.string().nullable(),
  /** The migration the ticket is about. Optional, so older answers parse. */
  migrationId: z.string().nullable().optional(),
  signatures: z.array(z.string()),
  description: z.string(),
  contact: z.string().nullable(),
  language: z.enum(TICKET_LANGUAGES),
  resolution: z.string().nullable(),
  drainerMentions: z.array(z.string()),
  events: z.array(z.object({ at: z.string(), status: z.enum(TICKET_STATUSES), note: z.string().nullable(), byOps: z.boolean() })),
});
export type HolderTicketResponse = z.infer<typeof holderTicketResponseSchema>;

/** `POST /api/v1/ops/auth/nonce` → the Sign-In-With-Solana fields the ops console signs (lib/ops/siws.ts). */
export const opsSignInChallengeSchema = z
  .object({ statement: z.string(), chainId: z.string(), nonce: z.string(), issuedAt: z.string(), expirationTime: z.string() })
  .passthrough();
export type OpsSignInChallenge = z.infer<typeof opsSignInChallengeSchema>;

/** `POST /api/v1/ops/auth/verify` → 200, and `GET /api/v1/ops/session`. */
export const opsSessionResponseSchema = z.object({ wallet: z.string(), expiresAt: z.string() }).passthrough();
export type OpsSessionResponse = z.infer<typeof opsSessionResponseSchema>;

/** A migration as ops see it (`GET /api/v1/ops/migrations?q=`, `POST …/reconcile`); amounts in base units. */
export const opsMigrationsResponseSchema = z.object({
  migrations: z.array(
    z
      .object({
        id: z.uuid(),
        wallet: z.string(),
        /** AI16Z base units, as the public API names it. */
        amount: baseUnits,
        /** Alias of `amount`, kept for compatibility. */
        amountIn: baseUnits,
        amountOut: baseUnits,
        state: z.string(),
        signature: z.string().nullable(),
        error: z.string().nullable(),
        createdAt: z.string(),
      })
      .passthrough(),
  ),
});
export type OpsMigrationsResponse = z.infer<typeof opsMigrationsResponseSchema>;
