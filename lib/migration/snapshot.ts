/**
 * The holder snapshot: parsing `wallet,balance_base_units` CSV files and loading them.
 * A file is taken whole or not at all: every problem is reported with its line number and
 * nothing is written.
 */
import type { Db } from '@/lib/db/client';
import { snapshotEntries } from '@/lib/db/schema';
import { recordCommitment } from '@/lib/snapshot/commitment';
import { isAddress } from '@/lib/solana/address';
import { U64_MAX } from '@/lib/solana/amounts';

export const SNAPSHOT_HEADER = 'wallet,balance_base_units';
const MAX_REPORTED_PROBLEMS = 50;

export type SnapshotRow = { wallet: string; allocation: bigint };

/** Thrown when a snapshot file is refused; `problems` carry 1-based line numbers. */
export class SnapshotFileError extends Error {
  constructor(readonly problems: { line: number; message: string }[]) {
    super(`The snapshot file was refused; nothing was imported:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`);
    this.name = 'SnapshotFileError';
  }
}

/**
 * Parses a snapshot CSV: header `wallet,balance_base_units`, then one `base58 wallet,base units`
 * per line (balance: a positive integer ≤ u64 max, no sign, no decimals). CRLF and a final
 * newline are accepted; blank lines inside the file are not.
 *
 * @throws SnapshotFileError listing (up to 50) problems: header, address, amount, duplicate, column count.
 */
export function parseSnapshotCsv(text: string): SnapshotRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const problems: { line: number; message: string }[] = [];
  if (lines[0]?.trim() !== SNAPSHOT_HEADER) {
    problems.push({ line: 1, message: `the header must be exactly "${SNAPSHOT_HEADER}" (found "${(lines[0] ?? '').slice(0, 80)}")` });
  }
  const rows: SnapshotRow[] = [];
  const firstSeen = new Map<string, number>();
  for (let i = 1; i < lines.length; i += 1) {
    const lineNumber = i + 1;
    const line = lines[i] ?? '';
    const columns = line.split(',');
    if (columns.length !== 2) {
      problems.push({ line: lineNumber, message: `expected 2 columns (wallet,balance_base_units), found ${line.trim() === '' ? 'an empty line' : columns.length}` });
      continue;
    }
    const [walletText = '', amountText = ''] = columns.map((c) => c.trim());
    const wallet = isAddress(walletText) ? walletText : null;
    if (wallet === null) problems.push({ line: lineNumber, message: `"${walletText.slice(0, 60)}" is not a base58 Solana address` });
    let allocation: bigint | null = null;
    if (!/^\d{1,20}$/.test(amountText)) {
      problems.push({ line: lineNumber, message: `"${amountText.slice(0, 40)}" is not a whole number of base units` });
    } else {
      allocation = BigInt(amountText);
      if (allocation === 0n) problems.push({ line: lineNumber, message: 'a balance of 0 is not an allocation; leave the wallet out' });
      else if (allocation > U64_MAX) problems.push({ line: lineNumber, message: `${amountText} is larger than u64 max` });
    }
    if (wallet) {
      const previous = firstSeen.get(wallet);
      if (previous !== undefined) problems.push({ line: lineNumber, message: `duplicate wallet ${wallet} (first on line ${previous})` });
      else firstSeen.set(wallet, lineNumber);
    }
    if (wallet && allocation !== null && allocation > 0n && allocation <= U64_MAX) rows.push({ wallet, allocation });
    if (problems.length >= MAX_REPORTED_PROBLEMS) break;
  }
  if (problems.length === 0 && rows.length === 0) problems.push({ line: 2, message: 'the file has no holders' });
  if (problems.length > 0) throw new SnapshotFileError(problems);
  return rows;
}

/**
 * Loads parsed rows in one database transaction. Re-importing the same snapshot is a no-op;
 * a row that would change an existing wallet's allocation refuses the whole import, because
 * migrations may already have been counted against it. In the same transaction it records the
 * Merkle root of the whole snapshot (lib/snapshot/commitment.ts), which the signed deployment
 * manifest publishes; re-importing also records it when it is missing (databases older than it).
 *
 * @returns how many rows were inserted and how many were already present, and the root in force.
 * @throws SnapshotFileError when an allocation would change (line numbers are of the data rows + 1).
 */
export async function importSnapshot(db: Db, rows: SnapshotRow[]): Promise<{ inserted: number; unchanged: number; merkleRoot: string | null }> {
  return db.transaction(async (tx) => {
    const existing = new Map((await tx.select().from(snapshotEntries)).map((e) => [e.wallet, e.allocation]));
    const changed = rows
      .map((row, index) => ({ row, line: index + 2 }))
      .filter(({ row }) => existing.has(row.wallet) && existing.get(row.wallet) !== row.allocation)
      .slice(0, MAX_REPORTED_PROBLEMS);
    if (changed.length > 0) {
      throw new SnapshotFileError(
        changed.map(({ row, line }) => ({ line, message: `${row.wallet} is already in the snapshot with ${String(existing.get(row.wallet))}; allocations cannot change` })),
      );
    }
    const fresh = rows.filter((row) => !existing.has(row.wallet));
    for (let i = 0; i < fresh.length; i += 1000) {
      await tx.insert(snapshotEntries).values(fresh.slice(i, i + 1000)).onConflictDoNothing();
    }
    const committed = await recordCommitment(tx);
    return { inserted: fresh.length, unchanged: rows.length - fresh.length, merkleRoot: committed?.commitment.merkleRoot ?? null };
  });
}
