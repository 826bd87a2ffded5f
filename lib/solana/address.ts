/**
 * Solana addresses as text, checked once for the server, the browser and the CLIs: an address is
 * the **canonical base58 of 32 bytes** (on or off the ed25519 curve: whether it can sign is the
 * caller's question, `PublicKey.isOnCurve`). Canonical means the string is exactly what
 * `PublicKey.toBase58()` writes for those bytes: web3.js's `new PublicKey("2")` pads a short
 * value with zero bytes, so "2" and "1111…12" would name the same key; only the second is an
 * address here.
 *
 * Text formats that check an address's shape first and the key later use `BASE58_ADDRESS_SHAPE`
 * (lib/text/patterns.ts), which needs no web3.js.
 *
 * Pure; no `node:` imports (the browser bundles it).
 */
import { PublicKey } from '@solana/web3.js';

/**
 * The key an address names, or null when `text` is not the canonical base58 of 32 bytes. Not
 * trimmed: callers trim where their input may carry spaces.
 */
export function parseAddress(text: string): PublicKey | null {
  // Base58 decoding is quadratic in the length: a 16 KB "address" costs half a CPU second. The
  // canonical base58 of 32 bytes is 32 (leading zero bytes) to 44 characters, so anything else is
  // refused before decoding.
  if (text.length < 32 || text.length > 44) return null;
  try {
    const key = new PublicKey(text);
    return key.toBase58() === text ? key : null;
  } catch {
    return null;
  }
}

/** Whether `text` is an address: the canonical base58 of 32 bytes (see {@link parseAddress}). */
export function isAddress(text: string): boolean {
  return parseAddress(text) !== null;
}

/** Why a pasted text is not an address: nothing typed, a character base58 has not, the wrong length, or not 32 bytes. */
export type AddressProblem = 'empty' | 'characters' | 'length' | 'notKey';

export type AddressInput = { ok: true; address: string } | { ok: false; problem: AddressProblem; length: number };

const BASE58_TEXT = /^[1-9A-HJ-NP-Za-km-z]*$/;

/**
 * Reads an address as a person types or pastes it into a form, and says what is wrong with it in
 * a form's terms (the field's inline error). Surrounding white space is dropped (a copy often
 * carries a newline); the rest must be an address as {@link parseAddress} reads it, so a form
 * accepts exactly what the API accepts. Long input is refused by its length before any decoding.
 * Never throws.
 */
export function readAddressInput(text: string): AddressInput {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (trimmed === '') return { ok: false, problem: 'empty', length: 0 };
  if (length > 200 || !BASE58_TEXT.test(trimmed)) return { ok: false, problem: 'characters', length };
  if (length < 32 || length > 44) return { ok: false, problem: 'length', length };
  return parseAddress(trimmed) ? { ok: true, address: trimmed } : { ok: false, problem: 'notKey', length };
}
