/**
 * The seed-phrase guard of the support desk: finds wallet secrets in text a holder is about to
 * send, so the form refuses it in the browser and the server refuses it again without storing
 * anything. Fake "support" accounts harvested seed phrases; nobody legitimate ever asks for one.
 *
 * The rules (chosen to catch real secrets, not ordinary prose):
 * - **Recovery phrase**: 12 or more *consecutive* words of one BIP39 wordlist (all ten lists
 *   `@scure/bip39` ships: English, Korean, Japanese, Spanish, French, Italian, Portuguese, Czech,
 *   simplified and traditional Chinese). Words are runs of letters; anything else separates them
 *   (spaces, commas, new lines, numbering such as "1." or "2)", quotes), and case and Unicode
 *   normalisation (NFKD) do not matter. Prose is safe because BIP39 words are 3–8 letters and
 *   everyday sentences keep using words outside the lists ("I", "a", "to", "my", "the", "is",
 *   Korean particles attached to nouns), which break a run; 12 in a row essentially only happens
 *   when someone pastes a phrase. 11 words pass (a phrase is 12, 15, 18, 21 or 24 words).
 *   Limit: Chinese phrases written without separators are not recognised (every Chinese
 *   sentence would otherwise match).
 * - **Secret key**: base58 that decodes to 64 bytes whose second half is the ed25519 public key of
 *   the first (a Solana keypair as Phantom exports it; a transaction signature has the same
 *   length but not this property, so signatures pass); a JSON array of 64 numbers 0–255 (the
 *   Solana CLI keypair file); 128 hex digits (64 bytes, `0x` optional); a BIP32 extended private
 *   key (`xprv…`, `yprv…`, `zprv…`, `tprv…`).
 *
 * Pure and browser-safe: the support form imports it lazily; the server runs it on every string of
 * the request body before validation.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import bs58 from 'bs58';

/** The shortest BIP39 mnemonic: this many consecutive words from one list is refused. */
export const MNEMONIC_MIN_WORDS = 12;

export type SecretFinding =
  | { kind: 'recovery-phrase'; wordlist: string; words: number }
  | { kind: 'secret-key'; format: 'base58-keypair' | 'json-byte-array' | 'hex' | 'extended-private-key' };

const normalise = (text: string) => text.normalize('NFKD').toLowerCase();

let lists: { name: string; words: Set<string> }[] | null = null;
function wordlists(): { name: string; words: Set<string> }[] {
  lists ??= (
    [
      ['english', english],
      ['korean', korean],
      ['japanese', japanese],
      ['spanish', spanish],
      ['french', french],
      ['italian', italian],
      ['portuguese', portuguese],
      ['czech', czech],
      ['simplified-chinese', simplifiedChinese],
      ['traditional-chinese', traditionalChinese],
    ] as const
  ).map(([name, list]) => ({ name, words: new Set(list.map(normalise)) }));
  return lists;
}

/** Runs of letters (with their combining marks, which NFKD splits off accents and Hangul jamo). */
function tokens(text: string): string[] {
  return normalise(text).split(/[^\p{L}\p{M}]+/u).filter(Boolean);
}

/** The longest run of consecutive tokens from one wordlist, and which list. */
export function longestBip39Run(text: string): { wordlist: string; words: number } {
  const words = tokens(text);
  let best = { wordlist: '', words: 0 };
  for (const list of wordlists()) {
    let run = 0;
    for (const word of words) {
      run = list.words.has(word) ? run + 1 : 0;
      if (run > best.words) best = { wordlist: list.name, words: run };
    }
  }
  return best;
}

const BASE58_64 = /[1-9A-HJ-NP-Za-km-z]{85,90}/g;
const JSON_BYTES = /\[\s*(?:\d{1,3}\s*,\s*){63}\d{1,3}\s*\]/;
const HEX_64 = /(?:^|[^0-9a-fA-F])(?:0x)?[0-9a-fA-F]{128}(?:$|[^0-9a-fA-F])/;
const EXTENDED_PRIVATE_KEY = /\b[xyzt]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b/;

/** Whether 64 bytes are an ed25519 keypair: the second half is the public key of the first. */
function isKeypair(bytes: Uint8Array): boolean {
  try {
    const publicKey = ed25519.getPublicKey(bytes.subarray(0, 32));
    return publicKey.every((b, i) => b === bytes[32 + i]);
  } catch {
    return false;
  }
}

/** The first wallet secret found in `text`, or null. */
export function findSecretMaterial(text: string): SecretFinding | null {
  if (EXTENDED_PRIVATE_KEY.test(text)) return { kind: 'secret-key', format: 'extended-private-key' };
  const json = JSON_BYTES.exec(text);
  if (json && json[0].match(/\d{1,3}/g)?.every((n) => Number(n) <= 255)) return { kind: 'secret-key', format: 'json-byte-array' };
  if (HEX_64.test(text)) return { kind: 'secret-key', format: 'hex' };
  for (const candidate of text.match(BASE58_64) ?? []) {
    let bytes: Uint8Array;
    try {
      bytes = bs58.decode(candidate);
    } catch {
      continue;
    }
    if (bytes.length === 64 && isKeypair(bytes)) return { kind: 'secret-key', format: 'base58-keypair' };
  }
  const run = longestBip39Run(text);
  if (run.words >= MNEMONIC_MIN_WORDS) return { kind: 'recovery-phrase', ...run };
  return null;
}

/**
 * Walks every string in a parsed request body (objects, arrays, nested) and returns the first
 * secret found with the path of the field it is in.
 */
export function findSecretInValues(value: unknown, path = ''): { field: string; finding: SecretFinding } | null {
  if (typeof value === 'string') {
    const finding = findSecretMaterial(value);
    return finding ? { field: path || '(body)', finding } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findSecretInValues(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findSecretInValues(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** What the holder is told when the guard refuses (English; the form shows the same). */
export const SECRET_REFUSAL_MESSAGE =
  'This looks like a recovery phrase (seed phrase) or a private key, so it was not sent or stored. Nobody legitimate ever asks for it: not this support desk, not an exchange, not a wallet. Anyone who has it can empty your wallet. If you already shared it with someone, move your funds to a new wallet now.';
