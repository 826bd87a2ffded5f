import 'server-only';
import type { SignatureStatus } from '@solana/web3.js';
import { eq } from 'drizzle-orm';
import { withOneEndpoint } from '@/lib/chain';
import { readBlockHeights, readSignatureStatuses, rebroadcast } from '@/lib/chain/transactions';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { findLandedCopy } from '@/lib/migration/evidence';
import { log } from '@/lib/observability/log';
import { confirmLanded, failOnChain, releaseNeverLanded } from '@/lib/migration/transitions';

/** What a settlement pass did. */
export type SettlementCounts = { confirmed: number; failed: number; expired: number; rebroadcast: number };

type Signed = Migration & { signature: string };

function landedOk(status: SignatureStatus): boolean {
  // Nodes that predate `confirmationStatus` report a rooted transaction as `confirmations: null`.
  return status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized' || (status.confirmationStatus === undefined && status.confirmations === null);
}

/** The transitions a signature status alone proves: landed with no error → confirmed, with one → failed. */
async function settleByStatus(row: Signed, status: SignatureStatus | null, counts: SettlementCounts, at: Date): Promise<boolean> {
  if (!status) return false;
  if (status.err) {
    if (await failOnChain(row.id, { signature: row.signature, error: JSON.stringify(status.err), at })) counts.failed += 1;
    return true;
  }
  if (landedOk(status)) {
    if (await confirmLanded(row.id, MIGRATION_STATES.submitted, { signature: row.signature, at })) counts.confirmed += 1;
    return true;
  }
  return true; // processed, not yet confirmed: wait
}

/**
 * Settles `submitted` migrations from the chain (the reconciler's step; docs/DESIGN.md "The
 * allocation under any order of events"), for each:
 *
 * - its signature's status (whole history) shows it landed: `confirmed`, or `failed` when it
 *   landed with an error;
 * - no trace, and the `confirmed` block height is still ≤ its last valid block height: the
 *   recorded bytes are re-broadcast (no preflight: a node's simulation against the state of this
 *   instant decides nothing), so a transaction whose first send was lost or refused can still land;
 * - no trace, and the `finalized` block height is past its last valid block height: the wallet's
 *   finalized history is searched for any copy of the co-signed message (re-signed by the holder
 *   under another signature); a copy settles it as the copy landed; none releases it (`expired`).
 *   A history too long to read to the end proves nothing and the row waits.
 * - otherwise (past at `confirmed`, not yet at `finalized`): it waits for finality.
 *
 * No single RPC answer releases anything: a timeout or error aborts the pass (retried next round).
 * Every read of one pass goes to one RPC endpoint (no failover inside a pass; the next pass may
 * use another).
 *
 * @param rows the rows to settle (only `submitted` ones with a signature are looked at); default:
 *   up to 256 `submitted` rows.
 * @throws Error when the RPC is unreachable (rows already settled stay settled).
 */
export async function reconcileMigrations(rows?: Migration[], now = () => new Date()): Promise<SettlementCounts> {
  // Every read of the pass from one endpoint: the statuses, the heights and the history that
  // together release a migration are one node's view, never a mix (lib/chain/pool.ts).
  return withOneEndpoint(() => settlePass(rows, now));
}

async function settlePass(rows: Migration[] | undefined, now: () => Date): Promise<SettlementCounts> {
  const db = await getDb();
  const candidates = rows ?? (await db.select().from(migrations).where(eq(migrations.state, MIGRATION_STATES.submitted)).limit(256));
  const pending = candidates.filter((r): r is Signed => r.state === MIGRATION_STATES.submitted && r.signature !== null);
  const counts: SettlementCounts = { confirmed: 0, failed: 0, expired: 0, rebroadcast: 0 };
  if (pending.length === 0) return counts;
  const [statuses, heights] = await Promise.all([readSignatureStatuses(pending.map((r) => r.signature)), readBlockHeights()]);
  for (const [index, row] of pending.entries()) {
    if (await settleByStatus(row, statuses[index] ?? null, counts, now())) continue;
    if (heights.finalized > row.lastValidBlockHeight) {
      const copy = await findLandedCopy(row);
      if (copy.kind === 'landed') {
        if (await confirmLanded(row.id, MIGRATION_STATES.submitted, { signature: copy.signature, at: now() })) {
          counts.confirmed += 1;
          log('migration').warn({ event: 'settlement.copy_landed', id: row.id, wallet: row.wallet, signature: copy.signature, recordedSignature: row.signature }, 'landed under another signature of its message: confirmed');
        }
      } else if (copy.kind === 'failed') {
        if (await failOnChain(row.id, { signature: copy.signature, error: copy.error, at: now() })) counts.failed += 1;
      } else if (copy.kind === 'absent') {
        if (await releaseNeverLanded(row, { finalizedBlockHeight: heights.finalized, at: now() })) counts.expired += 1;
      } else {
        log('migration').warn({ event: 'settlement.waiting', id: row.id, wallet: row.wallet, signature: row.signature, reason: copy.reason }, 'stays submitted');
      }
    } else if (heights.confirmed <= row.lastValidBlockHeight && row.signedTransaction) {
      const sent = await rebroadcast(Buffer.from(row.signedTransaction, 'base64'));
      log('migration').info({ event: 'migration.rebroadcast', id: row.id, wallet: row.wallet, signature: row.signature, outcome: sent.kind }, 're-broadcast while its blockhash is valid');
      counts.rebroadcast += 1;
    }
  }
  return counts;
}

/**
 * The read side's settlement (`GET /api/v1/migrations/{id}`): only what a signature status proves
 * (landed → confirmed or failed). It never sends, never releases, never scans history.
 * @throws Error when the RPC is unreachable.
 */
export async function settleFromStatuses(rows: Migration[]): Promise<void> {
  const pending = rows.filter((r): r is Signed => r.state === MIGRATION_STATES.submitted && r.signature !== null);
  if (pending.length === 0) return;
  const statuses = await readSignatureStatuses(pending.map((r) => r.signature));
  const counts: SettlementCounts = { confirmed: 0, failed: 0, expired: 0, rebroadcast: 0 };
  for (const [index, row] of pending.entries()) await settleByStatus(row, statuses[index] ?? null, counts, new Date());
}
