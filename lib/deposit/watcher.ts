import 'server-only';
import { PublicKey } from '@solana/web3.js';
import { eq } from 'drizzle-orm';
import { readOwnedTokenAccounts, readTracedTransaction, type TracedTransaction } from '@/lib/chain/deposits';
import { readAddressHistory, readLandedTransaction } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { deposits, depositWatchCursors, REFUND_STATES } from '@/lib/db/schema';
import { detectDeposits, type WatchedAccount } from '@/lib/deposit/detect';
import { landedAsTransaction } from '@/lib/deposit/evidence';
import { refundExpectation } from '@/lib/deposit/refund';
import { confirmRefund, recordDetected } from '@/lib/deposit/transitions';
import { depositKeyInMemo } from '@/lib/solana/payout';
import { verifyRefundTransaction } from '@/lib/solana/payout-policy';

/**
 * The deposit watcher (DESIGN.md "Deposit and receive"): reads, at `finalized`, the history of the
 * deposit token account and of every other token account the deposit owner has (a deposit of
 * another mint lands in one of those), from the last processed signature on
 * (`getSignaturesForAddress` with `until`, paged back with `before`), oldest first, and records
 * each transfer in (`getTransaction`, lib/deposit/detect.ts) together with the new cursor in one
 * commit. A restart resumes from the cursor; a deposit seen twice (a repeated or reordered answer,
 * a nudge, a second instance) is recorded once (its key is unique). A refund the watcher sees land
 * (its memo, verifiably the owner's refund) settles that refund.
 */

const PAGE = 1_000;
/** History pages read back to the cursor at most; beyond, the watcher waits rather than skip a gap. */
const MAX_PAGES = 50;
/** Transactions fetched per account per round; the rest next round (spam costs its sender a fee each). */
const MAX_LOOKUPS = 200;
/** The owner's token accounts are listed again this often (a new mint sent to it creates one). */
const LIST_EVERY_MS = 60_000;

let watched: { accounts: WatchedAccount[]; listedAt: number } | undefined;

/**
 * The watched accounts: the deposit token account first, then the deposit owner's other token
 * accounts (listed at most every minute).
 * @throws Error when the RPC is unreachable and no earlier list exists.
 */
export async function watchedAccounts(now = Date.now()): Promise<WatchedAccount[]> {
  const config = getConfig();
  const deposit: WatchedAccount = { address: config.deposit.tokenAccount.toBase58(), mint: config.mints.ai16z.address.toBase58(), programId: config.mints.ai16z.programId.toBase58() };
  if (!watched || now - watched.listedAt > LIST_EVERY_MS) {
    try {
      const owned = await readOwnedTokenAccounts(config.deposit.owner);
      const others = owned.filter((a) => !a.address.equals(config.deposit.tokenAccount)).map((a) => ({ address: a.address.toBase58(), mint: a.mint.toBase58(), programId: a.programId.toBase58() }));
      watched = { accounts: [deposit, ...others], listedAt: now };
    } catch (error) {
      if (!watched) return [deposit];
      console.warn('[deposits] the deposit owner’s token accounts could not be listed; watching the last list:', error instanceof Error ? error.message : error);
    }
  }
  return watched?.accounts ?? [deposit];
}

/** What one watcher round did. */
export type WatchRound = { scanned: number; recorded: string[]; refundsSeen: number; complete: boolean };

/**
 * One round over every watched account (see the module comment).
 * @returns the deposits recorded now (their ids).
 * @throws Error when the RPC is unreachable (the cursor stays where the last commit put it).
 */
export async function watchDeposits(): Promise<WatchRound> {
  const round: WatchRound = { scanned: 0, recorded: [], refundsSeen: 0, complete: true };
  const accounts = await watchedAccounts();
  for (const account of accounts) await watchAccount(account, accounts, round);
  return round;
}

async function watchAccount(account: WatchedAccount, all: readonly WatchedAccount[], round: WatchRound): Promise<void> {
  const db = await getDb();
  const [cursor] = await db.select().from(depositWatchCursors).where(eq(depositWatchCursors.account, account.address));
  const address = new PublicKey(account.address);
  // Newest first, back to the cursor: every page is strictly older than the last.
  const pending: { signature: string; slot: number; failed: boolean }[] = [];
  let before: string | undefined;
  let reached = false;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const entries = await readAddressHistory(address, { before, until: cursor?.lastSignature, limit: PAGE, commitment: 'finalized' });
    for (const e of entries) if (!pending.some((p) => p.signature === e.signature)) pending.push({ signature: e.signature, slot: e.slot, failed: e.failed });
    if (entries.length < PAGE) {
      reached = true;
      break;
    }
    before = entries.at(-1)?.signature;
  }
  if (!reached) {
    round.complete = false;
    console.error(`[deposits] more than ${MAX_PAGES * PAGE} new transactions mention ${account.address}: the watcher cannot reach its cursor and waits (nothing is skipped)`);
    return;
  }
  // Oldest first; in a slot, the node's order (newest first) reversed.
  const oldestFirst = pending.map((p, i) => ({ ...p, i })).sort((a, b) => a.slot - b.slot || b.i - a.i);
  let lookups = 0;
  for (const entry of oldestFirst) {
    if (cursor && entry.slot < cursor.lastSlot) continue; // an answer older than the cursor: already processed
    let tx: TracedTransaction | null = null;
    if (!entry.failed) {
      if (lookups >= MAX_LOOKUPS) {
        round.complete = false;
        return;
      }
      lookups += 1;
      tx = await readTracedTransaction(entry.signature, 'finalized');
      // Listed at finalized but not served at finalized: this node is inconsistent; try again next round, from here.
      if (!tx) {
        round.complete = false;
        return;
      }
    }
    round.scanned += 1;
    const detected = tx ? detectDeposits(tx, all) : [];
    await db.transaction(async (t) => {
      round.recorded.push(...(await recordDetected(t, detected)));
      await t
        .insert(depositWatchCursors)
        .values({ account: account.address, lastSignature: entry.signature, lastSlot: entry.slot, updatedAt: new Date() })
        .onConflictDoUpdate({ target: depositWatchCursors.account, set: { lastSignature: entry.signature, lastSlot: entry.slot, updatedAt: new Date() } });
    });
    if (tx) round.refundsSeen += await settleRefundsSeen(tx);
  }
}

/** A refund memo in a landed transaction: the refund of that deposit landed, when the refund policy says it is exactly it. */
async function settleRefundsSeen(tx: TracedTransaction): Promise<number> {
  if (tx.err !== null) return 0;
  const memo = tx.instructions.find((ix) => depositKeyInMemo(Buffer.from(ix.data).toString('utf8'), 'refund'));
  const key = memo ? depositKeyInMemo(Buffer.from(memo.data).toString('utf8'), 'refund') : null;
  if (!key) return 0;
  const db = await getDb();
  const [row] = await db.select().from(deposits).where(eq(deposits.signature, key.signature)).then((rows) => rows.filter((r) => r.instructionIndex === key.instructionIndex));
  if (!row || (row.refundState !== REFUND_STATES.pending && row.refundState !== REFUND_STATES.submitted)) return 0;
  const landed = await readLandedTransaction(tx.signature, 'finalized');
  if (!landed) return 0;
  const transaction = landedAsTransaction(landed);
  if (!transaction || !verifyRefundTransaction(transaction, refundExpectation(row)).ok) return 0;
  return (await confirmRefund(row.id, row.refundState, { signature: tx.signature, at: new Date() })) ? 1 : 0;
}
