/**
 * Accounts as the RPC returns them (`UiAccount`): `{data, executable, lamports, owner, rentEpoch, space}`
 * in the requested encoding, with `dataSlice` applied. `jsonParsed` knows the token programs and
 * falls back to base64 for everything else, as the real RPC does.
 */
import bs58 from 'bs58';
import { invalidParams } from '@/scripts/localnet/validator/errors';
import { parseTokenProgramAccount, type ParsedAccountJson } from '@/scripts/localnet/validator/token-parse';
import type { AccountReader, StoredAccount } from '@/scripts/localnet/validator/types';

export type AccountEncoding = 'binary' | 'base58' | 'base64' | 'base64+zstd' | 'jsonParsed';
export type DataSlice = { offset: number; length: number };
export type EncodeOptions = { encoding: AccountEncoding; dataSlice?: DataSlice | undefined };

export type UiAccount = {
  data: string | [string, string] | ParsedAccountJson;
  executable: boolean;
  lamports: bigint;
  owner: string;
  rentEpoch: bigint;
  space: number;
};

/** Accounts are rent-exempt now, and the RPC reports their rent epoch as u64::MAX. */
const RENT_EXEMPT_RENT_EPOCH = 18446744073709551615n;
/** Agave refuses base58 for more than 128 bytes of data. */
const MAX_BASE58_BYTES = 128;

/**
 * Checks an encoding request up front, so a bad one fails before any work is done.
 * @throws RpcError -32602 for base64+zstd (Node 20 has no zstd).
 */
export function assertEncodingSupported(options: EncodeOptions): void {
  if (options.encoding === 'base64+zstd') throw invalidParams('base64+zstd encoding is not supported by this local validator; use base64', true);
}

/**
 * Encodes one account.
 * @throws RpcError -32602 when base58 is asked for more than 128 bytes, as Agave does.
 */
export function encodeAccount(address: string, account: StoredAccount, options: EncodeOptions, readAccount: AccountReader): UiAccount {
  const base = { executable: account.executable, lamports: account.lamports, owner: account.owner, rentEpoch: RENT_EXEMPT_RENT_EPOCH, space: account.data.length };
  if (options.encoding === 'jsonParsed') {
    const parsed = parseTokenProgramAccount(address, account, readAccount);
    if (parsed !== null) return { ...base, data: parsed };
    return { ...base, data: [Buffer.from(slice(account.data, options.dataSlice)).toString('base64'), 'base64'] };
  }
  const data = slice(account.data, options.dataSlice);
  if (options.encoding === 'base64') return { ...base, data: [Buffer.from(data).toString('base64'), 'base64'] };
  if (options.encoding === 'base64+zstd') throw invalidParams('base64+zstd encoding is not supported by this local validator; use base64', true);
  if (data.length > MAX_BASE58_BYTES) {
    throw invalidParams(`Encoded binary (base 58) data should be less than ${MAX_BASE58_BYTES} bytes, please use Base64 encoding.`, true);
  }
  const text = bs58.encode(data);
  return { ...base, data: options.encoding === 'binary' ? text : [text, 'base58'] };
}

function slice(data: Uint8Array, dataSlice: DataSlice | undefined): Uint8Array {
  return dataSlice === undefined ? data : data.subarray(dataSlice.offset, dataSlice.offset + dataSlice.length);
}
