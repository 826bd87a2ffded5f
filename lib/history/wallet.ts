import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { WalletHistoryResponse } from '@/lib/api/types';
import { getDb } from '@/lib/db';
import { migrations } from '@/lib/db/schema';
import { parseWallet } from '@/lib/migration/input';
import { toView } from '@/lib/migration/view';

/** The most entries one answer holds (newest first); `truncated` says when there are more. */
export const WALLET_HISTORY_LIMIT = 50;

/**
 * `GET /api/v1/wallets/{wallet}/migrations` (DESIGN.md "Wallet history"): what the wallet did
 * with the portal, newest first, each entry with its state, amounts, dates, signature and receipt
 * path. One list of entries by `kind` so that deposits (`kind: 'deposit'`, the deposit-and-receive
 * path) join the migrations in the same answer. A read: it sends nothing and changes nothing (a
 * `submitted` entry shows its recorded state; its receipt settles it by the chain's status).
 *
 * @throws ApiError INVALID_WALLET.
 */
export async function getWalletHistory(walletText: string): Promise<WalletHistoryResponse> {
  const wallet = parseWallet(walletText).toBase58();
  const rows = await (await getDb())
    .select()
    .from(migrations)
    .where(eq(migrations.wallet, wallet))
    .orderBy(desc(migrations.createdAt), desc(migrations.id))
    .limit(WALLET_HISTORY_LIMIT + 1);
  const entries = rows.slice(0, WALLET_HISTORY_LIMIT).map((row) => {
    const view = toView(row);
    return {
      kind: 'migration' as const,
      id: view.id,
      state: view.state,
      endReason: view.endReason ?? null,
      amountIn: view.amount,
      amountOut: view.amountOut,
      createdAt: view.createdAt,
      submittedAt: view.submittedAt ?? null,
      settledAt: view.settledAt,
      signature: view.signature,
      receiptPath: `/receipt/${view.id}`,
    };
  });
  return { wallet, entries, truncated: rows.length > WALLET_HISTORY_LIMIT };
}
