import 'server-only';
import { decodeTransferCheckedInstruction } from '@solana/spl-token';
import { Message, PublicKey, VersionedMessage, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { type Finality } from '@solana/web3.js';
import { type LandedTransaction, readAddressHistory, readLandedTransaction } from '@/lib/chain/transactions';
import { getConfig } from '@/lib/config';
import type { Deposit } from '@/lib/db/schema';
import { convertAi16zToElizaos, U64_MAX } from '@/lib/solana/amounts';
import { type PayoutExpected, payoutMemo, payoutTokenAccount } from '@/lib/solana/payout';
import { verifyPayoutTransaction } from '@/lib/solana/payout-policy';

/**
 * What the chain proves about a deposit's payout beyond its recorded signature (DESIGN.md "Deposit
 * and receive"): the memo `elizaos-migration:v1:deposit:<signature>:<index>` is searched in the
 * history of the sender's ELIZAOS account (every payout writes to it; it is short for almost every
 * holder), and a landed transaction with it is ours only when the payout policy accepts it for
 * this deposit. Used before any payout is signed (a payout whose record was lost is found, never
 * paid twice) and before an in-flight payout is released.
 */

/** Pages of an account's history read at most per look (1,000 entries each). */
const MAX_PAGES = 5;
const PAGE = 1_000;
/** Margin before the deposit's block time for clock skew between the node and block times. */
const SKEW_MS = 2 * 60_000;

export type LandedPayout =
  | { kind: 'landed'; signature: string; paid: bigint; payoutAmount: bigint }
  | { kind: 'failed'; signature: string; error: string }
  | { kind: 'absent' }
  /** The history could not be read back to the deposit within the bound: prove nothing. */
  | { kind: 'inconclusive'; reason: string };

/** The payout's expectation for `row` (recipient = the sender), with `amountOut` as given. */
export function payoutExpectation(row: Pick<Deposit, 'signature' | 'instructionIndex' | 'wallet'>, amountOut: bigint): PayoutExpected {
  const config = getConfig();
  if (!row.wallet) throw new Error('a deposit without a known sender is never paid');
  return {
    signature: row.signature,
    instructionIndex: row.instructionIndex,
    recipient: new PublicKey(row.wallet),
    elizaos: { mint: config.mints.elizaos.address, decimals: config.mints.elizaos.decimals, programId: config.mints.elizaos.programId },
    treasuryTokenAccount: config.treasury.tokenAccount,
    treasuryDelegate: config.treasury.delegate.publicKey,
    feePayer: config.deposit.feePayer.publicKey,
    amountOut,
  };
}

/**
 * The AI16Z a payout of `amountOut` ELIZAOS pays for (the inverse of the conversion), or null when
 * no AI16Z amount converts to exactly it.
 */
export function ai16zPaidFor(amountOut: bigint): bigint | null {
  const { ai16z, elizaos } = getConfig().mints;
  const ratio = getConfig().ratio;
  const scaleUp = elizaos.decimals >= ai16z.decimals;
  const factor = 10n ** BigInt(Math.abs(elizaos.decimals - ai16z.decimals));
  const candidate = scaleUp ? amountOut / (ratio * factor) : (amountOut * factor) / ratio;
  if (candidate <= 0n || candidate > U64_MAX) return null;
  try {
    return convertAi16zToElizaos(candidate, ai16z.decimals, elizaos.decimals, ratio) === amountOut ? candidate : null;
  } catch {
    return null;
  }
}

/**
 * Whether a landed transaction (its message and signatures) is verifiably the payout of `row`:
 * the payout policy passes on it for this deposit, with the amount its own transfer states.
 * @returns what it paid, or null when it is not ours.
 */
export function ourPayout(row: Pick<Deposit, 'signature' | 'instructionIndex' | 'wallet'>, landed: { message: Buffer; signatures: string[] }): { paid: bigint; payoutAmount: bigint } | null {
  let transaction: VersionedTransaction;
  let amountOut: bigint | null = null;
  try {
    const message = VersionedMessage.deserialize(landed.message);
    transaction = new VersionedTransaction(message, landed.signatures.map((s) => bs58.decode(s)));
    if (!(message instanceof Message)) return null;
    for (const ix of Message.from(landed.message).instructions) {
      const keys = ix.accounts.map((i) => ({ pubkey: message.accountKeys[i] ?? PublicKey.default, isSigner: message.isAccountSigner(i), isWritable: message.isAccountWritable(i) }));
      const programId = message.accountKeys[ix.programIdIndex];
      if (!programId?.equals(getConfig().mints.elizaos.programId)) continue;
      try {
        amountOut = decodeTransferCheckedInstruction({ programId, keys, data: Buffer.from(bs58.decode(ix.data)) }, programId).data.amount;
      } catch {
        // not the transfer
      }
    }
  } catch {
    return null;
  }
  if (amountOut === null || !row.wallet) return null;
  const verdict = verifyPayoutTransaction(transaction, payoutExpectation(row, amountOut), { maxAmountOut: U64_MAX });
  const paid = ai16zPaidFor(amountOut);
  return verdict.ok && paid !== null ? { paid, payoutAmount: amountOut } : null;
}

/**
 * Looks for a landed payout of `row` in the history of the sender's ELIZAOS account at
 * `commitment`, back to the deposit's block time.
 * @throws Error when the RPC is unreachable.
 */
export async function findLandedPayout(row: Pick<Deposit, 'signature' | 'instructionIndex' | 'wallet' | 'blockTime'>, commitment: Finality): Promise<LandedPayout> {
  if (!row.wallet) return { kind: 'absent' };
  const config = getConfig();
  const account = payoutTokenAccount(new PublicKey(row.wallet), { mint: config.mints.elizaos.address, programId: config.mints.elizaos.programId });
  const memo = payoutMemo(row);
  const since = Math.floor((row.blockTime.getTime() - SKEW_MS) / 1000);
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const entries = await readAddressHistory(account, { before, limit: PAGE, commitment });
    for (const entry of entries) {
      if (!entry.memo?.includes(memo)) continue;
      const landed = await readLandedTransaction(entry.signature, commitment);
      if (!landed) continue;
      const paid = ourPayout(row, landed);
      if (!paid) continue;
      return landed.err === null ? { kind: 'landed', signature: landed.signature, ...paid } : { kind: 'failed', signature: landed.signature, error: JSON.stringify(landed.err) };
    }
    const last = entries.at(-1);
    if (!last || entries.length < PAGE || (last.blockTime !== null && last.blockTime < since)) return { kind: 'absent' };
    before = last.signature;
  }
  return { kind: 'inconclusive', reason: `more than ${MAX_PAGES * PAGE} transactions of ${account.toBase58()} since the deposit` };
}

/**
 * Looks for a landed transaction with `memo` in `address`'s history at `commitment` since `since`
 * that `isOurs` accepts (a refund's memo in the deposit account's history: anyone can write any
 * memo into a transaction that mentions the account, so each candidate is checked).
 * @throws Error when the RPC is unreachable.
 */
export async function findMemoInHistory(
  address: PublicKey,
  memo: string,
  since: Date,
  commitment: Finality,
  isOurs: (landed: LandedTransaction) => boolean,
): Promise<{ kind: 'landed' | 'failed'; signature: string; error?: string } | { kind: 'absent' } | { kind: 'inconclusive' }> {
  const sinceUnix = Math.floor((since.getTime() - SKEW_MS) / 1000);
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const entries = await readAddressHistory(address, { before, limit: PAGE, commitment });
    for (const entry of entries) {
      if (!entry.memo?.includes(memo)) continue;
      const landed = await readLandedTransaction(entry.signature, commitment);
      if (!landed || !isOurs(landed)) continue;
      return landed.err === null ? { kind: 'landed', signature: landed.signature } : { kind: 'failed', signature: landed.signature, error: JSON.stringify(landed.err) };
    }
    const last = entries.at(-1);
    if (!last || entries.length < PAGE || (last.blockTime !== null && last.blockTime < sinceUnix)) return { kind: 'absent' };
    before = last.signature;
  }
  return { kind: 'inconclusive' };
}

/** A landed transaction's message and signatures as a web3.js transaction (for a policy), or null when they do not decode. */
export function landedAsTransaction(landed: Pick<LandedTransaction, 'message' | 'signatures'>): VersionedTransaction | null {
  try {
    return new VersionedTransaction(VersionedMessage.deserialize(landed.message), landed.signatures.map((s) => bs58.decode(s)));
  } catch {
    return null;
  }
}
