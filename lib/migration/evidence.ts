import 'server-only';
import { PublicKey, Transaction, VersionedMessage, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { type HistoryEntry, type LandedTransaction, readAddressHistory, readLandedTransaction } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import type { Migration } from '@/lib/db/schema';
import { expectedMigration } from '@/lib/migration/build';
import { MEMO_PREFIX } from '@/lib/solana/constants';
import { verifyMigrationTransaction } from '@/lib/solana/policy';

/**
 * What the chain proves about one migration, beyond its recorded signature (docs/DESIGN.md "The
 * allocation under any order of events"). A signature does not identify a message: Ed25519 lets
 * the holder sign the same message again with another valid signature, so the co-signed message
 * can land under a signature the database never saw. A cluster processes a message once
 * (its status cache), so at most one copy lands; these functions find it.
 */

/**
 * Whether `landed` is verifiably this migration's co-signed transaction: the treasury delegate
 * signed it (the runtime verified every signature before it landed, and only this server holds
 * the delegate key), the row's wallet paid for it, and its message is exactly the one co-signed
 * (when the database kept it) or else passes the transaction policy for this row with its recent
 * blockhash (a row whose submit was lost, e.g. restored from a backup). A transaction that
 * merely mentions the migration's memo is not.
 */
export function isOurTransaction(row: Pick<Migration, 'id' | 'wallet' | 'amountIn' | 'amountOut' | 'recentBlockhash' | 'signedTransaction'>, landed: LandedTransaction): boolean {
  const delegate = getConfig().treasury.delegate.publicKey.toBase58();
  if (landed.signers[0] !== row.wallet || !landed.signers.includes(delegate)) return false;
  if (row.signedTransaction) {
    return Transaction.from(Buffer.from(row.signedTransaction, 'base64')).serializeMessage().equals(landed.message);
  }
  let transaction: VersionedTransaction;
  try {
    transaction = new VersionedTransaction(VersionedMessage.deserialize(landed.message), landed.signatures.map((s) => bs58.decode(s)));
  } catch {
    return false;
  }
  if (transaction.message.recentBlockhash !== row.recentBlockhash) return false;
  return verifyMigrationTransaction(transaction, expectedMigration(row.id, new PublicKey(row.wallet), row.amountIn, row.amountOut)).ok;
}

/** Whether a history entry's memo names migration `id` (the RPC prefixes memos with their length, e.g. `[56] …`). */
export function memoNames(entry: Pick<HistoryEntry, 'memo'>, id: string): boolean {
  return entry.memo?.includes(`${MEMO_PREFIX}${id}`) ?? false;
}

/** Pages of the fee payer's history read at most per look (1,000 entries each). */
const MAX_PAGES = 5;
const PAGE = 1_000;
/** Margin before the co-signature for clock skew between this server and block times. */
const SKEW_MS = 2 * 60_000;

/** What the fee payer's history shows of a migration's message. */
export type LandedCopy =
  | { kind: 'landed'; signature: string }
  | { kind: 'failed'; signature: string; error: string }
  | { kind: 'absent' }
  /** The history could not be read back to the co-signature within the bound: prove nothing. */
  | { kind: 'inconclusive'; reason: string };

/**
 * Looks for any landed copy of a co-signed migration's message in the wallet's (fee payer's)
 * history at `finalized`, back to the co-signature, memo first, then by the exact message. Call
 * it once the `finalized` block height is past the row's last valid block height: then the
 * finalized history holds every copy that will ever land.
 * @throws Error when the RPC is unreachable.
 */
export async function findLandedCopy(row: Migration): Promise<LandedCopy> {
  const since = Math.floor(((row.submittedAt ?? row.createdAt).getTime() - SKEW_MS) / 1000);
  const wallet = new PublicKey(row.wallet);
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const entries = await readAddressHistory(wallet, { before, limit: PAGE, commitment: 'finalized' });
    for (const entry of entries) {
      if (!memoNames(entry, row.id)) continue;
      const landed = await readLandedTransaction(entry.signature, 'finalized');
      if (!landed || !isOurTransaction(row, landed)) continue;
      return landed.err === null ? { kind: 'landed', signature: landed.signature } : { kind: 'failed', signature: landed.signature, error: JSON.stringify(landed.err) };
    }
    const last = entries.at(-1);
    // Older than the co-signature: no copy can be further back (an entry without a block time proves nothing).
    if (!last || entries.length < PAGE || (last.blockTime !== null && last.blockTime < since)) return { kind: 'absent' };
    before = last.signature;
  }
  return { kind: 'inconclusive', reason: `more than ${MAX_PAGES * PAGE} transactions of ${row.wallet} since the co-signature` };
}
