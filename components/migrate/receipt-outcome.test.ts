import { describe, expect, it } from 'vitest';
import { amountsMoved, outcomeOf } from '@/components/migrate/receipt-outcome';

describe('outcomeOf', () => {
  it.each([
    [{ state: 'built', endReason: null, signature: null }, 'built'],
    // Declined in the wallet: the server keeps the build (the report carries no signature), but nothing was sent.
    [{ state: 'built', endReason: 'declined', signature: null }, 'declined'],
    [{ state: 'submitted', endReason: null, signature: 'sig' }, 'submitted'],
    [{ state: 'confirmed', endReason: null, signature: 'sig' }, 'confirmed'],
    [{ state: 'failed', endReason: 'failed_on_chain', signature: 'sig' }, 'failed_on_chain'],
    [{ state: 'expired', endReason: 'declined', signature: null }, 'declined'],
    [{ state: 'expired', endReason: 'not_signed', signature: null }, 'not_signed'],
    [{ state: 'expired', endReason: 'never_landed', signature: 'sig' }, 'never_landed'],
    // An older answer without endReason: told from the signature.
    [{ state: 'expired', signature: null }, 'not_signed'],
    [{ state: 'expired', signature: 'sig' }, 'never_landed'],
  ] as const)('%o → %s', (migration, outcome) => {
    expect(outcomeOf(migration)).toBe(outcome);
  });

  it('only a confirmed migration moved its amounts; a submitted one is moving; every other says "would have"', () => {
    expect(amountsMoved('confirmed')).toBe('moved');
    expect(amountsMoved('submitted')).toBe('moving');
    for (const o of ['built', 'declined', 'not_signed', 'never_landed', 'failed_on_chain'] as const) expect(amountsMoved(o)).toBe('not');
  });
});
