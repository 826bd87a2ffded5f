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
 * Lighthouse, the assertion program Phantom (one instruction) and Solflare (two) append to guard
 * what a transaction may change (NOTES.md "Wallet adapter packages"; github.com/Jac0xb/lighthouse).
 */
export const LIGHTHOUSE_PROGRAM_ID = new PublicKey('L2TExMFKdjpN9kozasaurPirfHy9P8sbXoAN1qA3S95');

/** Memo text = this prefix + the migration id; reconciliation finds migrations by it. */
export const MEMO_PREFIX = `elizaos-migration:${POLICY_VERSION}:` as const;

/**
 * Compute units the builder asks for: room for ATA CreateIdempotent (creating a Token-2022 account
 * costs most), two TransferChecked and a memo. Not yet measured against the local validator:
 * check `unitsConsumed` of a simulated migration before relying on the margin. Wallets may raise it.
 */
export const DEFAULT_COMPUTE_UNIT_LIMIT = 100_000;

/** The highest compute unit limit the policy accepts (a wallet may raise the builder's). */
export const MAX_COMPUTE_UNIT_LIMIT = 400_000;

/**
 * The highest compute unit price (micro-lamports per unit) the policy accepts. With the limit cap
 * the holder's priority fee stays ≤ 400_000 × 1_000_000 / 10^6 = 400_000 lamports (0.0004 SOL).
 */
export const MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS = 1_000_000n;

/** The worst-case priority fee the caps allow, in lamports (rounded up, as the runtime does). */
export const MAX_PRIORITY_FEE_LAMPORTS = (BigInt(MAX_COMPUTE_UNIT_LIMIT) * MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS + 999_999n) / 1_000_000n;

/** At most this many wallet-added guard (Lighthouse) instructions. Solflare adds two; room for more. */
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
