import type { MigrationResponse } from '@/lib/api/types';

/**
 * How a migration stands, for its receipt and the wallet's history: the state, refined by how a
 * migration that did not land ended (DESIGN.md "The state machine of a migration").
 */
export type Outcome = 'built' | 'submitted' | 'confirmed' | 'declined' | 'not_signed' | 'never_landed' | 'failed_on_chain';

export function outcomeOf(m: Pick<MigrationResponse, 'state' | 'endReason' | 'signature'>): Outcome {
  if (m.state === 'built' || m.state === 'submitted' || m.state === 'confirmed') return m.state;
  if (m.state === 'failed') return 'failed_on_chain';
  return m.endReason ?? (m.signature ? 'never_landed' : 'not_signed');
}

export const OUTCOME_TONE: Record<Outcome, string> = {
  built: 'bg-slate-200 text-slate-800 ring-slate-300',
  submitted: 'bg-amber-100 text-amber-900 ring-amber-300',
  confirmed: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  declined: 'bg-slate-200 text-slate-800 ring-slate-300',
  not_signed: 'bg-slate-200 text-slate-800 ring-slate-300',
  never_landed: 'bg-slate-200 text-slate-800 ring-slate-300',
  failed_on_chain: 'bg-red-100 text-red-900 ring-red-300',
};

/** Whether the amounts moved (or are moving): otherwise the receipt says what they "would have" been. */
export function amountsMoved(outcome: Outcome): 'moved' | 'moving' | 'not' {
  return outcome === 'confirmed' ? 'moved' : outcome === 'submitted' ? 'moving' : 'not';
}
