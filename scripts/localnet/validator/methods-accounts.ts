/**
 * Account methods: getBalance, getAccountInfo, getMultipleAccounts and getProgramAccounts
 * (with `dataSize` and `memcmp` filters, as base58 or base64 bytes).
 */
import bs58 from 'bs58';
import { z } from 'zod';
import { assertEncodingSupported, encodeAccount, type EncodeOptions } from '@/scripts/localnet/validator/account-encoding';
import { invalidParams } from '@/scripts/localnet/validator/errors';
import { accountConfig, contextConfig, optionalConfig, parseParams, pubkey } from '@/scripts/localnet/validator/params';
import { checkMinContextSlot, withContext, type RpcHandler } from '@/scripts/localnet/validator/rpc-context';
import { tokenStateKind } from '@/scripts/localnet/validator/token-parse';
import type { StoredAccount } from '@/scripts/localnet/validator/types';

const MAX_MULTIPLE_ACCOUNTS = 100;
const MAX_FILTERS = 4;
/** Agave's limits on memcmp bytes: 128 base58 characters, or 128 decoded bytes. */
const MAX_MEMCMP_BASE58_LENGTH = 128;
const MAX_MEMCMP_BYTES = 128;

const memcmpFilter = z.object({
  memcmp: z.object({ offset: z.number().int().nonnegative(), bytes: z.string(), encoding: z.enum(['base58', 'base64']).optional() }),
});
const dataSizeFilter = z.object({ dataSize: z.number().int().nonnegative() });
// A unit variant in Agave's RpcFilterType, so it travels as a bare string.
const tokenAccountStateFilter = z.literal('tokenAccountState');
export const accountFilter = z.union([memcmpFilter, dataSizeFilter, tokenAccountStateFilter]);
export type AccountFilter = z.output<typeof accountFilter>;

/** A compiled filter: returns whether an account matches. */
export type AccountPredicate = (account: StoredAccount) => boolean;

/**
 * Compiles RPC account filters.
 * @throws RpcError -32602 for too many filters, undecodable or oversized memcmp bytes.
 */
export function compileFilters(filters: AccountFilter[] | undefined): AccountPredicate {
  if (filters === undefined || filters.length === 0) return () => true;
  if (filters.length > MAX_FILTERS) throw invalidParams(`Too many filters provided; max ${MAX_FILTERS}`, true);
  const predicates = filters.map((filter): AccountPredicate => {
    if (filter === 'tokenAccountState') return (account) => tokenStateKind(account) === 'account';
    if ('dataSize' in filter) return (account) => account.data.length === filter.dataSize;
    return memcmp(filter.memcmp);
  });
  return (account) => predicates.every((predicate) => predicate(account));
}

function memcmp({ offset, bytes: text, encoding = 'base58' }: z.output<typeof memcmpFilter>['memcmp']): AccountPredicate {
  if (encoding === 'base58' && text.length > MAX_MEMCMP_BASE58_LENGTH) throw invalidParams('Invalid param: encoded binary data should be less than 129 bytes', true);
  let bytes: Uint8Array;
  try {
    bytes = encoding === 'base58' ? bs58.decode(text) : new Uint8Array(Buffer.from(text, 'base64'));
  } catch {
    throw invalidParams(`Invalid param: invalid ${encoding} memcmp bytes`, true);
  }
  if (bytes.length > MAX_MEMCMP_BYTES) throw invalidParams('Invalid param: filter bytes should be less than 129 bytes', true);
  return (account) => offset + bytes.length <= account.data.length && bytes.every((byte, index) => account.data[offset + index] === byte);
}

/** Encoding options from a config, with Agave's default (`binary`) and the zstd refusal applied. */
export function encodeOptions(config: { encoding?: EncodeOptions['encoding'] | undefined; dataSlice?: EncodeOptions['dataSlice'] | undefined } | undefined): EncodeOptions {
  const options: EncodeOptions = { encoding: config?.encoding ?? 'binary', dataSlice: config?.dataSlice };
  assertEncodingSupported(options);
  return options;
}

const programAccountsConfig = accountConfig.extend({ filters: z.array(accountFilter).optional(), withContext: z.boolean().optional() });

export const accountMethods: Record<string, RpcHandler> = {
  getBalance: (params, { chain }) => {
    const [address, config] = parseParams(z.tuple([pubkey, optionalConfig(contextConfig)]), params);
    checkMinContextSlot(chain, config);
    return withContext(chain, chain.readAccount(address)?.lamports ?? 0n);
  },
  getAccountInfo: (params, { chain }) => {
    const [address, config] = parseParams(z.tuple([pubkey, optionalConfig(accountConfig)]), params);
    checkMinContextSlot(chain, config);
    const options = encodeOptions(config);
    const account = chain.readAccount(address);
    const reader = (key: string) => chain.readAccount(key);
    return withContext(chain, account === null ? null : encodeAccount(address, account, options, reader));
  },
  getMultipleAccounts: (params, { chain }) => {
    const [addresses, config] = parseParams(z.tuple([z.array(pubkey), optionalConfig(accountConfig)]), params);
    if (addresses.length > MAX_MULTIPLE_ACCOUNTS) throw invalidParams(`Too many inputs provided; max ${MAX_MULTIPLE_ACCOUNTS}`, true);
    checkMinContextSlot(chain, config);
    const options = encodeOptions(config);
    const reader = (key: string) => chain.readAccount(key);
    return withContext(
      chain,
      addresses.map((address) => {
        const account = chain.readAccount(address);
        return account === null ? null : encodeAccount(address, account, options, reader);
      }),
    );
  },
  getProgramAccounts: (params, { chain }) => {
    const [program, config] = parseParams(z.tuple([pubkey, optionalConfig(programAccountsConfig)]), params);
    checkMinContextSlot(chain, config);
    const options = encodeOptions(config);
    const matches = compileFilters(config?.filters);
    const reader = (key: string) => chain.readAccount(key);
    const value = chain
      .programAccounts(program)
      .filter(({ account }) => matches(account))
      .map(({ address, account }) => ({ account: encodeAccount(address, account, options, reader), pubkey: address }));
    return config?.withContext === true ? withContext(chain, value) : value;
  },
};
