import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DepositApiState, DepositResponse, DepositTransfer } from '@/lib/api/types';
import { getDb } from '@/lib/db';
import { type Deposit, DEPOSIT_STATES, deposits, REFUND_STATES } from '@/lib/db/schema';

/**
 * A deposit as the holder reads it (DESIGN.md "Deposit and receive"): the row's two state
 * machines folded into one state — `pending` while detected or a payout is in flight; `paid` in
 * full; `partially_paid` when the part above the allocation waits for (or had) its refund;
 * `refund_pending`, `refunded` or `rejected` when nothing was paid.
 */
export function depositApiState(row: Pick<Deposit, 'state' | 'refundState'>): DepositApiState {
  if (row.state === DEPOSIT_STATES.detected || row.state === DEPOSIT_STATES.payoutSubmitted) return 'pending';
  if (row.state === DEPOSIT_STATES.paid) return row.refundState === REFUND_STATES.none ? 'paid' : 'partially_paid';
  if (row.refundState === REFUND_STATES.refunded) return 'refunded';
  if (row.refundState === REFUND_STATES.rejected) return 'rejected';
  return 'refund_pending';
}

/** One transfer's answer. Amounts as base-unit decimal strings. */
export function depositTransferToJson(row: Deposit): DepositTransfer {
  const paid = row.state === DEPOSIT_STATES.paid ? (row.paid ?? 0n) : 0n;
  const refund = row.refundState === REFUND_STATES.none ? null : { state: row.refundState as 'pending' | 'submitted' | 'refunded' | 'rejected', amount: (row.refundAmount ?? 0n).toString(), signature: row.refundSignature, note: row.refundNote };
  return {
    index: row.instructionIndex,
    wallet: row.wallet,
    amount: row.amount.toString(),
    paid: paid.toString(),
    payoutAmount: row.payoutAmount?.toString() ?? null,
    state: depositApiState(row),
    payoutSignature: row.state === DEPOSIT_STATES.paid || row.state === DEPOSIT_STATES.payoutSubmitted ? row.payoutSignature : null,
    reason: row.reason,
    mint: row.mint,
    decimals: row.decimals,
    sourceTokenAccount: row.sourceTokenAccount,
    refund,
    blockTime: row.blockTime.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

/** The signature's state across its transfers: pending first, then paid / partially paid, else the first one's. */
function combinedState(states: DepositApiState[]): DepositApiState {
  if (states.includes('pending')) return 'pending';
  if (states.every((s) => s === 'paid')) return 'paid';
  if (states.some((s) => s === 'paid' || s === 'partially_paid')) return 'partially_paid';
  return states[0] ?? 'pending';
}

/** The answer for a signature's recorded deposits, or null when none is recorded. */
export function depositResponse(signature: string, rows: readonly Deposit[]): DepositResponse | null {
  if (rows.length === 0) return null;
  const transfers = rows.map(depositTransferToJson);
  const first = transfers[0];
  return {
    signature,
    wallet: first?.wallet ?? null,
    amount: rows.reduce((sum, r) => sum + r.amount, 0n).toString(),
    paid: transfers.reduce((sum, t) => sum + BigInt(t.paid), 0n).toString(),
    state: combinedState(transfers.map((t) => t.state)),
    payoutSignature: transfers.find((t) => t.payoutSignature)?.payoutSignature ?? null,
    reason: transfers.find((t) => t.reason)?.reason ?? null,
    finalized: true,
    deposits: transfers,
  };
}

/**
 * `GET /api/v1/deposits/{signature}`: what the portal recorded (a read: never sends, never asks
 * the chain), or null when it has no deposit of that signature.
 */
export async function getDepositView(signature: string): Promise<DepositResponse | null> {
  const rows = await (await getDb()).select().from(deposits).where(eq(deposits.signature, signature)).orderBy(asc(deposits.instructionIndex));
  return depositResponse(signature, rows);
}
