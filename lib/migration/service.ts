import 'server-only';
import { randomUUID, verify } from 'node:crypto';
import { PublicKey, SendTransactionError, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { and, eq, lt } from 'drizzle-orm';
import type { BuildResponse, EligibilityCode, EligibilityResponse, MigrationResponse, SubmitResponse, SubmitViolationCode } from '@/lib/api/types';
import { getConnection } from '@/lib/chain';
import { elizaosAccountRentLamports, getRecentBlockhash, readHolderAccounts, systemAccountRentLamports } from '@/lib/chain/holder';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { lockAllocation, readAllocation } from '@/lib/migration/allocation';
import { getKnownDrainers } from '@/lib/security/drainers';
import { assertMaintenanceOffInTransaction, assertWalletFlowOpen, isMaintenanceOn } from '@/lib/maintenance/server';
import { getSnapshotProof } from '@/lib/snapshot/proofs';
import { windowStateAt } from '@/lib/migration/window';
import { AmountError, convertAi16zToElizaos, formatBaseUnits } from '@/lib/solana/amounts';
import { buildMigrationTransaction, expectedToJson, type MigrationExpected } from '@/lib/solana/builder';
import { PRIORITY_FEE_RESERVE_LAMPORTS } from '@/lib/solana/constants';
import { verifyMigrationTransaction } from '@/lib/solana/policy';

/** Lamports per signature (Solana's base fee); the migration has two signers. */
const LAMPORTS_PER_SIGNATURE = 5_000n;
const SIGNATURES = 2n;
/** A built transaction is offered for about as long as its blockhash can land (150 blocks ≈ 60 s). */
const BUILD_TTL_MS = 60_000;

/**
 * Parses a wallet address from user input.
 * @throws ApiError INVALID_WALLET
 */
export function parseWallet(text: string): PublicKey {
  // Base58 decoding is quadratic in the length: a 16 KB "address" costs half a CPU second. A
  // 32-byte key is 32 to 44 characters, so anything else is refused before decoding.
  if (text.length < 32 || text.length > 44) {
    throw new ApiError('INVALID_WALLET', 'That is not a Solana wallet address. Connect your wallet again or check the address.');
  }
  try {
    const key = new PublicKey(text);
    if (key.toBase58() !== text) throw new Error('not canonical');
    return key;
  } catch {
    throw new ApiError('INVALID_WALLET', 'That is not a Solana wallet address. Connect your wallet again or check the address.');
  }
}

/**
 * Parses an AI16Z amount in base units (decimal string of a positive u64).
 * @throws ApiError INVALID_AMOUNT
 */
export function parseAmount(text: string): bigint {
  if (!/^\d{1,20}$/.test(text)) throw new ApiError('INVALID_AMOUNT', 'The amount must be a whole number of AI16Z base units, as a string.');
  const amount = BigInt(text);
  if (amount === 0n || amount > 18_446_744_073_709_551_615n) throw new ApiError('INVALID_AMOUNT', 'The amount must be greater than zero and at most u64 max base units.');
  return amount;
}

const ai16z = (amount: bigint) => `${formatBaseUnits(amount, getConfig().mints.ai16z.decimals)} AI16Z`;

/**
 * `GET /api/v1/eligibility/{wallet}`: allocation, what counts against it, the on-chain balance, a
 * reason code, and the Merkle proof of the allocation under the committed snapshot root.
 */
export async function getEligibility(walletText: string, now = new Date()): Promise<EligibilityResponse> {
  const wallet = parseWallet(walletText);
  const config = getConfig();
  const standing = await readAllocation(await getDb(), wallet.toBase58());
  let balance: bigint | null = null;
  try {
    balance = (await readHolderAccounts(wallet)).ai16zBalance;
  } catch {
    balance = null; // eligibility still answers from the database when the chain is unreachable
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

function notInSnapshotMessage(): string {
  return `This wallet is not in the snapshot of ${getConfig().snapshotTakenAt.toISOString().slice(0, 10)}. Only AI16Z held at the snapshot can be migrated; tokens bought after it are not eligible. If your tokens were on an exchange then, the exchange migrates them for you.`;
}

function exhaustedMessage(allocation: bigint, pending: bigint): string {
  return pending > 0n
    ? `Your whole allocation of ${ai16z(allocation)} is migrated or in flight (${ai16z(pending)} is still confirming). Check your receipt in a minute.`
    : `This wallet has already migrated its whole allocation of ${ai16z(allocation)}. There is nothing left to migrate.`;
}

function insufficientBalanceMessage(balance: bigint): string {
  return `This wallet holds ${ai16z(balance)}, less than the amount asked. Enter at most your balance. Tokens bought after the snapshot are not eligible, and moved-away tokens must come back to this wallet first.`;
}

/**
 * What the migration `migrationId` must do, from the deployment's configuration: `amountIn` AI16Z
 * and `amountOut` ELIZAOS, both in base units. The builder builds it and the policy checks
 * signed bytes against it (DESIGN.md "The transaction").
 */
export function expectedMigration(migrationId: string, holder: PublicKey, amountIn: bigint, amountOut: bigint): MigrationExpected {
  const config = getConfig();
  return {
    migrationId,
    holder,
    ai16z: { mint: config.mints.ai16z.address, decimals: config.mints.ai16z.decimals, programId: config.mints.ai16z.programId },
    elizaos: { mint: config.mints.elizaos.address, decimals: config.mints.elizaos.decimals, programId: config.mints.elizaos.programId },
    vaultTokenAccount: config.vault.tokenAccount,
    treasuryTokenAccount: config.treasury.tokenAccount,
    treasuryDelegate: config.treasury.delegate.publicKey,
    amountIn,
    amountOut,
  };
}

/**
 * `POST /api/v1/migrations`: checks eligibility, the holder's AI16Z and SOL, and builds the
 * unsigned transaction (DESIGN.md "The on-chain transaction"). Reserves nothing: the allocation
 * is only counted at submit, under a row lock.
 *
 * @throws ApiError INVALID_WALLET, INVALID_AMOUNT, MAINTENANCE, WINDOW_*, NOT_IN_SNAPSHOT,
 *   ALLOCATION_EXHAUSTED, AMOUNT_EXCEEDS_REMAINING, INSUFFICIENT_BALANCE, INSUFFICIENT_SOL, RPC_UNAVAILABLE.
 */
export async function buildMigration(input: { wallet: string; amount: string }, now = new Date()): Promise<BuildResponse> {
  const holder = parseWallet(input.wallet);
  const amountIn = parseAmount(input.amount);
  await assertWalletFlowOpen(now);
  const config = getConfig();
  const db = await getDb();
  const standing = await readAllocation(db, holder.toBase58());
  assertWithinAllocation(standing, amountIn);

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
  const networkFee = LAMPORTS_PER_SIGNATURE * SIGNATURES;
  const maxPriorityFee = PRIORITY_FEE_RESERVE_LAMPORTS;
  const ataRentLamports = accounts.elizaosAccountExists ? 0n : ataRent;
  const cost = networkFee + maxPriorityFee + ataRentLamports;
  // The wallet must be left either empty or rent-exempt, or the runtime refuses the transaction.
  const needed = accounts.lamports === cost ? cost : cost + minimumBalance;
  if (accounts.lamports < needed) {
    throw new ApiError(
      'INSUFFICIENT_SOL',
      `This wallet needs at least ${formatLamports(needed)} SOL for the network fee${ataRentLamports > 0n ? ' and the one-time ELIZAOS account rent' : ''}; it holds ${formatLamports(accounts.lamports)} SOL. Add SOL and try again.`,
      { lamportsNeeded: needed.toString(), lamports: accounts.lamports.toString() },
    );
  }

  const id = randomUUID();
  const expected = expectedMigration(id, holder, amountIn, amountOut);
  const transaction = buildMigrationTransaction({ ...expected, recentBlockhash: blockhash.blockhash });
  const unsigned = transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
  const expiresAt = new Date(now.getTime() + BUILD_TTL_MS);
  await db.insert(migrations).values({
    id,
    wallet: holder.toBase58(),
    amountIn,
    amountOut,
    state: MIGRATION_STATES.built,
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
    fees: { networkFeeLamports: networkFee.toString(), ataRentLamports: ataRentLamports.toString() },
  };
}

function assertWithinAllocation(standing: { allocation: bigint | null; remaining: bigint; pending: bigint }, amountIn: bigint): void {
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
 * `POST /api/v1/migrations/{id}/submit`: re-decodes the holder-signed bytes, checks the holder's
 * signature and the policy against the stored migration, then, inside one database transaction
 * holding the wallet's row lock, checks the remaining allocation, co-signs as the treasury
 * delegate and records the signed transaction; then sends it. Idempotent: a migration already
 * submitted answers its signature again.
 *
 * @throws ApiError NOT_FOUND, INVALID_TRANSACTION, SIGNATURE_INVALID, POLICY_VIOLATION, MIGRATION_EXPIRED,
 *   MIGRATION_FAILED, MAINTENANCE, WINDOW_*, AMOUNT_EXCEEDS_REMAINING, ALLOCATION_EXHAUSTED.
 */
export async function submitMigration(id: string, transactionBase64: string, now = new Date()): Promise<SubmitResponse> {
  const db = await getDb();
  const existing = await findMigration(id);
  const settled = answerIfAlreadySubmitted(existing);
  if (settled) return settled;
  await assertWalletFlowOpen(now);
  if (existing.expiresAt <= now) {
    await markBuiltExpired(existing.id);
    throw new ApiError('MIGRATION_EXPIRED', 'This transaction expired before it was signed. Start again to get a fresh one; nothing was sent.');
  }

  const config = getConfig();
  const transaction = decodeSignedTransaction(transactionBase64);
  const holder = new PublicKey(existing.wallet);
  const expected = expectedMigration(existing.id, holder, existing.amountIn, existing.amountOut);
  const verdict = verifyMigrationTransaction(transaction, expected, { knownDrainers: await getKnownDrainers() });
  if (!verdict.ok) {
    throw new ApiError('POLICY_VIOLATION', 'This transaction is not the official migration transaction, so it was not co-signed or sent.', {
      violations: verdict.violations,
    });
  }
  if (transaction.recentBlockhash !== existing.recentBlockhash) {
    throw new ApiError('POLICY_VIOLATION', 'The transaction was changed after it was built (recent blockhash). Start again.', {
      violations: [{ code: 'BLOCKHASH_CHANGED' satisfies SubmitViolationCode, message: 'The recent blockhash differs from the one the portal issued.' }],
    });
  }
  const message = transaction.serializeMessage();
  const holderSignature = transaction.signatures.find((s) => s.publicKey.equals(holder))?.signature;
  if (!holderSignature || !verifyEd25519(holderSignature, message, holder)) {
    throw new ApiError('SIGNATURE_INVALID', "The wallet's signature does not match this transaction. Sign again in your wallet.");
  }

  const signature = bs58.encode(holderSignature);
  // Refused at once when what remains already cannot cover it: in a burst for one wallet, the
  // losers need not queue for its row lock to hear so. (Remaining only grows again when a pending
  // migration is released; then the holder's retry gets the locked check below.)
  assertWithinAllocation(await readAllocation(db, existing.wallet), existing.amountIn);

  const outcome = await db.transaction(async (tx): Promise<{ answer: SubmitResponse } | { signedBytes: Buffer }> => {
    await lockAllocation(tx, existing.wallet);
    const [row] = await tx.select().from(migrations).where(eq(migrations.id, id)).for('update');
    if (!row) throw new ApiError('NOT_FOUND', 'No such migration.');
    const again = answerIfAlreadySubmitted(row);
    if (again) return { answer: again };
    const standing = await readAllocation(tx, row.wallet);
    assertWithinAllocation(standing, row.amountIn);
    // The kill switch may have flipped while the holder's signature and the policy were checked:
    // the last look is here, under a share lock on the flag, immediately before the co-signature.
    await assertMaintenanceOffInTransaction(tx);
    transaction.partialSign(config.treasury.delegate);
    const signedBytes = transaction.serialize({ requireAllSignatures: true, verifySignatures: true });
    await tx
      .update(migrations)
      .set({ state: MIGRATION_STATES.submitted, signature, signedTransaction: signedBytes.toString('base64'), submittedAt: now })
      .where(eq(migrations.id, id));
    return { signedBytes };
  });
  if ('answer' in outcome) return outcome.answer;

  await sendSigned(id, outcome.signedBytes);
  const [after] = await db.select({ state: migrations.state }).from(migrations).where(eq(migrations.id, id));
  return { id, state: after?.state ?? MIGRATION_STATES.submitted, signature };
}

async function findMigration(id: string): Promise<Migration> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new ApiError('NOT_FOUND', 'No such migration.');
  const [row] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id.toLowerCase()));
  if (!row) throw new ApiError('NOT_FOUND', 'No such migration. Start again from the migrate page.');
  return row;
}

function answerIfAlreadySubmitted(row: Migration): SubmitResponse | null {
  if ((row.state === 'submitted' || row.state === 'confirmed') && row.signature) return { id: row.id, state: row.state, signature: row.signature };
  if (row.state === 'expired') throw new ApiError('MIGRATION_EXPIRED', 'This transaction expired. Start again to get a fresh one; nothing was sent.');
  if (row.state === 'failed') throw new ApiError('MIGRATION_FAILED', `This migration failed${row.error ? ` (${row.error})` : ''}. Nothing was moved; start again.`);
  return null;
}

async function markBuiltExpired(id: string): Promise<void> {
  const db = await getDb();
  await db.update(migrations).set({ state: MIGRATION_STATES.expired, settledAt: new Date() }).where(eq(migrations.id, id));
}

function decodeSignedTransaction(base64: string): Transaction {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new ApiError('INVALID_TRANSACTION', 'The signed transaction is not base64.');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > 1232) throw new ApiError('INVALID_TRANSACTION', 'The signed transaction has an impossible size.');
  let transaction: Transaction;
  let canonical: Buffer;
  try {
    transaction = Transaction.from(bytes);
    canonical = transaction.serialize({ requireAllSignatures: false, verifySignatures: false });
  } catch {
    throw new ApiError('INVALID_TRANSACTION', 'The signed transaction could not be decoded (a legacy transaction was expected).');
  }
  // The decoder ignores trailing bytes and accepts some non-minimal lengths: only the exact wire
  // form of the transaction it decoded is accepted, as a wallet returns it.
  if (!canonical.equals(bytes)) throw new ApiError('INVALID_TRANSACTION', 'The signed transaction has bytes beyond the transaction itself (or a non-standard encoding). Sign again in your wallet.');
  return transaction;
}

/** Ed25519 verification with Node's crypto (the key wrapped as SPKI DER: fixed 12-byte prefix + 32-byte key). */
function verifyEd25519(signature: Uint8Array, message: Uint8Array, key: PublicKey): boolean {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.toBuffer()]);
  try {
    return verify(null, message, { key: spki, format: 'der', type: 'spki' }, signature);
  } catch {
    return false;
  }
}

/**
 * Sends a recorded, fully signed transaction. A definite refusal by the cluster (preflight
 * simulation error) fails the migration and releases its allocation; anything uncertain
 * (timeout, lost response) leaves it `submitted` for the reconciler, which either finds it on
 * chain or releases it once its blockhash can no longer land.
 */
async function sendSigned(id: string, signedBytes: Uint8Array): Promise<void> {
  try {
    await getConnection().sendRawTransaction(signedBytes, { skipPreflight: false, preflightCommitment: 'confirmed', maxRetries: 0 });
  } catch (error) {
    if (error instanceof SendTransactionError && /simulation failed|Blockhash not found|insufficient/i.test(error.message)) {
      if (/already been processed/i.test(error.message)) return;
      const db = await getDb();
      await db
        .update(migrations)
        .set({ state: MIGRATION_STATES.failed, error: summariseSendError(error), settledAt: new Date() })
        .where(eq(migrations.id, id));
      return;
    }
    console.warn(`[migrations] send of ${id} uncertain; the reconciler will settle it:`, error instanceof Error ? error.message : error);
  }
}

function summariseSendError(error: SendTransactionError): string {
  const logs = error.logs ?? [];
  const programError = logs.find((l) => /Error: |failed: /.test(l));
  return (programError ?? error.message).slice(0, 300);
}

/** `GET /api/v1/migrations/{id}`; settles a submitted migration first when the chain already knows. */
export async function getMigrationView(id: string): Promise<MigrationResponse | null> {
  let row: Migration;
  try {
    row = await findMigration(id);
  } catch {
    return null;
  }
  if (row.state === MIGRATION_STATES.submitted) {
    await reconcileMigrations([row]).catch(() => undefined);
    row = await findMigration(id);
  }
  return toView(row);
}

function toView(row: Migration): MigrationResponse {
  return {
    id: row.id,
    wallet: row.wallet,
    amount: row.amountIn.toString(),
    amountOut: row.amountOut.toString(),
    state: row.state,
    signature: row.signature,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
  };
}

/**
 * Settles submitted migrations from the chain: `getSignatureStatuses` (with history) confirms or
 * fails them; one the chain has no trace of is re-broadcast while its blockhash can still land,
 * and released (`expired`) only once the block height has passed its last valid block height.
 * Built migrations past their expiry become `expired` too.
 */
export async function reconcileMigrations(rows?: Migration[]): Promise<{ confirmed: number; failed: number; expired: number }> {
  const db = await getDb();
  const pending = rows ?? (await db.select().from(migrations).where(eq(migrations.state, MIGRATION_STATES.submitted)).limit(256));
  const counts = { confirmed: 0, failed: 0, expired: 0 };
  if (pending.length === 0) return counts;
  const connection = getConnection();
  const withSignature = pending.filter((r): r is Migration & { signature: string } => r.signature !== null);
  const [{ value: statuses }, blockHeight] = await Promise.all([
    connection.getSignatureStatuses(withSignature.map((r) => r.signature), { searchTransactionHistory: true }),
    connection.getBlockHeight('confirmed'),
  ]);
  for (const [index, row] of withSignature.entries()) {
    const status = statuses[index];
    if (status?.err) {
      await settle(row.id, MIGRATION_STATES.failed, `the transaction failed on chain: ${JSON.stringify(status.err)}`);
      counts.failed += 1;
    } else if (status && (status.confirmationStatus === 'confirmed' || status.confirmationStatus === 'finalized')) {
      await settle(row.id, MIGRATION_STATES.confirmed, null);
      counts.confirmed += 1;
    } else if (!status && BigInt(blockHeight) > row.lastValidBlockHeight) {
      // Past its last valid block height the transaction can never land; a last look through history first.
      const landed = await connection.getTransaction(row.signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
      if (landed) {
        await settle(row.id, landed.meta?.err ? MIGRATION_STATES.failed : MIGRATION_STATES.confirmed, landed.meta?.err ? JSON.stringify(landed.meta.err) : null);
      } else {
        await settle(row.id, MIGRATION_STATES.expired, 'the transaction did not land before its blockhash expired');
        counts.expired += 1;
      }
    } else if (!status && row.signedTransaction) {
      await connection.sendRawTransaction(Buffer.from(row.signedTransaction, 'base64'), { skipPreflight: true, maxRetries: 0 }).catch(() => undefined);
    }
  }
  return counts;
}

async function settle(id: string, state: Migration['state'], error: string | null): Promise<void> {
  const db = await getDb();
  // Only a still-submitted row settles: two reconcilers racing never overwrite each other.
  await db
    .update(migrations)
    .set({ state, error, settledAt: new Date() })
    .where(and(eq(migrations.id, id), eq(migrations.state, MIGRATION_STATES.submitted)));
}

/** Marks built migrations whose transaction expired unsigned (bookkeeping only: they never held allocation). */
export async function expireStaleBuilds(now = new Date()): Promise<void> {
  const db = await getDb();
  await db
    .update(migrations)
    .set({ state: MIGRATION_STATES.expired, settledAt: now })
    .where(and(eq(migrations.state, MIGRATION_STATES.built), lt(migrations.expiresAt, now)));
}

/** Runs a chain read, turning RPC failures into a 503 the holder can act on. */
async function withRpc<T>(read: () => Promise<T>): Promise<T> {
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
