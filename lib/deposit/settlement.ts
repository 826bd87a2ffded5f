import 'server-only';
import type { SignatureStatus } from '@solana/web3.js';
import { PublicKey } from '@solana/web3.js';
import { eq } from 'drizzle-orm';
import { readBlockHeights, readSignatureStatuses, rebroadcast } from '@/lib/chain/transactions';
import { getDb } from '@/lib/db';
import { type Deposit, DEPOSIT_STATES, deposits, REFUND_STATES } from '@/lib/db/schema';
import { findLandedPayout, findMemoInHistory, landedAsTransaction } from '@/lib/deposit/evidence';
import { refundExpectation } from '@/lib/deposit/refund';
import { confirmPayout, confirmRefund, releasePayout, releaseRefund } from '@/lib/deposit/transitions';
import { refundMemo } from '@/lib/solana/payout';
import { verifyRefundTransaction } from '@/lib/solana/payout-policy';

/** What a settlement pass did. */
export type DepositSettlementCounts = { paid: number; released: number; refunded: number; refundsReleased: number; rebroadcast: number };

function landedOk(status: SignatureStatus): boolean {
  return status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized' || (status.confirmationStatus === undefined && status.confirmations === null);
}

/**
 * Settles in-flight payouts and refunds from the chain (DESIGN.md "Deposit and receive"), by the
 * same proofs as migrations (lib/migration/settlement.ts):
 *
 * - the signature landed: the payout is `paid` (the refund `refunded`); landed with an error: the
 *   payout is released (`detected`, paid again after a backoff), the refund back to `pending`;
 * - no trace while the `confirmed` block height is ≤ its last valid block height: the recorded
 *   bytes are re-broadcast (no preflight);
 * - no trace and the `finalized` block height is past its last valid block height: the history
 *   (the sender's ELIZAOS account for a payout, the deposit account for a refund) is searched at
 *   `finalized` for its memo; a verifiably ours landed copy settles it, none releases it; a history
 *   too long to read proves nothing and the row waits.
 *
 * No single RPC answer releases anything: a timeout or error aborts the pass (retried next round).
 * @throws Error when the RPC is unreachable (rows already settled stay settled).
 */
export async function settleDeposits(now = () => new Date()): Promise<DepositSettlementCounts> {
  const db = await getDb();
  const counts: DepositSettlementCounts = { paid: 0, released: 0, refunded: 0, refundsReleased: 0, rebroadcast: 0 };
  const payouts = (await db.select().from(deposits).where(eq(deposits.state, DEPOSIT_STATES.payoutSubmitted)).limit(256)).filter((r) => r.payoutSignature !== null);
  const refunds = (await db.select().from(deposits).where(eq(deposits.refundState, REFUND_STATES.submitted)).limit(256)).filter((r) => r.refundSignature !== null);
  if (payouts.length === 0 && refunds.length === 0) return counts;
  const [statuses, heights] = await Promise.all([readSignatureStatuses([...payouts.map((r) => r.payoutSignature as string), ...refunds.map((r) => r.refundSignature as string)]), readBlockHeights()]);
  for (const [index, row] of payouts.entries()) await settlePayout(row, statuses[index] ?? null, heights, counts, now());
  for (const [index, row] of refunds.entries()) await settleRefund(row, statuses[payouts.length + index] ?? null, heights, counts, now());
  return counts;
}

async function settlePayout(row: Deposit, status: SignatureStatus | null, heights: { confirmed: bigint; finalized: bigint }, counts: DepositSettlementCounts, at: Date): Promise<void> {
  const signature = row.payoutSignature as string;
  const lastValid = row.payoutLastValidBlockHeight ?? 0n;
  if (status) {
    if (status.err) {
      if (await releasePayout(row, { kind: 'failed', error: JSON.stringify(status.err), at })) counts.released += 1;
    } else if (landedOk(status) && (await confirmPayout(row.id, DEPOSIT_STATES.payoutSubmitted, { signature, at }))) counts.paid += 1;
    return;
  }
  if (heights.finalized > lastValid) {
    const copy = await findLandedPayout(row, 'finalized');
    if (copy.kind === 'landed') {
      if (await confirmPayout(row.id, DEPOSIT_STATES.payoutSubmitted, { signature: copy.signature, paid: copy.paid, payoutAmount: copy.payoutAmount, at })) counts.paid += 1;
    } else if (copy.kind === 'failed') {
      if (await releasePayout(row, { kind: 'failed', error: copy.error, at })) counts.released += 1;
    } else if (copy.kind === 'absent') {
      if (await releasePayout(row, { kind: 'expired', finalizedBlockHeight: heights.finalized, at })) counts.released += 1;
    } else {
      console.warn(`[deposits] the payout of ${row.signature}:${row.instructionIndex} stays submitted: ${copy.reason}`);
    }
  } else if (heights.confirmed <= lastValid && row.payoutTransaction) {
    await rebroadcast(Buffer.from(row.payoutTransaction, 'base64'));
    counts.rebroadcast += 1;
  }
}

async function settleRefund(row: Deposit, status: SignatureStatus | null, heights: { confirmed: bigint; finalized: bigint }, counts: DepositSettlementCounts, at: Date): Promise<void> {
  const signature = row.refundSignature as string;
  const lastValid = row.refundLastValidBlockHeight ?? 0n;
  if (status) {
    if (status.err) {
      if (await releaseRefund(row, { kind: 'failed', error: JSON.stringify(status.err) })) counts.refundsReleased += 1;
    } else if (landedOk(status) && (await confirmRefund(row.id, REFUND_STATES.submitted, { signature, at }))) counts.refunded += 1;
    return;
  }
  if (heights.finalized > lastValid) {
    const expected = refundExpectation(row);
    const found = await findMemoInHistory(new PublicKey(row.tokenAccount), refundMemo(row), row.refundSubmittedAt ?? row.detectedAt, 'finalized', (landed) => {
      const tx = landedAsTransaction(landed);
      return tx !== null && verifyRefundTransaction(tx, expected).ok;
    });
    if (found.kind === 'landed') {
      if (await confirmRefund(row.id, REFUND_STATES.submitted, { signature: found.signature, at })) counts.refunded += 1;
    } else if (found.kind === 'failed') {
      if (await releaseRefund(row, { kind: 'failed', error: found.error ?? 'failed' })) counts.refundsReleased += 1;
    } else if (found.kind === 'absent') {
      if (await releaseRefund(row, { kind: 'expired', finalizedBlockHeight: heights.finalized })) counts.refundsReleased += 1;
    }
  } else if (heights.confirmed <= lastValid && row.refundTransaction) {
    await rebroadcast(Buffer.from(row.refundTransaction, 'base64'));
    counts.rebroadcast += 1;
  }
}
