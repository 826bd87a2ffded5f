import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { SUBMIT_VIOLATION_CODES } from '@/lib/api/types';
import { routing } from '@/lib/i18n/routing';
import { violationRefsFrom } from '@/lib/i18n/violation-refs';
import { type PolicyTranslator, WORDED_VIOLATION_CODES, violationTexts } from '@/lib/i18n/violations';
import { VIOLATION_CODES } from '@/lib/solana/policy';
import { REVOKE_ONLY_VIOLATION_CODES } from '@/lib/solana/revoke-policy';
import { strictTranslator } from '@/test/strict-translator';

const MESSAGES = { en, ko } as const;

/** The `policy` namespace of `locale`, throwing on a missing key or value (as a test should). */
const policy = (locale: 'en' | 'ko') => strictTranslator<PolicyTranslator>(locale, 'policy');

describe('policy violations in every locale', () => {
  const codes = [...VIOLATION_CODES, ...REVOKE_ONLY_VIOLATION_CODES, ...SUBMIT_VIOLATION_CODES];

  it('the worded codes are exactly the policies’ (and the submit endpoint’s) code lists', () => {
    expect([...WORDED_VIOLATION_CODES].sort()).toEqual([...new Set(codes)].sort());
  });

  it.each(routing.locales)('%s has a sentence for every code of the migration and the revoke policy', (locale) => {
    const sentences = MESSAGES[locale].policy.violations as Record<string, string>;
    expect(codes.filter((code) => typeof sentences[code] !== 'string' || sentences[code].trim() === '')).toEqual([]);
    // And nothing else but the fallback: a sentence for a code no policy has is dead text.
    expect(Object.keys(sentences).filter((key) => key !== 'OTHER' && !codes.includes(key as (typeof codes)[number]))).toEqual([]);
  });

  it('Korean sentences are Korean', () => {
    const sentences = ko.policy.violations as Record<string, string>;
    expect(Object.entries(sentences).filter(([, text]) => !/[가-힣]/.test(text))).toEqual([]);
  });

  it('words each violation by its code, with the instruction (1-based), once per code and instruction', () => {
    const violations = [
      { code: 'WRONG_DESTINATION', message: 'The AI16Z transfer sends to X, not to the migration vault.', instructionIndex: 2 },
      { code: 'MISSING_INSTRUCTION', message: 'The transaction does not transfer ELIZAOS to you.' },
      { code: 'MISSING_INSTRUCTION', message: 'The transaction is missing the migration memo.' },
      { code: 'SOMETHING_NEW', message: 'A newer server says so.' },
    ];
    expect(violationTexts(violations, policy('en'))).toEqual([
      { code: 'WRONG_DESTINATION', text: `${en.policy.violations.WRONG_DESTINATION} (instruction #3)` },
      { code: 'MISSING_INSTRUCTION', text: en.policy.violations.MISSING_INSTRUCTION },
      { code: 'SOMETHING_NEW', text: 'The transaction differs from the official one (SOMETHING_NEW).' },
    ]);
    const korean = violationTexts(violations, policy('ko'));
    expect(korean.map((v) => v.text)).toEqual([
      `${ko.policy.violations.WRONG_DESTINATION} (명령 #3)`,
      ko.policy.violations.MISSING_INSTRUCTION,
      '공식 트랜잭션과 다른 점이 있습니다(SOMETHING_NEW).',
    ]);
  });

  it('reads violations back from an API answer, dropping what is not one', () => {
    expect(violationRefsFrom([{ code: 'WRONG_MINT', message: 'x', instructionIndex: 1 }, { code: 'KNOWN_DRAINER' }, { message: 'no code' }, 'text', { code: 'X', instructionIndex: -1 }])).toEqual([
      { code: 'WRONG_MINT', instructionIndex: 1 },
      { code: 'KNOWN_DRAINER' },
      { code: 'X' },
    ]);
    expect(violationRefsFrom(undefined)).toEqual([]);
  });
});
