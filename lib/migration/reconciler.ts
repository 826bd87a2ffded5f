import 'server-only';
import { recoverMigrationsFromChain } from '@/lib/migration/chain-recovery';
import { reconcileMigrations } from '@/lib/migration/settlement';
import { expireStaleBuilds } from '@/lib/migration/transitions';
import { errorMessage, log } from '@/lib/observability/log';
import { payDueDeposits } from '@/lib/deposit/payout';
import { settleDeposits } from '@/lib/deposit/settlement';
import { watchDeposits } from '@/lib/deposit/watcher';

/**
 * The deposit half of a round (DESIGN.md "Deposit and receive"): the watcher records new final
 * deposits, due deposits are paid (or recorded unpaid), and payouts and refunds in flight are
 * settled from the chain. Each step's failure is logged and retried next round.
 */
export async function depositRound(): Promise<void> {
  const warn = (step: string) => (error: unknown) => log('deposit').warn({ event: 'deposit.step_failed', step, error: errorMessage(error) }, `${step} failed; retried next round`);
  await watchDeposits().catch(warn('watching'));
  await payDueDeposits().catch(warn('payouts'));
  await settleDeposits().catch(warn('settlement'));
}

/** The memo scan reads up to a page of treasury history: every this many rounds, and on the first. */
const RECOVER_EVERY_ROUNDS = 15;

/**
 * One reconciler round: with `recover`, first recovers rows the chain is ahead of by their memo
 * (lib/migration/chain-recovery.ts); then settles submitted migrations from the chain
 * (lib/migration/settlement.ts: confirm, fail on chain, re-broadcast while valid, release once
 * provably never landed) and expires stale unsigned builds; and runs the deposit round
 * ({@link depositRound}). Each step's failure is logged and
 * retried next round: an RPC outage delays settlement, it never loses a record or releases one.
 */
export async function reconcileRound(options: { recover: boolean } = { recover: true }): Promise<void> {
  const warn = (step: string) => (error: unknown) => log('migration').warn({ event: 'reconciler.step_failed', step, error: errorMessage(error) }, `${step} failed; retried next round`);
  if (options.recover) await recoverMigrationsFromChain().catch(warn('recovery by memo'));
  await Promise.all([reconcileMigrations().catch(warn('settlement')), expireStaleBuilds().catch(warn('expiry of stale builds')), depositRound()]);
}

/**
 * Runs {@link reconcileRound} at once (a restarted instance settles what a stopped one left in
 * flight, memo scan included) and then every `everyMs`, never two rounds at once.
 */
export function startReconciler(everyMs: number): () => void {
  let running = false;
  let rounds = 0;
  const round = () => {
    if (running) return;
    running = true;
    const recover = rounds % RECOVER_EVERY_ROUNDS === 0;
    rounds += 1;
    reconcileRound({ recover }).finally(() => {
      running = false;
    });
  };
  const timer = setInterval(round, everyMs);
  timer.unref();
  round();
  return () => clearInterval(timer);
}
