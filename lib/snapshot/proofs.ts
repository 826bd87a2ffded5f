import 'server-only';
/**
 * Merkle proofs for the eligibility API: the snapshot tree is built once per process from the
 * database (and rebuilt when a new commitment appears), checked against the recorded root, and
 * kept in memory; a proof is then a walk of ~14 levels for 10,000 holders.
 */
import { getDb } from '@/lib/db';
import { loadSnapshotTree, latestCommitment } from '@/lib/snapshot/commitment';
import type { MerkleProof, MerkleTree } from '@/lib/snapshot/merkle';
import { log } from '@/lib/observability/log';

/** How long the commitment in force is trusted before it is read again, ms. */
const RECHECK_MS = 5_000;

type Cache = { root: string | null; tree: MerkleTree | null; checkedAt: number; loading: Promise<void> | null; status?: SnapshotStatus };

/** The snapshot tree as this process last checked it (`unknown` before the first check). */
export type SnapshotStatus = { status: 'ok' | 'empty' | 'uncommitted' | 'mismatch' | 'unknown'; merkleRoot: string | null; holders: number | null };
const KEY = Symbol.for('elizaos-migration.snapshot-tree');
type Holder = { [KEY]?: Cache };

function cache(): Cache {
  const holder = globalThis as Holder;
  holder[KEY] ??= { root: null, tree: null, checkedAt: 0, loading: null };
  return holder[KEY];
}

const reported = new Set<string>();
function reportOnce(message: string): void {
  if (reported.has(message)) return;
  reported.add(message);
  log('snapshot').error({ event: 'snapshot.proofs_unavailable', reason: message }, message);
}

async function refresh(c: Cache, now: number): Promise<void> {
  const db = await getDb();
  const latest = await latestCommitment(db);
  c.checkedAt = now;
  if (latest && latest.merkleRoot === c.root && c.tree) return;
  const state = await loadSnapshotTree(db);
  c.status = {
    status: state.status,
    merkleRoot: state.status === 'ok' || state.status === 'mismatch' ? state.commitment.merkleRoot : null,
    holders: state.status === 'ok' ? state.commitment.holders : state.status === 'empty' ? 0 : 'holders' in state ? state.holders : null,
  };
  if (state.status === 'ok') {
    c.root = state.commitment.merkleRoot;
    c.tree = state.tree;
    return;
  }
  c.root = null;
  c.tree = null;
  if (state.status === 'mismatch') {
    reportOnce(`snapshot entries no longer match the committed root ${state.commitment.merkleRoot} (they hash to ${state.computedRoot}): no proofs are served; run npm run doctor`);
  } else if (state.status === 'uncommitted') {
    reportOnce('the snapshot has no recorded commitment: import it again (npm run snapshot:import) to record its Merkle root');
  }
}

/**
 * The Merkle proof of a wallet's snapshot entry under the committed root, or null when the wallet
 * is not in the tree with that allocation, or no verified tree is available (no commitment, or
 * entries changed after it: logged). The browser then shows no allocation (fail closed).
 *
 * @param allocation the allocation the eligibility answer states (AI16Z base units)
 */
export async function getSnapshotProof(wallet: string, allocation: bigint, now = Date.now()): Promise<MerkleProof | null> {
  const c = cache();
  if (now - c.checkedAt > RECHECK_MS) {
    c.loading ??= refresh(c, now).finally(() => {
      c.loading = null;
    });
    await c.loading;
  }
  return c.tree?.proof(wallet, allocation) ?? null;
}

/** Builds the tree ahead of the first eligibility request (start-up); errors are only logged. */
export function warmSnapshotProofs(): void {
  const c = cache();
  c.loading ??= refresh(c, Date.now())
    .catch((error: unknown) => reportOnce(`could not build the snapshot tree: ${error instanceof Error ? error.message : String(error)}`))
    .finally(() => {
      c.loading = null;
    });
}

/** The snapshot tree's state as last checked (start-up, then at most every 5 s while proofs are asked for): for `/api/v1/health`. */
export function snapshotStatus(): SnapshotStatus {
  return cache().status ?? { status: 'unknown', merkleRoot: null, holders: null };
}
