import 'server-only';
import { and, eq, gt, inArray, or } from 'drizzle-orm';
import { withOneEndpoint } from '@/lib/chain';
import { type HistoryEntry, readAddressHistory, readLandedTransaction } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { isOurTransaction } from '@/lib/migration/evidence';
import { confirmLanded } from '@/lib/migration/transitions';
import { MEMO_PREFIX } from '@/lib/solana/constants';
import { log } from '@/lib/observability/log';
import { UUID_SOURCE } from '@/lib/text/patterns';

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
/**
 * The most transactions one round fetches to check (`getTransaction`): anyone can land memos
 * naming ids, each costing them a fee and this server a read; the rest waits for the next round.
 */
const MAX_LOOKUPS = 200;

const MEMO_ID = new RegExp(`${MEMO_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(${UUID_SOURCE})`, 'g');

/** What one recovery round did. */
export type ChainRecovery = {
  /** Treasury signatures read. */
  scanned: number;
  /** Migration ids set to `confirmed` from the chain (they were built, expired or failed in the database). */
  recovered: string[];
  /**
   * Landed transactions the treasury delegate signed whose memo names an id the database does
   * not have: logged loudly for ops (the database lost a build the server co-signed). A memo
   * without the delegate's signature is anyone's text and no alarm.
   */
  unknown: { id: string; signature: string }[];
};

/**
 * Recovers migrations whose record is behind the chain, by the memo `elizaos-migration:v1:<id>`
 * every migration transaction carries. The regular settlement follows a `submitted` row by its
 * recorded signature; this finds the ones whose signature the database does not hold: a `built`
 * row whose `submitted` write was lost (a crash before the commit reached disk, a failover, a
 * restore from backup), or an `expired`/`failed` row released while its transaction was landing.
 * Without it the allocation would count those tokens as never migrated, and the holder could
 * migrate them again.
 *
 * It reads the treasury token account's history (`getSignaturesForAddress` at `confirmed`, newest
 * first) back to the oldest candidate's creation, keeps *every* successful entry whose memo names
 * a candidate (anyone can land a memo naming any id, so the newest such entry need not be ours),
 * and accepts one only when it is verifiably the migration's own transaction
 * (lib/migration/evidence.ts `isOurTransaction`: the delegate signed it, the wallet paid, the
 * exact co-signed message). Memos naming ids the database lacks are checked the same way before
 * they raise an alarm.
 *
 * @returns what it scanned and changed.
 * @throws Error when the RPC is unreachable (nothing is changed for the rows not yet reached).
 */
export async function recoverMigrationsFromChain(now = new Date()): Promise<ChainRecovery> {
  // History pages and the transactions they name from one endpoint's view of the chain.
  return withOneEndpoint(() => recoverPass(now));
}

async function recoverPass(now: Date): Promise<ChainRecovery> {
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
  /** Every successful entry per id named in a memo, newest first. */
  const named = new Map<string, HistoryEntry[]>();
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const entries = await readAddressHistory(config.treasury.tokenAccount, { before, limit: PAGE, commitment: 'confirmed' });
    outcome.scanned += entries.length;
    for (const entry of entries) {
      if (entry.failed || !entry.memo) continue;
      for (const match of entry.memo.matchAll(MEMO_ID)) {
        const id = match[1];
        if (id) named.set(id, [...(named.get(id) ?? []), entry]);
      }
    }
    const last = entries.at(-1);
    if (!last || entries.length < PAGE || (last.blockTime !== null && last.blockTime < sinceUnix)) break;
    before = last.signature;
  }
  if (named.size === 0) return outcome;

  const rows = await db.select().from(migrations).where(inArray(migrations.id, [...named.keys()]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const delegate = config.treasury.delegate.publicKey.toBase58();
  let lookups = 0;
  const landed = async (signature: string) => {
    lookups += 1;
    return readLandedTransaction(signature, 'confirmed');
  };
  for (const [id, entries] of named) {
    const row = byId.get(id);
    // The settlement follows submitted rows by signature (and finds copies of their message); confirmed ones are done.
    if (row && (row.state === MIGRATION_STATES.confirmed || row.state === MIGRATION_STATES.submitted)) continue;
    for (const entry of entries) {
      if (lookups >= MAX_LOOKUPS) {
        log('migration').warn({ event: 'recovery.lookup_limit', lookups: MAX_LOOKUPS }, `${MAX_LOOKUPS} transactions checked this round; the rest waits for the next one`);
        return outcome;
      }
      const transaction = await landed(entry.signature);
      if (!transaction || transaction.err !== null) continue;
      if (!row) {
        if (!transaction.signers.includes(delegate)) continue;
        outcome.unknown.push({ id, signature: entry.signature });
        log('migration').error(
          { event: 'recovery.unknown_migration', id, wallet: transaction.signers[0], signature: entry.signature },
          'a migration transaction the treasury delegate signed landed for an id the database does not have: check the database against the chain',
        );
        break;
      }
      if (!isOurTransaction(row, transaction)) continue;
      if (await recover(row, entry.signature, now)) outcome.recovered.push(id);
      break;
    }
  }
  return outcome;
}

async function recover(row: Migration, signature: string, now: Date): Promise<boolean> {
  const done = await confirmLanded(row.id, row.state, { signature, at: now });
  if (done) log('migration').warn({ event: 'recovery.confirmed', id: row.id, wallet: row.wallet, signature, was: row.state }, `migration was ${row.state} in the database but landed on chain: now confirmed`);
  return done;
}
