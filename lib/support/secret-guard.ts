/**
 * The seed-phrase guard of the support desk: finds wallet secrets in text a holder is about to
 * send, so the form refuses it in the browser and the server refuses it again without storing or
 * logging anything. Fake "support" accounts harvested seed phrases; nobody legitimate ever asks
 * for one. README "Support desk" lists what is refused and what passes; the corpus test
 * (`secret-corpus.test.ts`) holds one case of each.
 *
 * **Normalisation first** (for words): Unicode NFKD, then accents (combining marks) and invisible
 * format characters (zero-width spaces, soft hyphens, bidi marks) are removed, Cyrillic and Greek
 * letters that look like Latin ones are mapped to them, case is folded, and list markers such as
 * "a)", "B." or "(c)" are dropped. So "ábaco" typed "abaco", "lеgal" with a Cyrillic е, "le​gal"
 * with a zero-width space and "ｌｅｇａｌ" in full width all read "legal".
 *
 * **Recovery phrase**: 12 or more *consecutive* words of one BIP39 wordlist (all ten lists
 * `@scure/bip39` ships: English, Korean, Japanese, Spanish, French, Italian, Portuguese, Czech,
 * simplified and traditional Chinese). Words are runs of letters; anything else separates them
 * (spaces, commas, new lines, numbering, quotes, hyphens). A letter run that splits entirely into
 * words of a Latin-script list counts as those words ("legalwinnerthank…", CamelCase). A phrase
 * split between two fields of one body counts as one when both parts have at least
 * {@link SPLIT_PART_MIN_WORDS} words (the end of one field followed by the start of the other, in
 * either order). Prose is safe because BIP39 words are 3–11 letters and everyday sentences keep
 * using words outside the lists ("I", "a", "to", "my", "the", Korean particles attached to nouns),
 * which break a run; 11 words pass (a phrase is 12, 15, 18, 21 or 24 words). Limits: Chinese
 * phrases written without separators are not recognised (every Chinese sentence would otherwise
 * match), nor are Japanese or Korean words run together.
 *
 * **Secret key**, in any of the encodings wallets and tools export:
 * - 64 bytes whose second half is the ed25519 public key of the first (a Solana keypair, as Phantom
 *   and the Solana CLI export it), in base58 (also split by one space or line break), base64 or
 *   base64url. A transaction signature is 64 bytes too but lacks this property, so signatures pass.
 * - 64 or more numbers 0–255 in a row, with or without brackets, separated by commas and/or
 *   spaces, trailing comma allowed (the CLI keypair file, a `Uint8Array` printed in a console).
 * - hex of 64 bytes (128 digits) or 32 bytes (64 digits), `0x` optional, also in groups of 2, 4, 8
 *   or 16 digits separated by spaces, colons or commas.
 * - a BIP32 extended private key (`xprv…`, `yprv…`, `zprv…`, `tprv…`).
 *
 * **32-byte material** (an ed25519 seed) cannot be told from random bytes by itself, so it is
 * treated by encoding:
 * - 64 hex digits are refused (unless they repeat a few symbols, like filler): raw hex is how
 *   wallets export a bare seed (and how EVM wallets export keys), while nothing a Solana holder
 *   legitimately pastes is 32 bytes of hex: addresses, signatures, transaction ids and this
 *   portal's message hashes are all base58. An EVM transaction hash is refused too; the refusal
 *   says what to remove.
 * - 32 bytes in base58 or base64, or 32 numbers, are refused only right after a label that calls
 *   them a key or seed ("private key:", "secret key =", "seed", "개인키", "비밀키", "시드"…): in
 *   base58 they are exactly what every wallet address, mint and message hash looks like.
 *
 * Pure and browser-safe: the support form imports it lazily; the server runs it on every string
 * (and object key) of the request body before validation.
 */
import { ed25519PublicKey } from '@/lib/solana/ed25519';
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
/** A phrase split between two fields is refused when each part has at least this many words. */
export const SPLIT_PART_MIN_WORDS = 3;
/** Deepest nesting of objects and arrays a scanned body may have (a support ticket has 2). */
export const MAX_SCAN_DEPTH = 32;

export type SecretKeyFormat =
  | 'base58-keypair'
  | 'base64-keypair'
  | 'json-byte-array'
  | 'hex'
  | 'seed-hex'
  | 'labelled-seed'
  | 'extended-private-key';

export type SecretFinding = { kind: 'recovery-phrase'; wordlist: string; words: number } | { kind: 'secret-key'; format: SecretKeyFormat };

/** The body is nested deeper than {@link MAX_SCAN_DEPTH}: it is refused unread. */
export class NestingTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`the body is nested deeper than ${maxDepth} levels`);
    this.name = 'NestingTooDeepError';
  }
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Cyrillic and Greek letters that look like Latin ones (lower case; upper case is folded first). */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', т: 't', у: 'y', ԝ: 'w', х: 'x', ү: 'y',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', ɡ: 'g', ı: 'i',
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');

/** Text as words are compared: NFKD, no marks or format characters, confusables mapped, lower case. */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(CONFUSABLE, (c) => CONFUSABLES[c] ?? c);
}

/** List markers: one letter followed by ")", "." or ":" (or in parentheses), standing alone. */
const LIST_MARKER = /(?<![\p{L}\p{N}])\(?\p{L}[.):\]](?=\s|$)/gu;

/** Runs of letters of the normalised text, list markers dropped. */
function tokens(text: string): string[] {
  return normaliseWords(text).replace(LIST_MARKER, ' ').split(/[^\p{L}]+/u).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Recovery phrases

type Wordlist = { name: string; words: Set<string>; latin: boolean; longest: number };
let lists: Wordlist[] | null = null;
function wordlists(): Wordlist[] {
  lists ??= (
    [
      ['english', english, true],
      ['korean', korean, false],
      ['japanese', japanese, false],
      ['spanish', spanish, true],
      ['french', french, true],
      ['italian', italian, true],
      ['portuguese', portuguese, true],
      ['czech', czech, true],
      ['simplified-chinese', simplifiedChinese, false],
      ['traditional-chinese', traditionalChinese, false],
    ] as const
  ).map(([name, list, latin]) => {
    const words = new Set(list.map(normaliseWords));
    return { name, words, latin, longest: Math.max(...[...words].map((w) => w.length)) };
  });
  return lists;
}

/**
 * How many list words `token` is: 1 if it is one, the fewest words it splits into entirely if it
 * is several run together (Latin-script lists, at least two words), else 0.
 */
function wordsIn(token: string, list: Wordlist): number {
  if (list.words.has(token)) return 1;
  if (!list.latin || token.length < 6) return 0;
  // fewest[i]: the fewest list words that make up token[0, i) (Infinity: none do).
  const fewest = new Array<number>(token.length + 1).fill(Infinity);
  fewest[0] = 0;
  for (let end = 1; end <= token.length; end++) {
    for (let start = Math.max(0, end - list.longest); start <= end - 3; start++) {
      const before = fewest[start] ?? Infinity;
      if (before + 1 < (fewest[end] ?? Infinity) && list.words.has(token.slice(start, end))) fewest[end] = before + 1;
    }
  }
  const total = fewest[token.length] ?? Infinity;
  return Number.isFinite(total) && total >= 2 ? total : 0;
}

/** A text's runs of one list's words: the longest, the one it starts with and the one it ends with. */
type Runs = { longest: number; prefix: number; suffix: number };

function runsOf(words: string[], list: Wordlist): Runs {
  let run = 0;
  let longest = 0;
  let prefix = 0;
  let broken = false;
  for (const word of words) {
    const n = wordsIn(word, list);
    run = n > 0 ? run + n : 0;
    if (n === 0) broken = true;
    if (!broken) prefix = run;
    longest = Math.max(longest, run);
  }
  return { longest, prefix, suffix: run };
}

/** The longest run of consecutive words from one wordlist in `text`, and which list. */
export function longestBip39Run(text: string): { wordlist: string; words: number } {
  const words = tokens(text);
  let best = { wordlist: '', words: 0 };
  for (const list of wordlists()) {
    const { longest } = runsOf(words, list);
    if (longest > best.words) best = { wordlist: list.name, words: longest };
  }
  return best;
}

/**
 * A phrase split between two of `texts` (the end of one and the start of another, each part at
 * least {@link SPLIT_PART_MIN_WORDS} words) that adds up to a mnemonic, or null.
 */
function splitPhrase(texts: readonly string[]): { wordlist: string; words: number } | null {
  if (texts.length < 2) return null;
  const words = texts.map(tokens);
  for (const list of wordlists()) {
    const runs = words.map((w) => runsOf(w, list));
    for (const [a, end] of runs.entries()) {
      if (end.suffix < SPLIT_PART_MIN_WORDS) continue;
      for (const [b, start] of runs.entries()) {
        if (a !== b && start.prefix >= SPLIT_PART_MIN_WORDS && end.suffix + start.prefix >= MNEMONIC_MIN_WORDS) {
          return { wordlist: list.name, words: end.suffix + start.prefix };
        }
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Secret keys

const EXTENDED_PRIVATE_KEY = /\b[xyzt]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b/;
/** Numbers 0–999 separated by commas and/or white space, at least 32 of them. */
const NUMBER_RUN = /\d{1,3}(?:(?:\s*,\s*|\s+)\d{1,3}){31,}/g;
/** Hex digit groups (`0x` optional) separated by spaces, tabs, colons or commas. */
const HEX_RUN = /(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{2,}(?:[ \t:,]+(?:0x)?[0-9a-fA-F]{2,})*(?![0-9A-Za-z])/g;
const BASE58_TOKEN = /[1-9A-HJ-NP-Za-km-z]+/g;
const BASE64_TOKEN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
/** Words that call the value after them a key or seed (the value must follow at once). */
const KEY_LABEL =
  /(?:(?:private|secret)[\s_-]*key|priv[\s_-]*key|\bseed|개인\s*키|비밀\s*키|프라이빗\s*키|시드|秘密鍵|私钥|私鑰)(?:\s*(?:is|=|:|：|는|은)?\s*["'`[(]?\s*)$/i;

/** Whether 64 bytes are an ed25519 keypair: the second half is the public key of the first. */
function isKeypair(bytes: Uint8Array): boolean {
  if (bytes.length !== 64) return false;
  try {
    const publicKey = ed25519PublicKey(bytes.subarray(0, 32));
    return publicKey.every((b, i) => b === bytes[32 + i]);
  } catch {
    return false;
  }
}

/** Whether the text just before `index` labels what follows as a key or seed. */
function labelledAt(text: string, index: number): boolean {
  return KEY_LABEL.test(text.slice(Math.max(0, index - 40), index));
}

function base58Bytes(text: string): Uint8Array | null {
  // At most 90 characters are decoded (64 bytes are 87–88): decoding is quadratic in the length.
  if (text.length > 90) return null;
  return bs58.decodeUnsafe(text) ?? null;
}

function base64Bytes(text: string): Uint8Array | null {
  if (text.length > 100) return null;
  try {
    const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    return Uint8Array.from(atob(standard + '='.repeat((4 - (standard.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function byteLists(text: string): SecretKeyFormat | null {
  for (const match of text.matchAll(NUMBER_RUN)) {
    const numbers = match[0].split(/[\s,]+/).map(Number);
    if (numbers.some((n) => n > 255)) continue;
    if (numbers.length >= 64) return 'json-byte-array';
    if (numbers.length === 32 && labelledAt(text, match.index)) return 'labelled-seed';
  }
  return null;
}

function hexKeys(text: string): SecretKeyFormat | null {
  for (const match of text.matchAll(HEX_RUN)) {
    const groups = match[0].split(/[ \t:,]+/).map((g) => g.replace(/^0x/i, ''));
    const head = groups[0]?.length ?? 0;
    // Several groups only when they are regular (as a key is printed), not a few hex-looking words.
    if (groups.length > 1 && (![2, 4, 8, 16].includes(head) || groups.slice(0, -1).some((g) => g.length !== head))) continue;
    const digits = groups.join('').toLowerCase();
    if (digits.length === 128) return 'hex';
    if (digits.length === 64 && new Set(digits).size >= 10) return 'seed-hex';
  }
  return null;
}

function base58Keys(text: string): SecretKeyFormat | null {
  const found = [...text.matchAll(BASE58_TOKEN)];
  for (const [i, token] of found.entries()) {
    // The token itself, or with the next one when a single space or line break split them.
    const next = found[i + 1];
    const gap = next ? text.slice(token.index + token[0].length, next.index) : '';
    const candidates = [token[0]];
    if (next && /^[ \t]*\r?\n?[ \t]*$/.test(gap) && gap.length > 0 && gap.length <= 3) candidates.push(token[0] + next[0]);
    for (const candidate of candidates) {
      if (candidate.length < 43 || candidate.length > 90) continue;
      const bytes = base58Bytes(candidate);
      if (bytes && isKeypair(bytes)) return 'base58-keypair';
      if (bytes?.length === 32 && candidate === token[0] && labelledAt(text, token.index)) return 'labelled-seed';
    }
    // A long base58 run (a base64 transaction, say) holds no keypair worth finding: windows of it
    // would decode to random bytes.
  }
  return null;
}

function base64Keys(text: string): SecretKeyFormat | null {
  for (const match of text.matchAll(BASE64_TOKEN)) {
    const bytes = base64Bytes(match[0]);
    if (bytes && isKeypair(bytes)) return 'base64-keypair';
    if (bytes?.length === 32 && labelledAt(text, match.index)) return 'labelled-seed';
  }
  return null;
}

/** The first secret key found in `text` (format only), or null. */
function findSecretKey(text: string): SecretKeyFormat | null {
  const plain = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
  if (EXTENDED_PRIVATE_KEY.test(plain)) return 'extended-private-key';
  return byteLists(plain) ?? hexKeys(plain) ?? base58Keys(plain) ?? base64Keys(plain);
}

// ---------------------------------------------------------------------------------------------

/** The first wallet secret found in one text, or null. */
export function findSecretMaterial(text: string): SecretFinding | null {
  const format = findSecretKey(text);
  if (format) return { kind: 'secret-key', format };
  const run = longestBip39Run(text);
  if (run.words >= MNEMONIC_MIN_WORDS) return { kind: 'recovery-phrase', ...run };
  return null;
}

/** Field names that may appear in a finding's path (too short to hold 12 words run together or a key). */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,23}$/;

/**
 * Every string in a parsed request body (values and object keys, nested objects and arrays) with
 * the path of its field, in document order. Iterative: a body nested 8,000 deep costs no stack.
 *
 * @throws NestingTooDeepError past {@link MAX_SCAN_DEPTH} levels
 */
function stringsOf(value: unknown): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: item, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item === 'string') {
      out.push({ field: path || '(body)', text: item });
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_SCAN_DEPTH) throw new NestingTooDeepError(MAX_SCAN_DEPTH);
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(item)) {
      for (const [index, child] of item.entries()) children.push({ value: child, path: `${path}[${index}]`, depth: depth + 1 });
    } else {
      for (const [key, child] of Object.entries(item)) {
        // A key is named in the path only when it is a short identifier: a key may be the secret.
        const segment = FIELD_NAME.test(key) ? key : '(key)';
        const childPath = path ? `${path}.${segment}` : segment;
        children.push({ value: key, path: childPath, depth: depth + 1 }, { value: child, path: childPath, depth: depth + 1 });
      }
    }
    // Pushed in reverse so that they are visited in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as { value: unknown; path: string; depth: number });
  }
  return out;
}

/**
 * Looks at every string in a parsed request body (objects, arrays, nested, keys too) and returns
 * the first secret found with the path of the field it is in; a recovery phrase split between two
 * fields is reported as `field: '(several fields)'`.
 *
 * @throws NestingTooDeepError when the body is nested deeper than {@link MAX_SCAN_DEPTH}
 */
export function findSecretInValues(value: unknown): { field: string; finding: SecretFinding } | null {
  const strings = stringsOf(value);
  for (const { field, text } of strings) {
    const finding = findSecretMaterial(text);
    if (finding) return { field, finding };
  }
  const split = splitPhrase(strings.map((s) => s.text));
  return split ? { field: '(several fields)', finding: { kind: 'recovery-phrase', ...split } } : null;
}

/** What the holder is told when the guard refuses, in English (the API's `message`; pages show their own language's text). */
export const SECRET_REFUSAL_MESSAGE =
  'This looks like a recovery phrase (seed phrase) or a private key, so it was not sent or stored. Nobody legitimate ever asks for it: not this support desk, not an exchange, not a wallet. Anyone who has it can empty your wallet. If you already shared it with someone, move your funds to a new wallet now.';
