import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { WalletHistoryEntry, WalletHistoryResponse } from '@/lib/api/types';
import { getDb } from '@/lib/db';
import { deposits, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { depositTransferToJson } from '@/lib/deposit/view';
import { parseWallet } from '@/lib/migration/input';

/** The most entries of each kind one answer lists (newest first). */
const MAX_EACH = 100;

/**
 * `GET /api/v1/wallets/{wallet}/migrations` (DESIGN.md "Wallet history, health and metrics"): the
 * wallet's migrations (unsigned offers left out: they never moved anything) and the deposits it
 * sent, newest first, each with its state, amounts (base-unit decimal strings), dates, signature
 * and receipt path. A read: never sends, never asks the chain.
 * @throws ApiError INVALID_WALLET
 */
export async function getWalletHistory(walletText: string): Promise<WalletHistoryResponse> {
  const wallet = parseWallet(walletText).toBase58();
  const db = await getDb();
  const [migrationRows, depositRows] = await Promise.all([
    db.select().from(migrations).where(eq(migrations.wallet, wallet)).orderBy(desc(migrations.createdAt)).limit(MAX_EACH * 2),
    db.select().from(deposits).where(eq(deposits.wallet, wallet)).orderBy(desc(deposits.blockTime), desc(deposits.instructionIndex)).limit(MAX_EACH),
  ]);
  const entries: (WalletHistoryEntry & { at: number })[] = [
    ...migrationRows
      .filter((m) => m.state !== MIGRATION_STATES.built && !(m.state === MIGRATION_STATES.expired && m.signature === null))
      .slice(0, MAX_EACH)
      .map((m) => ({
        kind: 'migration' as const,
        id: m.id,
        state: m.state,
        amount: m.amountIn.toString(),
        amountOut: m.amountOut.toString(),
        signature: m.signature,
        createdAt: m.createdAt.toISOString(),
        settledAt: m.settledAt?.toISOString() ?? null,
        receiptPath: `/receipt/${m.id}`,
        at: m.createdAt.getTime(),
      })),
    ...depositRows.map((d) => {
      const t = depositTransferToJson(d);
      return {
        kind: 'deposit' as const,
        signature: d.signature,
        index: d.instructionIndex,
        state: t.state,
        amount: t.amount,
        paid: t.paid,
        amountOut: t.payoutAmount,
        mint: d.mint,
        decimals: d.decimals,
        payoutSignature: t.payoutSignature,
        reason: t.reason,
        createdAt: d.blockTime.toISOString(),
        settledAt: d.paidAt?.toISOString() ?? d.refundedAt?.toISOString() ?? null,
        receiptPath: `/receipt/${d.signature}`,
        at: d.blockTime.getTime(),
      };
    }),
  ];
  entries.sort((a, b) => b.at - a.at);
  return { wallet, entries: entries.map(({ at, ...entry }) => (void at, entry)) };
}
