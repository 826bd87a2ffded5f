import 'server-only';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, unpackAccount } from '@solana/spl-token';
import { type Finality, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { getConnection } from '@/lib/chain';

/**
 * The chain reads of deposit and receive (DESIGN.md "Deposit and receive"): a landed transaction
 * with its whole instruction trace and token balances (what the deposit watcher decodes), the
 * deposit owner's token accounts, SOL balances. Nothing here changes a row or decides what a
 * transaction means (lib/deposit/detect.ts does).
 */

/** One instruction of a transaction's trace, its accounts resolved (lookup tables included). */
export type TraceInstruction = {
  /** Position in the trace: each top-level instruction followed by its inner instructions, 0-based. */
  index: number;
  /** The top-level instruction it is (or runs inside). */
  topLevel: number;
  /** 1 for a top-level instruction, 2+ for inner ones (the runtime's stack height). */
  stackHeight: number;
  programId: string;
  accounts: string[];
  data: Uint8Array;
};

/** A token balance of the transaction's meta; `amount` in base units. */
export type TraceTokenBalance = { account: string; mint: string; owner: string | null; programId: string | null; amount: bigint; decimals: number };

/** A landed transaction as the deposit watcher reads it. */
export type TracedTransaction = {
  signature: string;
  slot: number;
  /** Unix seconds, or null when the node does not know it. */
  blockTime: number | null;
  /** The runtime's error, or null when it succeeded. */
  err: unknown;
  /** Required signers, fee payer first. */
  signers: string[];
  instructions: TraceInstruction[];
  preTokenBalances: TraceTokenBalance[];
  postTokenBalances: TraceTokenBalance[];
};

/**
 * `getTransaction` at `commitment` with its instruction trace: top-level instructions in order,
 * each followed by its inner instructions (meta `innerInstructions`), accounts resolved through
 * the loaded addresses of a v0 message. Null when the node has no such landed transaction at
 * that commitment (not landed, or not yet final).
 * @throws Error when the RPC is unreachable or the answer lacks its meta.
 */
export async function readTracedTransaction(signature: string, commitment: Finality): Promise<TracedTransaction | null> {
  const landed = await getConnection().getTransaction(signature, { commitment, maxSupportedTransactionVersion: 0 });
  if (!landed) return null;
  const { meta } = landed;
  if (!meta) throw new Error(`the node answered transaction ${signature} without its status metadata`);
  const message = landed.transaction.message;
  const keys = [
    ...message.staticAccountKeys.map((k) => k.toBase58()),
    ...(meta.loadedAddresses?.writable ?? []).map((k) => k.toBase58()),
    ...(meta.loadedAddresses?.readonly ?? []).map((k) => k.toBase58()),
  ];
  const keyAt = (i: number) => {
    const key = keys[i];
    if (key === undefined) throw new Error(`transaction ${signature}: account index ${i} out of range`);
    return key;
  };
  const inner = new Map<number, { programIdIndex: number; accounts: number[]; data: string; stackHeight?: number | null }[]>();
  for (const set of meta.innerInstructions ?? []) inner.set(set.index, set.instructions as never);
  const instructions: TraceInstruction[] = [];
  message.compiledInstructions.forEach((compiled, topLevel) => {
    instructions.push({ index: instructions.length, topLevel, stackHeight: 1, programId: keyAt(compiled.programIdIndex), accounts: compiled.accountKeyIndexes.map(keyAt), data: Uint8Array.from(compiled.data) });
    for (const ix of inner.get(topLevel) ?? []) {
      instructions.push({ index: instructions.length, topLevel, stackHeight: ix.stackHeight ?? 2, programId: keyAt(ix.programIdIndex), accounts: ix.accounts.map(keyAt), data: bs58.decode(ix.data) });
    }
  });
  const balances = (list: typeof meta.preTokenBalances): TraceTokenBalance[] =>
    (list ?? []).map((b) => ({ account: keyAt(b.accountIndex), mint: b.mint, owner: b.owner ?? null, programId: b.programId ?? null, amount: BigInt(b.uiTokenAmount.amount), decimals: b.uiTokenAmount.decimals }));
  return {
    signature,
    slot: landed.slot,
    blockTime: landed.blockTime ?? null,
    err: meta.err ?? null,
    signers: keys.slice(0, message.header.numRequiredSignatures),
    instructions,
    preTokenBalances: balances(meta.preTokenBalances),
    postTokenBalances: balances(meta.postTokenBalances),
  };
}

/** A token account of the deposit owner, as the chain holds it now. `amount` in base units. */
export type OwnedTokenAccount = { address: PublicKey; mint: PublicKey; programId: PublicKey; amount: bigint };

/**
 * Every token account `owner` owns, under SPL Token and Token-2022 (two `getTokenAccountsByOwner`
 * calls, decoded with spl-token's `unpackAccount`).
 * @throws Error when the RPC is unreachable.
 */
export async function readOwnedTokenAccounts(owner: PublicKey): Promise<OwnedTokenAccount[]> {
  const connection = getConnection();
  const result: OwnedTokenAccount[] = [];
  for (const programId of [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID]) {
    const { value } = await connection.getTokenAccountsByOwner(owner, { programId }, 'confirmed');
    for (const { pubkey, account } of value) {
      try {
        const decoded = unpackAccount(pubkey, account, programId);
        result.push({ address: pubkey, mint: decoded.mint, programId, amount: decoded.amount });
      } catch {
        // Not a token account of this program after all: nothing to watch.
      }
    }
  }
  return result;
}

/**
 * One token account's mint, owner and balance, or null when it does not exist (or is not a token
 * account of `programId`).
 * @throws Error when the RPC is unreachable.
 */
export async function readTokenAccount(address: PublicKey, programId: PublicKey): Promise<{ mint: PublicKey; owner: PublicKey; amount: bigint; delegate: PublicKey | null; delegatedAmount: bigint } | null> {
  const info = await getConnection().getAccountInfo(address, 'confirmed');
  if (!info) return null;
  try {
    const a = unpackAccount(address, info, programId);
    return { mint: a.mint, owner: a.owner, amount: a.amount, delegate: a.delegate, delegatedAmount: a.delegatedAmount };
  } catch {
    return null;
  }
}

/** SOL balance in lamports. @throws Error when the RPC is unreachable. */
export async function readLamports(address: PublicKey): Promise<bigint> {
  return BigInt(await getConnection().getBalance(address, 'confirmed'));
}
