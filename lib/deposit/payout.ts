import 'server-only';
import bs58 from 'bs58';
import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { readTokenAccount } from '@/lib/chain/deposits';
import { getRecentBlockhash } from '@/lib/chain/holder';
import { sendWithPreflight } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { type Deposit, DEPOSIT_STATES, type DepositReason, deposits } from '@/lib/db/schema';
import { findLandedPayout, payoutExpectation } from '@/lib/deposit/evidence';
import { confirmPayout, payoutRetryDelayMs, recordPayoutSendRefused, recordPayoutSigned, recordPayoutWait, recordUnpaid } from '@/lib/deposit/transitions';
import { combineMaintenance, type MaintenanceState, readMaintenance, readOpsMaintenanceFlag } from '@/lib/maintenance/server';
import { lockAllocation, readAllocation } from '@/lib/migration/allocation';
import { getKnownDrainers } from '@/lib/security/drainers';
import { convertAi16zToElizaos, roundDownToConvertible } from '@/lib/solana/amounts';
import { buildPayoutTransaction } from '@/lib/solana/payout';
import { verifyPayoutTransaction } from '@/lib/solana/payout-policy';

/**
 * The payout of detected deposits (DESIGN.md "Deposit and receive"). For each `detected` deposit:
 *
 * 1. What can never be paid is recorded `unpaid` with its reason (another mint; an unknown sender;
 *    an amount that does not add up; a deposit made before the window opened, after it closed, or
 *    while the kill switch was on): the whole amount waits for its refund.
 * 2. The chain is asked first whether a payout of this deposit already landed (its memo in the
 *    sender's ELIZAOS account history): a payout whose record was lost is recovered, never paid twice.
 * 3. Under the sender's snapshot row lock (the same lock as every atomic submit), paid =
 *    min(amount, remaining), rounded down to what converts exactly; none → `unpaid`
 *    (NOT_IN_SNAPSHOT, ALLOCATION_EXHAUSTED). The payout is built, checked by the payout policy
 *    (within the remaining allocation and the delegate's allowance), signed by the fee payer and
 *    the delegate, and recorded `payout_submitted` in the same commit; the kill switch is read
 *    once more there, under a share lock.
 * 4. It is sent once, with preflight, after the commit. The settlement (lib/deposit/settlement.ts)
 *    follows it.
 */

/** What one pass did with one deposit. */
export type PayoutOutcome = 'submitted' | 'unpaid' | 'recovered' | 'waiting' | 'skipped';

const RETRY_WHEN_WAITING_MS = 15_000;

/**
 * Whether the kill switch, as `state` shows it, forbids paying a deposit made at `madeAt`: a
 * deposit made while it was on is refunded (`unpaid` MAINTENANCE); one made before the runtime
 * flag went on waits until it is lifted.
 */
function maintenanceVerdict(state: MaintenanceState, madeAt: Date): 'pay' | 'wait' | 'refuse' {
  if (!state.on) return 'pay';
  if (state.source === 'ops' && state.since !== null && madeAt < state.since) return 'wait';
  if (state.source === 'unreadable') return 'wait';
  return 'refuse';
}

/** The reason a detected deposit can never be paid, whatever the allocation, or null. */
function neverPayable(row: Deposit): DepositReason | null {
  const config = getConfig();
  if (row.reason === 'AMOUNT_UNVERIFIED') return 'AMOUNT_UNVERIFIED';
  if (row.tokenAccount !== config.deposit.tokenAccount.toBase58() || row.mint !== config.mints.ai16z.address.toBase58()) return 'WRONG_MINT';
  if (!row.wallet) return 'SENDER_UNKNOWN';
  if (row.blockTime < config.window.opensAt) return 'WINDOW_NOT_OPEN';
  if (row.blockTime >= config.window.closesAt) return 'WINDOW_CLOSED';
  return null;
}

/**
 * Processes one detected deposit (see the module comment). Safe to call from any number of
 * requests and instances at once: every change is a guarded transition under the row lock.
 * @throws Error when the database fails; RPC failures leave the deposit `detected` (retried).
 */
export async function processDeposit(id: string, now = new Date()): Promise<PayoutOutcome> {
  const db = await getDb();
  const [row] = await db.select().from(deposits).where(eq(deposits.id, id));
  if (!row || row.state !== DEPOSIT_STATES.detected) return 'skipped';
  const never = neverPayable(row);
  if (never) return (await recordUnpaid(null, row.id, never)) ? 'unpaid' : 'skipped';
  const verdict = maintenanceVerdict(await readMaintenance(), row.blockTime);
  if (verdict === 'refuse') return (await recordUnpaid(null, row.id, 'MAINTENANCE')) ? 'unpaid' : 'skipped';
  if (verdict === 'wait') {
    await recordPayoutWait(row.id, 'the kill switch is on: payouts wait until it is lifted', new Date(now.getTime() + RETRY_WHEN_WAITING_MS));
    return 'waiting';
  }

  const config = getConfig();
  let blockhash: Awaited<ReturnType<typeof getRecentBlockhash>>;
  let allowance: bigint;
  try {
    const landed = await findLandedPayout(row, 'confirmed');
    if (landed.kind === 'landed') {
      if (await confirmPayout(row.id, DEPOSIT_STATES.detected, { signature: landed.signature, paid: landed.paid, payoutAmount: landed.payoutAmount, at: now })) {
        console.warn(`[deposits] deposit ${row.signature}:${row.instructionIndex} was already paid on chain (${landed.signature}) without a record: now paid`);
        return 'recovered';
      }
      return 'skipped';
    }
    if (landed.kind === 'inconclusive') {
      await recordPayoutWait(row.id, landed.reason, new Date(now.getTime() + RETRY_WHEN_WAITING_MS));
      return 'waiting';
    }
    blockhash = await getRecentBlockhash({ fresh: true });
    const treasury = await readTokenAccount(config.treasury.tokenAccount, config.mints.elizaos.programId);
    allowance = treasury?.delegate?.equals(config.treasury.delegate.publicKey) ? (treasury.delegatedAmount < treasury.amount ? treasury.delegatedAmount : treasury.amount) : 0n;
  } catch (error) {
    await recordPayoutWait(row.id, `the Solana network could not be read: ${error instanceof Error ? error.message : String(error)}`, new Date(now.getTime() + RETRY_WHEN_WAITING_MS));
    return 'waiting';
  }
  const knownDrainers = await getKnownDrainers();
  const { ai16z, elizaos } = config.mints;
  const wallet = row.wallet as string;

  const outcome = await db.transaction(async (tx): Promise<{ kind: 'unpaid' | 'skipped' | 'waiting' } | { kind: 'signed'; wire: Buffer }> => {
    const inSnapshot = await lockAllocation(tx, wallet);
    const [locked] = await tx.select().from(deposits).where(eq(deposits.id, row.id)).for('update');
    if (!locked || locked.state !== DEPOSIT_STATES.detected) return { kind: 'skipped' };
    if (!inSnapshot) return { kind: (await recordUnpaid(tx, row.id, 'NOT_IN_SNAPSHOT')) ? 'unpaid' : 'skipped' };
    // The last look at the kill switch, under a share lock on the flag (as the atomic submit does).
    let flag: MaintenanceState;
    try {
      flag = combineMaintenance(config.killSwitch, await readOpsMaintenanceFlag(tx, { lockForShare: true }));
    } catch {
      flag = combineMaintenance(config.killSwitch, null);
    }
    const last = maintenanceVerdict(flag, row.blockTime);
    if (last === 'refuse') return { kind: (await recordUnpaid(tx, row.id, 'MAINTENANCE')) ? 'unpaid' : 'skipped' };
    if (last === 'wait') return { kind: 'waiting' };

    const standing = await readAllocation(tx, wallet);
    const payable = roundDownToConvertible(row.amount < standing.remaining ? row.amount : standing.remaining, ai16z.decimals, elizaos.decimals, config.ratio);
    if (payable === 0n) return { kind: (await recordUnpaid(tx, row.id, 'ALLOCATION_EXHAUSTED')) ? 'unpaid' : 'skipped' };
    const amountOut = convertAi16zToElizaos(payable, ai16z.decimals, elizaos.decimals, config.ratio);
    const expected = payoutExpectation(row, amountOut);
    const transaction = buildPayoutTransaction({ ...expected, recentBlockhash: blockhash.blockhash });
    const maxAmountOut = convertAi16zToElizaos(roundDownToConvertible(standing.remaining, ai16z.decimals, elizaos.decimals, config.ratio), ai16z.decimals, elizaos.decimals, config.ratio);
    const unsigned = transaction.serialize({ requireAllSignatures: false, verifySignatures: false });
    const policy = verifyPayoutTransaction(unsigned, expected, { maxAmountOut, allowance, knownDrainers });
    if (!policy.ok) {
      // Never signed. ABOVE_ALLOWANCE is the expected one (ops top the allowance up); anything else is a bug.
      const why = policy.violations.map((v) => `${v.code}: ${v.message}`).join('; ');
      console.error(`[deposits] the payout of ${row.signature}:${row.instructionIndex} was refused by the payout policy, nothing signed: ${why}`);
      return { kind: 'waiting' };
    }
    transaction.partialSign(config.deposit.feePayer);
    if (!config.treasury.delegate.publicKey.equals(config.deposit.feePayer.publicKey)) transaction.partialSign(config.treasury.delegate);
    const wire = transaction.serialize({ requireAllSignatures: true, verifySignatures: true });
    if (!transaction.signature) throw new Error('the signed payout has no fee payer signature');
    const signature = bs58.encode(transaction.signature);
    const reason: DepositReason | null = payable < row.amount ? 'AMOUNT_EXCEEDS_REMAINING' : null;
    const recorded = await recordPayoutSigned(tx, row.id, { paid: payable, payoutAmount: amountOut, signature, transaction: wire.toString('base64'), lastValidBlockHeight: BigInt(blockhash.lastValidBlockHeight), reason, at: now });
    return recorded ? { kind: 'signed', wire } : { kind: 'skipped' };
  });
  if (outcome.kind === 'waiting') {
    await recordPayoutWait(row.id, 'the payout could not be signed now (kill switch unreadable, or the payout policy refused it: see the server log)', new Date(now.getTime() + payoutRetryDelayMs(row.payoutAttempts + 1)));
    return 'waiting';
  }
  if (outcome.kind !== 'signed') return outcome.kind;
  // Sent after the commit: a crash between the two leaves a recorded payout the settlement re-broadcasts.
  const sent = await sendWithPreflight(outcome.wire);
  if (sent.kind === 'refused') await recordPayoutSendRefused(row.id, sent.reason);
  else if (sent.kind === 'uncertain') console.warn(`[deposits] send of the payout of ${row.signature}:${row.instructionIndex} uncertain (${sent.reason}); the settlement follows it`);
  return 'submitted';
}

/** Detected deposits due for a payout (oldest first), at most `limit`. */
export async function dueDeposits(now = new Date(), limit = 64): Promise<string[]> {
  const rows = await (await getDb())
    .select({ id: deposits.id })
    .from(deposits)
    .where(and(eq(deposits.state, DEPOSIT_STATES.detected), or(isNull(deposits.payoutRetryAt), lte(deposits.payoutRetryAt, now))))
    .orderBy(asc(deposits.slot), asc(deposits.instructionIndex))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Processes every due deposit once, one at a time (each takes its sender's row lock).
 * @returns how many of each outcome.
 */
export async function payDueDeposits(now = new Date()): Promise<Record<PayoutOutcome, number>> {
  const counts: Record<PayoutOutcome, number> = { submitted: 0, unpaid: 0, recovered: 0, waiting: 0, skipped: 0 };
  for (const id of await dueDeposits(now)) counts[await processDeposit(id, now)] += 1;
  return counts;
}
