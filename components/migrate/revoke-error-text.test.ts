import { describe, expect, it } from 'vitest';
import ko from '@/messages/ko.json';
import type { PolicyTranslator } from '@/lib/i18n/violations';
import { DelegationReadError } from '@/lib/solana/delegations';
import { PolicyRefusal } from '@/components/migrate/errors';
import { strictTranslator } from '@/test/strict-translator';
import { revokeErrorText, type StrayTranslator } from '@/components/migrate/revoke-error-text';

function translators(locale: 'en' | 'ko'): [StrayTranslator, PolicyTranslator] {
  return [strictTranslator<StrayTranslator>(locale, 'strayDelegations'), strictTranslator<PolicyTranslator>(locale, 'policy')];
}

function rejected(): Error {
  const error = new Error('User rejected the request.');
  error.name = 'WalletSignTransactionError';
  return error;
}

const CASES: [string, unknown][] = [
  ['built refusal', new PolicyRefusal([{ code: 'TOKEN_APPROVE', message: 'Approve', instructionIndex: 1 }], 'built')],
  ['signed refusal', new PolicyRefusal([{ code: 'EXTRA_SIGNER', message: 'signer' }], 'signed')],
  ['unreadable accounts', new DelegationReadError('RPC_FAILED', { symbol: 'AI16Z' }, 'Your AI16Z token accounts could not be read from Solana just now.')],
  ['foreign account', new DelegationReadError('NOT_HOLDERS', { symbol: 'ELIZAOS', account: 'Acc1' }, 'The token account Acc1 does not belong to this wallet.')],
  ['wallet rejection', rejected()],
  ['proxy refusal', new Error('failed to send transaction: 422 POLICY_VIOLATION')],
  ['slow confirmation', new Error('the Revoke was not confirmed in time (timed out)')],
  ['anything else', new Error('custom program error: 0x1')],
];

describe('revokeErrorText', () => {
  it.each(CASES)('%s: one sentence in English and in Korean', (_, error) => {
    const english = revokeErrorText(error, ...translators('en'));
    const korean = revokeErrorText(error, ...translators('ko'));
    expect(english.message.trim()).not.toBe('');
    expect(korean.message).toMatch(/[가-힣]/);
    expect(korean.message).not.toBe(english.message);
  });

  it('words the revoke policy’s violations by code, and says which stage refused', () => {
    const [t, policy] = translators('ko');
    const built = revokeErrorText(CASES[0]?.[1], t, policy);
    expect(built.message).toBe(ko.strayDelegations.errors.POLICY_REFUSED_BUILT);
    expect(built.violations).toEqual([{ code: 'TOKEN_APPROVE', text: `${ko.policy.violations.TOKEN_APPROVE} (명령 #2)` }]);
    expect(revokeErrorText(CASES[1]?.[1], t, policy).message).toBe(ko.strayDelegations.errors.POLICY_REFUSED_SIGNED);
  });

  it('names the account and token of an unreadable account, and keeps an unknown error’s own text as the reason', () => {
    const [t, policy] = translators('en');
    expect(revokeErrorText(CASES[3]?.[1], t, policy).message).toBe('The token account Acc1 does not belong to this wallet.');
    expect(revokeErrorText(CASES[2]?.[1], t, policy).message).toBe('Your AI16Z token accounts could not be read from Solana just now.');
    expect(revokeErrorText(CASES[7]?.[1], t, policy).message).toBe('The Revoke could not be completed: custom program error: 0x1');
  });
});
