/**
 * Program ids and the caps of the transaction policy (DESIGN.md "The transaction policy").
 * Addresses that belong to a deployment (mints, vault, treasury) live in the configuration, never
 * here; these are the fixed facts of Solana mainnet, devnet and a local validator alike.
 */
import { ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { ComputeBudgetProgram, PublicKey, SystemProgram } from '@solana/web3.js';

export { ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID };

/** The version of the transaction shape and policy; it is also the `v1` in the memo. */
export const POLICY_VERSION = 'v1' as const;

/** SPL Memo v2 (the builder uses it; the policy accepts no other memo program, v1 included). */
export const MEMO_PROGRAM_ID = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');

/** The legacy Memo v1 program: named here only so the policy can say why it refuses it. */
export const MEMO_V1_PROGRAM_ID = new PublicKey('Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo');

export const COMPUTE_BUDGET_PROGRAM_ID = ComputeBudgetProgram.programId;
export const SYSTEM_PROGRAM_ID = SystemProgram.programId;

/**
 * Lighthouse, the assertion program wallets insert to guard what a transaction may change:
 * Phantom up to four instructions, before and after the transfers, Solflare two
 * (NOTES.md "Wallets in the wild"; github.com/Jac0xb/lighthouse).
 */
export const LIGHTHOUSE_PROGRAM_ID = new PublicKey('L2TExMFKdjpN9kozasaurPirfHy9P8sbXoAN1qA3S95');

/** Memo text = this prefix + the migration id; reconciliation finds migrations by it. */
export const MEMO_PREFIX = `elizaos-migration:${POLICY_VERSION}:` as const;

/**
 * Compute units the builder asks for: room for ATA CreateIdempotent (creating a Token-2022 account
 * costs most), two TransferChecked and a memo. Measured on the local validator's real programs
 * (e2e/migrate.spec.ts logs it): 12,084 units when the holder's ELIZAOS account already exists; the
 * first migration also creates it. Wallets may rewrite it.
 */
export const DEFAULT_COMPUTE_UNIT_LIMIT = 100_000;

/**
 * The highest compute unit limit the policy accepts: the runtime's own maximum per transaction
 * (Agave `MAX_COMPUTE_UNIT_LIMIT`; it clamps a larger request to it), so a wallet may rewrite the
 * builder's limit to anything it could honestly ask for. What the limit costs the holder is
 * bounded by {@link MAX_PRIORITY_FEE_LAMPORTS}, not here.
 * @see https://solana.com/docs/core/fees (compute unit limit)
 */
export const MAX_COMPUTE_UNIT_LIMIT = 1_400_000;

/**
 * The most priority fee the policy lets a transaction charge the holder, in lamports: 0.01 SOL.
 * The fee is what the runtime charges, ⌈limit × price / 10^6⌉ ({@link priorityFeeLamports}), so
 * the cap bounds the product, not the price per unit: Phantom sets 2,000,000 micro-lamports per
 * unit during congestion (0.0002 SOL at a 100,000-unit limit), which a per-unit cap of 1,000,000
 * refused although it cost the holder a fiftieth of this cap. 0.01 SOL leaves room for any
 * wallet's congestion setting on a transaction of this size; above it a wallet (or whoever changed
 * the bytes) is spending the holder's SOL, and the policy says so (`PRIORITY_FEE_ABOVE_CAP`).
 * @see DESIGN.md "The transaction policy"
 */
export const MAX_PRIORITY_FEE_LAMPORTS = 10_000_000n;

/**
 * The compute unit price Phantom sets during congestion, in micro-lamports per unit (the figure
 * the portal's review of real wallets records); only {@link PRIORITY_FEE_RESERVE_LAMPORTS} uses it.
 */
export const CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS = 2_000_000n;

/**
 * The priority fee, in lamports, a transaction with `computeUnitLimit` units at
 * `microLamportsPerUnit` is charged: ⌈limit × price / 10^6⌉, as the runtime rounds it (on the
 * requested limit, not on the units consumed).
 * @param computeUnitLimit units requested (SetComputeUnitLimit), 0 or more.
 * @param microLamportsPerUnit the price (SetComputeUnitPrice), 0 or more.
 * @see https://solana.com/docs/core/fees (prioritization fee)
 */
export function priorityFeeLamports(computeUnitLimit: number, microLamportsPerUnit: bigint): bigint {
  return (BigInt(computeUnitLimit) * microLamportsPerUnit + 999_999n) / 1_000_000n;
}

/**
 * What the build step's SOL check (`INSUFFICIENT_SOL`) sets aside for a priority fee the wallet
 * adds, in lamports: the builder's limit at the congested price, 200,000 lamports (0.0002 SOL).
 * Deliberately not {@link MAX_PRIORITY_FEE_LAMPORTS}: asking every holder for 0.01 SOL more than
 * the migration costs would turn away dust holders for a fee no wallet sets for this transaction.
 * A holder whose wallet then asks for more is stopped before signing by the wallet's own
 * simulation, and the network drops a transaction whose fee payer cannot pay its fee.
 * @see DESIGN.md "The on-chain transaction" (the SOL check)
 */
export const PRIORITY_FEE_RESERVE_LAMPORTS = priorityFeeLamports(DEFAULT_COMPUTE_UNIT_LIMIT, CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS);

/**
 * At most this many wallet-added guard (Lighthouse) instructions: Phantom's documented layout has
 * four (three before the transfers, one after), Solflare adds two.
 */
export const MAX_WALLET_ADDED_INSTRUCTIONS = 4;

/** Names shown to the holder for the programs a migration transaction may invoke. */
export const PROGRAM_NAMES: ReadonlyMap<string, string> = new Map([
  [COMPUTE_BUDGET_PROGRAM_ID.toBase58(), 'Compute Budget'],
  [ASSOCIATED_TOKEN_PROGRAM_ID.toBase58(), 'Associated Token Account'],
  [TOKEN_PROGRAM_ID.toBase58(), 'SPL Token'],
  [TOKEN_2022_PROGRAM_ID.toBase58(), 'Token-2022 (Token Extensions)'],
  [MEMO_PROGRAM_ID.toBase58(), 'Memo'],
  [LIGHTHOUSE_PROGRAM_ID.toBase58(), 'Lighthouse (wallet guard)'],
  [SYSTEM_PROGRAM_ID.toBase58(), 'System Program'],
  [MEMO_V1_PROGRAM_ID.toBase58(), 'Memo v1 (legacy)'],
]);

/** True for the two SPL token programs (classic Token and Token-2022). */
export function isTokenProgram(programId: PublicKey): boolean {
  return programId.equals(TOKEN_PROGRAM_ID) || programId.equals(TOKEN_2022_PROGRAM_ID);
}

/**
 * Memo of a deposit's payout: this prefix + `<deposit signature>:<instruction index>`
 * (DESIGN.md "Deposit and receive"); the memo recovery finds payouts by it.
 */
export const DEPOSIT_MEMO_PREFIX = `${MEMO_PREFIX}deposit:` as const;

/** Memo of a deposit's refund: this prefix + `<deposit signature>:<instruction index>`. */
export const REFUND_MEMO_PREFIX = `${MEMO_PREFIX}refund:` as const;

/**
 * Compute units a payout asks for: ATA CreateIdempotent (creating an account costs most), one
 * TransferChecked and a memo. Measured on the local validator's real programs
 * (test/deposit/payout-chain.test.ts logs it); the server pays it, so no wallet rewrites it.
 */
export const PAYOUT_COMPUTE_UNIT_LIMIT = 60_000;

/** Compute units a refund asks for: one TransferChecked and a memo (measured with the payout). */
export const REFUND_COMPUTE_UNIT_LIMIT = 30_000;
