import { PublicKey } from '@solana/web3.js';
import { ApiError } from '@/lib/http/errors';

/**
 * Parses a wallet address from user input: the canonical base58 of 32 bytes (on or off the
 * ed25519 curve: whether it can sign is the caller's question).
 * @throws ApiError INVALID_WALLET
 */
export function parseWallet(text: string): PublicKey {
  // Base58 decoding is quadratic in the length: a 16 KB "address" costs half a CPU second. A
  // 32-byte key is 32 to 44 characters, so anything else is refused before decoding.
  if (text.length < 32 || text.length > 44) {
    throw new ApiError('INVALID_WALLET', 'That is not a Solana wallet address. Connect your wallet again or check the address.');
  }
  try {
    const key = new PublicKey(text);
    if (key.toBase58() !== text) throw new Error('not canonical');
    return key;
  } catch {
    throw new ApiError('INVALID_WALLET', 'That is not a Solana wallet address. Connect your wallet again or check the address.');
  }
}

/**
 * Parses an AI16Z amount in base units (decimal string of a positive u64).
 * @throws ApiError INVALID_AMOUNT
 */
export function parseAmount(text: string): bigint {
  if (!/^\d{1,20}$/.test(text)) throw new ApiError('INVALID_AMOUNT', 'The amount must be a whole number of AI16Z base units, as a string.');
  const amount = BigInt(text);
  if (amount === 0n || amount > 18_446_744_073_709_551_615n) throw new ApiError('INVALID_AMOUNT', 'The amount must be greater than zero and no larger than a token account can hold.');
  return amount;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A migration id from a path: a UUID, any case → lower case; null for anything else. */
export function parseMigrationId(text: string): string | null {
  return UUID.test(text) ? text.toLowerCase() : null;
}
