/**
 * Transactions on the wire: decoding legacy and v0 transactions into their parts, signature
 * verification, the fee formula, memo extraction and blockhash replacement. Nothing here touches
 * chain state; lookup-table addresses are resolved through a callback.
 */
import bs58 from 'bs58';
import { verifyEd25519 } from '@/lib/solana/ed25519';
import { RpcError, RpcErrorCode, invalidParams } from '@/scripts/localnet/validator/errors';

/** Largest serialized transaction a validator accepts, in bytes (`PACKET_DATA_SIZE`). */
export const PACKET_DATA_SIZE = 1232;
/** Base fee per signature, in lamports. */
export const LAMPORTS_PER_SIGNATURE = 5000n;

export const SYSTEM_PROGRAM_ID = '11111111111111111111111111111111';
export const COMPUTE_BUDGET_PROGRAM_ID = 'ComputeBudget111111111111111111111111111111';
export const ED25519_PROGRAM_ID = 'Ed25519SigVerify111111111111111111111111111';
export const SECP256K1_PROGRAM_ID = 'KeccakSecp256k11111111111111111111111111111';
export const MEMO_PROGRAM_IDS: ReadonlySet<string> = new Set(['Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo', 'MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr']);

// Programs the runtime counts as builtins when it sizes the default compute-unit limit: each of
// their instructions reserves 3,000 CUs instead of 200,000 (SIMD-0170). Checked against LiteSVM's fees.
const BUILTIN_PROGRAM_IDS: ReadonlySet<string> = new Set([
  SYSTEM_PROGRAM_ID,
  COMPUTE_BUDGET_PROGRAM_ID,
  'Vote111111111111111111111111111111111111111',
  'BPFLoader1111111111111111111111111111111111',
  'BPFLoader2111111111111111111111111111111111',
  'BPFLoaderUpgradeab1e11111111111111111111111',
  'LoaderV411111111111111111111111111111111111',
]);
const MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT = 3_000n;
const DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT = 200_000n;
const MAX_COMPUTE_UNIT_LIMIT = 1_400_000n;
const MICRO_LAMPORTS_PER_LAMPORT = 1_000_000n;
const LOOKUP_TABLE_META_SIZE = 56;

export type TransactionVersion = 'legacy' | 0;

export type MessageHeader = {
  numRequiredSignatures: number;
  numReadonlySignedAccounts: number;
  numReadonlyUnsignedAccounts: number;
};

export type CompiledInstruction = { programIdIndex: number; accounts: number[]; data: Uint8Array };

export type AddressTableLookup = { accountKey: string; writableIndexes: number[]; readonlyIndexes: number[] };

/** A transaction message, decoded. Account keys and hashes are base58. */
export type DecodedMessage = {
  version: TransactionVersion;
  header: MessageHeader;
  staticAccountKeys: string[];
  recentBlockhash: string;
  instructions: CompiledInstruction[];
  addressTableLookups: AddressTableLookup[];
  /** Offset of the 32-byte recent blockhash inside the message bytes (for replacement). */
  blockhashOffset: number;
};

/** A wire transaction, decoded. `signatures` are raw 64-byte values, all-zero when absent. */
export type DecodedTransaction = {
  wire: Uint8Array;
  signatures: Uint8Array[];
  /** base58 of the first signature: the transaction id. */
  signature: string;
  messageBytes: Uint8Array;
  message: DecodedMessage;
};

/** Addresses a v0 transaction loads through lookup tables, in the runtime's order. */
export type LoadedAddresses = { writable: string[]; readonly: string[] };

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u8(): number {
    const value = this.bytes[this.offset];
    if (value === undefined) throw new Error('io error: unexpected end of file');
    this.offset += 1;
    return value;
  }

  /** Solana's compact-u16 ("shortvec") length prefix. */
  shortVec(): number {
    let value = 0;
    for (let shift = 0; shift < 21; shift += 7) {
      const byte = this.u8();
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('invalid compact-u16 length');
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new Error('io error: unexpected end of file');
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  key(): string {
    return bs58.encode(this.take(32));
  }
}

/**
 * Decodes a transaction message (legacy or v0).
 * @throws Error with a bincode-like description when the bytes are malformed or the version unknown.
 */
export function decodeMessage(bytes: Uint8Array): DecodedMessage {
  const reader = new Reader(bytes);
  const first = reader.u8();
  let version: TransactionVersion = 'legacy';
  let numRequiredSignatures = first;
  if ((first & 0x80) !== 0) {
    const number = first & 0x7f;
    if (number !== 0) throw new Error(`unsupported transaction version ${number}`);
    version = 0;
    numRequiredSignatures = reader.u8();
  }
  const header = { numRequiredSignatures, numReadonlySignedAccounts: reader.u8(), numReadonlyUnsignedAccounts: reader.u8() };
  const staticAccountKeys = Array.from({ length: reader.shortVec() }, () => reader.key());
  const blockhashOffset = reader.offset;
  const recentBlockhash = reader.key();
  const instructions = Array.from({ length: reader.shortVec() }, () => {
    const programIdIndex = reader.u8();
    const accounts = Array.from({ length: reader.shortVec() }, () => reader.u8());
    const data = reader.take(reader.shortVec()).slice();
    return { programIdIndex, accounts, data };
  });
  const addressTableLookups =
    version === 0
      ? Array.from({ length: reader.shortVec() }, () => ({
          accountKey: reader.key(),
          writableIndexes: Array.from({ length: reader.shortVec() }, () => reader.u8()),
          readonlyIndexes: Array.from({ length: reader.shortVec() }, () => reader.u8()),
        }))
      : [];
  return { version, header, staticAccountKeys, recentBlockhash, instructions, addressTableLookups, blockhashOffset };
}

/**
 * Decodes and sanitizes a wire transaction.
 * @throws RpcError -32602 when it cannot be deserialized, is too large, or fails sanitization
 *   (signature count, account indexes), worded as Agave words it.
 */
export function decodeTransaction(wire: Uint8Array): DecodedTransaction {
  if (wire.length > PACKET_DATA_SIZE) {
    throw invalidParams(`decoded solana_transaction::versioned::VersionedTransaction too large: ${wire.length} bytes (max: ${PACKET_DATA_SIZE} bytes)`, true);
  }
  let signatures: Uint8Array[];
  let messageBytes: Uint8Array;
  let message: DecodedMessage;
  try {
    const reader = new Reader(wire);
    signatures = Array.from({ length: reader.shortVec() }, () => reader.take(64).slice());
    messageBytes = wire.slice(reader.offset);
    message = decodeMessage(messageBytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalidParams(`failed to deserialize solana_transaction::versioned::VersionedTransaction: ${detail}`, true);
  }
  sanitize(signatures, message);
  const first = signatures[0];
  if (first === undefined) throw invalidParams('invalid transaction: Transaction failed to sanitize accounts offsets correctly', true);
  return { wire, signatures, signature: bs58.encode(first), messageBytes, message };
}

function sanitize(signatures: Uint8Array[], message: DecodedMessage): void {
  const { header, staticAccountKeys, instructions, addressTableLookups } = message;
  const loadedCount = addressTableLookups.reduce((sum, lookup) => sum + lookup.writableIndexes.length + lookup.readonlyIndexes.length, 0);
  const totalKeys = staticAccountKeys.length + loadedCount;
  const fail = (): never => {
    throw invalidParams('invalid transaction: Transaction failed to sanitize accounts offsets correctly', true);
  };
  if (signatures.length !== header.numRequiredSignatures || header.numRequiredSignatures === 0) fail();
  if (header.numRequiredSignatures > staticAccountKeys.length) fail();
  if (header.numReadonlySignedAccounts >= header.numRequiredSignatures) fail();
  if (header.numReadonlyUnsignedAccounts > staticAccountKeys.length - header.numRequiredSignatures) fail();
  if (totalKeys > 256 || new Set(staticAccountKeys).size !== staticAccountKeys.length) fail();
  for (const instruction of instructions) {
    // Program ids must be static keys and never the fee payer.
    if (instruction.programIdIndex === 0 || instruction.programIdIndex >= staticAccountKeys.length) fail();
    if (instruction.accounts.some((index) => index >= totalKeys)) fail();
  }
}

/** Real ed25519 verification of every signature against its signer key; absent (zero) signatures fail. */
export function verifySignatures(tx: DecodedTransaction): boolean {
  return tx.signatures.every((signature, index) => {
    const signer = tx.message.staticAccountKeys[index];
    if (signer === undefined || signature.every((byte) => byte === 0)) return false;
    let key: Uint8Array;
    try {
      key = bs58.decode(signer);
    } catch {
      return false;
    }
    return verifyEd25519(signature, tx.messageBytes, key);
  });
}

/** A copy of the wire transaction with its recent blockhash replaced (signatures are kept, now invalid). */
export function withRecentBlockhash(tx: DecodedTransaction, blockhash: string): DecodedTransaction {
  const messageBytes = tx.messageBytes.slice();
  messageBytes.set(bs58.decode(blockhash), tx.message.blockhashOffset);
  const wire = new Uint8Array(tx.wire.length);
  wire.set(tx.wire.subarray(0, tx.wire.length - messageBytes.length));
  wire.set(messageBytes, tx.wire.length - messageBytes.length);
  return { ...tx, wire, messageBytes, message: { ...tx.message, recentBlockhash: blockhash } };
}

/**
 * The fee the runtime charges for a message, in lamports: 5,000 per signature (including
 * ed25519/secp256k1 precompile signatures) plus the priority fee, `ceil(price µlamports × CU limit / 10^6)`.
 */
export function feeForMessage(message: DecodedMessage): bigint {
  let signatureCount = BigInt(message.header.numRequiredSignatures);
  let unitLimit: bigint | undefined;
  let unitPrice = 0n;
  let defaultLimit = 0n;
  for (const instruction of message.instructions) {
    const programId = message.staticAccountKeys[instruction.programIdIndex];
    const data = instruction.data;
    if ((programId === ED25519_PROGRAM_ID || programId === SECP256K1_PROGRAM_ID) && data[0] !== undefined) signatureCount += BigInt(data[0]);
    if (programId === COMPUTE_BUDGET_PROGRAM_ID) {
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      if (data[0] === 2 && data.length >= 5) unitLimit = BigInt(view.getUint32(1, true));
      if (data[0] === 3 && data.length >= 9) unitPrice = view.getBigUint64(1, true);
    }
    defaultLimit += programId !== undefined && BUILTIN_PROGRAM_IDS.has(programId) ? MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT : DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT;
  }
  const limit = unitLimit ?? defaultLimit;
  const cappedLimit = limit < MAX_COMPUTE_UNIT_LIMIT ? limit : MAX_COMPUTE_UNIT_LIMIT;
  const priority = (unitPrice * cappedLimit + MICRO_LAMPORTS_PER_LAMPORT - 1n) / MICRO_LAMPORTS_PER_LAMPORT;
  return signatureCount * LAMPORTS_PER_SIGNATURE + priority;
}

/**
 * Resolves a v0 transaction's lookup tables (table data: a 56-byte header, then 32-byte addresses).
 * @returns null when a table is missing or an index is out of range (the runtime then rejects the transaction).
 */
export function resolveLookups(message: DecodedMessage, readAccountData: (address: string) => Uint8Array | null): LoadedAddresses | null {
  const loaded: LoadedAddresses = { writable: [], readonly: [] };
  for (const lookup of message.addressTableLookups) {
    const data = readAccountData(lookup.accountKey);
    if (data === null) return null;
    const count = Math.floor((data.length - LOOKUP_TABLE_META_SIZE) / 32);
    const at = (index: number): string | null => (index < count ? bs58.encode(data.subarray(LOOKUP_TABLE_META_SIZE + index * 32, LOOKUP_TABLE_META_SIZE + (index + 1) * 32)) : null);
    for (const [indexes, into] of [
      [lookup.writableIndexes, loaded.writable],
      [lookup.readonlyIndexes, loaded.readonly],
    ] as const) {
      for (const index of indexes) {
        const address = at(index);
        if (address === null) return null;
        into.push(address);
      }
    }
  }
  return loaded;
}

/** All account keys in the runtime's order: static, then loaded writable, then loaded readonly. */
export function allAccountKeys(message: DecodedMessage, loaded: LoadedAddresses): string[] {
  return [...message.staticAccountKeys, ...loaded.writable, ...loaded.readonly];
}

/** Whether the key at `index` (in `allAccountKeys` order) is writable per the message header. */
export function isWritableIndex(message: DecodedMessage, loaded: LoadedAddresses, index: number): boolean {
  const { numRequiredSignatures, numReadonlySignedAccounts, numReadonlyUnsignedAccounts } = message.header;
  const staticCount = message.staticAccountKeys.length;
  if (index < numRequiredSignatures) return index < numRequiredSignatures - numReadonlySignedAccounts;
  if (index < staticCount) return index < staticCount - numReadonlyUnsignedAccounts;
  return index < staticCount + loaded.writable.length;
}

/** Whether the key at `index` signs the message. */
export function isSignerIndex(message: DecodedMessage, index: number): boolean {
  return index < message.header.numRequiredSignatures;
}

/**
 * The memo summary getSignaturesForAddress reports: `[<byte length>] <text>` for each top-level
 * Memo program instruction, joined with `; `; null when there is none (Agave's `extract_and_fmt_memos`).
 */
export function extractMemo(message: DecodedMessage): string | null {
  const memos = message.instructions
    .filter((instruction) => MEMO_PROGRAM_IDS.has(message.staticAccountKeys[instruction.programIdIndex] ?? ''))
    .map((instruction) => `[${instruction.data.length}] ${decodeUtf8(instruction.data) ?? '(unparseable)'}`);
  return memos.length === 0 ? null : memos.join('; ');
}

/** Strict UTF-8 decoding; null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes the `encoding` a client sent a transaction or message in.
 * @throws RpcError -32602 for an unknown encoding or undecodable text.
 */
export function decodeBinary(text: string, encoding: 'base58' | 'base64'): Uint8Array {
  if (encoding === 'base58') {
    try {
      return bs58.decode(text);
    } catch {
      throw invalidParams('invalid base58 encoding: InvalidCharacter', true);
    }
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new RpcError(RpcErrorCode.InvalidParams, 'invalid base64 encoding: InvalidByte');
  return new Uint8Array(Buffer.from(text, 'base64'));
}
