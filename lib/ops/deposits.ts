import 'server-only';
import { desc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { type Deposit, deposits, REFUND_STATES } from '@/lib/db/schema';
import { depositApiState } from '@/lib/deposit/view';
import { ApiError } from '@/lib/http/errors';
import { plainText } from '@/lib/text/plain';

/** A deposit as ops see it (amounts in base units as decimal strings). */
export function depositForOps(row: Deposit) {
  return {
    id: row.id,
    signature: row.signature,
    index: row.instructionIndex,
    wallet: row.wallet,
    sourceTokenAccount: row.sourceTokenAccount,
    tokenAccount: row.tokenAccount,
    mint: row.mint,
    decimals: row.decimals,
    amount: row.amount.toString(),
    state: depositApiState(row),
    payoutState: row.state,
    reason: row.reason,
    paid: row.paid?.toString() ?? null,
    payoutAmount: row.payoutAmount?.toString() ?? null,
    payoutSignature: row.payoutSignature,
    payoutAttempts: row.payoutAttempts,
    payoutError: row.payoutError,
    refundState: row.refundState,
    refundAmount: row.refundAmount?.toString() ?? null,
    refundSignature: row.refundSignature,
    refundNote: row.refundNote,
    refundError: row.refundError,
    blockTime: row.blockTime.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
  };
}
export type OpsDeposit = ReturnType<typeof depositForOps>;

export const DEPOSIT_LIST_FILTERS = ['refund_pending', 'open', 'all'] as const;

/**
 * `GET /api/v1/ops/deposits?filter=`: `refund_pending` (default: every refund waiting for an ops
 * action, the excess of partly paid deposits included), `open` (also payouts not yet settled), or
 * `all` (the newest 200).
 */
export async function listDepositsForOps(filter: string | null): Promise<OpsDeposit[]> {
  const chosen = filter ?? 'refund_pending';
  if (!(DEPOSIT_LIST_FILTERS as readonly string[]).includes(chosen)) throw new ApiError('BAD_REQUEST', `filter must be one of ${DEPOSIT_LIST_FILTERS.join(', ')}.`);
  const db = await getDb();
  const where =
    chosen === 'refund_pending'
      ? inArray(deposits.refundState, [REFUND_STATES.pending, REFUND_STATES.submitted])
      : chosen === 'open'
        ? or(inArray(deposits.refundState, [REFUND_STATES.pending, REFUND_STATES.submitted]), inArray(deposits.state, ['detected', 'payout_submitted']))
        : undefined;
  const rows = await db.select().from(deposits).where(where).orderBy(desc(deposits.blockTime)).limit(200);
  return rows.map(depositForOps);
}

/** One deposit by id, for ops. @throws ApiError NOT_FOUND */
export async function getDepositForOps(id: string): Promise<OpsDeposit> {
  const [row] = await (await getDb()).select().from(deposits).where(eq(deposits.id, id));
  if (!row) throw new ApiError('NOT_FOUND', 'No such deposit.');
  return depositForOps(row);
}

export const depositIdSchema = z.uuid('must be a deposit id');
export const refundSubmitSchema = z.object({ transaction: z.string().min(1).max(4096) }).strict();
export const rejectRefundSchema = z.object({ note: plainText(500, 'note') }).strict();
