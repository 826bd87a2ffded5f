import type { MigrationResponse } from '@/lib/api/types';
import type { BADGE_TONE } from '@/components/ui/state-badge';

/**
 * How a migration stands, for its receipt and the wallet's history: the state, refined by how a
 * migration that did not land ended (DESIGN.md "The state machine of a migration").
 */
export type Outcome = 'built' | 'submitted' | 'confirmed' | 'declined' | 'not_signed' | 'never_landed' | 'failed_on_chain';

export function outcomeOf(m: Pick<MigrationResponse, 'state' | 'endReason' | 'signature'>): Outcome {
  // A declined build stays `built` on the server (the report carries no signature, so it cannot end it), but nothing was sent.
  if (m.state === 'built' && m.endReason === 'declined') return 'declined';
  if (m.state === 'built' || m.state === 'submitted' || m.state === 'confirmed') return m.state;
  if (m.state === 'failed') return 'failed_on_chain';
  return m.endReason ?? (m.signature ? 'never_landed' : 'not_signed');
}

/** Each outcome's badge tone (`BADGE_TONE` of components/ui/state-badge.tsx). */
export const OUTCOME_TONE: Record<Outcome, keyof typeof BADGE_TONE> = {
  built: 'neutral',
  submitted: 'pending',
  confirmed: 'good',
  declined: 'neutral',
  not_signed: 'neutral',
  never_landed: 'neutral',
  failed_on_chain: 'bad',
};

/** Whether the amounts moved (or are moving): otherwise the receipt says what they "would have" been. */
export function amountsMoved(outcome: Outcome): 'moved' | 'moving' | 'not' {
  return outcome === 'confirmed' ? 'moved' : outcome === 'submitted' ? 'moving' : 'not';
}
