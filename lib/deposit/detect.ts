/**
 * What a landed transaction deposited (DESIGN.md "Deposit and receive"): every token transfer in
 * its instruction trace (top-level and inner instructions alike: a Squads vault's transfer runs
 * inside the multisig program) whose destination is a watched account. Pure: no RPC, no database.
 *
 * - The key is (signature, the transfer's index in the trace).
 * - The sender is the owner of the source token account, as the transaction's own token balances
 *   state it (not the transfer's authority, which may be a delegate).
 * - The amount is exactly what arrived: the transfers into an account must add up to what its
 *   balance gained in the transaction; when they do not (a transfer fee, the account debited in
 *   the same transaction), each such deposit is marked `unverified` and counts at most what arrived.
 */
import { TokenInstruction } from '@solana/spl-token';
import type { TracedTransaction, TraceInstruction } from '@/lib/chain/deposits';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@/lib/solana/constants';

/** A watched account: the deposit token account, or another token account of the deposit owner. */
export type WatchedAccount = { address: string; mint: string; programId: string };

/** One deposit found in a transaction. Amount in base units of `mint`. */
export type DetectedDeposit = {
  signature: string;
  instructionIndex: number;
  slot: number;
  blockTime: Date;
  /** Owner of the source token account; null when the transaction's balances do not say. */
  wallet: string | null;
  sourceTokenAccount: string;
  tokenAccount: string;
  mint: string;
  tokenProgram: string;
  decimals: number;
  amount: bigint;
  /** The transfers into the account do not add up to what its balance gained. */
  unverified: boolean;
};

type Transfer = { index: number; source: string; destination: string; amount: bigint; programId: string; mint: string | null; decimals: number | null };

const TOKEN_PROGRAMS = new Set([TOKEN_PROGRAM_ID.toBase58(), TOKEN_2022_PROGRAM_ID.toBase58()]);
/** Token-2022's TransferFeeExtension instruction and its TransferCheckedWithFee sub-instruction. */
const TRANSFER_FEE_EXTENSION = 26;
const TRANSFER_CHECKED_WITH_FEE = 1;

function u64(data: Uint8Array, offset: number): bigint | null {
  if (data.length < offset + 8) return null;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).readBigUInt64LE(offset);
}

/** A token transfer (Transfer, TransferChecked, TransferCheckedWithFee) decoded from its wire form, or null. */
export function decodeTransfer(ix: TraceInstruction): Transfer | null {
  if (!TOKEN_PROGRAMS.has(ix.programId)) return null;
  const tag = ix.data[0];
  const [a0, a1, a2] = ix.accounts;
  if (tag === TokenInstruction.Transfer && ix.data.length === 9 && a0 && a1) {
    const amount = u64(ix.data, 1);
    return amount === null ? null : { index: ix.index, source: a0, destination: a1, amount, programId: ix.programId, mint: null, decimals: null };
  }
  if (tag === TokenInstruction.TransferChecked && ix.data.length === 10 && a0 && a1 && a2) {
    const amount = u64(ix.data, 1);
    return amount === null ? null : { index: ix.index, source: a0, destination: a2, amount, programId: ix.programId, mint: a1, decimals: ix.data[9] ?? null };
  }
  if (tag === TRANSFER_FEE_EXTENSION && ix.data[1] === TRANSFER_CHECKED_WITH_FEE && ix.data.length === 19 && a0 && a1 && a2 && ix.programId === TOKEN_2022_PROGRAM_ID.toBase58()) {
    const amount = u64(ix.data, 2);
    return amount === null ? null : { index: ix.index, source: a0, destination: a2, amount, programId: ix.programId, mint: a1, decimals: ix.data[10] ?? null };
  }
  return null;
}

/**
 * The deposits `tx` made into `watched` accounts; none for a failed transaction (the runtime
 * rolled it back) or one without a block time (not final: the watcher reads only finalized ones).
 */
export function detectDeposits(tx: TracedTransaction, watched: readonly WatchedAccount[]): DetectedDeposit[] {
  if (tx.err !== null || tx.blockTime === null) return [];
  const byAddress = new Map(watched.map((w) => [w.address, w]));
  const transfers = tx.instructions.map(decodeTransfer).filter((t): t is Transfer => t !== null && byAddress.has(t.destination) && t.source !== t.destination && t.amount > 0n);
  if (transfers.length === 0) return [];
  const balance = (list: TracedTransaction['preTokenBalances'], account: string) => list.find((b) => b.account === account);
  const deposits: DetectedDeposit[] = [];
  for (const [address, account] of byAddress) {
    const into = transfers.filter((t) => t.destination === address);
    if (into.length === 0) continue;
    const pre = balance(tx.preTokenBalances, address)?.amount ?? 0n;
    const post = balance(tx.postTokenBalances, address);
    const gained = (post?.amount ?? 0n) - pre;
    const sum = into.reduce((total, t) => total + t.amount, 0n);
    const unverified = sum !== gained;
    for (const t of into) {
      // Never more than arrived: with a fee or a debit in the same transaction, the gain bounds it.
      const amount = unverified ? (gained > 0n ? (t.amount < gained ? t.amount : gained) : 0n) : t.amount;
      if (amount <= 0n) continue;
      const sourceBalance = balance(tx.preTokenBalances, t.source) ?? balance(tx.postTokenBalances, t.source);
      deposits.push({
        signature: tx.signature,
        instructionIndex: t.index,
        slot: tx.slot,
        blockTime: new Date(tx.blockTime * 1000),
        wallet: sourceBalance?.owner ?? null,
        sourceTokenAccount: t.source,
        tokenAccount: address,
        mint: account.mint,
        tokenProgram: account.programId,
        decimals: post?.decimals ?? t.decimals ?? 0,
        amount,
        unverified,
      });
    }
  }
  return deposits.sort((a, b) => a.instructionIndex - b.instructionIndex);
}
