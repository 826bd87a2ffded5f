/**
 * A wallet address as a person types or pastes it: what is wrong with it, in words a form can
 * show next to the field. Browser- and server-safe (bs58 only, no web3.js), so the address check
 * validates the same way in the browser and on the server-rendered home page. The API and the
 * migration input parse with `parseWallet` (lib/migration/input.ts), which accepts exactly the
 * addresses accepted here.
 */
import bs58 from 'bs58';

/** Why a text is not an address: nothing typed, a character base58 has not, the wrong length, or not 32 bytes. */
export type AddressProblem = 'empty' | 'characters' | 'length' | 'notKey';

export type AddressInput = { ok: true; address: string } | { ok: false; problem: AddressProblem; length: number };

/** Shortest and longest base58 text of 32 bytes. */
export const ADDRESS_MIN_LENGTH = 32;
export const ADDRESS_MAX_LENGTH = 44;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]*$/;

/**
 * Reads a pasted address: surrounding white space is dropped (a copy often carries a newline);
 * anything else must be the base58 text of 32 bytes, on or off the ed25519 curve (whether it can
 * sign is the eligibility's answer, `WALLET_CANNOT_SIGN`). Long input is refused by its length
 * before any decoding (base58 decoding is quadratic). Never throws.
 */
export function readAddressInput(text: string): AddressInput {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  if (trimmed === '') return { ok: false, problem: 'empty', length: 0 };
  if (length > 200 || !BASE58.test(trimmed)) return { ok: false, problem: 'characters', length };
  if (length < ADDRESS_MIN_LENGTH || length > ADDRESS_MAX_LENGTH) return { ok: false, problem: 'length', length };
  return bs58.decode(trimmed).length === 32 ? { ok: true, address: trimmed } : { ok: false, problem: 'notKey', length };
}
