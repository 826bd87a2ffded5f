import 'server-only';
import type { PublicKey } from '@solana/web3.js';
import { and, eq, gt, inArray, or } from 'drizzle-orm';
import { getConnection } from '@/lib/chain';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { MEMO_PREFIX } from '@/lib/solana/constants';

/**
 * Rows released this recently are still looked for on chain: a build expires after 60 s while its
 * blockhash can land for up to ~150 blocks (60–90 s), so a lost-write row released at expiry may
 * land shortly after. Minutes are plenty.
 */
const RECENTLY_RELEASED_MS = 5 * 60_000;
/** Margin before the oldest candidate's creation (clock skew between this server and block times). */
const SCAN_MARGIN_MS = 2 * 60_000;
/** `getSignaturesForAddress` page size (the RPC maximum) and the most pages one round reads. */
const PAGE = 1_000;
const MAX_PAGES = 20;

const MEMO_ID = new RegExp(`${MEMO_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, 'g');

/** What one recovery round did. */
export type ChainRecovery = {
  /** Treasury signatures read. */
  scanned: number;
  /** Migration ids set to `confirmed` from the chain (they were built, expired or failed in the database). */
  recovered: string[];
  /** Landed migration memos naming an id the database does not have: logged loudly for ops. */
  unknown: { id: string; signature: string }[];
};

/**
 * Recovers migrations whose record is behind the chain, by the memo `elizaos-migration:v1:<id>`
 * every migration transaction carries. The regular reconciler follows a `submitted` row by its
 * recorded signature; this finds the ones whose signature the database does not hold: a `built`
 * row whose `submitted` write was lost (a crash before the commit reached disk, a failover, a
 * restore from backup), or an `expired`/`failed` row released while its transaction was landing.
 * Without it the allocation would count those tokens as never migrated, and the holder could
 * migrate them again.
 *
 * It reads the treasury token account's history (`getSignaturesForAddress`, newest first) back to
 * the oldest candidate's creation, and accepts a memo only from a successful transaction that the
 * treasury delegate signed and the row's wallet paid for (`getTransaction`): only this server holds
 * the delegate key, and it co-signs nothing but the policy-checked transaction of that migration,
 * so a memo copied into someone else's transaction is ignored.
 *
 * @returns what it scanned and changed.
 * @throws Error when the RPC is unreachable (nothing is changed for the rows not yet reached).
 */
export async function recoverMigrationsFromChain(now = new Date()): Promise<ChainRecovery> {
  const db = await getDb();
  const outcome: ChainRecovery = { scanned: 0, recovered: [], unknown: [] };
  const candidates = await db
    .select({ id: migrations.id, createdAt: migrations.createdAt })
    .from(migrations)
    .where(
      or(
        eq(migrations.state, MIGRATION_STATES.built),
        and(inArray(migrations.state, [MIGRATION_STATES.expired, MIGRATION_STATES.failed]), gt(migrations.settledAt, new Date(now.getTime() - RECENTLY_RELEASED_MS))),
      ),
    );
  if (candidates.length === 0) return outcome;
  const oldest = candidates.reduce((min, c) => Math.min(min, c.createdAt.getTime()), Number.POSITIVE_INFINITY);
  const sinceUnix = Math.floor((oldest - SCAN_MARGIN_MS) / 1000);

  const config = getConfig();
  const connection = getConnection();
  const found = new Map<string, string>();
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const entries = await connection.getSignaturesForAddress(config.treasury.tokenAccount, { before, limit: PAGE }, 'confirmed');
    outcome.scanned += entries.length;
    for (const entry of entries) {
      if (entry.err !== null || !entry.memo) continue;
      for (const match of entry.memo.matchAll(MEMO_ID)) if (match[1] && !found.has(match[1])) found.set(match[1], entry.signature);
    }
    const last = entries.at(-1);
    if (!last || entries.length < PAGE || (last.blockTime ?? 0) < sinceUnix) break;
    before = last.signature;
  }
  if (found.size === 0) return outcome;

  const rows = await db.select().from(migrations).where(inArray(migrations.id, [...found.keys()]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [id, signature] of found) {
    const row = byId.get(id);
    if (!row) {
      outcome.unknown.push({ id, signature });
      console.error(`[recovery] a migration transaction landed for id ${id} (signature ${signature}) that the database does not have: check the database against the chain`);
      continue;
    }
    if (row.state === MIGRATION_STATES.confirmed || row.state === MIGRATION_STATES.submitted) continue; // the reconciler follows these by signature
    if (!(await isOurMigrationTransaction(signature, row.wallet, config.treasury.delegate.publicKey))) continue;
    const updated = await db
      .update(migrations)
      .set({ state: MIGRATION_STATES.confirmed, signature, error: null, settledAt: now })
      .where(and(eq(migrations.id, id), eq(migrations.state, row.state)))
      .returning({ id: migrations.id });
    if (updated.length > 0) {
      outcome.recovered.push(id);
      console.warn(`[recovery] migration ${id} was ${row.state} in the database but landed on chain (${signature}): now confirmed`);
    }
  }
  return outcome;
}

/** Whether `signature` is a successful transaction paid by `wallet` and signed by the treasury delegate. */
async function isOurMigrationTransaction(signature: string, wallet: string, delegate: PublicKey): Promise<boolean> {
  const landed = await getConnection().getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
  if (!landed || landed.meta?.err) return false;
  const message = landed.transaction.message;
  const keys = message.staticAccountKeys;
  const signers = keys.slice(0, message.header.numRequiredSignatures);
  return keys[0]?.toBase58() === wallet && signers.some((k) => k.equals(delegate));
}
