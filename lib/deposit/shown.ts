/**
 * How the pages show a deposit's amounts (DESIGN.md "Deposit and receive"). Pure, no server
 * imports: the wallet history (server) and the tracker (browser) both use it.
 */
import type { DepositApiState } from '@/lib/api/types';

/**
 * ELIZAOS base units a deposit received or is receiving: the signed payout's amount while it is
 * pending or once paid (in full or in part), `0` when nothing is paid (a refund, a rejection) or
 * no payout is signed yet.
 */
export function depositAmountOut(transfer: { state: DepositApiState; payoutAmount: string | null }): string {
  return transfer.state === 'pending' || transfer.state === 'paid' || transfer.state === 'partially_paid' ? (transfer.payoutAmount ?? '0') : '0';
}
