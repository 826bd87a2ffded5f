/**
 * The ledger's transaction history: every landed transaction (successful or failed and charged)
 * with its status metadata, indexed by signature and by every account key it mentions, for
 * getTransaction, getSignatureStatuses, getSignaturesForAddress and duplicate detection.
 */
import type { TransactionErrorJson } from '@/scripts/localnet/validator/tx-errors';
import type { UiTokenAmount } from '@/scripts/localnet/validator/token-parse';
import type { CompiledInstruction, DecodedTransaction, LoadedAddresses } from '@/scripts/localnet/validator/wire';

export type TokenBalance = { accountIndex: number; mint: string; owner: string; programId: string; uiTokenAmount: UiTokenAmount };
export type InnerInstruction = CompiledInstruction & { stackHeight: number };
export type InnerInstructionSet = { index: number; instructions: InnerInstruction[] };
export type ReturnData = { programId: string; data: Uint8Array };

/** One landed transaction. Balances are lamports; `blockTime` is unix seconds. */
export type TransactionRecord = {
  /** Position in the ledger, increasing; orders signatures for an address. */
  sequence: number;
  signature: string;
  slot: bigint;
  blockTime: number;
  tx: DecodedTransaction;
  loadedAddresses: LoadedAddresses;
  accountKeys: string[];
  err: TransactionErrorJson | null;
  fee: bigint;
  preBalances: bigint[];
  postBalances: bigint[];
  preTokenBalances: TokenBalance[];
  postTokenBalances: TokenBalance[];
  logMessages: string[];
  innerInstructions: InnerInstructionSet[];
  computeUnitsConsumed: bigint;
  returnData: ReturnData | null;
  memo: string | null;
};

export type SignatureQuery = {
  before?: string | undefined;
  until?: string | undefined;
  limit: number;
  /** Only records this accepts (the commitment asked for); default: all. */
  visible?: ((record: TransactionRecord) => boolean) | undefined;
};

/** Records kept before the oldest are forgotten (a long demo stays bounded in memory). */
const MAX_RECORDS = 100_000;

export class TransactionHistory {
  private readonly bySignature = new Map<string, TransactionRecord>();
  /** Per address, oldest first; pruning removes from the front. */
  private readonly byAddress = new Map<string, TransactionRecord[]>();
  private nextSequence = 0;

  /** The sequence number the next record must carry. */
  takeSequence(): number {
    return this.nextSequence++;
  }

  add(record: TransactionRecord): void {
    this.bySignature.set(record.signature, record);
    for (const key of record.accountKeys) {
      const list = this.byAddress.get(key);
      if (list === undefined) this.byAddress.set(key, [record]);
      else list.push(record);
    }
    if (this.bySignature.size > MAX_RECORDS) this.pruneOldest();
  }

  get(signature: string): TransactionRecord | undefined {
    return this.bySignature.get(signature);
  }

  has(signature: string): boolean {
    return this.bySignature.has(signature);
  }

  get size(): number {
    return this.bySignature.size;
  }

  /**
   * Records mentioning `address`, newest first. `before` starts strictly older than that
   * signature (an unknown one yields nothing), `until` stops strictly newer than it.
   */
  forAddress(address: string, query: SignatureQuery): TransactionRecord[] {
    const list = this.byAddress.get(address) ?? [];
    let upper = Number.POSITIVE_INFINITY;
    if (query.before !== undefined) {
      const before = this.bySignature.get(query.before);
      if (before === undefined) return [];
      upper = before.sequence;
    }
    const lower = query.until === undefined ? -1 : (this.bySignature.get(query.until)?.sequence ?? -1);
    const result: TransactionRecord[] = [];
    for (let i = list.length - 1; i >= 0 && result.length < query.limit; i -= 1) {
      const record = list[i];
      if (record === undefined || record.sequence <= lower) break;
      if (record.sequence < upper && (query.visible === undefined || query.visible(record))) result.push(record);
    }
    return result;
  }

  private pruneOldest(): void {
    const oldest = this.bySignature.values().next();
    if (oldest.done === true) return;
    const record = oldest.value;
    this.bySignature.delete(record.signature);
    for (const key of record.accountKeys) {
      const list = this.byAddress.get(key);
      if (list?.[0] === record) list.shift();
      if (list?.length === 0) this.byAddress.delete(key);
    }
  }
}
