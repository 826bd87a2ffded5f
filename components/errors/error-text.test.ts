import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { type PolicyTranslator, violationTexts } from '@/lib/i18n/violations';
import { ApiRequestError, NetworkError, UnexpectedAnswerError } from '@/lib/api/client';
import { AmountError } from '@/lib/solana/amounts';
import { DelegationReadError } from '@/lib/solana/delegations';
import { amountProblemText, describeError, describeSubmitWarning, ERROR_SUBJECTS, type ErrorSubject, type ErrorTextContext, type ErrorTranslator, SecretRefusal, VARIANTS } from '@/components/errors/error-text';
import { strictTranslator } from '@/test/strict-translator';
import { ConfirmationTimeoutError, EligibilityRefusal, MigrationSettledError, OnChainFailure, PolicyRefusal, SimulationFailure } from '@/components/migrate/errors';
import { WalletCapabilityError } from '@/components/wallet/errors';

/** The flow's context with translators that throw on a missing key or a missing value. */
function context(locale: 'en' | 'ko', about: ErrorSubject = 'migration', extra: Partial<ErrorTextContext> = {}): ErrorTextContext {
  const policy = strictTranslator<PolicyTranslator>(locale, 'policy');
  return {
    ai16zDecimals: 9,
    snapshotTakenAt: '2026-11-01T00:00:00Z',
    supportPath: '/support',
    locale,
    about,
    t: strictTranslator<ErrorTranslator>(locale, 'errors'),
    violations: (refs) => violationTexts(refs, policy).map((v) => v.text),
    ...extra,
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
  ['FAILED_ON_CHAIN', new MigrationSettledError('failed', '{"InstructionError":[2,{"Custom":1}]}')],
  ['NEVER_LANDED', new MigrationSettledError('expired', null, 'never_landed')],
  ['AMOUNT_AMBIGUOUS_SEPARATOR', new AmountError('AMBIGUOUS_SEPARATOR', 'ambiguous', { asThousands: '1234', asDecimal: '1.234' })],
  ['INSUFFICIENT_SOL', new EligibilityRefusal('INSUFFICIENT_SOL', { lamportsNeeded: '3140160', lamports: '0', networkFee: '10000', priorityFeeReserve: '200000', ataRent: '2039280', walletMinimum: '890880' })],
  ['MIGRATION_EXPIRED', new MigrationSettledError('expired', null)],
  ['POLICY_VIOLATION', new PolicyRefusal([{ code: 'WRONG_MINT', message: 'wrong mint', instructionIndex: 2 }], 'built')],
  ['WALLET_CHANGED_TRANSACTION', new PolicyRefusal([{ code: 'EXTRA_INSTRUCTION', message: 'extra instruction' }], 'signed')],
  ['CONFIRMATION_SLOW', new ConfirmationTimeoutError('id')],
  ['SIMULATION_FAILED', new SimulationFailure('insufficient funds')],
  ['NETWORK', new NetworkError('offline')],
  ['WALLET_REJECTED', rejected()],
  ['SOMETHING_NEW', api('SOMETHING_NEW')],
  ['SEED_PHRASE_REFUSED', new SecretRefusal('description')],
  ['SEED_PHRASE_REFUSED', api('SEED_PHRASE_REFUSED', { field: 'description', kind: 'recovery-phrase' })],
  ['PAYLOAD_TOO_LARGE', api('PAYLOAD_TOO_LARGE')],
  ['BAD_REQUEST', api('BAD_REQUEST', { issues: [{ path: 'description', message: 'description must say what happened (at least 10 characters)' }] })],
  ['UNEXPECTED_ANSWER', new UnexpectedAnswerError(502, 'no JSON')],
  ['AMOUNT_TOO_MANY_DECIMALS', new AmountError('TOO_MANY_DECIMALS', 'The amount has more than 9 decimals.', { decimals: 9 })],
  ['ACCOUNT_READ_NOT_HOLDERS', new DelegationReadError('NOT_HOLDERS', { symbol: 'ELIZAOS', account: 'Acc1' }, 'The token account Acc1 does not belong to this wallet.')],
  ['TRANSACTION_FAILED', new OnChainFailure('{"InstructionError":[0,{"Custom":1}]}')],
  ['WALLET_FEATURE_MISSING', new WalletCapabilityError('signMessage')],
  ['FORBIDDEN', new ApiRequestError('FORBIDDEN', 'This wallet is not allowed to operate the portal.', {}, 403, null)],
  ['UNKNOWN', new Error('custom program error: 0x1')],
];

describe('describeError in every locale', () => {
  it.each(ERROR_SUBJECTS.flatMap((about) => CASES.map(([code, error]) => [about, code, error] as const)))(
    '%s, %s: a title, a message and a next step, in English and Korean',
    (about, code, error) => {
      const english = describeError(error, context('en', about));
      const korean = describeError(error, context('ko', about));
      expect(english.code).toBe(code);
      expect(korean.code).toBe(code);
      for (const text of [english, korean]) {
        for (const part of [text.title, text.message, text.next]) expect(part.trim()).not.toBe('');
      }
      expect(korean.title).not.toBe(english.title);
      expect(korean.title).toMatch(/[가-힣]/);
      // Holders never read the server's English sentence; only the ops console gets it, as detail.
      for (const part of [korean.title, korean.message, korean.next]) expect(part).not.toMatch(/not allowed to operate|at least 10 characters/);
      if (error instanceof ApiRequestError) expect(korean.detail).toBeNull();
    },
  );

  it('every variant a subject names exists, in both languages', () => {
    for (const [about, variants] of Object.entries(VARIANTS)) {
      for (const key of Object.values(variants ?? {})) {
        for (const messages of [en, ko]) {
          const entry = (messages.errors as Record<string, unknown>)[key] as Record<string, string> | undefined;
          expect(entry, `${about}: errors.${key}`).toBeDefined();
          for (const part of ['title', 'message', 'next']) expect(entry?.[part], `${about}: errors.${key}.${part}`).toBeTruthy();
        }
      }
    }
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

  it('the seed-phrase refusal reads the same from the browser guard and from the server, in Korean on a Korean page', () => {
    const browser = describeError(new SecretRefusal('description'), context('ko', 'support'));
    const server = describeError(new ApiRequestError('SEED_PHRASE_REFUSED', 'This looks like a recovery phrase (seed phrase) or a private key, so it was not sent or stored.', {}, 400, null), context('ko', 'support'));
    expect(server).toEqual(browser);
    expect(browser).toMatchObject({ title: ko.errors.SEED_PHRASE_REFUSED.title, message: ko.errors.SEED_PHRASE_REFUSED.message, detail: null });
    expect(browser.message).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('names the fields the server refused with the labels the holder sees, never the server’s sentence', () => {
    const labels = { description: '무슨 일이 있었나요?', contact: '연락 방법' };
    const refused = api('BAD_REQUEST', { issues: [{ path: 'description', message: 'description must say what happened' }, { path: 'contact', message: 'contact must be text' }] });
    expect(describeError(refused, context('ko', 'support', { fieldLabels: labels })).message).toBe(ko.errors.BAD_REQUEST.messageFields.replace('{fields}', '무슨 일이 있었나요?, 연락 방법'));
  });

  it('the ops console gets the server’s sentence as detail; holders do not', () => {
    const forbidden = new ApiRequestError('FORBIDDEN', 'This wallet is not allowed to operate the portal.', {}, 403, null);
    expect(describeError(forbidden, context('en', 'opsSignIn', { serverDetail: true })).detail).toBe('This wallet is not allowed to operate the portal.');
    expect(describeError(forbidden, context('en', 'migration')).detail).toBeNull();
  });

  it('a subject changes the wording, not the code: a declined Revoke, a missing ticket', () => {
    const revoke = describeError(rejected(), context('ko', 'revoke'));
    expect(revoke).toMatchObject({ code: 'WALLET_REJECTED', title: ko.errors.REVOKE_DECLINED.title });
    expect(describeError(rejected(), context('ko', 'migration')).title).toBe(ko.errors.WALLET_REJECTED.title);
    expect(describeError(new ApiRequestError('NOT_FOUND', 'No ticket matches this link.', {}, 404, null), context('ko', 'ticket'))).toMatchObject({ code: 'NOT_FOUND', title: ko.errors.TICKET_NOT_FOUND.title });
    const built = describeError(new PolicyRefusal([{ code: 'TOKEN_APPROVE', message: 'Approve', instructionIndex: 1 }], 'built'), context('ko', 'revoke'));
    expect(built).toMatchObject({ title: ko.errors.REVOKE_POLICY_REFUSED.title, violations: [`${ko.policy.violations.TOKEN_APPROVE} (명령 #2)`] });
    // The RPC proxy's refusal of a sent Revoke, as web3.js reports it.
    expect(describeError(new Error('failed to send transaction: 422 Unprocessable Entity: {"error":{"code":"POLICY_VIOLATION"}}'), context('ko', 'revoke')).title).toBe(ko.errors.REVOKE_PORTAL_REFUSED.title);
    expect(describeError(new ConfirmationTimeoutError('sig'), context('en', 'revoke')).title).toBe(en.errors.REVOKE_NOT_CONFIRMED.title);
  });

  it('a wallet rejection is one thing however the wallet says it: code 4001, wrapped, or in words', () => {
    const wrapped = Object.assign(new Error('Unexpected error'), { name: 'WalletSignTransactionError', error: { code: 4001, message: 'x' } });
    const plain4001 = Object.assign(new Error('Request failed'), { code: 4001 });
    const cancelled = Object.assign(new Error('The user cancelled the request'), { name: 'WalletSignMessageError' });
    const connect = Object.assign(new Error('User rejected the request.'), { name: 'WalletConnectionError' });
    for (const error of [rejected(), wrapped, plain4001, cancelled]) expect(describeError(error, context('en')).code).toBe('WALLET_REJECTED');
    expect(describeError(connect, context('en')).code).toBe('WALLET_CONNECT_REJECTED');
    expect(describeError(Object.assign(new Error('Ledger device: locked'), { name: 'WalletSignTransactionError' }), context('en'))).toMatchObject({ code: 'WALLET_SIGN_FAILED', detail: 'Ledger device: locked' });
  });

  it('an amount error is worded by its code, not the module’s English sentence', () => {
    const text = describeError(new AmountError('NEGATIVE', 'The amount cannot be negative.'), context('ko'));
    expect(text.message).toBe(ko.errors.AMOUNT.NEGATIVE);
  });
});

describe('the amount field and its button, as the holder types', () => {
  it('the button says why in a few words, in both languages, and never an internal word', () => {
    for (const locale of ['en', 'ko'] as const) {
      const ctx = context(locale, 'migration');
      const remaining = amountProblemText(new EligibilityRefusal('AMOUNT_EXCEEDS_REMAINING', { remaining: '750000000000' }), ctx);
      const decimals = amountProblemText(new AmountError('TOO_MANY_DECIMALS', 'x', { decimals: 9 }), ctx);
      const text = describeError(new AmountError('TOO_MANY_DECIMALS', 'x', { decimals: 9 }), ctx);
      if (locale === 'en') {
        expect(remaining).toBe('More than your remaining 750 AI16Z');
        expect(decimals).toBe('At most 9 decimals');
        expect(text.message).toBe('This token has at most 9 decimals.');
      } else {
        expect(remaining).toBe('남은 750 AI16Z보다 많습니다');
        expect(decimals).toMatch(/9자리/);
        expect(text.message).toMatch(/최대 9자리/);
      }
      for (const words of [remaining, decimals, text.message, text.next]) expect(words).not.toMatch(/u64|base units|lamports/);
    }
  });

  it('INSUFFICIENT_SOL names one figure and its parts, and what to add, from the page and from the API alike', () => {
    const parts = { networkFee: '10000', priorityFeeReserve: '200000', ataRent: '2039280', walletMinimum: '890880' };
    const fromPage = describeError(new EligibilityRefusal('INSUFFICIENT_SOL', { lamportsNeeded: '3140160', lamports: '0', ...parts }), context('en', 'migration'));
    const fromApi = describeError(new ApiRequestError('INSUFFICIENT_SOL', '', { lamportsNeeded: '3140160', lamports: '0', parts }, 409, null), context('en', 'migration'));
    expect(fromPage.message).toBe(fromApi.message);
    expect(fromPage.message).toContain('at least 0.00314016 SOL');
    expect(fromPage.message).toContain('0.00203928 SOL');
    expect(fromPage.next).toContain('Add at least 0.00314016 SOL');
    const korean = describeError(new EligibilityRefusal('INSUFFICIENT_SOL', { lamportsNeeded: '3140160', lamports: '0', ...parts }), context('ko', 'migration'));
    expect(korean.message).toContain('0.00314016 SOL');
    expect(korean.message).toMatch(/[가-힣]/);
  });

  it('a refused first send reads in the page language, the node’s words apart', () => {
    const text = describeSubmitWarning({ code: 'SEND_REFUSED', details: { reason: 'Transaction simulation failed: insufficient funds', lastValidBlockHeight: '4242' } }, context('ko', 'migration'));
    expect(text.message).toContain('4242');
    expect(text.message).not.toMatch(/simulation failed/);
    expect(text.detail).toBe('Transaction simulation failed: insufficient funds');
  });
});
