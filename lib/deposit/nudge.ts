import 'server-only';
import type { DepositResponse } from '@/lib/api/types';
import { readTracedTransaction, type TracedTransaction } from '@/lib/chain/deposits';
import { detectDeposits } from '@/lib/deposit/detect';
import { processDeposit } from '@/lib/deposit/payout';
import { recordDetected } from '@/lib/deposit/transitions';
import { getDepositView } from '@/lib/deposit/view';
import { watchedAccounts } from '@/lib/deposit/watcher';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { DEPOSIT_STATES, deposits } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { parseSignature } from '@/lib/migration/input';
import { errorMessage, log } from '@/lib/observability/log';

function rpcUnavailable(signature: string, error: unknown): ApiError {
  log('deposit').warn({ event: 'deposit.nudge_rpc_failed', signature, error: errorMessage(error) }, 'the chain could not be read for a nudge');
  return new ApiError('RPC_UNAVAILABLE', 'The Solana network could not be read just now. Try again in a moment; your deposit is safe.', {}, 5);
}

/**
 * `POST /api/v1/deposits {signature}` (DESIGN.md "Deposit and receive"): a holder's nudge. The
 * transaction is read from the chain at `finalized`; its transfers into the deposit address are
 * recorded (once: the same key as the watcher's) and processed at once, so the holder need not
 * wait for the watcher's next round. Any number of nudges of one signature, at once or not, give
 * one record and at most one payout (guarded transitions under the wallet's row lock).
 *
 * A transaction that is confirmed but not yet final is answered `pending` with `finalized: false`
 * and nothing is recorded: it counts once it is final.
 *
 * @throws ApiError INVALID_SIGNATURE, DEPOSIT_NOT_FOUND (no such transaction on the cluster),
 *   NOT_A_DEPOSIT (it sent nothing to a deposit address, or failed), RPC_UNAVAILABLE.
 */
export async function nudgeDeposit(signatureText: string): Promise<{ status: 200 | 202; body: DepositResponse }> {
  const signature = parseSignature(signatureText);
  // Nudges of one signature arriving together (a page polling in several tabs, a holder pressing
  // again) share this instance's one look at the chain; across instances the guarded transitions
  // keep it to one record and one payout.
  const running = inFlight.get(signature);
  if (running) return running;
  const work = lookAndProcess(signature).finally(() => inFlight.delete(signature));
  inFlight.set(signature, work);
  return work;
}

/** This instance's nudges in progress, by signature. */
const inFlight = new Map<string, Promise<{ status: 200 | 202; body: DepositResponse }>>();

async function lookAndProcess(signature: string): Promise<{ status: 200 | 202; body: DepositResponse }> {
  const known = await getDepositView(signature);
  if (known && known.state !== 'pending') return { status: 200, body: known };
  let finalized: TracedTransaction | null;
  let accounts: Awaited<ReturnType<typeof watchedAccounts>>;
  try {
    [finalized, accounts] = await Promise.all([readTracedTransaction(signature, 'finalized'), watchedAccounts()]);
  } catch (error) {
    throw rpcUnavailable(signature, error);
  }
  if (!finalized) {
    let confirmed: TracedTransaction | null;
    try {
      confirmed = await readTracedTransaction(signature, 'confirmed');
    } catch (error) {
      throw rpcUnavailable(signature, error);
    }
    if (!confirmed) throw new ApiError('DEPOSIT_NOT_FOUND', 'The network has no transaction with this signature (yet). If you have just sent it, wait a moment and try again; otherwise check the signature.');
    const seen = detectDeposits({ ...confirmed, blockTime: confirmed.blockTime ?? Math.floor(Date.now() / 1000) }, accounts);
    if (seen.length === 0) throw notADeposit(confirmed);
    const amount = seen.reduce((sum, d) => sum + d.amount, 0n).toString();
    return {
      status: 202,
      body: { signature, wallet: seen[0]?.wallet ?? null, amount, paid: '0', state: 'pending', payoutSignature: null, reason: null, finalized: false, deposits: [] },
    };
  }
  const detected = detectDeposits(finalized, accounts);
  if (detected.length === 0) throw notADeposit(finalized);
  await recordDetected(await getDb(), detected);
  const db = await getDb();
  const due = await db.select({ id: deposits.id }).from(deposits).where(and(eq(deposits.signature, signature), eq(deposits.state, DEPOSIT_STATES.detected), or(isNull(deposits.payoutRetryAt), lte(deposits.payoutRetryAt, new Date()))));
  for (const row of due) await processDeposit(row.id);
  const view = await getDepositView(signature);
  if (!view) throw new Error(`deposit ${signature} was recorded but cannot be read back`);
  return { status: view.state === 'pending' ? 202 : 200, body: view };
}

function notADeposit(tx: TracedTransaction): ApiError {
  return new ApiError(
    'NOT_A_DEPOSIT',
    tx.err !== null
      ? 'This transaction failed on chain, so nothing was transferred. Nothing needs to be refunded.'
      : 'This transaction did not transfer anything to the deposit address. Check the signature, and that you sent to the address this portal publishes.',
  );
}
