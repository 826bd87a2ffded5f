import 'server-only';
import { type Finality, type PublicKey, SendTransactionError, type SignatureStatus } from '@solana/web3.js';
import bs58 from 'bs58';
import { getConnection, withOneEndpoint } from '@/lib/chain';

/**
 * The server's sends and transaction reads, named for what the migration needs of them (DESIGN.md
 * "The allocation under any order of events"). Every server chain call of the migration flow goes
 * through lib/chain; nothing here changes a database row or decides what an answer means.
 */

/**
 * What a node said to a send. `refused` is the node's own preflight simulation failing *now*: it
 * says nothing about whether the same bytes can land later (the accounts may change back while
 * the blockhash is valid), so it never settles a migration.
 */
export type SendOutcome =
  | { kind: 'accepted' }
  /** The node has already processed this transaction (or its message): it landed. */
  | { kind: 'processed' }
  | { kind: 'refused'; reason: string; logs: string[] }
  /** Timeout, lost answer, 5xx: the bytes may or may not have reached a leader. */
  | { kind: 'uncertain'; reason: string };

function sendOutcome(error: unknown): SendOutcome {
  if (error instanceof SendTransactionError) {
    const reason = error.transactionError.message;
    if (/already been processed|AlreadyProcessed/i.test(reason)) return { kind: 'processed' };
    const logs = error.transactionError.logs ?? [];
    const programError = logs.find((line) => /Error: |failed: /.test(line));
    return { kind: 'refused', reason: (programError ?? reason).slice(0, 300), logs };
  }
  return { kind: 'uncertain', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Sends fully signed wire bytes with the node's preflight simulation (`confirmed` state), no node
 * retries, to every healthy RPC endpoint at once (lib/chain/pool.ts: idempotent by signature; the
 * answer is the first acceptance, else the first refusal). Never throws.
 */
export async function sendWithPreflight(wire: Uint8Array): Promise<SendOutcome> {
  try {
    await getConnection().sendRawTransaction(wire, { skipPreflight: false, preflightCommitment: 'confirmed', maxRetries: 0 });
    return { kind: 'accepted' };
  } catch (error) {
    return sendOutcome(error);
  }
}

/** Re-broadcasts recorded wire bytes without preflight (the leader decides), no node retries, to every healthy endpoint. Never throws. */
export async function rebroadcast(wire: Uint8Array): Promise<SendOutcome> {
  try {
    await getConnection().sendRawTransaction(wire, { skipPreflight: true, maxRetries: 0 });
    return { kind: 'accepted' };
  } catch (error) {
    return sendOutcome(error);
  }
}

/** `getSignatureStatuses` allows this many signatures per call. */
const MAX_STATUSES = 256;

/**
 * Statuses of `signatures`, searching the node's whole transaction history (not only its status
 * cache), in order; null for a signature the node has no trace of.
 * @throws Error when the RPC is unreachable.
 */
export async function readSignatureStatuses(signatures: string[]): Promise<(SignatureStatus | null)[]> {
  const statuses: (SignatureStatus | null)[] = [];
  for (let start = 0; start < signatures.length; start += MAX_STATUSES) {
    const { value } = await getConnection().getSignatureStatuses(signatures.slice(start, start + MAX_STATUSES), { searchTransactionHistory: true });
    statuses.push(...value);
  }
  return statuses;
}

/**
 * Block heights at `confirmed` and at `finalized`, read together. A transaction can no longer land
 * once `confirmed` is past its last valid block height, and that is final once `finalized` is.
 * @throws Error when the RPC is unreachable.
 */
export async function readBlockHeights(): Promise<{ confirmed: bigint; finalized: bigint }> {
  // One node's two heights: a `finalized` from one endpoint beside a `confirmed` from another proves nothing.
  return withOneEndpoint(async () => {
    const connection = getConnection();
    const [confirmed, finalized] = await Promise.all([connection.getBlockHeight('confirmed'), connection.getBlockHeight('finalized')]);
    return { confirmed: BigInt(confirmed), finalized: BigInt(finalized) };
  });
}

/**
 * The block height at `confirmed`, read live (no cache): submit reads it just before co-signing,
 * to know the chain is reachable and the transaction's blockhash can still land.
 * @throws Error when no RPC endpoint answers.
 */
export async function readConfirmedBlockHeight(): Promise<bigint> {
  return BigInt(await getConnection().getBlockHeight('confirmed'));
}

/** An entry of an address's transaction history (`getSignaturesForAddress`), newest first. */
export type HistoryEntry = { signature: string; slot: number; failed: boolean; memo: string | null; blockTime: number | null };

/**
 * One page of `address`'s history at `commitment`, newest first, strictly older than `before` and
 * strictly newer than `until`.
 * @param limit at most 1,000 (the RPC maximum).
 * @throws Error when the RPC is unreachable.
 */
export async function readAddressHistory(address: PublicKey, options: { before?: string; until?: string; limit: number; commitment: Finality }): Promise<HistoryEntry[]> {
  const entries = await getConnection().getSignaturesForAddress(address, { before: options.before, until: options.until, limit: options.limit }, options.commitment);
  return entries.map((e) => ({ signature: e.signature, slot: e.slot, failed: e.err !== null, memo: e.memo, blockTime: e.blockTime ?? null }));
}

/** A landed transaction as the migration checks it: its exact message bytes and who signed it. */
export type LandedTransaction = {
  signature: string;
  slot: number;
  /** The runtime's error, or null when it succeeded. */
  err: unknown;
  /** The message's wire bytes (what every signature signs). */
  message: Buffer;
  /** The required signers, fee payer first; the runtime verified each signature before it landed. */
  signers: string[];
  /** Every signature, base58, in signer order. */
  signatures: string[];
};

/**
 * `getTransaction` at `commitment`, reduced to what identifies it; null when the node has no such
 * landed transaction (at that commitment).
 * @throws Error when the RPC is unreachable.
 */
export async function readLandedTransaction(signature: string, commitment: Finality): Promise<LandedTransaction | null> {
  const landed = await getConnection().getTransaction(signature, { commitment, maxSupportedTransactionVersion: 0 });
  if (!landed) return null;
  const { message } = landed.transaction;
  return {
    signature,
    slot: landed.slot,
    err: landed.meta?.err ?? null,
    message: Buffer.from(message.serialize()),
    signers: message.staticAccountKeys.slice(0, message.header.numRequiredSignatures).map((k) => k.toBase58()),
    signatures: landed.transaction.signatures.map((s) => (typeof s === 'string' ? s : bs58.encode(s))),
  };
}
