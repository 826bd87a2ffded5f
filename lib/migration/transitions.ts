import 'server-only';
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import type { Queryable } from '@/lib/db/client';
import { type Migration, MIGRATION_STATES, type MigrationState, migrations } from '@/lib/db/schema';
import { log } from '@/lib/observability/log';
import { countTransition } from '@/lib/observability/metrics';

/**
 * The one module that writes `migrations` rows: every state change is a guarded transition,
 * `UPDATE … WHERE id = ? AND state = <from> RETURNING`, so two app instances (or a reconciler
 * and a request) racing on one row never overwrite each other: exactly one wins, the other sees
 * `false` and re-reads. The database refuses any other transition (trigger of migration 0006).
 * What the chain must show for each is the caller's proof, named in each function
 * (docs/DESIGN.md "The allocation under any order of events"):
 *
 * | from → to                | made by                         | the chain must show                                        |
 * |--------------------------|---------------------------------|------------------------------------------------------------|
 * | (none) → built           | build                           | nothing (an unsigned offer: reserves nothing)              |
 * | built → expired          | submit, reconciler              | nothing: never co-signed, its offer (expiresAt) ran out    |
 * | built/expired (label only) | decline (the page's report)   | nothing: sets declinedAt; never a transition (the report carries no signature) |
 * | built → submitted        | submit, under the wallet lock   | nothing: co-signed now; counts against the allocation      |
 * | submitted → confirmed    | reconciler, GET (status only)   | the signature (or a copy of the message) landed, no error  |
 * | submitted → failed       | reconciler, GET (status only)   | the signature (or a copy) landed with an error             |
 * | submitted → expired      | reconciler                      | `finalized` height > last valid block height, and neither the signature nor any copy of the message landed |
 * | built/expired/failed → confirmed | memo recovery           | a landed transaction that is verifiably this migration's   |
 */

/** What every transition's RETURNING gives back: enough for the event line ops search by. */
const RETURNED = { id: migrations.id, wallet: migrations.wallet, signature: migrations.signature };
type Returned = { id: string; wallet: string; signature: string | null };

/**
 * Counts and logs each row that changed (`migration_transitions_total`, one `migration.<to>` line
 * carrying the migration id, the wallet and the signature: how ops find a victim's transactions).
 * @returns whether any row changed.
 */
function transitioned(rows: Returned[], from: MigrationState | null, to: MigrationState, detail: Record<string, unknown> = {}): boolean {
  const logger = log('migration');
  for (const row of rows) {
    countTransition(from ?? 'none', to);
    logger.info({ event: `migration.${to}`, id: row.id, wallet: row.wallet, signature: row.signature, from, ...detail }, `${from ?? 'new'} → ${to}`);
  }
  return rows.length > 0;
}

type NewMigration = typeof migrations.$inferInsert;

/** (none) → built: the unsigned offer of `POST /api/v1/migrations`. */
export async function recordBuilt(values: Omit<NewMigration, 'state' | 'signature' | 'signedTransaction' | 'submittedAt' | 'settledAt' | 'error' | 'sendError' | 'declinedAt'>): Promise<void> {
  await (await getDb()).insert(migrations).values({ ...values, state: MIGRATION_STATES.built });
  transitioned([{ id: values.id ?? '', wallet: values.wallet, signature: null }], null, MIGRATION_STATES.built, { amountIn: values.amountIn.toString(), amountOut: values.amountOut.toString() });
}

/**
 * built → expired, for one build whose offer ran out (`expiresAt` ≤ `now`) before it was signed.
 * @returns false when the row was not `built` (another submit co-signed it first) or not yet due.
 */
export async function expireUnsignedBuild(id: string, now: Date): Promise<boolean> {
  const rows = await (await getDb())
    .update(migrations)
    .set({ state: MIGRATION_STATES.expired, settledAt: now, error: 'the transaction was not signed before its offer expired' })
    .where(and(eq(migrations.id, id), eq(migrations.state, MIGRATION_STATES.built), lte(migrations.expiresAt, now)))
    .returning(RETURNED);
  return transitioned(rows, MIGRATION_STATES.built, MIGRATION_STATES.expired, { reason: 'offer expired unsigned' });
}

/**
 * Records that the holder declined this build in the wallet (the page reports it:
 * `POST /api/v1/migrations/{id}/decline`), so its receipt and the history say "declined", not
 * "expired". A label, not a transition: the report carries no signature (anyone who knows the id
 * could send it, and ids are public in the wallet's history), so it must not end the build. The
 * build stays `built` and submittable by the holder until its offer runs out, then expires as any
 * build does. Guarded by `state IN (built, expired) AND signature IS NULL AND declined_at IS NULL`
 * (never co-signed, so nothing was reserved and nothing is released).
 * @returns false when the row was co-signed, or already declined.
 */
export async function declineUnsignedBuild(id: string, now: Date): Promise<boolean> {
  const rows = await (await getDb())
    .update(migrations)
    .set({ declinedAt: now })
    .where(and(eq(migrations.id, id), inArray(migrations.state, [MIGRATION_STATES.built, MIGRATION_STATES.expired]), isNull(migrations.signature), isNull(migrations.declinedAt)))
    .returning({ id: migrations.id });
  return rows.length > 0;
}

/** built → expired for every build past its offer (bookkeeping: an unsigned build never held allocation). @returns how many. */
export async function expireStaleBuilds(now = new Date()): Promise<number> {
  const rows = await (await getDb())
    .update(migrations)
    .set({ state: MIGRATION_STATES.expired, settledAt: now, error: 'the transaction was not signed before its offer expired' })
    .where(and(eq(migrations.state, MIGRATION_STATES.built), lte(migrations.expiresAt, now)))
    .returning(RETURNED);
  transitioned(rows, MIGRATION_STATES.built, MIGRATION_STATES.expired, { reason: 'offer expired unsigned' });
  return rows.length;
}

/**
 * built → submitted: the treasury delegate co-signed it. Call inside the database transaction that
 * holds the wallet's allocation lock and checked the remaining allocation, so the co-signed
 * amount counts from the same commit on.
 * @returns false when the row was no longer `built`.
 */
export async function recordCoSigned(tx: Queryable, id: string, cosigned: { signature: string; signedTransaction: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(migrations)
    .set({ state: MIGRATION_STATES.submitted, signature: cosigned.signature, signedTransaction: cosigned.signedTransaction, submittedAt: cosigned.at })
    .where(and(eq(migrations.id, id), eq(migrations.state, MIGRATION_STATES.built)))
    .returning(RETURNED);
  // Logged at once, before the commit: a line for a co-signature whose transaction then rolls back
  // is harmless; a missing line for one that committed would not be.
  return transitioned(rows, MIGRATION_STATES.built, MIGRATION_STATES.submitted, { note: 'co-signed by the treasury delegate' });
}

/**
 * A node's preflight refused a send of a `submitted` migration: recorded for the holder and ops;
 * the state does not change (the same bytes may still land while the blockhash is valid).
 */
export async function recordSendRefused(id: string, reason: string): Promise<void> {
  await (await getDb())
    .update(migrations)
    .set({ sendError: reason.slice(0, 300) })
    .where(and(eq(migrations.id, id), eq(migrations.state, MIGRATION_STATES.submitted)));
}

/**
 * `from` → confirmed: the chain shows `signature`, this migration's co-signed message, landed
 * without error (`from` = submitted: by its status; built/expired/failed: found by memo recovery).
 * `signature` may differ from the recorded one when a re-signed copy of the same message landed.
 * @returns false when the row was not in `from` any more.
 */
export async function confirmLanded(id: string, from: MigrationState, landed: { signature: string; at: Date }): Promise<boolean> {
  const rows = await (await getDb())
    .update(migrations)
    .set({ state: MIGRATION_STATES.confirmed, signature: landed.signature, error: null, sendError: null, declinedAt: null, settledAt: landed.at })
    .where(and(eq(migrations.id, id), eq(migrations.state, from)))
    .returning(RETURNED);
  return transitioned(rows, from, MIGRATION_STATES.confirmed);
}

/** How `failOnChain` starts the row's `error`; the chain's own error follows (lib/migration/view.ts `chainErrorOf`). */
export const FAILED_ON_CHAIN_PREFIX = 'the transaction failed on chain: ';

/**
 * submitted → failed: the chain shows this migration's message landed *with an error* (the runtime
 * rolled it back and charged the fee). Being processed, the message can never land again.
 * Never from a refused preflight, a timeout or a 5xx.
 */
export async function failOnChain(id: string, landed: { signature: string; error: string; at: Date }): Promise<boolean> {
  const rows = await (await getDb())
    .update(migrations)
    .set({ state: MIGRATION_STATES.failed, signature: landed.signature, error: `${FAILED_ON_CHAIN_PREFIX}${landed.error}`.slice(0, 500), settledAt: landed.at })
    .where(and(eq(migrations.id, id), eq(migrations.state, MIGRATION_STATES.submitted)))
    .returning(RETURNED);
  return transitioned(rows, MIGRATION_STATES.submitted, MIGRATION_STATES.failed, { error: landed.error.slice(0, 200) });
}

/**
 * submitted → expired: the allocation is released. Proof required of the caller: the block
 * height at `finalized` is past the row's last valid block height (so no copy of its message can
 * ever land), its signature is absent from the whole history, and so is any copy of its message.
 */
export async function releaseNeverLanded(row: Pick<Migration, 'id' | 'lastValidBlockHeight'>, proof: { finalizedBlockHeight: bigint; at: Date }): Promise<boolean> {
  if (proof.finalizedBlockHeight <= row.lastValidBlockHeight) throw new Error(`migration ${row.id} may still land (finalized height ${proof.finalizedBlockHeight} ≤ ${row.lastValidBlockHeight})`);
  const rows = await (await getDb())
    .update(migrations)
    .set({
      state: MIGRATION_STATES.expired,
      error: `the transaction did not land before its blockhash expired (last valid block height ${row.lastValidBlockHeight}, finalized height ${proof.finalizedBlockHeight})`,
      settledAt: proof.at,
    })
    .where(and(eq(migrations.id, row.id), eq(migrations.state, MIGRATION_STATES.submitted)))
    .returning(RETURNED);
  return transitioned(rows, MIGRATION_STATES.submitted, MIGRATION_STATES.expired, { lastValidBlockHeight: row.lastValidBlockHeight.toString(), finalizedBlockHeight: proof.finalizedBlockHeight.toString() });
}
