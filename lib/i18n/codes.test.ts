import { describe, expect, it } from 'vitest';
import { CLUSTERS } from '@/lib/config/env';
import { DEPOSIT_REASON_VALUES, DEPOSIT_STATE_VALUES, ELIGIBILITY_CODES, MIGRATION_STATE_VALUES, SUBMIT_WARNING_CODES } from '@/lib/api/types';
import { routing } from '@/lib/i18n/routing';
import { AMOUNT_ERROR_CODES } from '@/lib/solana/amounts';
import { DELEGATION_READ_REASONS } from '@/lib/solana/delegations';
import { type MessageNamespace, strictTranslator } from '@/test/strict-translator';
import { CHECK_INPUT_ERRORS, FIELD_LABELS, FIELD_NOTES, INSTRUCTION_NAMES } from '@/lib/solana/official-check';

/**
 * The browser words these code lists from messages (lib/ keeps no user text for them): every code
 * must have its message in every locale, with whatever value the page passes.
 */
const WORDED: { namespace: MessageNamespace; prefix: string; suffix?: string; codes: readonly string[]; values?: Record<string, string | number> }[] = [
  { namespace: 'check', prefix: 'input', codes: CHECK_INPUT_ERRORS },
  { namespace: 'check', prefix: 'instructions', codes: INSTRUCTION_NAMES, values: { detail: 'X' } },
  { namespace: 'check', prefix: 'fields', codes: FIELD_LABELS, values: { n: 1 } },
  { namespace: 'check', prefix: 'notes', codes: FIELD_NOTES },
  { namespace: 'check', prefix: 'clusters', codes: CLUSTERS },
  { namespace: 'check', prefix: 'recordState', codes: MIGRATION_STATE_VALUES },
  // components/deposit/deposit-summary.tsx: a deposit's state, why it was not (all) paid, its refund.
  { namespace: 'deposit', prefix: 'state', codes: DEPOSIT_STATE_VALUES },
  { namespace: 'deposit', prefix: 'reason', codes: DEPOSIT_REASON_VALUES },
  { namespace: 'deposit', prefix: 'refund', codes: ['pending', 'submitted', 'refunded', 'rejected'], values: { amount: '1', symbol: 'AI16Z' } },
  // components/errors/error-text.ts: `ACCOUNT_READ_{reason}` and `AMOUNT.{code}`.
  ...['title', 'message', 'next'].map((part) => ({ namespace: 'errors' as const, prefix: 'ACCOUNT_READ', suffix: part, codes: DELEGATION_READ_REASONS, values: { symbol: 'AI16Z', account: 'Acc', supportPath: '/support' } })),
  { namespace: 'errors', prefix: 'AMOUNT', codes: Object.values(AMOUNT_ERROR_CODES), values: { decimals: 9, asThousands: '1234', asDecimal: '1.234' } },
  { namespace: 'errors', prefix: 'AMOUNT.short', codes: Object.values(AMOUNT_ERROR_CODES), values: { decimals: 9, asThousands: '1234', asDecimal: '1.234' } },
];

describe.each(routing.locales)('codes worded by the browser, in %s', (locale) => {
  it.each(WORDED.map((w) => [`${w.namespace}.${w.prefix}${w.suffix ? ` (${w.suffix})` : ''}`, w] as const))('%s has a message for every code', (_, { namespace, prefix, suffix, codes, values }) => {
    const say = strictTranslator<(key: string, values?: Record<string, string | number>) => string>(locale, namespace);
    const key = (code: string) => (suffix ? `${prefix}_${code}.${suffix}` : `${prefix}.${code}`);
    for (const code of codes) expect(say(key(code), values).trim(), `${namespace}.${key(code)}`).not.toBe('');
  });
});

/**
 * Codes the API answers that the browser words from `errors.<CODE>` (components/migrate/error-text.ts):
 * every eligibility reason has a title and a next step; the codes worded whole from messages
 * (no server figures) have all three parts, with the values the page passes.
 */
const WHOLE_ERROR_CODES: { code: string; values?: Record<string, string | number> }[] = [
  { code: 'WALLET_CANNOT_SIGN', values: { supportPath: '/support' } },
  ...SUBMIT_WARNING_CODES.map((code) => ({ code, values: { lastValidBlockHeight: '1234', code } })),
  { code: 'NEVER_LANDED' },
  // The deposit tracker's answers (components/deposit/deposit-tracker.tsx).
  { code: 'INVALID_SIGNATURE' },
  { code: 'DEPOSIT_NOT_FOUND' },
  { code: 'NOT_A_DEPOSIT' },
  { code: 'FAILED_ON_CHAIN' },
];

describe.each(routing.locales)('API codes worded from errors.<CODE>, in %s', (locale) => {
  const say = strictTranslator<(key: string, values?: Record<string, string | number>) => string>(locale, 'errors');
  it.each(ELIGIBILITY_CODES.map((code) => [code]))('eligibility reason %s has a title and a next step', (code) => {
    const values = { snapshotDate: 'X', supportPath: '/support', later: '', allocation: 'X', inFlight: '', remaining: 'X', postSnapshot: 'X' };
    expect(say(`${code}.title`, values).trim()).not.toBe('');
    expect(say(`${code}.next`, values).trim()).not.toBe('');
  });
  it.each(WHOLE_ERROR_CODES.map((entry) => [entry.code, entry] as const))('%s has a title, a message and a next step', (_, { code, values }) => {
    for (const part of ['title', 'message', 'next']) expect(say(`${code}.${part}`, values).trim(), `errors.${code}.${part}`).not.toBe('');
  });
});
