import 'server-only';
import { PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { eq } from 'drizzle-orm';
import type { SubmitResponse, SubmitViolationCode } from '@/lib/api/types';
import { readConfirmedBlockHeight, sendWithPreflight } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { lockAllocation, readAllocation } from '@/lib/migration/allocation';
import { expectedMigration, withRpc } from '@/lib/migration/build';
import { getKnownDrainers } from '@/lib/security/drainers';
import { assertWithinAllocation } from '@/lib/migration/eligibility';
import { assertMaintenanceOffInTransaction, assertWalletFlowOpen } from '@/lib/maintenance/server';
import { expireUnsignedBuild, recordCoSigned, recordSendRefused } from '@/lib/migration/transitions';
import { findMigration } from '@/lib/migration/view';
import { verifyMigrationTransaction } from '@/lib/solana/policy';
import { log } from '@/lib/observability/log';
import { countPolicyViolations } from '@/lib/observability/metrics';
import { verifyEd25519 } from '@/lib/solana/ed25519';
import { BASE64 } from '@/lib/text/patterns';

/**
 * `POST /api/v1/migrations/{id}/submit`: re-decodes the holder-signed bytes, checks the holder's
 * signature and the policy against the stored migration, then, inside one database transaction
 * holding the wallet's row lock, checks the remaining allocation, co-signs as the treasury
 * delegate and records the signed transaction (built → submitted); then sends it once with
 * preflight. From the co-signature on, the migration counts against the allocation until the
 * chain settles it (lib/migration/settlement.ts): a refused preflight, a timeout or a 5xx only
 * leave it `submitted`. A refused preflight is answered 202 `submitted` with
 * `warning: {code: SEND_REFUSED, message, details: {reason, lastValidBlockHeight}}`.
 * Idempotent: a migration already submitted answers its signature again.
 *
 * Before co-signing, the confirmed block height is read live: when no RPC endpoint answers, the
 * answer is 503 RPC_UNAVAILABLE and nothing is co-signed (the row stays `built`; the same signed
 * bytes may be submitted again while the offer lasts).
 *
 * @throws ApiError NOT_FOUND, INVALID_TRANSACTION, SIGNATURE_INVALID, POLICY_VIOLATION, MIGRATION_EXPIRED,
 *   MIGRATION_FAILED, MAINTENANCE, WINDOW_*, AMOUNT_EXCEEDS_REMAINING, ALLOCATION_EXHAUSTED, RPC_UNAVAILABLE.
 */
export async function submitMigration(id: string, transactionBase64: string, now = new Date()): Promise<SubmitResponse> {
  const db = await getDb();
  const existing = await findMigration(id);
  const settled = answerIfAlreadySubmitted(existing);
  if (settled) return settled;
  await assertWalletFlowOpen(now);
  if (existing.expiresAt <= now) {
    if (await expireUnsignedBuild(existing.id, now)) {
      throw new ApiError('MIGRATION_EXPIRED', 'This transaction expired before it was signed. Start again to get a fresh one; nothing was sent.');
    }
    // Someone else moved it first (another instance co-signed it): answer what it is now.
    const current = await findMigration(existing.id);
    const answer = answerIfAlreadySubmitted(current);
    if (answer) return answer;
    throw new ApiError('MIGRATION_STATE', 'This migration changed while it was being submitted. Open its receipt to see where it stands.');
  }

  const config = getConfig();
  const transaction = decodeSignedTransaction(transactionBase64);
  const holder = new PublicKey(existing.wallet);
  const expected = expectedMigration(existing.id, holder, existing.amountIn, existing.amountOut);
  const verdict = verifyMigrationTransaction(transaction, expected, { knownDrainers: await getKnownDrainers() });
  if (!verdict.ok) {
    const codes = verdict.violations.map((v) => v.code);
    countPolicyViolations('migration', codes);
    log('migration').warn({ event: 'migration.policy_refused', id: existing.id, wallet: existing.wallet, violations: codes }, 'the signed transaction is not the official one: not co-signed');
    throw new ApiError('POLICY_VIOLATION', 'This transaction is not the official migration transaction, so it was not co-signed or sent.', {
      violations: verdict.violations,
    });
  }
  if (transaction.recentBlockhash !== existing.recentBlockhash) {
    countPolicyViolations('migration', ['BLOCKHASH_CHANGED']);
    log('migration').warn({ event: 'migration.policy_refused', id: existing.id, wallet: existing.wallet, violations: ['BLOCKHASH_CHANGED'] }, 'the recent blockhash was changed: not co-signed');
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
  // The chain must answer before anything is co-signed: with every RPC endpoint down nothing could
  // be sent, and a co-signature would hold the allocation for a transaction that cannot leave.
  // The same height says whether the blockhash can still land at all.
  const height = await withRpc(readConfirmedBlockHeight);
  if (height > existing.lastValidBlockHeight) {
    throw new ApiError('MIGRATION_EXPIRED', 'This transaction expired before it could be sent (its blockhash is too old). Start again to get a fresh one; nothing was signed or sent.');
  }
  // Refused at once when what remains already cannot cover it: in a burst for one wallet, the
  // losers need not queue for its row lock to hear so. (Remaining only grows again when a pending
  // migration is released; then the holder's retry gets the locked check below.)
  assertWithinAllocation(await readAllocation(db, existing.wallet), existing.amountIn);

  const outcome = await db.transaction(async (tx): Promise<{ answer: SubmitResponse } | { signedBytes: Buffer; lastValidBlockHeight: bigint }> => {
    await lockAllocation(tx, existing.wallet);
    const [row] = await tx.select().from(migrations).where(eq(migrations.id, existing.id)).for('update');
    if (!row) throw new ApiError('NOT_FOUND', 'No such migration.');
    const again = answerIfAlreadySubmitted(row);
    if (again) return { answer: again };
    assertWithinAllocation(await readAllocation(tx, row.wallet), row.amountIn);
    // The kill switch may have flipped while the holder's signature and the policy were checked:
    // the last look is here, under a share lock on the flag, immediately before the co-signature.
    await assertMaintenanceOffInTransaction(tx);
    transaction.partialSign(config.treasury.delegate);
    const signedBytes = transaction.serialize({ requireAllSignatures: true, verifySignatures: true });
    if (!(await recordCoSigned(tx, row.id, { signature, signedTransaction: signedBytes.toString('base64'), at: now }))) {
      throw new ApiError('MIGRATION_STATE', 'This migration changed while it was being submitted. Open its receipt to see where it stands.');
    }
    return { signedBytes, lastValidBlockHeight: row.lastValidBlockHeight };
  });
  if ('answer' in outcome) return outcome.answer;

  // Sent after the commit: a crash between the two leaves a recorded transaction the reconciler
  // re-broadcasts while its blockhash is valid; a send is never made for an unrecorded co-signature.
  const sent = await sendWithPreflight(outcome.signedBytes);
  if (sent.kind === 'refused') {
    log('migration').warn({ event: 'migration.send_refused', id: existing.id, wallet: existing.wallet, signature, reason: sent.reason }, "the node's preflight refused the send; stays submitted");
    await recordSendRefused(existing.id, sent.reason);
    return {
      id: existing.id,
      state: MIGRATION_STATES.submitted,
      signature,
      warning: {
        code: 'SEND_REFUSED',
        message: `The network's dry run refused this transaction just now (${sent.reason}). It stays reserved against your allocation until its blockhash expires (about a minute), and it can still complete if the reason goes away (for example, the AI16Z or SOL is back in the wallet). If it cannot, the reservation is released and you can start again. Do not sign it again.`,
        details: { reason: sent.reason, lastValidBlockHeight: outcome.lastValidBlockHeight.toString() },
      },
    };
  }
  log('migration')[sent.kind === 'uncertain' ? 'warn' : 'info'](
    { event: 'migration.sent', id: existing.id, wallet: existing.wallet, signature, outcome: sent.kind, ...(sent.kind === 'uncertain' ? { reason: sent.reason } : {}) },
    sent.kind === 'uncertain' ? 'send uncertain; the reconciler settles it' : 'sent',
  );
  const [after] = await db.select({ state: migrations.state }).from(migrations).where(eq(migrations.id, existing.id));
  return { id: existing.id, state: after?.state ?? MIGRATION_STATES.submitted, signature };
}

function answerIfAlreadySubmitted(row: Migration): SubmitResponse | null {
  if ((row.state === 'submitted' || row.state === 'confirmed') && row.signature) return { id: row.id, state: row.state, signature: row.signature };
  if (row.state === 'expired') throw new ApiError('MIGRATION_EXPIRED', 'This transaction expired. Start again to get a fresh one; nothing was sent.');
  if (row.state === 'failed') throw new ApiError('MIGRATION_FAILED', `This migration failed${row.error ? ` (${row.error})` : ''}. Nothing was moved; start again.`);
  return null;
}

function decodeSignedTransaction(base64: string): Transaction {
  if (!BASE64.test(base64)) throw new ApiError('INVALID_TRANSACTION', 'The signed transaction is not base64.');
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

