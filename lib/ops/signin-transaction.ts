/**
 * The Ledger fallback of ops sign-in: the SIWS text carried in a memo transaction that the wallet
 * signs with `signTransaction` and nobody ever sends. Ledger's Solana app (through Phantom or
 * directly) cannot always sign off-chain messages, but it signs a memo transaction.
 *
 * The transaction can never land: its recent blockhash is all zeros, which no cluster ever
 * produced. Fee payer and only signer = the ops wallet; one SPL Memo v2 instruction whose data is
 * the SIWS message; wallets may add ComputeBudget or Lighthouse guard instructions (Phantom does),
 * nothing else. Pure apart from web3.js decoding: browser and CLI build, the server decodes.
 */
import { PublicKey, Transaction, TransactionInstruction } from '@solana/web3.js';
import { COMPUTE_BUDGET_PROGRAM_ID, LIGHTHOUSE_PROGRAM_ID, MAX_WALLET_ADDED_INSTRUCTIONS, MEMO_PROGRAM_ID } from '@/lib/solana/constants';

/** 32 zero bytes in base58: a blockhash no cluster has, so the signed transaction can never be sent. */
export const SIGN_IN_BLOCKHASH = '11111111111111111111111111111111';

/** The unsigned sign-in transaction for `wallet` carrying `message` (UTF-8) in a memo. */
export function buildSignInTransaction(wallet: PublicKey, message: string): Transaction {
  const transaction = new Transaction({ feePayer: wallet, recentBlockhash: SIGN_IN_BLOCKHASH });
  transaction.add(new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from(message, 'utf8') }));
  return transaction;
}

export type DecodedSignInTransaction = {
  wallet: PublicKey;
  /** The SIWS text from the memo. */
  message: string;
  /** The wallet's ed25519 signature (64 bytes) over {@link signedBytes}. */
  signature: Uint8Array;
  /** The serialized transaction message: the bytes the signature covers. */
  signedBytes: Uint8Array;
};

/** Thrown by {@link decodeSignInTransaction}; `message` says what is not acceptable. */
export class SignInTransactionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInTransactionError';
  }
}

/**
 * Decodes a signed sign-in transaction (wire bytes) and checks its shape. Does not verify the
 * signature (lib/ops/auth.ts does, with the same check as for a signed message).
 *
 * @throws SignInTransactionError for anything but the shape described in this module's comment.
 */
export function decodeSignInTransaction(bytes: Uint8Array): DecodedSignInTransaction {
  if (bytes.length === 0 || bytes.length > 1232) throw new SignInTransactionError('the transaction has an impossible size');
  let transaction: Transaction;
  try {
    transaction = Transaction.from(bytes);
  } catch {
    throw new SignInTransactionError('not a legacy Solana transaction');
  }
  const payer = transaction.feePayer;
  if (!payer) throw new SignInTransactionError('the transaction has no fee payer');
  if (transaction.signatures.length !== 1 || !transaction.signatures[0]?.publicKey.equals(payer)) {
    throw new SignInTransactionError('the fee payer must be the only signer');
  }
  const signature = transaction.signatures[0].signature;
  if (!signature) throw new SignInTransactionError('the transaction is not signed');
  if (transaction.recentBlockhash !== SIGN_IN_BLOCKHASH) {
    throw new SignInTransactionError('the recent blockhash must be the all-zero placeholder, so the transaction can never be sent');
  }
  const memos = transaction.instructions.filter((ix) => ix.programId.equals(MEMO_PROGRAM_ID));
  const added = transaction.instructions.filter((ix) => ix.programId.equals(COMPUTE_BUDGET_PROGRAM_ID) || ix.programId.equals(LIGHTHOUSE_PROGRAM_ID));
  if (memos.length !== 1 || memos.length + added.length !== transaction.instructions.length) {
    throw new SignInTransactionError('the transaction must hold exactly one memo instruction (and nothing but compute-budget or guard instructions)');
  }
  if (added.length > MAX_WALLET_ADDED_INSTRUCTIONS) throw new SignInTransactionError('too many wallet-added instructions');
  const memo = memos[0];
  if (!memo || memo.keys.some((k) => !k.pubkey.equals(payer))) throw new SignInTransactionError('the memo may name no account but the signer');
  let message: string;
  try {
    message = new TextDecoder('utf-8', { fatal: true }).decode(memo.data);
  } catch {
    throw new SignInTransactionError('the memo is not UTF-8 text');
  }
  return { wallet: payer, message, signature: Uint8Array.from(signature), signedBytes: Uint8Array.from(transaction.serializeMessage()) };
}
