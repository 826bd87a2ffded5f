/**
 * Text patterns that several boundaries check, each written once. Shape only: a match says the
 * text can be decoded, not what it decodes to (the caller's next step says that). Solana
 * addresses are decoded and checked in lib/solana/address.ts.
 *
 * Pure; runs in the browser, the edge runtime and Node.
 */

/**
 * The shape of a Solana address without decoding it: 32 to 44 characters of the base58 alphabet
 * (no 0, O, I, l). For text formats that check shape first and the key later (the SIWS message,
 * the manifest schema); `isAddress` (lib/solana/address.ts) is the full check.
 */
export const BASE58_ADDRESS_SHAPE = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

/**
 * Standard base64 (RFC 4648 §4 alphabet: `A–Z a–z 0–9 + /`), non-empty, up to two `=` at the end,
 * no whitespace and no URL-safe letters. The length is not checked here: `atob` and `Buffer`
 * decide what a length that is not a multiple of 4 decodes to, and canonical-form checks re-encode.
 */
export const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Canonical padded standard base64 (the length a multiple of 4), the empty string included. */
export const BASE64_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text form of a UUID, 8-4-4-4-12 lower-case hex digits (RFC 9562 §4), without anchors: to build other patterns (the memo). */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A whole string that is a UUID, in any case (callers lower-case it). */
export const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');

/**
 * The shape of a transaction signature without decoding it: 64 to 88 characters of the base58
 * alphabet (64 bytes encode to 64–88). The browser checks this before asking; the server decodes
 * it (lib/solana/payout.ts `isTransactionSignature`) and answers INVALID_SIGNATURE otherwise.
 */
export const TRANSACTION_SIGNATURE_SHAPE = /^[1-9A-HJ-NP-Za-km-z]{64,88}$/;
