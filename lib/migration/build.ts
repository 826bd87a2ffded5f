import 'server-only';
import { randomUUID } from 'node:crypto';
import type { PublicKey } from '@solana/web3.js';
import type { BuildResponse } from '@/lib/api/types';
import { elizaosAccountRentLamports, getRecentBlockhash, readHolderAccounts, systemAccountRentLamports } from '@/lib/chain/holder';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { ApiError } from '@/lib/http/errors';
import { readAllocation } from '@/lib/migration/allocation';
import { assertCanSignInBrowser, assertWithinAllocation, insufficientBalanceMessage } from '@/lib/migration/eligibility';
import { assertWalletFlowOpen } from '@/lib/maintenance/server';
import { parseAmount, parseWallet } from '@/lib/migration/input';
import { recordBuilt } from '@/lib/migration/transitions';
import { AmountError, convertAi16zToElizaos, formatBaseUnits } from '@/lib/solana/amounts';
import { buildMigrationTransaction, expectedToJson, type MigrationExpected } from '@/lib/solana/builder';
import { solNeededForMigration } from '@/lib/solana/sol-needed';
import { expectedMigrationOf, officialParamsFromConfig } from '@/lib/solana/official-params';

/** A built transaction is offered for about as long as its blockhash can land (150 blocks ≈ 60 s). */
const BUILD_TTL_MS = 60_000;

/**
 * What the migration `migrationId` must do, from the deployment's configuration: `amountIn` AI16Z
 * and `amountOut` ELIZAOS, both in base units. The builder builds it and the policy checks
 * signed bytes against it (DESIGN.md "The on-chain transaction").
 */
export function expectedMigration(migrationId: string, holder: PublicKey, amountIn: bigint, amountOut: bigint): MigrationExpected {
  return expectedMigrationOf(officialParamsFromConfig(getConfig()), { migrationId, holder, amountIn, amountOut });
}

/**
 * `POST /api/v1/migrations`: checks eligibility, that the address can sign in a browser, the
 * holder's AI16Z and SOL, and builds the unsigned transaction (DESIGN.md "The on-chain
 * transaction"). Records it `built`, which reserves nothing: the allocation is only counted at
 * submit, under the wallet's row lock.
 *
 * @throws ApiError INVALID_WALLET, INVALID_AMOUNT, MAINTENANCE, WINDOW_*, NOT_IN_SNAPSHOT,
 *   ALLOCATION_EXHAUSTED, AMOUNT_EXCEEDS_REMAINING, WALLET_CANNOT_SIGN (an off-curve address: a
 *   PDA such as a multisig vault), INSUFFICIENT_BALANCE, INSUFFICIENT_SOL, RPC_UNAVAILABLE.
 */
export async function buildMigration(input: { wallet: string; amount: string }, now = new Date()): Promise<BuildResponse> {
  const holder = parseWallet(input.wallet);
  const amountIn = parseAmount(input.amount);
  await assertWalletFlowOpen(now);
  const config = getConfig();
  const db = await getDb();
  assertWithinAllocation(await readAllocation(db, holder.toBase58()), amountIn);
  assertCanSignInBrowser(holder);

  let amountOut: bigint;
  try {
    amountOut = convertAi16zToElizaos(amountIn, config.mints.ai16z.decimals, config.mints.elizaos.decimals, config.ratio);
  } catch (error) {
    const reason = error instanceof AmountError ? error.message : 'it cannot be converted exactly';
    throw new ApiError('INVALID_AMOUNT', `That amount cannot be migrated: ${reason}.`);
  }

  const [accounts, blockhash, ataRent, minimumBalance] = await withRpc(() =>
    Promise.all([readHolderAccounts(holder), getRecentBlockhash(), elizaosAccountRentLamports(), systemAccountRentLamports()]),
  );
  if (accounts.ai16zBalance < amountIn) {
    // The tokens may have left through this wallet's own migrations that confirmed while the chain
    // was read: then the allocation is the reason (the precise code), not the balance.
    assertWithinAllocation(await readAllocation(db, holder.toBase58()), amountIn);
    throw new ApiError('INSUFFICIENT_BALANCE', insufficientBalanceMessage(accounts.ai16zBalance), { balance: accounts.ai16zBalance.toString() });
  }
  // The one computation of what a migration costs and needs (the page and the FAQ show the same figure).
  const sol = solNeededForMigration({ lamports: accounts.lamports, elizaosAccountExists: accounts.elizaosAccountExists, ataRentLamports: ataRent, walletRentLamports: minimumBalance });
  const networkFee = sol.networkFee;
  const ataRentLamports = sol.ataRent;
  if (accounts.lamports < sol.total) {
    throw new ApiError(
      'INSUFFICIENT_SOL',
      `This wallet needs at least ${formatLamports(sol.total)} SOL for the network fee${ataRentLamports > 0n ? ' and the one-time ELIZAOS account rent' : ''}; it holds ${formatLamports(accounts.lamports)} SOL. Add SOL and try again.`,
      {
        lamportsNeeded: sol.total.toString(),
        lamports: accounts.lamports.toString(),
        wallet: holder.toBase58(),
        parts: { networkFee: sol.networkFee.toString(), priorityFeeReserve: sol.priorityFeeReserve.toString(), ataRent: sol.ataRent.toString(), walletMinimum: sol.walletMinimum.toString() },
      },
    );
  }

  const id = randomUUID();
  const expected = expectedMigration(id, holder, amountIn, amountOut);
  const transaction = buildMigrationTransaction({ ...expected, recentBlockhash: blockhash.blockhash });
  const unsigned = transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
  const expiresAt = new Date(now.getTime() + BUILD_TTL_MS);
  await recordBuilt({
    id,
    wallet: holder.toBase58(),
    amountIn,
    amountOut,
    recentBlockhash: blockhash.blockhash,
    lastValidBlockHeight: BigInt(blockhash.lastValidBlockHeight),
    unsignedTransaction: unsigned,
    expiresAt,
  });
  return {
    id,
    transaction: unsigned,
    expected: expectedToJson(expected),
    expiresAt: expiresAt.toISOString(),
    // When this answer was made (the offer's clock): the page counts `expiresAt − issuedAt` down
    // from when it receives the answer, so a wrong clock on the holder's device does not matter.
    issuedAt: new Date(Math.min(Math.max(Date.now(), now.getTime()), expiresAt.getTime())).toISOString(),
    fees: { networkFeeLamports: networkFee.toString(), ataRentLamports: ataRentLamports.toString() },
  };
}

/** Runs a chain read, turning RPC failures (every endpoint down) into a 503 RPC_UNAVAILABLE the holder can act on. */
export async function withRpc<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('RPC_UNAVAILABLE', 'The Solana network could not be reached just now. Nothing was signed or sent; try again in a moment.', {}, 5);
  }
}

function formatLamports(lamports: bigint): string {
  return formatBaseUnits(lamports, 9);
}
