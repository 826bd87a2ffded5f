import 'server-only';
import { PublicKey } from '@solana/web3.js';
import type { EligibilityCode, EligibilityResponse } from '@/lib/api/types';
import { readHolderAccounts } from '@/lib/chain/holder';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { ApiError } from '@/lib/http/errors';
import { type AllocationStanding, readAllocation } from '@/lib/migration/allocation';
import { isMaintenanceOn } from '@/lib/maintenance/server';
import { parseWallet } from '@/lib/migration/input';
import { windowStateAt } from '@/lib/migration/window';
import { getSnapshotProof } from '@/lib/snapshot/proofs';
import { formatBaseUnits } from '@/lib/solana/amounts';

/** The page where a person helps, named in texts where the holder needs one. */
const SUPPORT_PATH = '/support';

const ai16z = (amount: bigint) => `${formatBaseUnits(amount, getConfig().mints.ai16z.decimals)} AI16Z`;

/**
 * Whether a wallet can sign in a browser: only an address on the ed25519 curve has a private key.
 * A program-derived address (a multisig vault such as a Squads vault, a program's account) does
 * not, and nothing a browser wallet holds can sign for it.
 */
export function canSignInBrowser(wallet: PublicKey): boolean {
  return PublicKey.isOnCurve(wallet.toBytes());
}

export function notInSnapshotMessage(): string {
  return `This wallet is not in the snapshot of ${getConfig().snapshotTakenAt.toISOString().slice(0, 10)}. Only AI16Z held at the snapshot can be migrated; tokens bought after it are not eligible. If your tokens were on an exchange then, the exchange migrates them for you.`;
}

export function exhaustedMessage(allocation: bigint, pending: bigint): string {
  return pending > 0n
    ? `Your whole allocation of ${ai16z(allocation)} is migrated or in flight (${ai16z(pending)} is still confirming). Check your receipt in a minute.`
    : `This wallet has already migrated its whole allocation of ${ai16z(allocation)}. There is nothing left to migrate.`;
}

export function insufficientBalanceMessage(balance: bigint): string {
  return `This wallet holds ${ai16z(balance)}, less than the amount asked. Enter at most your balance. Tokens bought after the snapshot are not eligible, and moved-away tokens must come back to this wallet first.`;
}

/** WALLET_CANNOT_SIGN: what an off-curve address is and the path that serves it (DESIGN.md "Paths for every holder"). */
export function cannotSignMessage(): string {
  return `This address is a program-derived address (for example a multisig vault): it has no private key, so no browser wallet can sign a migration for it. Its allocation is safe. Addresses like this migrate by deposit and receive: the vault sends its AI16Z to the portal's deposit address in a plain transfer its members approve, and ELIZAOS is paid back to the same address. The support page (${SUPPORT_PATH}) guides you through it.`;
}

/**
 * Refuses an amount the standing cannot cover, with the precise code.
 * @throws ApiError NOT_IN_SNAPSHOT, ALLOCATION_EXHAUSTED, AMOUNT_EXCEEDS_REMAINING
 */
export function assertWithinAllocation(standing: Pick<AllocationStanding, 'allocation' | 'remaining' | 'pending'>, amountIn: bigint): void {
  if (standing.allocation === null) throw new ApiError('NOT_IN_SNAPSHOT', notInSnapshotMessage());
  if (standing.remaining === 0n) throw new ApiError('ALLOCATION_EXHAUSTED', exhaustedMessage(standing.allocation, standing.pending));
  if (amountIn > standing.remaining) {
    throw new ApiError(
      'AMOUNT_EXCEEDS_REMAINING',
      `You can migrate at most ${ai16z(standing.remaining)} more from this wallet (snapshot allocation ${ai16z(standing.allocation)}). Tokens bought after the snapshot are not eligible.`,
      { remaining: standing.remaining.toString(), allocation: standing.allocation.toString() },
    );
  }
}

/**
 * Refuses an address no browser wallet can sign for, naming the path that works for it.
 * @throws ApiError WALLET_CANNOT_SIGN (details.path = "deposit", details.supportPath)
 */
export function assertCanSignInBrowser(wallet: PublicKey): void {
  if (!canSignInBrowser(wallet)) throw new ApiError('WALLET_CANNOT_SIGN', cannotSignMessage(), { path: 'deposit', supportPath: SUPPORT_PATH });
}

/**
 * `GET /api/v1/eligibility/{wallet}`: allocation, what counts against it, the on-chain balance, a
 * reason code, and the Merkle proof of the allocation under the committed snapshot root.
 * `eligible` means: this wallet can migrate in the browser flow now.
 *
 * @throws ApiError INVALID_WALLET
 */
export async function getEligibility(walletText: string, now = new Date()): Promise<EligibilityResponse> {
  const wallet = parseWallet(walletText);
  const config = getConfig();
  const standing = await readAllocation(await getDb(), wallet.toBase58());
  const signs = canSignInBrowser(wallet);
  let balance: bigint | null = null;
  if (signs) {
    try {
      balance = (await readHolderAccounts(wallet)).ai16zBalance;
    } catch {
      balance = null; // eligibility still answers from the database when the chain is unreachable
    }
  }
  const maxAmount = balance === null ? 0n : standing.remaining < balance ? standing.remaining : balance;
  let reason: EligibilityCode | null = null;
  let message: string | null = null;
  const windowState = windowStateAt(now, config.window);
  if (standing.allocation === null) {
    reason = 'NOT_IN_SNAPSHOT';
    message = notInSnapshotMessage();
  } else if (standing.remaining === 0n) {
    reason = 'ALLOCATION_EXHAUSTED';
    message = exhaustedMessage(standing.allocation, standing.pending);
  } else if (!signs) {
    reason = 'WALLET_CANNOT_SIGN';
    message = cannotSignMessage();
  } else if (balance !== null && balance === 0n) {
    reason = 'INSUFFICIENT_BALANCE';
    message = insufficientBalanceMessage(0n);
  } else if (await isMaintenanceOn()) {
    reason = 'MAINTENANCE';
    message = 'The migration is paused for maintenance. Your allocation is safe; check the status page for updates.';
  } else if (windowState !== 'open') {
    reason = windowState === 'scheduled' ? 'WINDOW_NOT_OPEN' : 'WINDOW_CLOSED';
    message = windowState === 'scheduled' ? 'The migration window has not opened yet.' : 'The migration window has closed.';
  }
  return {
    wallet: wallet.toBase58(),
    eligible: reason === null,
    snapshotBalance: standing.allocation?.toString() ?? null,
    migrated: standing.migrated.toString(),
    pending: standing.pending.toString(),
    remaining: standing.remaining.toString(),
    balance: balance?.toString() ?? null,
    maxAmount: maxAmount.toString(),
    reason,
    message,
    proof: standing.allocation === null ? null : await getSnapshotProof(wallet.toBase58(), standing.allocation),
  };
}
