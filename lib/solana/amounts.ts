/**
 * Token amounts, exactly. Every amount in this project is a `bigint` count of **base units**
 * (the integer an SPL token account stores); a **UI amount** is the same number written as a
 * decimal string with the mint's `decimals` (UI = base / 10^decimals). Nothing here touches a
 * floating-point number, so no amount is ever rounded by accident
 * (DESIGN.md "The on-chain transaction": "no floating point anywhere near an amount").
 *
 * Runs in the browser and in Node: no `node:` imports.
 */

/** The largest amount an SPL token account, a mint supply or a `TransferChecked` can hold: 2^64 − 1 base units. */
export const U64_MAX = 18_446_744_073_709_551_615n;

/** The largest `decimals` a mint can declare (the field is a `u8`). */
const MAX_DECIMALS = 255;

/** Why an amount was refused. Stable: the UI turns them into text (`AMOUNT_<code>`). */
export const AMOUNT_ERROR_CODES = {
  /** Nothing was entered. */
  EMPTY: 'EMPTY',
  /** Not a plain decimal number (letters, several dots, a comma, an exponent, `.5`, `5.`). */
  MALFORMED: 'MALFORMED',
  /** A minus sign: amounts are never negative. */
  NEGATIVE: 'NEGATIVE',
  /** More digits after the dot than the token has decimals. */
  TOO_MANY_DECIMALS: 'TOO_MANY_DECIMALS',
  /** More than a token account can hold (u64). */
  OVERFLOW: 'OVERFLOW',
  /** Zero where a positive amount is required. */
  ZERO: 'ZERO',
  /** The conversion would need a fraction of a base unit of the output token. */
  NOT_EXACT: 'NOT_EXACT',
  /** `decimals` is not an integer 0–255. */
  INVALID_DECIMALS: 'INVALID_DECIMALS',
  /** The conversion ratio is not a positive integer. */
  INVALID_RATIO: 'INVALID_RATIO',
  /**
   * Typed input only ({@link parseTypedAmount}): one comma or dot followed by exactly three digits
   * (`1,234`), which reads as a thousands separator to some and a decimal mark to others.
   */
  AMBIGUOUS_SEPARATOR: 'AMBIGUOUS_SEPARATOR',
} as const;
export type AmountErrorCode = (typeof AMOUNT_ERROR_CODES)[keyof typeof AMOUNT_ERROR_CODES];

/**
 * An amount that cannot be used, with a stable `code`, an English `message` (logs, the CLI) and the
 * figures a page needs to word it in its own language (`details`: `decimals` for
 * `TOO_MANY_DECIMALS`; `asThousands` and `asDecimal`, the two readings, for `AMBIGUOUS_SEPARATOR`).
 */
export class AmountError extends Error {
  constructor(
    readonly code: AmountErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'AmountError';
  }
}

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/**
 * Parses a UI amount typed by a person into base units, exactly.
 *
 * Accepts only `^\d+(\.\d+)?$` after trimming surrounding white space: ASCII digits with an
 * optional dot and at least one digit on each side of it. No grouping separators, no comma as a
 * decimal mark (whether `1,5` means 1.5 or 15 depends on who typed it, so it is refused rather
 * than guessed), no sign, no exponent. Zero is accepted (`parsePositiveUiAmount` refuses it).
 *
 * @param text UI amount, e.g. `"12.5"`.
 * @param decimals the mint's decimals (integer 0–255).
 * @returns base units (`"12.5"` with 9 decimals → `12_500_000_000n`).
 * @throws AmountError `EMPTY`, `NEGATIVE`, `MALFORMED`, `TOO_MANY_DECIMALS`, `OVERFLOW` (> u64 max),
 *   `INVALID_DECIMALS`.
 */
export function parseUiAmount(text: string, decimals: number): bigint {
  assertDecimals(decimals);
  const trimmed = text.trim();
  if (trimmed === '') throw new AmountError('EMPTY', 'Enter an amount.');
  if (/^[-−]/.test(trimmed)) throw new AmountError('NEGATIVE', 'The amount cannot be negative.');
  if (!DECIMAL_TEXT.test(trimmed)) {
    const hint = /[eE]/.test(trimmed)
      ? 'write it out in full, without an exponent'
      : /,/.test(trimmed)
        ? 'use a dot for decimals and no thousands separators'
        : 'use digits and at most one dot, like 12.5';
    throw new AmountError('MALFORMED', `That is not an amount: ${hint}.`);
  }
  const [whole = '', fraction = ''] = trimmed.split('.');
  if (fraction.length > decimals) {
    throw new AmountError(
      'TOO_MANY_DECIMALS',
      decimals === 0 ? 'This token has no decimals: enter a whole number.' : `This token has at most ${decimals} decimals.`,
      { decimals },
    );
  }
  // Refuse absurdly long input before building a huge bigint from it: u64 max has 20 digits.
  if (whole.replace(/^0+/, '').length > 20) throw overflow();
  const amount = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (amount > U64_MAX) throw overflow();
  return amount;
}

/**
 * {@link parseUiAmount}, refusing zero: what a form that starts a migration needs.
 * @returns base units, > 0.
 * @throws AmountError as `parseUiAmount`, plus `ZERO`.
 */
export function parsePositiveUiAmount(text: string, decimals: number): bigint {
  const amount = parseUiAmount(text, decimals);
  if (amount === 0n) throw new AmountError('ZERO', 'Enter an amount greater than zero.');
  return amount;
}

/** Group separators a person may type between digit groups: comma, dot, apostrophe, spaces (incl. no-break and thin). */
const SPACE_SEPARATORS = /[\s\u00a0\u2009\u202f]/g;
const TYPED_CHARACTERS = /^[0-9.,']*$/;
/** A whole part grouped by threes with one separator `s`: `1,234,567`. */
const grouped = (s: string) => new RegExp(`^\\d{1,3}(?:${s === '.' ? '\\.' : s}\\d{3})+$`);

/**
 * The canonical decimal text ({@link parseUiAmount}'s input) of an amount as people type it:
 *
 * - full-width digits and marks (`１２．５`, an IME's output) are read as ASCII (Unicode NFKC);
 * - `.5` is `0.5` and `5.` is `5`;
 * - thousands separators are dropped where they group by threes: `1,234.5`, `1.234,5`,
 *   `1 234 567`, `1'234`; a lone space group separator too (`1 234,5`);
 * - a comma is the decimal mark where it cannot be a thousands separator: `0,5`, `12,75`,
 *   `1.234,5`, `1,2345`.
 *
 * A single comma between one to three digits and exactly three (`1,234`; `1.234` is fine: a
 * dot alone is always this portal's decimal mark) is `AMBIGUOUS_SEPARATOR`: it means 1234 to
 * some readers and 1.234 to others, and an amount of money is not guessed. Signs, exponents,
 * letters and digits of other scripts stay refused.
 *
 * @param text what was typed.
 * @returns e.g. `"1234.5"` for `"1,234.5"`; `""` for blank input.
 * @throws AmountError `NEGATIVE`, `MALFORMED`, `AMBIGUOUS_SEPARATOR` (details `asThousands`, `asDecimal`).
 */
export function normalizeTypedAmount(text: string): string {
  const nfkc = text.normalize('NFKC').trim();
  if (nfkc === '') return '';
  if (/^[-−‐‑–]/.test(nfkc)) throw new AmountError('NEGATIVE', 'The amount cannot be negative.');
  // Spaces inside the number can only be group separators: kept as one marker to check the grouping.
  const compact = nfkc.replace(SPACE_SEPARATORS, ' ').replace(/ +/g, ' ').replace(/[\u2019\u02bc]/g, "'");
  const spaced = compact.includes(' ');
  const body = spaced ? compact.replace(/ /g, "'") : compact;
  if (!TYPED_CHARACTERS.test(body) || !/\d/.test(body)) throw malformed(body);

  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let whole: string;
  let fraction: string | null;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the last one is the decimal mark, the other groups.
    const decimalAt = Math.max(lastDot, lastComma);
    whole = body.slice(0, decimalAt);
    fraction = body.slice(decimalAt + 1);
    const groupMark = decimalAt === lastDot ? ',' : '.';
    if (fraction.includes(groupMark) || /[.,]/.test(fraction)) throw malformed(body);
    whole = ungroup(whole, [groupMark, "'"], body);
  } else if (lastComma >= 0) {
    const commas = body.split(',').length - 1;
    if (commas > 1) {
      whole = ungroup(body, [',', "'"], body);
      fraction = null;
    } else {
      const [before = '', after = ''] = body.split(',');
      // `1,234` could be either; `0,234`, `1234,5`, `1 234,567` (spaces already group) cannot be thousands.
      if (/^\d{3}$/.test(after) && /^[1-9]\d{0,2}$/.test(before)) {
        throw new AmountError('AMBIGUOUS_SEPARATOR', `Is that ${before}${after} or ${before}.${after}? Write it without the comma, or with a dot for decimals.`, {
          asThousands: `${before}${after}`,
          asDecimal: `${before}.${after}`,
        });
      }
      whole = ungroup(before, ["'"], body);
      fraction = after;
    }
  } else if (lastDot >= 0) {
    const dots = body.split('.').length - 1;
    if (dots > 1) {
      whole = ungroup(body, ['.', "'"], body);
      fraction = null;
    } else {
      const [before = '', after = ''] = body.split('.');
      whole = ungroup(before, ["'"], body);
      fraction = after;
    }
  } else {
    whole = ungroup(body, ["'"], body);
    fraction = null;
  }
  if (fraction !== null && !/^\d*$/.test(fraction)) throw malformed(body);
  if (whole === '' && (fraction === null || fraction === '')) throw malformed(body);
  const wholeDigits = whole === '' ? '0' : whole;
  return fraction === null || fraction === '' ? wholeDigits : `${wholeDigits}.${fraction}`;
}

/** `part` without its group separators, which must group by threes (`1'234'567`); plain digits pass. */
function ungroup(part: string, marks: readonly string[], typed: string): string {
  if (/^\d*$/.test(part)) return part;
  const used = marks.filter((m) => part.includes(m));
  if (used.length !== 1 || !grouped(used[0] ?? ',').test(part)) throw malformed(typed);
  return part.split(used[0] ?? ',').join('');
}

function malformed(typed: string): AmountError {
  const hint = /[eE]/.test(typed) ? 'write it out in full, without an exponent' : 'use digits, with a dot or a comma for decimals, like 12.5';
  return new AmountError('MALFORMED', `That is not an amount: ${hint}.`);
}

/**
 * An amount as a person types it into a form, in base units: {@link normalizeTypedAmount}, then
 * {@link parseUiAmount}. The form validates with it on every keystroke.
 * @throws AmountError `EMPTY`, `NEGATIVE`, `MALFORMED`, `AMBIGUOUS_SEPARATOR`, `TOO_MANY_DECIMALS`, `OVERFLOW`, `INVALID_DECIMALS`.
 */
export function parseTypedAmount(text: string, decimals: number): bigint {
  assertDecimals(decimals);
  return parseUiAmount(normalizeTypedAmount(text), decimals);
}

/**
 * The canonical plain decimal string of an amount: no grouping, a dot as decimal mark, trailing
 * fractional zeros and a trailing dot removed (`12_500_000_000n`, 9 → `"12.5"`; `0n` → `"0"`).
 * The exact inverse of {@link parseUiAmount}: `parseUiAmount(toUiString(x, d), d) === x` for
 * every u64 `x`. Use it to fill an input field; use {@link formatBaseUnits} to show an amount.
 *
 * @param amount base units, ≥ 0.
 * @param decimals the mint's decimals (integer 0–255).
 * @throws AmountError `NEGATIVE`, `INVALID_DECIMALS`.
 */
export function toUiString(amount: bigint, decimals: number): string {
  assertDecimals(decimals);
  if (amount < 0n) throw new AmountError('NEGATIVE', 'The amount cannot be negative.');
  const { whole, fraction } = split(amount, decimals);
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? whole.toString() : `${whole.toString()}.${trimmed}`;
}

export type FormatOptions = {
  /** BCP 47 locale for the grouping and decimal separators and the digits; default `'en'`
   * (fixed, so a server render and its hydration in the browser print the same text). */
  locale?: string;
  /** Show at most this many fractional digits, **truncating** toward zero (a balance is never
   * shown larger than it is). Default: every significant digit. */
  maxFractionDigits?: number;
};

/**
 * Formats base units for people, exactly: `Intl.NumberFormat` groups the integer part (it formats
 * a `bigint` without converting it to a float), the locale's decimal and minus signs come from
 * `formatToParts`, and the fractional digits are written out from the bigint, trailing zeros
 * removed. Nothing is lost unless `maxFractionDigits` asks for it
 * (`1_234_567_890_123n`, 9, en → `"1,234.567890123"`; de → `"1.234,567890123"`).
 *
 * Negative amounts (a balance change) are formatted with the locale's minus sign.
 *
 * @param amount base units (any sign).
 * @param decimals the mint's decimals (integer 0–255).
 * @throws AmountError `INVALID_DECIMALS`; RangeError from Intl for a malformed locale tag.
 * @see https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/NumberFormat/formatToParts
 */
export function formatBaseUnits(amount: bigint, decimals: number, opts: FormatOptions = {}): string {
  assertDecimals(decimals);
  const locale = opts.locale ?? 'en';
  const negative = amount < 0n;
  const { whole, fraction } = split(negative ? -amount : amount, decimals);
  let digits = fraction.replace(/0+$/, '');
  if (opts.maxFractionDigits !== undefined) {
    const max = Math.max(0, Math.floor(opts.maxFractionDigits));
    digits = digits.slice(0, max).replace(/0+$/, '');
  }
  const symbols = localeSymbols(locale);
  const integer = symbols.grouped.format(whole);
  const fractionText = digits === '' ? '' : `${symbols.decimal}${[...digits].map((d) => symbols.digits[Number(d)] ?? d).join('')}`;
  // A value truncated to zero prints without a sign ("0", not "-0").
  const sign = negative && (whole > 0n || digits !== '') ? symbols.minus : '';
  return `${sign}${integer}${fractionText}`;
}

/**
 * ELIZAOS base units for `amountIn` AI16Z base units, exactly:
 * `out = in × ratio × 10^(decimalsOut − decimalsIn)` (DESIGN.md "The on-chain transaction").
 * When ELIZAOS has fewer decimals than AI16Z the product is divided, and an amount that would need
 * a fraction of an ELIZAOS base unit is refused rather than rounded (nobody loses dust silently);
 * {@link conversionGranularity} gives the step of inputs that convert exactly.
 *
 * @param amountIn AI16Z base units, 0 ≤ amountIn ≤ u64 max.
 * @param decimalsIn AI16Z decimals (integer 0–255; 9 on mainnet).
 * @param decimalsOut ELIZAOS decimals (integer 0–255).
 * @param ratio ELIZAOS per AI16Z, a positive integer (6: 1 AI16Z : 6 ELIZAOS).
 * @returns ELIZAOS base units, ≤ u64 max.
 * @throws AmountError `NEGATIVE`, `OVERFLOW` (input or output above u64 max), `NOT_EXACT`,
 *   `INVALID_DECIMALS`, `INVALID_RATIO`.
 */
export function convertAi16zToElizaos(amountIn: bigint, decimalsIn: number, decimalsOut: number, ratio: bigint = 6n): bigint {
  assertDecimals(decimalsIn);
  assertDecimals(decimalsOut);
  assertRatio(ratio);
  if (amountIn < 0n) throw new AmountError('NEGATIVE', 'The amount cannot be negative.');
  if (amountIn > U64_MAX) throw overflow();
  const product = amountIn * ratio;
  let out: bigint;
  if (decimalsOut >= decimalsIn) {
    out = product * 10n ** BigInt(decimalsOut - decimalsIn);
  } else {
    const divisor = 10n ** BigInt(decimalsIn - decimalsOut);
    if (product % divisor !== 0n) {
      throw new AmountError(
        'NOT_EXACT',
        `This amount does not convert to a whole number of ELIZAOS base units; use a multiple of ${conversionGranularity(decimalsIn, decimalsOut, ratio).toString()} AI16Z base units.`,
      );
    }
    out = product / divisor;
  }
  if (out > U64_MAX) {
    throw new AmountError('OVERFLOW', 'The converted amount is larger than a token account can hold.');
  }
  return out;
}

/**
 * The smallest step of AI16Z base units that converts exactly: every multiple of it, and only
 * those, passes {@link convertAi16zToElizaos} without `NOT_EXACT`. `1n` whenever ELIZAOS has at
 * least as many decimals as AI16Z.
 *
 * @returns AI16Z base units, ≥ 1.
 * @throws AmountError `INVALID_DECIMALS`, `INVALID_RATIO`.
 */
export function conversionGranularity(decimalsIn: number, decimalsOut: number, ratio: bigint = 6n): bigint {
  assertDecimals(decimalsIn);
  assertDecimals(decimalsOut);
  assertRatio(ratio);
  if (decimalsOut >= decimalsIn) return 1n;
  const divisor = 10n ** BigInt(decimalsIn - decimalsOut);
  // in × ratio ≡ 0 (mod divisor)  ⇔  in ≡ 0 (mod divisor / gcd(ratio, divisor)).
  return divisor / gcd(ratio, divisor);
}

/**
 * The largest AI16Z amount that converts exactly with both sides within u64: use it to cap a
 * "Max" button before the allocation and balance caps apply.
 *
 * @returns AI16Z base units (a multiple of {@link conversionGranularity}; 0 when even the
 *   smallest step would overflow).
 * @throws AmountError `INVALID_DECIMALS`, `INVALID_RATIO`.
 */
export function maxConvertibleInput(decimalsIn: number, decimalsOut: number, ratio: bigint = 6n): bigint {
  const step = conversionGranularity(decimalsIn, decimalsOut, ratio);
  // Largest `in` whose output fits: out = in × ratio × 10^k (k ≥ 0) or in × ratio / 10^−k (k < 0).
  const byOutput =
    decimalsOut >= decimalsIn ? U64_MAX / (ratio * 10n ** BigInt(decimalsOut - decimalsIn)) : (U64_MAX * 10n ** BigInt(decimalsIn - decimalsOut)) / ratio;
  const limit = byOutput < U64_MAX ? byOutput : U64_MAX;
  return (limit / step) * step;
}

/**
 * Rounds an AI16Z amount down to the nearest amount that converts exactly
 * (a multiple of {@link conversionGranularity}); unchanged when it already does.
 * @param amountIn AI16Z base units, ≥ 0.
 * @throws AmountError `NEGATIVE`, `INVALID_DECIMALS`, `INVALID_RATIO`.
 */
export function roundDownToConvertible(amountIn: bigint, decimalsIn: number, decimalsOut: number, ratio: bigint = 6n): bigint {
  if (amountIn < 0n) throw new AmountError('NEGATIVE', 'The amount cannot be negative.');
  const step = conversionGranularity(decimalsIn, decimalsOut, ratio);
  return (amountIn / step) * step;
}

function split(amount: bigint, decimals: number): { whole: bigint; fraction: string } {
  const scale = 10n ** BigInt(decimals);
  return { whole: amount / scale, fraction: decimals === 0 ? '' : (amount % scale).toString().padStart(decimals, '0') };
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new AmountError('INVALID_DECIMALS', `Token decimals must be a whole number from 0 to ${MAX_DECIMALS}.`);
  }
}

function assertRatio(ratio: bigint): void {
  if (typeof ratio !== 'bigint' || ratio <= 0n) throw new AmountError('INVALID_RATIO', 'The conversion ratio must be a positive whole number.');
}

function overflow(): AmountError {
  return new AmountError('OVERFLOW', 'That amount is larger than a token account can hold.');
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

type LocaleSymbols = { grouped: Intl.NumberFormat; decimal: string; minus: string; digits: string[] };
const symbolCache = new Map<string, LocaleSymbols>();

/** The locale's separators and digit glyphs, so the fraction is written in the same digits as the integer part. */
function localeSymbols(locale: string): LocaleSymbols {
  const cached = symbolCache.get(locale);
  if (cached) return cached;
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 });
  const parts = new Intl.NumberFormat(locale, { useGrouping: false, minimumFractionDigits: 1 }).formatToParts(-1.5);
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const symbols: LocaleSymbols = {
    grouped,
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    minus: parts.find((p) => p.type === 'minusSign')?.value ?? '-',
    digits: Array.from({ length: 10 }, (_, d) => plain.format(d)),
  };
  // Locales come from a short list (the app's own); the cap only guards against a caller passing many.
  if (symbolCache.size < 64) symbolCache.set(locale, symbols);
  return symbols;
}
