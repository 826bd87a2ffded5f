import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { WalletHistoryDeposit, WalletHistoryEntry, WalletHistoryMigration, WalletHistoryResponse } from '@/lib/api/types';
import { getDb } from '@/lib/db';
import { deposits, migrations } from '@/lib/db/schema';
import { depositAmountOut } from '@/lib/deposit/shown';
import { depositTransferToJson } from '@/lib/deposit/view';
import { parseWallet } from '@/lib/migration/input';
import { toView } from '@/lib/migration/view';

/** The most entries one answer holds (newest first); `truncated` says when there are more. */
export const WALLET_HISTORY_LIMIT = 50;

/** A deposit's tracking page (the deposit's receipt): `app/[locale]/deposit/[signature]`. */
export function depositPath(signature: string): string {
  return `/deposit/${encodeURIComponent(signature)}`;
}

/**
 * `GET /api/v1/wallets/{wallet}/migrations` (DESIGN.md "Wallet history"): what the wallet did
 * with the portal, newest first, each entry with its state, amounts, dates, signature and receipt
 * path. One list of entries by `kind`: its migrations (`kind: 'migration'`) and the deposits it
 * sent on the deposit-and-receive path (`kind: 'deposit'`, DESIGN.md "Deposit and receive"),
 * ordered by when they were made (a migration's creation, a deposit's block time). A read: it
 * sends nothing and changes nothing (a `submitted` entry shows its recorded state; its receipt
 * settles it by the chain's status).
 *
 * @throws ApiError INVALID_WALLET.
 */
export async function getWalletHistory(walletText: string): Promise<WalletHistoryResponse> {
  const wallet = parseWallet(walletText).toBase58();
  const db = await getDb();
  const [migrationRows, depositRows] = await Promise.all([
    db
      .select()
      .from(migrations)
      .where(eq(migrations.wallet, wallet))
      .orderBy(desc(migrations.createdAt), desc(migrations.id))
      .limit(WALLET_HISTORY_LIMIT + 1),
    db
      .select()
      .from(deposits)
      .where(eq(deposits.wallet, wallet))
      .orderBy(desc(deposits.blockTime), desc(deposits.instructionIndex))
      .limit(WALLET_HISTORY_LIMIT + 1),
  ]);
  const migrationEntries = migrationRows.map((row): WalletHistoryMigration => {
    const view = toView(row);
    return {
      kind: 'migration',
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
  const depositEntries = depositRows.map((row): WalletHistoryDeposit => {
    const transfer = depositTransferToJson(row);
    return {
      kind: 'deposit',
      id: row.id,
      signature: row.signature,
      index: row.instructionIndex,
      state: transfer.state,
      reason: transfer.reason,
      amountIn: transfer.amount,
      paid: transfer.paid,
      amountOut: depositAmountOut(transfer),
      mint: row.mint,
      decimals: row.decimals,
      payoutSignature: transfer.payoutSignature,
      refund: transfer.refund && { state: transfer.refund.state, amount: transfer.refund.amount, signature: transfer.refund.signature },
      createdAt: transfer.blockTime,
      settledAt: row.paidAt?.toISOString() ?? row.refundedAt?.toISOString() ?? null,
      receiptPath: depositPath(row.signature),
    };
  });
  const entries: WalletHistoryEntry[] = [...migrationEntries, ...depositEntries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return { wallet, entries: entries.slice(0, WALLET_HISTORY_LIMIT), truncated: entries.length > WALLET_HISTORY_LIMIT };
}
