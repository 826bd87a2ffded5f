/**
 * Transactions and their status as the RPC returns them: getTransaction's `json`, `jsonParsed`,
 * `base64` and `base58` encodings (the shapes web3.js's superstruct schemas accept), status
 * objects for getSignatureStatuses, and inner instructions for simulateTransaction.
 */
import bs58 from 'bs58';
import type { InnerInstructionSet, ReturnData, TransactionRecord } from '@/scripts/localnet/validator/history';
import { parseInstruction, type ParsedInstructionJson } from '@/scripts/localnet/validator/instruction-parse';
import { isSignerIndex, isWritableIndex, type CompiledInstruction, type DecodedMessage, type LoadedAddresses } from '@/scripts/localnet/validator/wire';

export type TransactionEncoding = 'json' | 'jsonParsed' | 'base64' | 'base58' | 'binary';

/** `{programId, data: [base64, 'base64']}` as the RPC writes return data. */
export function returnDataJson(returnData: ReturnData | null): { programId: string; data: [string, 'base64'] } | null {
  return returnData === null ? null : { programId: returnData.programId, data: [Buffer.from(returnData.data).toString('base64'), 'base64'] };
}

/** `{Ok: null}` or `{Err: err}`: the deprecated `status` member clients still read. */
export function statusJson(err: unknown): { Ok: null } | { Err: unknown } {
  return err === null ? { Ok: null } : { Err: err };
}

/**
 * The getTransaction result. `version` is present only when the client declared
 * `maxSupportedTransactionVersion` (the caller has already refused versions above it).
 */
export function transactionJson(record: TransactionRecord, encoding: TransactionEncoding, includeVersion: boolean): Record<string, unknown> {
  const parsed = encoding === 'jsonParsed';
  const result: Record<string, unknown> = {
    blockTime: record.blockTime,
    meta: metaJson(record, parsed),
    slot: record.slot,
    transaction: encodedTransaction(record, encoding),
  };
  if (includeVersion) result.version = record.tx.message.version;
  return result;
}

function encodedTransaction(record: TransactionRecord, encoding: TransactionEncoding): unknown {
  const { tx } = record;
  if (encoding === 'base64') return [Buffer.from(tx.wire).toString('base64'), 'base64'];
  if (encoding === 'base58') return [bs58.encode(tx.wire), 'base58'];
  if (encoding === 'binary') return bs58.encode(tx.wire);
  const signatures = tx.signatures.map((signature) => bs58.encode(signature));
  const message = encoding === 'jsonParsed' ? parsedMessageJson(tx.message, record.loadedAddresses) : rawMessageJson(tx.message);
  return { message, signatures };
}

function rawMessageJson(message: DecodedMessage): Record<string, unknown> {
  const json: Record<string, unknown> = {
    accountKeys: message.staticAccountKeys,
    header: message.header,
    instructions: message.instructions.map((instruction) => compiledInstructionJson(instruction, null)),
    recentBlockhash: message.recentBlockhash,
  };
  if (message.version === 0) json.addressTableLookups = message.addressTableLookups;
  return json;
}

function parsedMessageJson(message: DecodedMessage, loaded: LoadedAddresses): Record<string, unknown> {
  const keys = [...message.staticAccountKeys, ...loaded.writable, ...loaded.readonly];
  const json: Record<string, unknown> = {
    accountKeys: keys.map((pubkey, index) => ({
      pubkey,
      signer: isSignerIndex(message, index),
      source: index < message.staticAccountKeys.length ? 'transaction' : 'lookupTable',
      writable: isWritableIndex(message, loaded, index),
    })),
    instructions: message.instructions.map((instruction) => parsedInstructionJson(instruction, keys, null)),
    recentBlockhash: message.recentBlockhash,
  };
  if (message.version === 0) json.addressTableLookups = message.addressTableLookups;
  return json;
}

function compiledInstructionJson(instruction: CompiledInstruction, stackHeight: number | null): Record<string, unknown> {
  return { accounts: instruction.accounts, data: bs58.encode(instruction.data), programIdIndex: instruction.programIdIndex, stackHeight };
}

function parsedInstructionJson(instruction: CompiledInstruction, keys: string[], stackHeight: number | null): ParsedInstructionJson {
  const programId = keys[instruction.programIdIndex] ?? '';
  const accounts = instruction.accounts.map((index) => keys[index] ?? '');
  return parseInstruction(programId, accounts, instruction.data, stackHeight);
}

/** Inner instructions, compiled (`json`) or parsed (`jsonParsed`, simulateTransaction). */
export function innerInstructionsJson(sets: InnerInstructionSet[], keys: string[], parsed: boolean): unknown[] {
  return sets.map((set) => ({
    index: set.index,
    instructions: set.instructions.map((instruction) =>
      parsed ? parsedInstructionJson(instruction, keys, instruction.stackHeight) : compiledInstructionJson(instruction, instruction.stackHeight),
    ),
  }));
}

function metaJson(record: TransactionRecord, parsed: boolean): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    computeUnitsConsumed: record.computeUnitsConsumed,
    err: record.err,
    fee: record.fee,
    innerInstructions: innerInstructionsJson(record.innerInstructions, record.accountKeys, parsed),
    logMessages: record.logMessages,
    postBalances: record.postBalances,
    postTokenBalances: record.postTokenBalances,
    preBalances: record.preBalances,
    preTokenBalances: record.preTokenBalances,
    rewards: [],
    status: statusJson(record.err),
  };
  // jsonParsed marks loaded keys in accountKeys (`source`) instead.
  if (!parsed) meta.loadedAddresses = record.loadedAddresses;
  const returnData = returnDataJson(record.returnData);
  if (returnData !== null) meta.returnData = returnData;
  return meta;
}

/**
 * A getSignatureStatuses entry: `confirmed` with its confirmations (blocks since its own) until its
 * slot is rooted (`finalizedSlot`), then `finalized` with `confirmations: null`, as Agave reports.
 */
export function signatureStatusJson(record: TransactionRecord, currentSlot: bigint, finalizedSlot: bigint): Record<string, unknown> {
  const finalized = record.slot <= finalizedSlot;
  return {
    confirmationStatus: finalized ? 'finalized' : 'confirmed',
    confirmations: finalized ? null : Number(currentSlot - record.slot),
    err: record.err,
    slot: record.slot,
    status: statusJson(record.err),
  };
}
