import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { type Deposit, DEPOSIT_STATES, type DepositReason, type DepositState, deposits, REFUND_STATES, type RefundState } from '@/lib/db/schema';
import type { DetectedDeposit } from '@/lib/deposit/detect';
import { countDepositEvent } from '@/lib/observability/metrics';

/**
 * The one module that writes `deposits` rows (docs/DESIGN.md "Deposit and receive"): every state
 * change is a guarded transition, `UPDATE … WHERE id = ? AND state = <from> RETURNING`, as
 * lib/migration/transitions.ts does for migrations, so two app instances (or a nudge and the
 * watcher) racing on one deposit never both win. The database refuses any other transition
 * (trigger of migration 0009). The payout:
 *
 * | from → to                   | made by                                    | what must hold / what the chain must show |
 * |-----------------------------|--------------------------------------------|-------------------------------------------|
 * | (none) → detected           | watcher, nudge (`INSERT … ON CONFLICT DO NOTHING` on (signature, index)) | the transfer is in a finalized transaction |
 * | detected → payout_submitted | payout, holding the wallet's row lock      | paid = min(amount, remaining) > 0, window and kill switch allow it, the payout policy passed; signed and recorded in one commit, sent after it |
 * | detected → unpaid           | payout                                     | nothing payable (`reason`); the whole amount waits for its refund |
 * | payout_submitted → paid     | settlement                                 | the payout's signature landed without error |
 * | payout_submitted → detected | settlement                                 | the payout landed with an error, or: `finalized` height > its last valid block height and neither its signature nor its memo is on chain |
 * | detected → paid             | memo recovery (before any payout is signed) | a landed payout of this deposit, verifiably ours (the payout policy passes on it) |
 *
 * The refund: none → pending (with the payout's outcome), pending → submitted (the owner-signed
 * refund recorded, sent after), submitted → refunded (landed) or → pending (landed with an error,
 * or provably never landed), pending → refunded (the watcher saw its refund land), pending →
 * rejected (ops, with a note).
 */

type Writer = Pick<Db, 'insert' | 'update'>;

/** Backoff before a released or refused payout is tried again: 30 s doubling, at most 30 minutes. */
export function payoutRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/**
 * (none) → detected, for each deposit not yet recorded (its key is unique): any order or
 * repetition of RPC answers records a deposit once.
 * @returns the deposits recorded now (not those already there).
 */
export async function recordDetected(tx: Writer, detected: readonly DetectedDeposit[], at = new Date()): Promise<string[]> {
  if (detected.length === 0) return [];
  const rows = await tx
    .insert(deposits)
    .values(
      detected.map((d) => ({
        id: randomUUID(),
        signature: d.signature,
        instructionIndex: d.instructionIndex,
        slot: d.slot,
        blockTime: d.blockTime,
        wallet: d.wallet,
        sourceTokenAccount: d.sourceTokenAccount,
        tokenAccount: d.tokenAccount,
        mint: d.mint,
        tokenProgram: d.tokenProgram,
        decimals: d.decimals,
        amount: d.amount,
        state: DEPOSIT_STATES.detected,
        reason: d.unverified ? ('AMOUNT_UNVERIFIED' as const) : null,
        detectedAt: at,
      })),
    )
    .onConflictDoNothing({ target: [deposits.signature, deposits.instructionIndex] })
    .returning({ id: deposits.id });
  countDepositEvent('detected', null, rows.length);
  return rows.map((r) => r.id);
}

/**
 * detected → payout_submitted: signed and recorded, inside the transaction holding the wallet's
 * allocation lock, so `paid` counts from the same commit on. `reason` is AMOUNT_EXCEEDS_REMAINING
 * when `paid` < the amount.
 * @returns false when the row was no longer `detected`.
 */
export async function recordPayoutSigned(
  tx: Writer,
  id: string,
  payout: { paid: bigint; payoutAmount: bigint; signature: string; transaction: string; lastValidBlockHeight: bigint; reason: DepositReason | null; at: Date },
): Promise<boolean> {
  const rows = await tx
    .update(deposits)
    .set({
      state: DEPOSIT_STATES.payoutSubmitted,
      paid: payout.paid,
      payoutAmount: payout.payoutAmount,
      payoutSignature: payout.signature,
      payoutTransaction: payout.transaction,
      payoutLastValidBlockHeight: payout.lastValidBlockHeight,
      payoutSubmittedAt: payout.at,
      payoutAttempts: sql`${deposits.payoutAttempts} + 1`,
      payoutRetryAt: null,
      payoutError: null,
      reason: payout.reason,
    })
    .where(and(eq(deposits.id, id), eq(deposits.state, DEPOSIT_STATES.detected)))
    .returning({ id: deposits.id });
  return rows.length > 0;
}

/**
 * detected → unpaid: nothing can be paid (`reason`); the whole amount waits for its refund.
 * @returns false when the row was no longer `detected`.
 */
export async function recordUnpaid(tx: Writer | null, id: string, reason: DepositReason): Promise<boolean> {
  const rows = await (tx ?? (await getDb()))
    .update(deposits)
    .set({ state: DEPOSIT_STATES.unpaid, reason, refundState: REFUND_STATES.pending, refundAmount: sql`${deposits.amount}` })
    .where(and(eq(deposits.id, id), eq(deposits.state, DEPOSIT_STATES.detected)))
    .returning({ id: deposits.id });
  if (rows.length > 0) countDepositEvent('unpaid', reason);
  return rows.length > 0;
}

/** A detected deposit waits (RPC down, history inconclusive, the allowance short): why, and when to look again. */
export async function recordPayoutWait(id: string, why: string, retryAt: Date): Promise<void> {
  await (await getDb())
    .update(deposits)
    .set({ payoutError: why.slice(0, 300), payoutRetryAt: retryAt })
    .where(and(eq(deposits.id, id), eq(deposits.state, DEPOSIT_STATES.detected)));
}

/** A node's preflight refused the first send of a submitted payout: recorded, the state does not change. */
export async function recordPayoutSendRefused(id: string, reason: string): Promise<void> {
  await (await getDb())
    .update(deposits)
    .set({ payoutError: `send refused: ${reason}`.slice(0, 300) })
    .where(and(eq(deposits.id, id), eq(deposits.state, DEPOSIT_STATES.payoutSubmitted)));
}

/**
 * `from` → paid: the chain shows this deposit's payout landed without error (`from` =
 * payout_submitted: by its signature; detected: found by memo recovery, with what it paid). What
 * was not paid waits for its refund.
 * @returns false when the row was not in `from` any more.
 */
export async function confirmPayout(id: string, from: Extract<DepositState, 'payout_submitted' | 'detected'>, landed: { signature: string; paid?: bigint; payoutAmount?: bigint; at: Date }): Promise<boolean> {
  const paid = landed.paid === undefined ? sql`${deposits.paid}` : sql`${landed.paid.toString()}::numeric`;
  const rows = await (await getDb())
    .update(deposits)
    .set({
      state: DEPOSIT_STATES.paid,
      payoutSignature: landed.signature,
      paidAt: landed.at,
      payoutError: null,
      ...(landed.paid !== undefined && landed.payoutAmount !== undefined ? { paid: landed.paid, payoutAmount: landed.payoutAmount } : {}),
      refundAmount: sql`nullif(${deposits.amount} - ${paid}, 0)`,
      refundState: sql`case when ${deposits.amount} > ${paid} then 'pending' else 'none' end`,
      reason: sql`case when ${deposits.amount} > ${paid} then 'AMOUNT_EXCEEDS_REMAINING' else null end`,
    })
    .where(and(eq(deposits.id, id), eq(deposits.state, from)))
    .returning({ id: deposits.id, reason: deposits.reason });
  if (rows[0]) countDepositEvent('paid', rows[0].reason);
  return rows.length > 0;
}

/**
 * payout_submitted → detected: the payout can never land — it landed with an error (`failed`), or
 * the caller proved the `finalized` block height is past its last valid block height and neither
 * its signature nor its memo is on chain. Its reservation is released; the deposit is paid again
 * after a backoff, with a fresh blockhash.
 * @throws Error when the proof does not cover the row (it may still land).
 */
export async function releasePayout(row: Pick<Deposit, 'id' | 'payoutLastValidBlockHeight' | 'payoutAttempts'>, proof: { kind: 'failed'; error: string; at: Date } | { kind: 'expired'; finalizedBlockHeight: bigint; at: Date }): Promise<boolean> {
  if (proof.kind === 'expired' && (row.payoutLastValidBlockHeight === null || proof.finalizedBlockHeight <= row.payoutLastValidBlockHeight)) {
    throw new Error(`the payout of deposit ${row.id} may still land (finalized height ${proof.finalizedBlockHeight} ≤ ${row.payoutLastValidBlockHeight})`);
  }
  const why = proof.kind === 'failed' ? `the payout failed on chain: ${proof.error}` : `the payout did not land before its blockhash expired (last valid block height ${row.payoutLastValidBlockHeight}, finalized ${proof.finalizedBlockHeight})`;
  const rows = await (await getDb())
    .update(deposits)
    .set({
      state: DEPOSIT_STATES.detected,
      paid: null,
      payoutAmount: null,
      payoutTransaction: null,
      reason: null,
      payoutError: why.slice(0, 300),
      payoutRetryAt: new Date(proof.at.getTime() + payoutRetryDelayMs(row.payoutAttempts)),
    })
    .where(and(eq(deposits.id, row.id), eq(deposits.state, DEPOSIT_STATES.payoutSubmitted)))
    .returning({ id: deposits.id });
  return rows.length > 0;
}

/** Records the unsigned refund prepared for an offline owner (no state change: the refund stays `pending`). */
export async function recordRefundPrepared(tx: Writer, id: string, prepared: { transaction: string; lastValidBlockHeight: bigint; by: string }): Promise<boolean> {
  const rows = await tx
    .update(deposits)
    .set({ refundPrepared: prepared.transaction, refundLastValidBlockHeight: prepared.lastValidBlockHeight, refundBy: prepared.by })
    .where(and(eq(deposits.id, id), eq(deposits.refundState, REFUND_STATES.pending)))
    .returning({ id: deposits.id });
  return rows.length > 0;
}

/** refund pending → submitted: the owner-signed refund is recorded (sent after the commit). */
export async function recordRefundSubmitted(tx: Writer, id: string, refund: { signature: string; transaction: string; lastValidBlockHeight: bigint; by: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(deposits)
    .set({
      refundState: REFUND_STATES.submitted,
      refundSignature: refund.signature,
      refundTransaction: refund.transaction,
      refundLastValidBlockHeight: refund.lastValidBlockHeight,
      refundSubmittedAt: refund.at,
      refundBy: refund.by,
      refundError: null,
    })
    .where(and(eq(deposits.id, id), eq(deposits.refundState, REFUND_STATES.pending)))
    .returning({ id: deposits.id });
  return rows.length > 0;
}

/** `from` → refunded: the refund landed (by its signature, or seen by the watcher with its memo). */
export async function confirmRefund(id: string, from: Extract<RefundState, 'pending' | 'submitted'>, landed: { signature: string; at: Date }): Promise<boolean> {
  const rows = await (await getDb())
    .update(deposits)
    .set({ refundState: REFUND_STATES.refunded, refundSignature: landed.signature, refundedAt: landed.at, refundError: null, refundPrepared: null })
    .where(and(eq(deposits.id, id), eq(deposits.refundState, from)))
    .returning({ id: deposits.id, reason: deposits.reason });
  if (rows[0]) countDepositEvent('refunded', rows[0].reason);
  return rows.length > 0;
}

/**
 * refund submitted → pending: it landed with an error, or `finalized` is past its last valid block
 * height with neither its signature nor its memo on chain. Ops may refund again.
 * @throws Error when the proof does not cover the row.
 */
export async function releaseRefund(row: Pick<Deposit, 'id' | 'refundLastValidBlockHeight'>, proof: { kind: 'failed'; error: string } | { kind: 'expired'; finalizedBlockHeight: bigint }): Promise<boolean> {
  if (proof.kind === 'expired' && (row.refundLastValidBlockHeight === null || proof.finalizedBlockHeight <= row.refundLastValidBlockHeight)) {
    throw new Error(`the refund of deposit ${row.id} may still land`);
  }
  const why = proof.kind === 'failed' ? `the refund failed on chain: ${proof.error}` : 'the refund did not land before its blockhash expired';
  const rows = await (await getDb())
    .update(deposits)
    .set({ refundState: REFUND_STATES.pending, refundTransaction: null, refundPrepared: null, refundError: why.slice(0, 300) })
    .where(and(eq(deposits.id, row.id), eq(deposits.refundState, REFUND_STATES.submitted)))
    .returning({ id: deposits.id });
  return rows.length > 0;
}

/** A refund's send was refused by a node's preflight: recorded; it stays submitted until proven never landed. */
export async function recordRefundSendRefused(id: string, reason: string): Promise<void> {
  await (await getDb())
    .update(deposits)
    .set({ refundError: `send refused: ${reason}`.slice(0, 300) })
    .where(and(eq(deposits.id, id), eq(deposits.refundState, REFUND_STATES.submitted)));
}

/** refund pending → rejected: ops decided not to refund (`note` is shown to the holder). Call inside the audited transaction. */
export async function rejectRefund(tx: Writer, id: string, rejection: { note: string; by: string }): Promise<boolean> {
  const rows = await tx
    .update(deposits)
    .set({ refundState: REFUND_STATES.rejected, refundNote: rejection.note, refundBy: rejection.by, refundPrepared: null })
    .where(and(eq(deposits.id, id), eq(deposits.refundState, REFUND_STATES.pending)))
    .returning({ id: deposits.id });
  return rows.length > 0;
}
