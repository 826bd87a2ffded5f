import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import type { PolicyTranslator } from '@/lib/i18n/violations';
import { ApiRequestError, NetworkError } from '@/components/migrate/api';
import { describeError, type ErrorTextContext, type ErrorTranslator } from '@/components/migrate/error-text';
import { strictTranslator } from '@/test/strict-translator';
import { ConfirmationTimeoutError, EligibilityRefusal, MigrationSettledError, PolicyRefusal, SimulationFailure } from '@/components/migrate/errors';

/** The flow's context with translators that throw on a missing key or a missing value. */
function context(locale: 'en' | 'ko'): ErrorTextContext {
  return {
    ai16zDecimals: 9,
    snapshotTakenAt: '2026-11-01T00:00:00Z',
    supportPath: '/support',
    locale,
    t: strictTranslator<ErrorTranslator>(locale, 'errors'),
    policy: strictTranslator<PolicyTranslator>(locale, 'policy'),
  };
}

function rejected(): Error {
  const error = new Error('User rejected the request.');
  error.name = 'WalletSignTransactionError';
  return error;
}

const api = (code: string, details: Record<string, unknown> = {}) => new ApiRequestError(code, '', details, 400, null);
const CASES: [string, unknown][] = [
  ['NOT_IN_SNAPSHOT', api('NOT_IN_SNAPSHOT')],
  ['ALLOCATION_EXHAUSTED', new EligibilityRefusal('ALLOCATION_EXHAUSTED', { allocation: '5000000000', pending: '1000000000' })],
  ['AMOUNT_EXCEEDS_REMAINING', new EligibilityRefusal('AMOUNT_EXCEEDS_REMAINING', { remaining: '1500000000', allocation: '5000000000' })],
  ['INSUFFICIENT_BALANCE', new EligibilityRefusal('INSUFFICIENT_BALANCE', { balance: '1000000000', requested: '2000000000' })],
  ['INSUFFICIENT_SOL', api('INSUFFICIENT_SOL', { lamportsNeeded: '3000000', lamports: '1000' })],
  ['WINDOW_CLOSED', api('WINDOW_CLOSED')],
  ['RATE_LIMITED', new ApiRequestError('RATE_LIMITED', '', {}, 429, 12)],
  ['MIGRATION_FAILED', new MigrationSettledError('failed', 'custom program error: 0x1')],
  ['MIGRATION_EXPIRED', new MigrationSettledError('expired', null)],
  ['POLICY_VIOLATION', new PolicyRefusal([{ code: 'WRONG_MINT', message: 'wrong mint', instructionIndex: 2 }], 'built')],
  ['WALLET_CHANGED_TRANSACTION', new PolicyRefusal([{ code: 'EXTRA_INSTRUCTION', message: 'extra instruction' }], 'signed')],
  ['CONFIRMATION_SLOW', new ConfirmationTimeoutError('id')],
  ['SIMULATION_FAILED', new SimulationFailure('insufficient funds')],
  ['NETWORK', new NetworkError('offline')],
  ['WALLET_REJECTED', rejected()],
  ['SOMETHING_NEW', api('SOMETHING_NEW')],
];

describe('describeError in every locale', () => {
  it.each(CASES)('%s: a title, a message and a next step, in English and Korean', (code, error) => {
    const english = describeError(error, context('en'));
    const korean = describeError(error, context('ko'));
    expect(english.code).toBe(code);
    expect(korean.code).toBe(code);
    for (const text of [english, korean]) {
      for (const part of [text.title, text.message, text.next]) expect(part.trim()).not.toBe('');
    }
    expect(korean.title).not.toBe(english.title);
    expect(korean.title).toMatch(/[가-힣]/);
  });

  it('puts the figures of the answer into the text, formatted for the locale', () => {
    const refusal = new EligibilityRefusal('AMOUNT_EXCEEDS_REMAINING', { remaining: '1500000000', allocation: '5000000000' });
    expect(describeError(refusal, context('en')).message).toBe(
      'You can migrate at most 1.5 AI16Z more from this wallet (snapshot allocation 5 AI16Z). Only AI16Z held at the snapshot of November 1, 2026 can be migrated; tokens bought after it are not eligible.',
    );
    expect(describeError(refusal, context('ko')).message).toContain('2026년 11월 1일');
  });

  it('words policy violations by code in the page’s language, from the browser’s check and from the API', () => {
    const refusal = new PolicyRefusal([{ code: 'WRONG_MINT', message: 'The AI16Z transfer moves the token X, not AI16Z.', instructionIndex: 2 }], 'built');
    expect(describeError(refusal, context('en')).violations).toEqual([`${en.policy.violations.WRONG_MINT} (instruction #3)`]);
    expect(describeError(refusal, context('ko')).violations).toEqual([`${ko.policy.violations.WRONG_MINT} (명령 #3)`]);
    const answer = api('POLICY_VIOLATION', { violations: [{ code: 'BLOCKHASH_CHANGED', message: 'The recent blockhash differs.' }, { code: 'KNOWN_DRAINER', message: 'x' }] });
    expect(describeError(answer, context('ko')).violations).toEqual([ko.policy.violations.BLOCKHASH_CHANGED, ko.policy.violations.KNOWN_DRAINER]);
  });
});
