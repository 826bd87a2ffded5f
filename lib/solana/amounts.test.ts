import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AmountError,
  type AmountErrorCode,
  U64_MAX,
  conversionGranularity,
  convertAi16zToElizaos,
  formatBaseUnits,
  maxConvertibleInput,
  normalizeTypedAmount,
  parsePositiveUiAmount,
  parseTypedAmount,
  parseUiAmount,
  roundDownToConvertible,
  toUiString,
} from '@/lib/solana/amounts';

const u64 = fc.bigInt({ min: 0n, max: U64_MAX });
const decimals = fc.integer({ min: 0, max: 9 });

function codeOf(run: () => unknown): AmountErrorCode | 'NO_ERROR' {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AmountError);
    return (error as AmountError).code;
  }
  return 'NO_ERROR';
}

describe('parseUiAmount', () => {
  it.each([
    ['0', 9, 0n],
    ['1', 9, 1_000_000_000n],
    ['12.5', 9, 12_500_000_000n],
    ['  12.5\n', 9, 12_500_000_000n],
    ['0.000000001', 9, 1n],
    ['007.10', 2, 710n],
    ['18446744073709551615', 0, U64_MAX],
    ['18446744073.709551615', 9, U64_MAX],
    ['1.5', 1, 15n],
    ['42', 0, 42n],
  ])('parses %j with %i decimals', (text, d, expected) => {
    expect(parseUiAmount(text, d)).toBe(expected);
  });

  it.each([
    ['', 9, 'EMPTY'],
    ['   ', 9, 'EMPTY'],
    ['-1', 9, 'NEGATIVE'],
    ['−1', 9, 'NEGATIVE'],
    ['1,5', 9, 'MALFORMED'],
    ['1,000', 9, 'MALFORMED'],
    ['1e3', 9, 'MALFORMED'],
    ['1E-3', 9, 'MALFORMED'],
    ['.5', 9, 'MALFORMED'],
    ['5.', 9, 'MALFORMED'],
    ['1.2.3', 9, 'MALFORMED'],
    ['+1', 9, 'MALFORMED'],
    ['0x10', 9, 'MALFORMED'],
    ['١٢', 9, 'MALFORMED'],
    ['1 000', 9, 'MALFORMED'],
    ['Infinity', 9, 'MALFORMED'],
    ['NaN', 9, 'MALFORMED'],
    ['0.0000000001', 9, 'TOO_MANY_DECIMALS'],
    ['1.0', 0, 'TOO_MANY_DECIMALS'],
    ['18446744073709551616', 0, 'OVERFLOW'],
    ['18446744073.709551616', 9, 'OVERFLOW'],
    ['99999999999999999999999999999999999999', 0, 'OVERFLOW'],
    ['1', -1, 'INVALID_DECIMALS'],
    ['1', 1.5, 'INVALID_DECIMALS'],
    ['1', 256, 'INVALID_DECIMALS'],
  ] as const)('refuses %j with %i decimals: %s', (text, d, code) => {
    expect(codeOf(() => parseUiAmount(text, d))).toBe(code);
  });

  it('refuses zero only in parsePositiveUiAmount', () => {
    expect(parseUiAmount('0.000', 3)).toBe(0n);
    expect(codeOf(() => parsePositiveUiAmount('0.000', 3))).toBe('ZERO');
    expect(parsePositiveUiAmount('0.001', 3)).toBe(1n);
  });

  it('property: parse(toUiString(x)) = x for every u64 x and decimals 0–9', () => {
    fc.assert(fc.property(u64, decimals, (x, d) => parseUiAmount(toUiString(x, d), d) === x), { numRuns: 2000 });
  });

  it('property: toUiString is canonical (no trailing zeros, no trailing dot, no leading zeros)', () => {
    fc.assert(
      fc.property(u64, decimals, (x, d) => {
        const s = toUiString(x, d);
        return /^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(s);
      }),
    );
  });

  it('property: padding the fraction with zeros (within decimals) does not change the value', () => {
    fc.assert(
      fc.property(u64, fc.integer({ min: 1, max: 9 }), (x, d) => {
        const s = toUiString(x, d);
        const fraction = s.split('.')[1] ?? '';
        const padded = `${s}${fraction === '' ? '.' : ''}${'0'.repeat(d - fraction.length)}`;
        return padded.length === s.length || parseUiAmount(padded, d) === x;
      }),
    );
  });
});

describe('parseTypedAmount (what people type)', () => {
  it.each([
    ['.5', 9, 500_000_000n],
    ['5.', 9, 5_000_000_000n],
    [',5', 9, 500_000_000n],
    ['１２．５', 9, 12_500_000_000n],
    ['１，２３４．５', 9, 1_234_500_000_000n],
    ['0,5', 9, 500_000_000n],
    ['12,75', 9, 12_750_000_000n],
    ['1,2345', 9, 1_234_500_000n],
    ['0,234', 9, 234_000_000n],
    ['1234,567', 9, 1_234_567_000_000n],
    ['1,234.5', 9, 1_234_500_000_000n],
    ['1.234,5', 9, 1_234_500_000_000n],
    ['1,234,567', 0, 1_234_567n],
    ['1.234.567', 0, 1_234_567n],
    ['1 234 567', 0, 1_234_567n],
    ['1\u00a0234,5', 1, 12_345n],
    ['1\u202f234,567', 3, 1_234_567n],
    ["1'234.5", 1, 12_345n],
    ['1\u2019234.5', 1, 12_345n],
    ['  750  ', 0, 750n],
    ['1.234', 3, 1_234n],
  ])('reads %j with %i decimals', (text, d, expected) => {
    expect(parseTypedAmount(text, d)).toBe(expected);
  });

  it.each([
    ['', 'EMPTY'],
    ['1,234', 'AMBIGUOUS_SEPARATOR'],
    ['12,345', 'AMBIGUOUS_SEPARATOR'],
    ['-1', 'NEGATIVE'],
    ['－1', 'NEGATIVE'],
    ['1e3', 'MALFORMED'],
    ['+1', 'MALFORMED'],
    ['.', 'MALFORMED'],
    [',', 'MALFORMED'],
    ['1,,5', 'MALFORMED'],
    ['1,23,456', 'MALFORMED'],
    ['1 00', 'MALFORMED'],
    ['1,234 567', 'MALFORMED'],
    ['1.2.3,4', 'MALFORMED'],
    ['1,234.5,6', 'MALFORMED'],
    ['١٢', 'MALFORMED'],
    ['12 AI16Z', 'MALFORMED'],
    ['0x10', 'MALFORMED'],
    ['1.0000000001', 'TOO_MANY_DECIMALS'],
    ['99999999999999999999999', 'OVERFLOW'],
  ] as const)('refuses %j: %s', (text, code) => {
    expect(codeOf(() => parseTypedAmount(text, 9))).toBe(code);
  });

  it('names both readings of an ambiguous comma, and the decimals of a too precise amount', () => {
    try {
      parseTypedAmount('1,234', 9);
      expect.unreachable();
    } catch (error) {
      expect((error as AmountError).details).toEqual({ asThousands: '1234', asDecimal: '1.234' });
    }
    try {
      parseTypedAmount('0.0000000001', 9);
      expect.unreachable();
    } catch (error) {
      expect((error as AmountError).details).toEqual({ decimals: 9 });
    }
  });

  it('normalises blank input to the empty string (the form shows no error for an empty field)', () => {
    expect(normalizeTypedAmount('   ')).toBe('');
  });

  it('property: the canonical text of any u64 reads back exactly (so Max and Half fill what parses)', () => {
    fc.assert(fc.property(u64, decimals, (x, d) => parseTypedAmount(toUiString(x, d), d) === x), { numRuns: 2000 });
  });

  it('property: full-width digits and marks read as their ASCII forms', () => {
    const fullWidth = (s: string) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    fc.assert(fc.property(u64, decimals, (x, d) => parseTypedAmount(fullWidth(toUiString(x, d)), d) === x));
  });

  it('property: a leading "0" may be left out and a trailing dot added', () => {
    fc.assert(
      fc.property(u64, decimals, (x, d) => {
        const s = toUiString(x, d);
        const short = s.startsWith('0.') ? s.slice(1) : `${s}${s.includes('.') ? '' : '.'}`;
        return parseTypedAmount(short, d) === x;
      }),
    );
  });

  it('property: an amount formatted for en, ko or fr readers reads back exactly, or is refused as ambiguous (never misread)', () => {
    fc.assert(
      fc.property(u64, decimals, fc.constantFrom('en', 'ko', 'fr', 'de-CH'), (x, d, locale) => {
        const text = formatBaseUnits(x, d, { locale });
        try {
          return parseTypedAmount(text, d) === x;
        } catch (error) {
          return error instanceof AmountError && error.code === 'AMBIGUOUS_SEPARATOR' && /^[1-9]\d{0,2},\d{3}$/.test(text);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a comma decimal reads as the dot decimal it stands for, whenever it is not ambiguous', () => {
    fc.assert(
      fc.property(u64, fc.integer({ min: 1, max: 9 }), (x, d) => {
        const s = toUiString(x, d);
        const comma = s.replace('.', ',');
        try {
          return parseTypedAmount(comma, d) === x;
        } catch (error) {
          return error instanceof AmountError && error.code === 'AMBIGUOUS_SEPARATOR';
        }
      }),
    );
  });
});

describe('toUiString', () => {
  it.each([
    [0n, 9, '0'],
    [1n, 9, '0.000000001'],
    [12_500_000_000n, 9, '12.5'],
    [1_000_000_000n, 9, '1'],
    [U64_MAX, 0, '18446744073709551615'],
    [U64_MAX, 9, '18446744073.709551615'],
    [710n, 2, '7.1'],
  ])('%s base units, %i decimals → %j', (x, d, text) => {
    expect(toUiString(x, d)).toBe(text);
  });

  it('refuses negative amounts', () => {
    expect(codeOf(() => toUiString(-1n, 9))).toBe('NEGATIVE');
  });
});

describe('formatBaseUnits', () => {
  it.each([
    [0n, 9, undefined, '0'],
    [1n, 9, undefined, '0.000000001'],
    [1_234_567_890_123n, 9, undefined, '1,234.567890123'],
    [1_234_567_890_123n, 9, 'de-DE', '1.234,567890123'],
    [1_234_567_890_123n, 9, 'fr-FR', '1\u202f234,567890123'],
    [1_234_567_890_123n, 9, 'ko-KR', '1,234.567890123'],
    [12_345_678_000_000_000n, 9, 'en-IN', '1,23,45,678'],
    [U64_MAX, 0, 'en', '18,446,744,073,709,551,615'],
    [U64_MAX, 9, 'en', '18,446,744,073.709551615'],
    [-1_500_000_000n, 9, 'en', '-1.5'],
    [1_234_500n, 3, 'ar-EG', '١٬٢٣٤٫٥'],
  ])('%s, %i decimals, %s → %j', (x, d, locale, text) => {
    expect(formatBaseUnits(x, d, locale === undefined ? {} : { locale })).toBe(text);
  });

  it('truncates to maxFractionDigits without rounding up', () => {
    expect(formatBaseUnits(1_999_999_999n, 9, { maxFractionDigits: 2 })).toBe('1.99');
    expect(formatBaseUnits(1_000_000_001n, 9, { maxFractionDigits: 2 })).toBe('1');
    expect(formatBaseUnits(1_234_567_890n, 9, { maxFractionDigits: 0 })).toBe('1');
    expect(formatBaseUnits(-1n, 9, { maxFractionDigits: 2 })).toBe('0');
  });

  it('property: never loses a digit (strip grouping → toUiString)', () => {
    fc.assert(
      fc.property(u64, decimals, fc.constantFrom('en', 'en-US', 'de-DE', 'fr-FR', 'ko-KR', 'en-IN', 'ja-JP'), (x, d, locale) => {
        const text = formatBaseUnits(x, d, { locale });
        const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
        const [whole = '', fraction] = text.split(decimal);
        const canonical = `${whole.replace(/\D/g, '')}${fraction === undefined ? '' : `.${fraction}`}`;
        return canonical === toUiString(x, d);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: negative amounts are the positive text with a minus sign', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: U64_MAX }), decimals, (x, d) => formatBaseUnits(-x, d) === `-${formatBaseUnits(x, d)}`));
  });
});

describe('convertAi16zToElizaos', () => {
  it.each([
    [1n, 9, 9, 6n, 6n],
    [1_000_000_000n, 9, 9, 6n, 6_000_000_000n],
    [1n, 6, 9, 6n, 6_000n],
    [1_000n, 9, 6, 6n, 6n],
    [500n, 9, 6, 6n, 3n],
    [0n, 9, 9, 6n, 0n],
    [3_074_457_345_618_258_602n, 9, 9, 6n, 18_446_744_073_709_551_612n],
    [18_000_000_000_000_000_000n, 9, 0, 6n, 108_000_000_000n],
    [7n, 0, 9, 1n, 7_000_000_000n],
  ])('%s (dec %i → %i, ratio %s) = %s', (amountIn, dIn, dOut, ratio, out) => {
    expect(convertAi16zToElizaos(amountIn, dIn, dOut, ratio)).toBe(out);
  });

  it('defaults to the 1 : 6 ratio', () => {
    expect(convertAi16zToElizaos(5n, 9, 9)).toBe(30n);
  });

  it.each([
    [1n, 9, 6, 6n, 'NOT_EXACT'],
    [U64_MAX, 9, 0, 6n, 'NOT_EXACT'],
    [3_074_457_345_618_258_603n, 9, 9, 6n, 'OVERFLOW'],
    [U64_MAX + 1n, 9, 9, 6n, 'OVERFLOW'],
    [1n, 0, 9, 6n, 'NO_ERROR'],
    [U64_MAX, 0, 9, 6n, 'OVERFLOW'],
    [-1n, 9, 9, 6n, 'NEGATIVE'],
    [1n, 9, 9, 0n, 'INVALID_RATIO'],
    [1n, 9, 9, -6n, 'INVALID_RATIO'],
    [1n, 10.5, 9, 6n, 'INVALID_DECIMALS'],
  ] as const)('%s (dec %i → %i, ratio %s) throws %s', (amountIn, dIn, dOut, ratio, code) => {
    expect(codeOf(() => convertAi16zToElizaos(amountIn, dIn, dOut, ratio))).toBe(code);
  });

  const ratio = fc.bigInt({ min: 1n, max: 1_000n });

  it('property: out / in is exactly the ratio, scaled by the decimals difference', () => {
    fc.assert(
      fc.property(u64, decimals, decimals, ratio, (x, dIn, dOut, r) => {
        let out: bigint;
        try {
          out = convertAi16zToElizaos(x, dIn, dOut, r);
        } catch (error) {
          const code = (error as AmountError).code;
          // Refusals are exactly: a fraction of a base unit, or an output above u64.
          const exactOut = x * r * 10n ** BigInt(Math.max(0, dOut - dIn));
          const divisor = 10n ** BigInt(Math.max(0, dIn - dOut));
          if (code === 'NOT_EXACT') return exactOut % divisor !== 0n;
          if (code === 'OVERFLOW') return exactOut / divisor > U64_MAX;
          return false;
        }
        // out × 10^dIn = in × ratio × 10^dOut, with no rounding.
        return out * 10n ** BigInt(dIn) === x * r * 10n ** BigInt(dOut) && out <= U64_MAX;
      }),
      { numRuns: 2000 },
    );
  });

  it('property: monotone (a larger input never gives a smaller output)', () => {
    fc.assert(
      fc.property(u64, u64, decimals, decimals, ratio, (a, b, dIn, dOut, r) => {
        const step = conversionGranularity(dIn, dOut, r);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const loIn = roundDownToConvertible(lo, dIn, dOut, r);
        const hiIn = roundDownToConvertible(hi, dIn, dOut, r);
        const max = maxConvertibleInput(dIn, dOut, r);
        if (hiIn > max) return true;
        return loIn % step === 0n && convertAi16zToElizaos(loIn, dIn, dOut, r) <= convertAi16zToElizaos(hiIn, dIn, dOut, r);
      }),
    );
  });

  it('property: overflow is detected exactly at maxConvertibleInput', () => {
    fc.assert(
      fc.property(decimals, decimals, ratio, (dIn, dOut, r) => {
        const max = maxConvertibleInput(dIn, dOut, r);
        const step = conversionGranularity(dIn, dOut, r);
        const atMax = convertAi16zToElizaos(max, dIn, dOut, r);
        const nextCode = codeOf(() => convertAi16zToElizaos(max + step, dIn, dOut, r));
        return atMax <= U64_MAX && nextCode === 'OVERFLOW';
      }),
    );
  });

  it('property: exactly the multiples of the granularity convert', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), decimals, decimals, ratio, (x, dIn, dOut, r) => {
        const step = conversionGranularity(dIn, dOut, r);
        const code = codeOf(() => convertAi16zToElizaos(x, dIn, dOut, r));
        // A multiple may still overflow u64 when ELIZAOS has more decimals; a non-multiple is never exact.
        return x % step === 0n ? code === 'NO_ERROR' || code === 'OVERFLOW' : code === 'NOT_EXACT';
      }),
    );
  });

  it('granularity: 1 when ELIZAOS has at least as many decimals, else 10^k / gcd(ratio, 10^k)', () => {
    expect(conversionGranularity(9, 9, 6n)).toBe(1n);
    expect(conversionGranularity(6, 9, 6n)).toBe(1n);
    expect(conversionGranularity(9, 6, 6n)).toBe(500n);
    expect(conversionGranularity(9, 6, 1n)).toBe(1_000n);
    expect(conversionGranularity(9, 8, 5n)).toBe(2n);
  });
});
