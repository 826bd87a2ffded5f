import 'server-only';
import { verify } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2';
import { PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { eq } from 'drizzle-orm';
import { readTokenAccount } from '@/lib/chain/deposits';
import { getRecentBlockhash } from '@/lib/chain/holder';
import { sendWithPreflight } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { type Deposit, deposits, REFUND_STATES } from '@/lib/db/schema';
import { recordRefundPrepared, recordRefundSendRefused, recordRefundSubmitted, rejectRefund } from '@/lib/deposit/transitions';
import { ApiError } from '@/lib/http/errors';
import { audited } from '@/lib/ops/audit';
import { buildRefundTransaction, type RefundExpected } from '@/lib/solana/payout';
import { verifyRefundTransaction } from '@/lib/solana/payout-policy';

/**
 * Refunds of what deposits did not pay for (DESIGN.md "Deposit and receive"): always back to the
 * source token account the deposit came from, signed by the deposit owner, on an ops action, audited.
 * With `MIGRATION_DEPOSIT_OWNER_SECRET_KEY` the server signs and sends; without it the action
 * answers the unsigned refund for the offline owner, and {@link submitSignedRefund} takes it back
 * signed (the same message, checked again by the refund policy) and sends it.
 */

/** The refund's expectation for `row` (what the refund policy checks). */
export function refundExpectation(row: Pick<Deposit, 'signature' | 'instructionIndex' | 'mint' | 'decimals' | 'tokenProgram' | 'tokenAccount' | 'sourceTokenAccount' | 'refundAmount' | 'amount'>): RefundExpected {
  const config = getConfig();
  const isAi16z = row.mint === config.mints.ai16z.address.toBase58();
  return {
    signature: row.signature,
    instructionIndex: row.instructionIndex,
    owner: config.deposit.owner,
    mint: { mint: new PublicKey(row.mint), decimals: row.decimals, programId: new PublicKey(row.tokenProgram) },
    token: isAi16z ? 'AI16Z' : `token ${row.mint}`,
    from: new PublicKey(row.tokenAccount),
    to: new PublicKey(row.sourceTokenAccount),
    amount: row.refundAmount ?? row.amount,
  };
}

/** What a refund action answered: sent (signed by the server) or prepared for the offline owner. */
export type RefundAnswer =
  | { id: string; state: 'submitted'; signature: string }
  | { id: string; state: 'prepared'; transaction: string; messageHash: string; lastValidBlockHeight: string; expected: { owner: string; from: string; to: string; mint: string; decimals: number; tokenProgram: string; amount: string; memo: string } };

async function refundableRow(id: string): Promise<Deposit> {
  const [row] = await (await getDb()).select().from(deposits).where(eq(deposits.id, id));
  if (!row) throw new ApiError('NOT_FOUND', 'No such deposit.');
  if (row.refundState !== REFUND_STATES.pending || !row.refundAmount) {
    throw new ApiError('CONFLICT', `This deposit has no refund waiting (its refund is ${row.refundState}).`, { refundState: row.refundState });
  }
  return row;
}

/**
 * Ops' refund of a deposit's refund-pending amount (`POST /api/v1/ops/deposits/{id}/refund`).
 * @throws ApiError NOT_FOUND, CONFLICT (nothing to refund; the source token account is gone or
 *   holds another mint), RPC_UNAVAILABLE.
 */
export async function refundDeposit(actor: string, id: string, now = new Date()): Promise<RefundAnswer> {
  const config = getConfig();
  const row = await refundableRow(id);
  const expected = refundExpectation(row);
  let blockhash: Awaited<ReturnType<typeof getRecentBlockhash>>;
  try {
    const source = await readTokenAccount(expected.to, expected.mint.programId);
    if (!source || !source.mint.equals(expected.mint.mint)) {
      throw new ApiError('CONFLICT', `The source token account ${expected.to.toBase58()} no longer exists (or holds another token), so nothing can be refunded to it. Reject the refund with a note for the holder.`);
    }
    blockhash = await getRecentBlockhash({ fresh: true });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('RPC_UNAVAILABLE', 'The Solana network could not be read just now; nothing changed. Try again.', {}, 5);
  }
  const transaction = buildRefundTransaction({ ...expected, recentBlockhash: blockhash.blockhash });
  const verdict = verifyRefundTransaction(transaction.serialize({ requireAllSignatures: false, verifySignatures: false }), expected);
  if (!verdict.ok) throw new Error(`the refund of ${id} failed its own policy: ${verdict.violations.map((v) => v.code).join(', ')}`);
  const lastValidBlockHeight = BigInt(blockhash.lastValidBlockHeight);
  const ownerKey = config.deposit.ownerKey;
  if (!ownerKey) {
    const unsigned = transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
    return audited(actor, 'deposit.refund_prepare', id, async (tx) => {
      if (!(await recordRefundPrepared(tx, id, { transaction: unsigned, lastValidBlockHeight, by: actor }))) throw new ApiError('CONFLICT', 'This deposit changed meanwhile; look again.');
      const answer: RefundAnswer = {
        id,
        state: 'prepared',
        transaction: unsigned,
        messageHash: bs58.encode(sha256(transaction.serializeMessage())),
        lastValidBlockHeight: lastValidBlockHeight.toString(),
        expected: { owner: expected.owner.toBase58(), from: expected.from.toBase58(), to: expected.to.toBase58(), mint: expected.mint.mint.toBase58(), decimals: expected.mint.decimals, tokenProgram: expected.mint.programId.toBase58(), amount: expected.amount.toString(), memo: verdict.refund.memo },
      };
      return { before: { refundState: row.refundState }, after: { refundState: row.refundState, prepared: true, amount: expected.amount, to: expected.to.toBase58() }, result: answer };
    });
  }
  transaction.sign(ownerKey);
  const wire = transaction.serialize();
  return recordAndSend(actor, row, wire, lastValidBlockHeight, now);
}

async function recordAndSend(actor: string, row: Deposit, wire: Buffer, lastValidBlockHeight: bigint, now: Date): Promise<RefundAnswer> {
  const signature = bs58.encode(Transaction.from(wire).signature ?? new Uint8Array(64));
  await audited(actor, 'deposit.refund', row.id, async (tx) => {
    if (!(await recordRefundSubmitted(tx, row.id, { signature, transaction: wire.toString('base64'), lastValidBlockHeight, by: actor, at: now }))) {
      throw new ApiError('CONFLICT', 'This deposit changed meanwhile; look again.');
    }
    return { before: { refundState: row.refundState }, after: { refundState: REFUND_STATES.submitted, signature, amount: row.refundAmount, to: row.sourceTokenAccount }, result: null };
  });
  const sent = await sendWithPreflight(wire);
  if (sent.kind === 'refused') await recordRefundSendRefused(row.id, sent.reason);
  return { id: row.id, state: 'submitted', signature };
}

/**
 * The offline owner's signed refund (`POST /api/v1/ops/deposits/{id}/refund/submit`): it must be
 * exactly the prepared message, pass the refund policy, and carry a valid signature of the deposit
 * owner; then it is recorded and sent.
 * @throws ApiError NOT_FOUND, CONFLICT (nothing prepared or waiting), INVALID_TRANSACTION,
 *   POLICY_VIOLATION, SIGNATURE_INVALID, MIGRATION_EXPIRED (the prepared blockhash is too old: prepare again).
 */
export async function submitSignedRefund(actor: string, id: string, base64: string, now = new Date()): Promise<RefundAnswer> {
  const row = await refundableRow(id);
  if (!row.refundPrepared || row.refundLastValidBlockHeight === null) throw new ApiError('CONFLICT', 'No refund was prepared for this deposit: prepare it first.');
  let transaction: Transaction;
  const bytes = Buffer.from(base64, 'base64');
  try {
    transaction = Transaction.from(bytes);
    if (!transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).equals(bytes)) throw new Error('non-canonical');
  } catch {
    throw new ApiError('INVALID_TRANSACTION', 'The signed refund could not be decoded as a legacy transaction.');
  }
  const prepared = Transaction.from(Buffer.from(row.refundPrepared, 'base64'));
  if (!transaction.serializeMessage().equals(prepared.serializeMessage())) {
    throw new ApiError('POLICY_VIOLATION', 'This is not the refund the portal prepared (its message differs). Sign the prepared transaction as it is.');
  }
  const verdict = verifyRefundTransaction(bytes, refundExpectation(row));
  if (!verdict.ok) throw new ApiError('POLICY_VIOLATION', 'This transaction is not the refund of this deposit.', { violations: verdict.violations });
  const owner = getConfig().deposit.owner;
  const ownerSignature = transaction.signatures.find((s) => s.publicKey.equals(owner))?.signature;
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), owner.toBuffer()]);
  if (!ownerSignature || !verify(null, transaction.serializeMessage(), { key: spki, format: 'der', type: 'spki' }, ownerSignature)) {
    throw new ApiError('SIGNATURE_INVALID', "The deposit owner's signature does not match this refund.");
  }
  return recordAndSend(actor, row, bytes, row.refundLastValidBlockHeight, now);
}

/**
 * Ops decide not to refund (`POST /api/v1/ops/deposits/{id}/reject`), with a note the holder reads
 * (why, and what to do: e.g. the source account was closed; contact support). Audited.
 * @throws ApiError NOT_FOUND, CONFLICT
 */
export async function rejectDepositRefund(actor: string, id: string, note: string): Promise<{ id: string; refundState: 'rejected' }> {
  const row = await refundableRow(id);
  return audited(actor, 'deposit.reject', id, async (tx) => {
    if (!(await rejectRefund(tx, id, { note, by: actor }))) throw new ApiError('CONFLICT', 'This deposit changed meanwhile; look again.');
    return { before: { refundState: row.refundState }, after: { refundState: REFUND_STATES.rejected, note }, result: { id, refundState: 'rejected' as const } };
  });
}
