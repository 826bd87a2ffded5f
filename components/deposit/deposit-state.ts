import type { DepositApiState } from '@/lib/api/types';
import type { BADGE_TONE } from '@/components/ui/state-badge';

/**
 * Each deposit state's badge tone (DESIGN.md "Deposit and receive": `pending | paid |
 * partially_paid | refund_pending | refunded | rejected`); the words are `deposit.state.<state>`.
 */
export const DEPOSIT_STATE_TONE: Record<DepositApiState, keyof typeof BADGE_TONE> = {
  pending: 'pending',
  paid: 'good',
  partially_paid: 'pending',
  refund_pending: 'pending',
  refunded: 'neutral',
  rejected: 'bad',
};

/** How much of the deposit was (or is being) paid: all of it, part of it, or none. */
export function depositPaidShare(entry: { amountIn: string; paid: string; state: DepositApiState }): 'pending' | 'all' | 'part' | 'none' {
  if (entry.state === 'pending') return 'pending';
  const paid = BigInt(entry.paid);
  if (paid === 0n) return 'none';
  return paid === BigInt(entry.amountIn) ? 'all' : 'part';
}
