/**
 * The chain: a LiteSVM instance plus what LiteSVM lacks to act as a cluster. LiteSVM accepts only
 * its one latest blockhash, never advances its slot and leaves the clock at 0, so this module
 * produces blocks (slot, height, blockhash, Clock and SlotHashes sysvars), keeps the 150-block
 * recent-blockhash window and checks it itself (LiteSVM runs with its blockhash check off),
 * verifies signatures, detects duplicates, records every landed transaction and tells listeners.
 *
 * Like a cluster, and unlike LiteSVM alone:
 * - **Status cache.** A transaction is a duplicate (`AlreadyProcessed`) when its signature *or its
 *   message* was already processed (landed, successfully or failed and charged) while its
 *   blockhash is in the window: the same message re-signed with another valid signature (Ed25519
 *   signatures are not unique) does not execute twice. Agave keys its status cache by message
 *   hash for this reason.
 * - **Commitment levels.** A transaction is `processed` and `confirmed` as soon as it lands (one
 *   node: its own vote is the supermajority) and `finalized` once its slot is
 *   {@link FINALITY_DEPTH} slots below the newest (a root, as after ~32 slots of lockout). Block
 *   height, slot, the latest blockhash, statuses, getTransaction and getSignaturesForAddress answer
 *   at the commitment asked for (Agave's default: `finalized`). Account reads always answer the
 *   newest state (a cluster would answer the finalized bank's state at `finalized`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { address as toAddress, getTransactionDecoder, lamports as toLamports, type EncodedAccount } from '@solana/kit';
import { Keypair, PublicKey, SystemProgram, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { Clock, FailedTransactionMetadata, LiteSVM, type TransactionMetadata } from 'litesvm';
import { epochPosition, type EpochPosition, type EpochScheduleValues } from '@/scripts/localnet/validator/epoch';
import { RpcError, RpcErrorCode } from '@/scripts/localnet/validator/errors';
import { TransactionHistory, type InnerInstructionSet, type ReturnData, type TokenBalance, type TransactionRecord } from '@/scripts/localnet/validator/history';
import { mintDecimals, readTokenAccount, uiTokenAmount } from '@/scripts/localnet/validator/token-parse';
import {
  ADDRESS_LOOKUP_TABLE_NOT_FOUND,
  ALREADY_PROCESSED,
  BLOCKHASH_NOT_FOUND,
  describeTransactionError,
  type DescribedError,
  type TransactionErrorJson,
} from '@/scripts/localnet/validator/tx-errors';
import { returnDataJson } from '@/scripts/localnet/validator/tx-format';
import type { StoredAccount } from '@/scripts/localnet/validator/types';
import {
  SYSTEM_PROGRAM_ID,
  allAccountKeys,
  decodeTransaction,
  extractMemo,
  feeForMessage,
  isWritableIndex,
  resolveLookups,
  verifySignatures,
  withRecentBlockhash,
  type DecodedTransaction,
} from '@/scripts/localnet/validator/wire';

/** A blockhash is usable for this many blocks after the one that produced it (`MAX_PROCESSING_AGE`). */
export const MAX_PROCESSING_AGE = 150n;
/**
 * Slots between the newest (`confirmed`) and the newest root (`finalized`): a vote's lockout
 * doubles with each confirmation and a slot is rooted at `MAX_LOCKOUT_HISTORY` (31) + 1.
 */
export const FINALITY_DEPTH = 32n;

/** The three commitment levels of the JSON-RPC API (deprecated aliases mapped by {@link commitmentLevel}). */
export type CommitmentLevel = 'processed' | 'confirmed' | 'finalized';

/** A request's `commitment` → its level; absent means `finalized`, Agave's default. */
export function commitmentLevel(commitment: string | undefined): CommitmentLevel {
  switch (commitment) {
    case 'processed':
    case 'recent':
      return 'processed';
    case 'confirmed':
    case 'single':
    case 'singleGossip':
      return 'confirmed';
    default:
      return 'finalized';
  }
}
/** What the faucet starts with, in lamports (500M SOL, like solana-test-validator's faucet). */
const FAUCET_LAMPORTS = 500_000_000n * 1_000_000_000n;
/** SlotHashes keeps this many entries, newest first. */
const MAX_SLOT_HASHES = 512;
/** Block times kept for getBlockTime, in slots (about a day at 400 ms). */
const MAX_BLOCK_TIMES = 216_000;
/** Performance samples are taken this often (ms) and this many are kept, like Agave. */
const SAMPLE_PERIOD_MS = 60_000;
const MAX_SAMPLES = 720;
/** A nonce account's data: version u32, state u32, authority (32), durable nonce (32), fee calculator. */
const NONCE_ACCOUNT_SIZE = 80;
const NONCE_VALUE_OFFSET = 40;

export type SlotEvent = { slot: bigint; parent: bigint; root: bigint };
export type PerformanceSample = { slot: bigint; numTransactions: bigint; numNonVoteTransactions: bigint; numSlots: bigint; samplePeriodSecs: number };

/** A simulation's outcome, in the terms simulateTransaction and the preflight check report. */
export type SimulationOutcome = {
  err: TransactionErrorJson | null;
  /** Display text of `err` (for "Transaction simulation failed: …"). */
  errMessage: string | null;
  logs: string[];
  unitsConsumed: bigint;
  returnData: ReturnData | null;
  innerInstructions: InnerInstructionSet[];
  /** Keys of the simulated message (static + loaded), for rendering inner instructions. */
  accountKeys: string[];
  /** The requested accounts after the simulation; null entries for missing accounts. */
  accounts: (StoredAccount | null)[];
  replacementBlockhash: { blockhash: string; lastValidBlockHeight: bigint } | null;
};

export type SimulateOptions = { sigVerify: boolean; replaceRecentBlockhash: boolean; accountAddresses: string[] };

/** A minimal typed event source. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}

const transactionDecoder = getTransactionDecoder();

export class Chain {
  readonly svm: LiteSVM;
  readonly history = new TransactionHistory();
  readonly genesisHash: string;
  readonly identity: string;
  readonly events = {
    slot: new Listeners<SlotEvent>(),
    transaction: new Listeners<TransactionRecord>(),
    /** Addresses whose state may have changed (written by a transaction or set directly). */
    accounts: new Listeners<string[]>(),
  };

  private readonly faucet = Keypair.generate();
  private readonly epochSchedule: EpochScheduleValues;
  private slotValue = 0n;
  private heightValue = 0n;
  private blockhashValue: string;
  /** Recent blockhashes → block height that produced them, oldest first. */
  private readonly recentBlockhashes = new Map<string, bigint>();
  /**
   * The status cache's message half: SHA-256 of each processed message → the block height it
   * landed at, oldest first, kept while a blockhash it could carry is still in the window.
   */
  private readonly processedMessages = new Map<string, bigint>();
  private readonly blockTimes = new Map<bigint, number>();
  private slotHashes: { slot: bigint; hash: string }[] = [];
  private epochStartTimestamp: bigint;
  private currentEpoch = 0n;
  private transactionCountValue = 0n;
  private readonly samples: PerformanceSample[] = [];
  private sampleStart: { at: number; slot: bigint; transactions: bigint };

  constructor() {
    // LiteSVM's blockhash check knows one hash only and its history would flag identical
    // transactions forever: the window and the history here replace both. Signatures are checked
    // here too (ed25519 via node:crypto), so a sigVerify:false simulation needs no toggling.
    this.svm = new LiteSVM().withSigverify(false).withBlockhashCheck(false).withTransactionHistory(0n).withNativeMints();
    const schedule = this.svm.getEpochSchedule();
    this.epochSchedule = {
      slotsPerEpoch: schedule.slotsPerEpoch,
      leaderScheduleSlotOffset: schedule.leaderScheduleSlotOffset,
      warmup: schedule.warmup,
      firstNormalEpoch: schedule.firstNormalEpoch,
      firstNormalSlot: schedule.firstNormalSlot,
    };
    this.genesisHash = bs58.encode(randomBytes(32));
    this.identity = Keypair.generate().publicKey.toBase58();
    this.setAccount(this.faucet.publicKey.toBase58(), { lamports: FAUCET_LAMPORTS, data: new Uint8Array(0), owner: SYSTEM_PROGRAM_ID, executable: false });
    const now = Date.now();
    this.epochStartTimestamp = BigInt(Math.floor(now / 1000));
    this.sampleStart = { at: now, slot: 0n, transactions: 0n };
    this.blockhashValue = this.openBlock(now);
    // A cluster that has run for a while has a root FINALITY_DEPTH behind its newest slot, and a
    // finalized blockhash that moves every slot (web3.js asks for a fresh one at `finalized`).
    for (let i = 0n; i < FINALITY_DEPTH; i += 1n) this.produceBlock();
  }

  get slot(): bigint {
    return this.slotValue;
  }

  get blockHeight(): bigint {
    return this.heightValue;
  }

  get latestBlockhash(): { blockhash: string; lastValidBlockHeight: bigint } {
    return { blockhash: this.blockhashValue, lastValidBlockHeight: this.heightValue + MAX_PROCESSING_AGE };
  }

  /** The newest rooted slot: {@link FINALITY_DEPTH} below the newest (0 early on). */
  get finalizedSlot(): bigint {
    return this.slotValue > FINALITY_DEPTH ? this.slotValue - FINALITY_DEPTH : 0n;
  }

  /** The slot at a commitment level (every slot has a block here, so slot and height move together). */
  slotAt(level: CommitmentLevel): bigint {
    return level === 'finalized' ? this.finalizedSlot : this.slotValue;
  }

  /** The block height at a commitment level. */
  blockHeightAt(level: CommitmentLevel): bigint {
    if (level !== 'finalized') return this.heightValue;
    return this.heightValue > FINALITY_DEPTH ? this.heightValue - FINALITY_DEPTH : 0n;
  }

  /** getLatestBlockhash at a commitment level: the blockhash of that level's block and its last valid block height. */
  latestBlockhashAt(level: CommitmentLevel): { blockhash: string; lastValidBlockHeight: bigint } {
    if (level !== 'finalized') return this.latestBlockhash;
    const slot = this.finalizedSlot;
    const entry = this.slotHashes.find((e) => e.slot === slot);
    if (entry === undefined) return this.latestBlockhash;
    return { blockhash: entry.hash, lastValidBlockHeight: this.blockHeightAt('finalized') + MAX_PROCESSING_AGE };
  }

  /** Whether a landed transaction has reached `level` (every landed one is processed and confirmed). */
  reached(record: { slot: bigint }, level: CommitmentLevel): boolean {
    return level !== 'finalized' || record.slot <= this.finalizedSlot;
  }

  get transactionCount(): bigint {
    return this.transactionCountValue;
  }

  /** Seals the current slot and opens the next: new blockhash, block time, Clock and SlotHashes. */
  produceBlock(): void {
    const parent = this.slotValue;
    this.slotValue += 1n;
    this.heightValue += 1n;
    const now = Date.now();
    this.blockhashValue = this.openBlock(now);
    this.takeSample(now);
    this.events.slot.emit({ slot: this.slotValue, parent, root: this.finalizedSlot });
  }

  private openBlock(now: number): string {
    const slotBytes = Buffer.alloc(8);
    slotBytes.writeBigUInt64LE(this.slotValue);
    // Blockhashes are unique per run (seeded by the genesis hash), so nothing signed against an
    // earlier run of the validator is accepted by this one.
    const blockhash = bs58.encode(createHash('sha256').update(bs58.decode(this.genesisHash)).update(slotBytes).digest());
    this.recentBlockhashes.set(blockhash, this.heightValue);
    for (const [hash, height] of this.recentBlockhashes) {
      if (height + MAX_PROCESSING_AGE >= this.heightValue) break;
      this.recentBlockhashes.delete(hash);
    }
    // A message that landed at height h carried a blockhash from h − 150 or later, which leaves
    // the window after h + 150: from then on the blockhash check alone refuses it.
    for (const [key, height] of this.processedMessages) {
      if (height + MAX_PROCESSING_AGE >= this.heightValue) break;
      this.processedMessages.delete(key);
    }
    const unixTimestamp = BigInt(Math.floor(now / 1000));
    this.blockTimes.set(this.slotValue, Number(unixTimestamp));
    if (this.blockTimes.size > MAX_BLOCK_TIMES) this.blockTimes.delete(this.slotValue - BigInt(MAX_BLOCK_TIMES));
    const { epoch } = this.epochPosition(this.slotValue);
    if (epoch !== this.currentEpoch) {
      this.currentEpoch = epoch;
      this.epochStartTimestamp = unixTimestamp;
    }
    this.svm.setClock(new Clock(this.slotValue, this.epochStartTimestamp, epoch, epoch + 1n, unixTimestamp));
    // A fresh LiteSVM blockhash per block lets durable nonces advance once per block, as on a cluster.
    this.svm.expireBlockhash();
    this.slotHashes = [{ slot: this.slotValue, hash: blockhash }, ...this.slotHashes.slice(0, MAX_SLOT_HASHES - 1)];
    this.svm.setSlotHashes(this.slotHashes);
    return blockhash;
  }

  private takeSample(now: number): void {
    if (now - this.sampleStart.at < SAMPLE_PERIOD_MS) return;
    const transactions = this.transactionCountValue - this.sampleStart.transactions;
    this.samples.unshift({
      slot: this.slotValue,
      numTransactions: transactions,
      numNonVoteTransactions: transactions,
      numSlots: this.slotValue - this.sampleStart.slot,
      samplePeriodSecs: Math.round((now - this.sampleStart.at) / 1000),
    });
    if (this.samples.length > MAX_SAMPLES) this.samples.pop();
    this.sampleStart = { at: now, slot: this.slotValue, transactions: this.transactionCountValue };
  }

  /** Performance samples, newest first (one per minute). */
  performanceSamples(limit: number): PerformanceSample[] {
    return this.samples.slice(0, limit);
  }

  /** The epoch schedule in force (LiteSVM's default: 432,000 slots per epoch, with warm-up). */
  get schedule(): EpochScheduleValues {
    return this.epochSchedule;
  }

  epochPosition(slot: bigint): EpochPosition {
    return epochPosition(this.epochSchedule, slot);
  }

  /** Unix seconds of a slot still remembered; undefined for unknown or forgotten slots. */
  blockTime(slot: bigint): number | undefined {
    return this.blockTimes.get(slot);
  }

  /** Whether `blockhash` is in the window: produced at most 150 blocks ago. */
  isBlockhashValid(blockhash: string): boolean {
    const height = this.recentBlockhashes.get(blockhash);
    return height !== undefined && height + MAX_PROCESSING_AGE >= this.heightValue;
  }

  /** The account at `address`; null when absent or at zero lamports (what the RPC calls "not found"). */
  readAccount(address: string): StoredAccount | null {
    const account = this.svm.getAccount(toAddress(address));
    if (!account.exists || account.lamports === 0n) return null;
    return storedAccount(account);
  }

  /** Every account owned by `program` (LiteSVM scans its account store). */
  programAccounts(program: string): { address: string; account: StoredAccount }[] {
    return this.svm
      .getProgramAccounts(toAddress(program))
      .filter((account) => account.lamports > 0n)
      .map((account) => ({ address: account.address, account: storedAccount(account) }));
  }

  /** Writes an account directly, bypassing the runtime (like solana-test-validator --account). */
  setAccount(address: string, account: StoredAccount): void {
    this.svm.setAccount({
      address: toAddress(address),
      lamports: toLamports(account.lamports),
      programAddress: toAddress(account.owner),
      data: account.data,
      executable: account.executable,
      space: BigInt(account.data.length),
    });
    this.events.accounts.emit([address]);
  }

  /**
   * Handles sendTransaction. With preflight: signature check (-32003), then a simulation whose
   * failure is -32002 with `data.err`/`data.logs`, and nothing is charged. Without preflight the
   * transaction is executed as a leader would: bad signatures, unknown blockhashes and duplicates
   * are dropped silently; failures are charged the fee and rolled back.
   * @returns the signature (base58).
   */
  sendTransaction(tx: DecodedTransaction, skipPreflight: boolean): string {
    const signaturesValid = verifySignatures(tx);
    if (!skipPreflight) {
      if (!signaturesValid) throw new RpcError(RpcErrorCode.TransactionSignatureVerificationFailure, 'Transaction signature verification failure');
      const preflight = this.simulate(tx, { sigVerify: false, replaceRecentBlockhash: false, accountAddresses: [] });
      if (preflight.err !== null) {
        throw new RpcError(RpcErrorCode.SendTransactionPreflightFailure, `Transaction simulation failed: ${preflight.errMessage ?? ''}`, {
          accounts: null,
          err: preflight.err,
          innerInstructions: null,
          logs: preflight.logs,
          replacementBlockhash: null,
          returnData: returnDataJson(preflight.returnData),
          unitsConsumed: preflight.unitsConsumed,
        });
      }
    }
    if (signaturesValid) this.execute(tx);
    return tx.signature;
  }

  /**
   * Runs a transaction against current state without committing it.
   * @throws RpcError -32003 when `sigVerify` is set and a signature is bad; -32602 when both
   *   `sigVerify` and `replaceRecentBlockhash` are set (as Agave refuses).
   */
  simulate(tx: DecodedTransaction, options: SimulateOptions): SimulationOutcome {
    if (options.sigVerify && options.replaceRecentBlockhash) {
      throw new RpcError(RpcErrorCode.InvalidParams, 'sigVerify may not be used with replaceRecentBlockhash');
    }
    if (options.sigVerify && !verifySignatures(tx)) {
      throw new RpcError(RpcErrorCode.TransactionSignatureVerificationFailure, 'Transaction signature verification failure');
    }
    let target = tx;
    let replacementBlockhash: SimulationOutcome['replacementBlockhash'] = null;
    const rejected = (error: DescribedError, accountKeys: string[]): SimulationOutcome => ({
      err: error.json,
      errMessage: error.message,
      logs: [],
      unitsConsumed: 0n,
      returnData: null,
      innerInstructions: [],
      accountKeys,
      accounts: options.accountAddresses.map((address) => this.readAccount(address)),
      replacementBlockhash,
    });
    if (options.replaceRecentBlockhash) {
      replacementBlockhash = this.latestBlockhash;
      target = withRecentBlockhash(tx, replacementBlockhash.blockhash);
    } else {
      const check = this.checkAgeAndStatus(tx);
      if (check !== null) return rejected(check, tx.message.staticAccountKeys);
    }
    const loaded = resolveLookups(target.message, (address) => this.readAccount(address)?.data ?? null);
    if (loaded === null) return rejected(ADDRESS_LOOKUP_TABLE_NOT_FOUND, target.message.staticAccountKeys);
    const accountKeys = allAccountKeys(target.message, loaded);
    const result = this.svm.simulateTransaction(transactionDecoder.decode(target.wire));
    const failed = result instanceof FailedTransactionMetadata;
    const meta = result.meta();
    const error = failed ? describeTransactionError(result.err()) : null;
    const post = new Map<string, StoredAccount>();
    if (!failed) {
      for (const account of result.postAccounts()) {
        post.set(account.address, storedAccount(account));
      }
    }
    return {
      err: error?.json ?? null,
      errMessage: error?.message ?? null,
      logs: meta.logs(),
      unitsConsumed: meta.computeUnitsConsumed(),
      returnData: readReturnData(meta),
      innerInstructions: readInnerInstructions(meta),
      accountKeys,
      accounts: options.accountAddresses.map((address) => {
        const account = post.get(address);
        if (account === undefined) return this.readAccount(address);
        return account.lamports === 0n ? null : account;
      }),
      replacementBlockhash,
    };
  }

  /**
   * Sends lamports from the faucet in a real, recorded transfer. Identical requests in one block
   * would have identical signatures, so a repeat signs against an older blockhash of the window.
   * @returns the transfer's signature.
   * @throws RpcError -32603 when the transfer fails.
   */
  requestAirdrop(recipient: string, lamports: bigint): string {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const blockhashes = [...this.recentBlockhashes.keys()].filter((hash) => this.isBlockhashValid(hash)).reverse();
      for (const blockhash of blockhashes) {
        const transfer = new Transaction({ feePayer: this.faucet.publicKey, blockhash, lastValidBlockHeight: 0 }).add(
          SystemProgram.transfer({ fromPubkey: this.faucet.publicKey, toPubkey: new PublicKey(recipient), lamports }),
        );
        transfer.sign(this.faucet);
        const tx = decodeTransaction(new Uint8Array(transfer.serialize()));
        if (this.history.has(tx.signature)) continue;
        const record = this.execute(tx);
        if (record === null || record.err !== null) throw new RpcError(RpcErrorCode.InternalError, `airdrop request failed: ${JSON.stringify(record?.err ?? 'not executed')}`);
        return tx.signature;
      }
      this.produceBlock();
    }
    throw new RpcError(RpcErrorCode.InternalError, 'airdrop request failed: no unused blockhash');
  }

  /** Blockhash age (or durable nonce) and duplicate checks (signature or message), in the runtime's order. */
  private checkAgeAndStatus(tx: DecodedTransaction): DescribedError | null {
    if (!this.isBlockhashValid(tx.message.recentBlockhash) && !this.isValidDurableNonce(tx)) return BLOCKHASH_NOT_FOUND;
    if (this.history.has(tx.signature) || this.processedMessages.has(messageKey(tx))) return ALREADY_PROCESSED;
    return null;
  }

  /** A nonce transaction: first instruction AdvanceNonceAccount, and the nonce account holds the message's blockhash. */
  private isValidDurableNonce(tx: DecodedTransaction): boolean {
    const { message } = tx;
    const first = message.instructions[0];
    if (first === undefined || message.staticAccountKeys[first.programIdIndex] !== SYSTEM_PROGRAM_ID) return false;
    const data = first.data;
    if (data.length < 4 || new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true) !== 4) return false;
    const nonceIndex = first.accounts[0];
    const nonceAddress = nonceIndex === undefined ? undefined : message.staticAccountKeys[nonceIndex];
    if (nonceAddress === undefined) return false;
    const nonce = this.readAccount(nonceAddress);
    if (nonce === null || nonce.owner !== SYSTEM_PROGRAM_ID || nonce.data.length !== NONCE_ACCOUNT_SIZE) return false;
    return bs58.encode(nonce.data.subarray(NONCE_VALUE_OFFSET, NONCE_VALUE_OFFSET + 32)) === message.recentBlockhash;
  }

  /**
   * Executes and, when it lands, records a transaction. It lands when it succeeds or when it fails
   * after the fee was taken (LiteSVM then rolls back everything but the fee, as a cluster does).
   * @returns the record, or null when the transaction was dropped.
   */
  private execute(tx: DecodedTransaction): TransactionRecord | null {
    if (this.checkAgeAndStatus(tx) !== null) return null;
    const loaded = resolveLookups(tx.message, (address) => this.readAccount(address)?.data ?? null);
    if (loaded === null) return null;
    const accountKeys = allAccountKeys(tx.message, loaded);
    const pre = accountKeys.map((key) => this.readAccount(key));
    const result = this.svm.sendTransaction(transactionDecoder.decode(tx.wire));
    const post = accountKeys.map((key) => this.readAccount(key));
    const failed = result instanceof FailedTransactionMetadata;
    const feePayerPre = pre[0]?.lamports ?? 0n;
    const feePayerPost = post[0]?.lamports ?? 0n;
    if (failed && feePayerPost >= feePayerPre) return null;
    const meta = failed ? result.meta() : result;
    const blockTime = this.blockTimes.get(this.slotValue) ?? Math.floor(Date.now() / 1000);
    const record: TransactionRecord = {
      sequence: this.history.takeSequence(),
      signature: tx.signature,
      slot: this.slotValue,
      blockTime,
      tx,
      loadedAddresses: loaded,
      accountKeys,
      err: failed ? describeTransactionError(result.err()).json : null,
      fee: feeForMessage(tx.message),
      preBalances: pre.map((account) => account?.lamports ?? 0n),
      postBalances: post.map((account) => account?.lamports ?? 0n),
      preTokenBalances: this.tokenBalances(accountKeys, pre),
      postTokenBalances: this.tokenBalances(accountKeys, post),
      logMessages: meta.logs(),
      innerInstructions: readInnerInstructions(meta),
      computeUnitsConsumed: meta.computeUnitsConsumed(),
      returnData: readReturnData(meta),
      memo: extractMemo(tx.message),
    };
    this.history.add(record);
    this.processedMessages.set(messageKey(tx), this.heightValue);
    this.transactionCountValue += 1n;
    this.events.transaction.emit(record);
    this.events.accounts.emit(accountKeys.filter((_, index) => isWritableIndex(tx.message, loaded, index)));
    return record;
  }

  /** Token balances of the token accounts among `keys`, reading mints from the same snapshot when present. */
  private tokenBalances(keys: string[], accounts: (StoredAccount | null)[]): TokenBalance[] {
    const snapshot = (address: string): StoredAccount | null => {
      const index = keys.indexOf(address);
      return index >= 0 ? (accounts[index] ?? null) : this.readAccount(address);
    };
    const balances: TokenBalance[] = [];
    keys.forEach((key, accountIndex) => {
      const account = accounts[accountIndex];
      if (account === null || account === undefined) return;
      const token = readTokenAccount(key, account);
      if (token === null) return;
      const mint = token.mint.toBase58();
      const decimals = mintDecimals(mint, snapshot);
      if (decimals === null) return;
      balances.push({ accountIndex, mint, owner: token.owner.toBase58(), programId: account.owner, uiTokenAmount: uiTokenAmount(token.amount, decimals) });
    });
    return balances;
  }
}

/** The status cache's key of a transaction's message (Agave hashes the message with blake3; any collision-free hash serves). */
function messageKey(tx: DecodedTransaction): string {
  return createHash('sha256').update(tx.messageBytes).digest('hex');
}

/** Kit's encoded account → StoredAccount (the data is viewed, not copied). */
function storedAccount(account: EncodedAccount): StoredAccount {
  const { data } = account;
  return { lamports: account.lamports, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), owner: account.programAddress, executable: account.executable };
}

function readInnerInstructions(meta: TransactionMetadata): InnerInstructionSet[] {
  return meta
    .innerInstructions()
    .map((list, index) => ({
      index,
      instructions: list.map((inner) => {
        const instruction = inner.instruction();
        return { programIdIndex: instruction.programIdIndex(), accounts: [...instruction.accounts()], data: instruction.data(), stackHeight: inner.stackHeight() };
      }),
    }))
    .filter((set) => set.instructions.length > 0);
}

function readReturnData(meta: TransactionMetadata): ReturnData | null {
  const returnData = meta.returnData();
  const programId = returnData.programId();
  // LiteSVM reports "no return data" as an all-zero program id with empty data.
  if (programId.every((byte) => byte === 0)) return null;
  return { programId: bs58.encode(programId), data: returnData.data() };
}
