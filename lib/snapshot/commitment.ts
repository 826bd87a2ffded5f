/**
 * The snapshot commitment in the database: computing the Merkle root of every snapshot entry,
 * recording it when a snapshot is imported, and rebuilding the tree (checked against the recorded
 * root) to answer proofs. No `server-only`: the import CLI, the doctor and the server all use it.
 */
import { desc } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { type SnapshotCommitment, snapshotCommitments, snapshotEntries } from '@/lib/db/schema';
import { MERKLE_ENCODING, MerkleTree } from '@/lib/snapshot/merkle';

export type { SnapshotCommitment } from '@/lib/db/schema';


/** The commitment of a set of entries: root (hex), holder count and total (AI16Z base units). */
export type CommitmentFigures = { merkleRoot: string; holders: number; total: bigint; tree: MerkleTree };

/**
 * Computes the commitment of `entries` (any order).
 * @throws MerkleInputError when there are none or one cannot be encoded.
 */
export function computeCommitment(entries: readonly { wallet: string; allocation: bigint }[]): CommitmentFigures {
  const tree = MerkleTree.fromEntries(entries);
  const total = entries.reduce((sum, e) => sum + e.allocation, 0n);
  return { merkleRoot: tree.rootHex, holders: tree.size, total, tree };
}

/** The commitment in force (the latest recorded), or null when no snapshot was ever committed. */
export async function latestCommitment(db: Queryable): Promise<SnapshotCommitment | null> {
  const [row] = await db.select().from(snapshotCommitments).orderBy(desc(snapshotCommitments.id)).limit(1);
  return row ?? null;
}

/**
 * Records the commitment of every entry now in `snapshot_entries`, inside the caller's
 * transaction (the snapshot import's), unless the latest one already has that root.
 *
 * @returns the commitment in force afterwards, and whether a new row was written; null when the
 *   snapshot is empty.
 */
export async function recordCommitment(tx: Queryable): Promise<{ commitment: SnapshotCommitment; created: boolean } | null> {
  const entries = await tx.select({ wallet: snapshotEntries.wallet, allocation: snapshotEntries.allocation }).from(snapshotEntries);
  if (entries.length === 0) return null;
  const figures = computeCommitment(entries);
  const latest = await latestCommitment(tx);
  if (latest && latest.merkleRoot === figures.merkleRoot) return { commitment: latest, created: false };
  const [row] = await tx
    .insert(snapshotCommitments)
    .values({ merkleRoot: figures.merkleRoot, holders: figures.holders, total: figures.total.toString(), encoding: MERKLE_ENCODING })
    .returning();
  if (!row) throw new Error('the snapshot commitment was not recorded');
  return { commitment: row, created: true };
}

/** The tree rebuilt from the entries, and whether it matches the recorded commitment. */
export type SnapshotTreeState =
  | { status: 'ok'; commitment: SnapshotCommitment; tree: MerkleTree }
  | { status: 'empty' }
  | { status: 'uncommitted'; holders: number }
  | { status: 'mismatch'; commitment: SnapshotCommitment; computedRoot: string; holders: number };

/**
 * Rebuilds the tree from `snapshot_entries` and compares its root with the recorded commitment.
 * `mismatch` means entries changed after the commitment was recorded (not through an import):
 * proofs must not be served from either side until someone looks.
 */
export async function loadSnapshotTree(db: Queryable): Promise<SnapshotTreeState> {
  const [entries, commitment] = await Promise.all([
    db.select({ wallet: snapshotEntries.wallet, allocation: snapshotEntries.allocation }).from(snapshotEntries),
    latestCommitment(db),
  ]);
  if (entries.length === 0) return { status: 'empty' };
  const { tree } = computeCommitment(entries);
  if (!commitment) return { status: 'uncommitted', holders: tree.size };
  if (commitment.merkleRoot !== tree.rootHex) return { status: 'mismatch', commitment, computedRoot: tree.rootHex, holders: tree.size };
  return { status: 'ok', commitment, tree };
}
