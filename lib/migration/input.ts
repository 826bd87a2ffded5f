import type { PublicKey } from '@solana/web3.js';
import { ApiError } from '@/lib/http/errors';
import { parseAddress } from '@/lib/solana/address';
import { U64_MAX } from '@/lib/solana/amounts';
import { UUID } from '@/lib/text/patterns';
import { isTransactionSignature } from '@/lib/solana/payout';

/**
 * Parses a wallet address from user input: the canonical base58 of 32 bytes (on or off the
 * ed25519 curve: whether it can sign is the caller's question).
 * @throws ApiError INVALID_WALLET
 */
export function parseWallet(text: string): PublicKey {
  const key = parseAddress(text);
  if (!key) throw new ApiError('INVALID_WALLET', 'That is not a Solana wallet address. Connect your wallet again or check the address.');
  return key;
}

/**
 * Parses an AI16Z amount in base units (decimal string of a positive u64).
 * @throws ApiError INVALID_AMOUNT
 */
export function parseAmount(text: string): bigint {
  if (!/^\d{1,20}$/.test(text)) throw new ApiError('INVALID_AMOUNT', 'The amount must be a whole number of AI16Z base units, as a string.');
  const amount = BigInt(text);
  if (amount === 0n || amount > U64_MAX) throw new ApiError('INVALID_AMOUNT', 'The amount must be greater than zero and no larger than a token account can hold.');
  return amount;
}

/** A migration id from a path: a UUID, any case → lower case; null for anything else. */
export function parseMigrationId(text: string): string | null {
  return UUID.test(text) ? text.toLowerCase() : null;
}

/**
 * Parses a transaction signature from user input (canonical base58 of 64 bytes, surrounding
 * spaces ignored).
 * @throws ApiError INVALID_SIGNATURE
 */
export function parseSignature(text: string): string {
  const trimmed = text.trim();
  if (!isTransactionSignature(trimmed)) {
    throw new ApiError('INVALID_SIGNATURE', 'That is not a Solana transaction signature. Copy it from your wallet or an explorer (base58, about 88 characters).');
  }
  return trimmed;
}
