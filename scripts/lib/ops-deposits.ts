/**
 * The `deposit` commands of `npm run ops` (DESIGN.md "Deposit and receive"; README "Ops"):
 *
 *   deposit list [--filter refund_pending|open|all]
 *   deposit refund ID [--owner-keypair FILE | --unsigned-out FILE]
 *   deposit refund-submit ID --signed FILE
 *   deposit reject ID --note "…"
 *
 * A refund always goes back to the source token account the deposit came from, signed by the
 * deposit owner. When the server holds the owner's key it signs and sends (`refund` answers
 * `submitted`). Otherwise the server prepares the unsigned refund (`prepared`), and this CLI
 * either signs it with `--owner-keypair` — after checking the bytes itself against the refund
 * policy (one TransferChecked of exactly the stated amount from the owner's own associated token
 * account to the stated source account, the refund memo, the owner as only signer) — and submits
 * it, or writes it to `--unsigned-out` for an offline signer, whose signed file
 * `refund-submit --signed` sends. Every action is audited by the server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { depositKeyInMemo } from '@/lib/solana/payout';
import { verifyRefundTransaction } from '@/lib/solana/payout-policy';
import type { CliKeypair } from '@/scripts/lib/keypair';
import { OpsCliError } from '@/scripts/lib/ops-client';

/** The part of the ops client the deposit commands use (a fake in unit tests). */
export type DepositApi = { get(path: string): Promise<unknown>; post(path: string, body?: unknown): Promise<unknown> };

/** A deposit as `GET /api/v1/ops/deposits` lists it (lib/ops/deposits.ts `depositForOps`). */
export type ListedDeposit = {
  id: string;
  signature: string;
  index: number;
  wallet: string | null;
  mint: string;
  decimals: number;
  amount: string;
  state: string;
  reason: string | null;
  paid: string | null;
  refundState: string;
  refundAmount: string | null;
  refundSignature: string | null;
  sourceTokenAccount: string;
  blockTime: string;
};

/** `POST /api/v1/ops/deposits/{id}/refund`'s answer (lib/deposit/refund.ts `RefundAnswer`). */
export type RefundAnswer =
  | { id: string; state: 'submitted'; signature: string }
  | {
      id: string;
      state: 'prepared';
      transaction: string;
      messageHash: string;
      lastValidBlockHeight: string;
      expected: { owner: string; from: string; to: string; mint: string; decimals: number; tokenProgram: string; amount: string; memo: string };
    };

/** What a command prints: a summary for people, the JSON for `--json`. */
export type CommandOutput = { summary: string; json: unknown };

const FILTERS = ['refund_pending', 'open', 'all'] as const;

/** `deposit list`: one line per deposit: id, state, amount, refund, sender, signature. */
export async function depositList(api: DepositApi, filter = 'refund_pending'): Promise<CommandOutput> {
  if (!(FILTERS as readonly string[]).includes(filter)) throw new OpsCliError('USAGE', `--filter must be one of ${FILTERS.join(', ')}`);
  const answer = (await api.get(`/api/v1/ops/deposits?filter=${filter}`)) as { deposits: ListedDeposit[] };
  const units = (value: string | null, d: ListedDeposit) => (value === null ? '-' : formatBaseUnits(BigInt(value), d.decimals));
  const lines = answer.deposits.map((d) =>
    [
      d.id,
      d.state.padEnd(14),
      `${units(d.amount, d).padStart(18)} sent`,
      `${units(d.paid, d).padStart(18)} paid`,
      d.refundState === 'none' ? 'no refund' : `refund ${d.refundState} ${units(d.refundAmount, d)}`,
      d.reason ?? '',
      d.wallet ?? '(sender unknown)',
      d.signature,
    ].join('  '),
  );
  return { summary: lines.join('\n') || (filter === 'refund_pending' ? 'no refunds waiting' : 'no deposits'), json: answer };
}

/**
 * Checks a prepared refund locally before the owner's key signs it: the transaction must be
 * exactly the refund the answer states (the refund policy on the bytes), from the owner's own
 * associated token account, signed by nobody else, and the key given must be the owner.
 * @throws OpsCliError REFUND_REFUSED naming what is wrong.
 */
export function checkPreparedRefund(answer: Extract<RefundAnswer, { state: 'prepared' }>, owner: CliKeypair): Transaction {
  const e = answer.expected;
  if (e.owner !== owner.publicKey) throw new OpsCliError('REFUND_REFUSED', `the refund is to be signed by the deposit owner ${e.owner}, not by ${owner.publicKey}`);
  const key = depositKeyInMemo(e.memo, 'refund');
  if (!key) throw new OpsCliError('REFUND_REFUSED', `the refund's memo "${e.memo}" names no deposit`);
  const mint = { mint: new PublicKey(e.mint), decimals: e.decimals, programId: new PublicKey(e.tokenProgram) };
  const ownAccount = getAssociatedTokenAddressSync(mint.mint, new PublicKey(e.owner), true, mint.programId);
  if (!ownAccount.equals(new PublicKey(e.from))) throw new OpsCliError('REFUND_REFUSED', `the refund leaves from ${e.from}, not the owner's own token account ${ownAccount.toBase58()}`);
  if (e.to === e.from) throw new OpsCliError('REFUND_REFUSED', 'the refund goes back to the deposit account itself');
  const bytes = Buffer.from(answer.transaction, 'base64');
  const verdict = verifyRefundTransaction(bytes, { ...key, owner: new PublicKey(e.owner), mint, token: 'the deposited token', from: new PublicKey(e.from), to: new PublicKey(e.to), amount: BigInt(e.amount) });
  if (!verdict.ok) throw new OpsCliError('REFUND_REFUSED', `the prepared transaction is not this refund: ${verdict.violations.map((v) => v.code).join(', ')}`);
  return Transaction.from(bytes);
}

/** The refund in words, for the operator to compare with the deposit on an explorer. */
function describeRefund(e: Extract<RefundAnswer, { state: 'prepared' }>['expected']): string {
  return `refund ${formatBaseUnits(BigInt(e.amount), e.decimals)} of mint ${e.mint} from ${e.from} back to ${e.to} (the account the deposit came from), memo ${e.memo}`;
}

/**
 * `deposit refund ID`: asks the server for the refund; signs a prepared one with
 * `ownerKeypair` (after {@link checkPreparedRefund}) and submits it, or writes it to `unsignedOut`.
 * @throws OpsCliError from the API, or REFUND_REFUSED
 */
export async function depositRefund(api: DepositApi, id: string, options: { ownerKeypair?: CliKeypair; unsignedOut?: string } = {}): Promise<CommandOutput> {
  const answer = (await api.post(`/api/v1/ops/deposits/${encodeURIComponent(id)}/refund`)) as RefundAnswer;
  if (answer.state === 'submitted') return { summary: `refund sent by the portal (it holds the deposit owner's key): ${answer.signature}`, json: answer };
  const words = describeRefund(answer.expected);
  if (options.ownerKeypair) {
    const transaction = checkPreparedRefund(answer, options.ownerKeypair);
    transaction.partialSign(Keypair.fromSecretKey(options.ownerKeypair.secretKey));
    const sent = (await api.post(`/api/v1/ops/deposits/${encodeURIComponent(id)}/refund/submit`, { transaction: transaction.serialize().toString('base64') })) as RefundAnswer;
    return { summary: `${words}\nsigned by the deposit owner and sent: ${sent.state === 'submitted' ? sent.signature : sent.state}`, json: sent };
  }
  const next = `sign it with the deposit owner's key, then: npm run ops -- deposit refund-submit ${id} --signed FILE (before block height ${answer.lastValidBlockHeight})`;
  if (options.unsignedOut) {
    writeFileSync(options.unsignedOut, `${JSON.stringify({ id, transaction: answer.transaction, messageHash: answer.messageHash, lastValidBlockHeight: answer.lastValidBlockHeight, expected: answer.expected }, null, 2)}\n`);
    return { summary: `${words}\nunsigned refund written to ${options.unsignedOut} (message hash ${answer.messageHash}); ${next}`, json: answer };
  }
  return { summary: `${words}\nprepared, not signed: the portal does not hold the deposit owner's key. Pass --owner-keypair FILE to sign it here, or --unsigned-out FILE to sign it offline (message hash ${answer.messageHash}).`, json: answer };
}

/**
 * `deposit refund-submit ID --signed FILE`: FILE is the base64 of the owner-signed refund, or the
 * `--unsigned-out` JSON with `transaction` replaced by the signed one.
 * @throws OpsCliError from the API, or SIGNED_FILE when the file holds no transaction
 */
export async function depositRefundSubmit(api: DepositApi, id: string, file: string): Promise<CommandOutput> {
  const content = readFileSync(file, 'utf8').trim();
  let transaction = content;
  if (content.startsWith('{')) {
    try {
      transaction = String((JSON.parse(content) as { transaction?: unknown }).transaction ?? '');
    } catch {
      transaction = '';
    }
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(transaction)) throw new OpsCliError('SIGNED_FILE', `${file} holds no base64 transaction`);
  const sent = (await api.post(`/api/v1/ops/deposits/${encodeURIComponent(id)}/refund/submit`, { transaction })) as RefundAnswer;
  return { summary: `refund sent: ${sent.state === 'submitted' ? sent.signature : sent.state}`, json: sent };
}

/** `deposit reject ID --note "…"`: no refund, with a note the holder reads on the deposit's page. */
export async function depositReject(api: DepositApi, id: string, note: string): Promise<CommandOutput> {
  const answer = await api.post(`/api/v1/ops/deposits/${encodeURIComponent(id)}/reject`, { note });
  return { summary: `refund of deposit ${id} rejected; the holder reads: ${note}`, json: answer };
}
