/**
 * The payout of a deposit (DESIGN.md "Deposit and receive"): one legacy transaction the server
 * builds, checks with the payout policy (`payout-policy.ts`) and signs alone, with its own fee
 * payer and the treasury delegate:
 *
 * | # | program | instruction | notes |
 * |---|---|---|---|
 * | 1 | ComputeBudget | SetComputeUnitLimit | {@link PAYOUT_COMPUTE_UNIT_LIMIT} |
 * | 2 | Associated Token Account | CreateIdempotent | the sender's ELIZAOS ATA (off-curve owners allowed: multisig vaults), payer = the payout fee payer |
 * | 3 | ELIZAOS's token program | TransferChecked | treasury → that ATA, authority = treasury delegate, paid × ratio × 10^(dE − dA) |
 * | 4 | Memo | `elizaos-migration:v1:deposit:<signature>:<index>` | the deposit it pays; memo recovery finds it |
 *
 * And the refund of what was not paid: the deposit owner sends it back to the source token
 * account it came from, and nowhere else:
 *
 * | # | program | instruction | notes |
 * |---|---|---|---|
 * | 1 | ComputeBudget | SetComputeUnitLimit | {@link REFUND_COMPUTE_UNIT_LIMIT} |
 * | 2 | the token's program | TransferChecked | deposit account → source token account, authority = deposit owner (also fee payer and only signer) |
 * | 3 | Memo | `elizaos-migration:v1:refund:<signature>:<index>` | |
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets.
 */
import { createAssociatedTokenAccountIdempotentInstruction, createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { ComputeBudgetProgram, PublicKey, Transaction, TransactionInstruction } from '@solana/web3.js';
import bs58 from 'bs58';
import { U64_MAX } from '@/lib/solana/amounts';
import type { MintRef } from '@/lib/solana/builder';
import { DEPOSIT_MEMO_PREFIX, MEMO_PROGRAM_ID, PAYOUT_COMPUTE_UNIT_LIMIT, REFUND_COMPUTE_UNIT_LIMIT, REFUND_MEMO_PREFIX, isTokenProgram } from '@/lib/solana/constants';

/** A deposit's key: the transaction that brought it and the transfer's place in its instruction trace. */
export type DepositKey = {
  /** The deposit transaction's signature (base58 of 64 bytes). */
  signature: string;
  /** The transfer's 0-based position in the transaction's instruction trace (each top-level instruction followed by its inner ones). */
  instructionIndex: number;
};

/** What one payout must do. Amounts in base units. */
export type PayoutExpected = DepositKey & {
  /** The sender of the deposit (owner of its source token account): on or off the ed25519 curve. */
  recipient: PublicKey;
  elizaos: MintRef;
  /** The treasury's ELIZAOS token account (pays). */
  treasuryTokenAccount: PublicKey;
  /** The server key holding the treasury's SPL allowance: the transfer's authority. */
  treasuryDelegate: PublicKey;
  /** The server key paying the network fee and the ATA rent. */
  feePayer: PublicKey;
  /** ELIZAOS base units: the AI16Z paid × ratio × 10^(dE − dA). */
  amountOut: bigint;
};

/** What one refund must do. `amount` in base units of `mint`. */
export type RefundExpected = DepositKey & {
  /** The deposit owner: fee payer, only signer, authority of `from`. */
  owner: PublicKey;
  /** The token refunded (AI16Z, or the other mint that was sent), and how sentences name it. */
  mint: MintRef;
  token: string;
  /** The owner's token account the deposit arrived in. */
  from: PublicKey;
  /** The source token account the deposit came from: the only place a refund goes. */
  to: PublicKey;
  amount: bigint;
};

/** The builder was given values it must not put in a transaction. `field` names the culprit. */
export class PayoutParamsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PayoutParamsError';
  }
}

/** True for a transaction signature: canonical base58 of 64 bytes. */
export function isTransactionSignature(text: string): boolean {
  if (text.length < 64 || text.length > 88 || !/^[1-9A-HJ-NP-Za-km-z]+$/.test(text)) return false;
  try {
    const bytes = bs58.decode(text);
    return bytes.length === 64 && bs58.encode(bytes) === text;
  } catch {
    return false;
  }
}

function memoFor(prefix: string, key: DepositKey): string {
  if (!isTransactionSignature(key.signature)) throw new PayoutParamsError('signature', 'The deposit signature must be base58 of 64 bytes.');
  if (!Number.isInteger(key.instructionIndex) || key.instructionIndex < 0 || key.instructionIndex > 65_535) {
    throw new PayoutParamsError('instructionIndex', 'The instruction index must be a whole number from 0 to 65535.');
  }
  return `${prefix}${key.signature}:${key.instructionIndex}`;
}

/**
 * The payout memo: `elizaos-migration:v1:deposit:<signature>:<index>`.
 * @throws PayoutParamsError when the key is not a signature and an index.
 */
export function payoutMemo(key: DepositKey): string {
  return memoFor(DEPOSIT_MEMO_PREFIX, key);
}

/**
 * The refund memo: `elizaos-migration:v1:refund:<signature>:<index>`.
 * @throws PayoutParamsError when the key is not a signature and an index.
 */
export function refundMemo(key: DepositKey): string {
  return memoFor(REFUND_MEMO_PREFIX, key);
}

/**
 * The deposit key a payout or refund memo names, or null. The RPC prefixes memos in history
 * entries with their length (`[121] elizaos-…`), so the text is searched, not matched whole.
 */
export function depositKeyInMemo(memo: string | null, kind: 'deposit' | 'refund'): DepositKey | null {
  if (!memo) return null;
  const prefix = kind === 'deposit' ? DEPOSIT_MEMO_PREFIX : REFUND_MEMO_PREFIX;
  const at = memo.indexOf(prefix);
  if (at < 0) return null;
  const match = /^([1-9A-HJ-NP-Za-km-z]{64,88}):(\d{1,5})(?![\d])/.exec(memo.slice(at + prefix.length));
  if (!match?.[1] || !match[2] || !isTransactionSignature(match[1])) return null;
  return { signature: match[1], instructionIndex: Number(match[2]) };
}

/**
 * The sender's ELIZAOS associated token account, derived with ELIZAOS's program; off-curve owners
 * (a Squads vault, any PDA) are allowed: an ATA is an account of its owner, whoever can sign for it.
 * @see https://spl.solana.com/associated-token-account
 */
export function payoutTokenAccount(recipient: PublicKey, elizaos: Pick<MintRef, 'mint' | 'programId'>): PublicKey {
  return getAssociatedTokenAddressSync(elizaos.mint, recipient, true, elizaos.programId);
}

function assertAmount(field: string, amount: bigint): void {
  if (amount <= 0n || amount > U64_MAX) throw new PayoutParamsError(field, `${field} must be between 1 and u64 max base units.`);
}

function assertMint(field: string, ref: MintRef): void {
  if (!Number.isInteger(ref.decimals) || ref.decimals < 0 || ref.decimals > 255) throw new PayoutParamsError(`${field}.decimals`, 'Decimals must be 0–255.');
  if (!isTokenProgram(ref.programId)) throw new PayoutParamsError(`${field}.programId`, 'The token program must be SPL Token or Token-2022.');
}

function memoInstruction(text: string): TransactionInstruction {
  // No keys: a memo signer would add a required signature.
  return new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from(new TextEncoder().encode(text)) });
}

/**
 * The payout's instructions, in order (see the module comment).
 * @throws PayoutParamsError on a value the payout policy would refuse: a bad key, an amount outside
 *   1…u64 max, an unknown token program, a recipient that is one of the server's own keys.
 */
export function buildPayoutInstructions(p: PayoutExpected): TransactionInstruction[] {
  const memo = payoutMemo(p);
  assertAmount('amountOut', p.amountOut);
  assertMint('elizaos', p.elizaos);
  if (p.recipient.equals(p.feePayer) || p.recipient.equals(p.treasuryDelegate)) throw new PayoutParamsError('recipient', 'A payout never goes to one of the portal’s own keys.');
  const ata = payoutTokenAccount(p.recipient, p.elizaos);
  if (ata.equals(p.treasuryTokenAccount)) throw new PayoutParamsError('recipient', 'A payout never goes to the treasury itself.');
  return [
    ComputeBudgetProgram.setComputeUnitLimit({ units: PAYOUT_COMPUTE_UNIT_LIMIT }),
    createAssociatedTokenAccountIdempotentInstruction(p.feePayer, ata, p.recipient, p.elizaos.mint, p.elizaos.programId),
    createTransferCheckedInstruction(p.treasuryTokenAccount, p.elizaos.mint, ata, p.treasuryDelegate, p.amountOut, p.elizaos.decimals, [], p.elizaos.programId),
    memoInstruction(memo),
  ];
}

/**
 * The unsigned payout transaction (legacy), fee payer = `p.feePayer`; signers: the fee payer and
 * the treasury delegate (one signature when they are the same key).
 * @throws PayoutParamsError as {@link buildPayoutInstructions}, or for a blockhash that is not a base58 32-byte hash.
 */
export function buildPayoutTransaction(p: PayoutExpected & { recentBlockhash: string }): Transaction {
  assertBlockhash(p.recentBlockhash);
  const transaction = new Transaction({ feePayer: p.feePayer, recentBlockhash: p.recentBlockhash });
  return transaction.add(...buildPayoutInstructions(p));
}

/**
 * The refund's instructions, in order (see the module comment).
 * @throws PayoutParamsError on a bad key, an amount outside 1…u64 max, an unknown token program,
 *   or a refund to the account it comes from.
 */
export function buildRefundInstructions(p: RefundExpected): TransactionInstruction[] {
  const memo = refundMemo(p);
  assertAmount('amount', p.amount);
  assertMint('mint', p.mint);
  if (p.to.equals(p.from)) throw new PayoutParamsError('to', 'A refund goes back to the source token account, not to the deposit account.');
  return [
    ComputeBudgetProgram.setComputeUnitLimit({ units: REFUND_COMPUTE_UNIT_LIMIT }),
    createTransferCheckedInstruction(p.from, p.mint.mint, p.to, p.owner, p.amount, p.mint.decimals, [], p.mint.programId),
    memoInstruction(memo),
  ];
}

/**
 * The unsigned refund transaction (legacy), fee payer and only signer = the deposit owner.
 * @throws PayoutParamsError as {@link buildRefundInstructions}, or for a bad blockhash.
 */
export function buildRefundTransaction(p: RefundExpected & { recentBlockhash: string }): Transaction {
  assertBlockhash(p.recentBlockhash);
  return new Transaction({ feePayer: p.owner, recentBlockhash: p.recentBlockhash }).add(...buildRefundInstructions(p));
}

function assertBlockhash(text: string): void {
  try {
    if (new PublicKey(text).toBytes().some((b) => b !== 0)) return;
  } catch {
    // fall through
  }
  throw new PayoutParamsError('recentBlockhash', 'The recent blockhash must be a base58 32-byte hash.');
}
