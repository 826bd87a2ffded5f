/**
 * SPL Token / Token-2022 methods: balances, supply, largest accounts and token accounts by owner
 * or delegate, for both token programs (a Token-2022 ATA is 170 bytes, not 165, so accounts are
 * found by layout, not by size).
 */
import { z } from 'zod';
import { encodeAccount } from '@/scripts/localnet/validator/account-encoding';
import type { Chain } from '@/scripts/localnet/validator/chain';
import { invalidParam } from '@/scripts/localnet/validator/errors';
import { encodeOptions } from '@/scripts/localnet/validator/methods-accounts';
import { accountConfig, contextConfig, optionalConfig, parseParams, pubkey } from '@/scripts/localnet/validator/params';
import { checkMinContextSlot, withContext, type RpcHandler } from '@/scripts/localnet/validator/rpc-context';
import { TOKEN_PROGRAM_IDS, mintDecimals, readMint, readTokenAccount, uiTokenAmount } from '@/scripts/localnet/validator/token-parse';
import type { StoredAccount } from '@/scripts/localnet/validator/types';

/** getTokenLargestAccounts returns at most this many accounts, as Agave does. */
const LARGEST_ACCOUNTS_LIMIT = 20;

const tokenFilter = z.union([z.object({ mint: pubkey }).strict(), z.object({ programId: pubkey }).strict()]);

type TokenAccountEntry = { address: string; account: StoredAccount; token: NonNullable<ReturnType<typeof readTokenAccount>> };

/** Every initialized token account of the given programs. */
function tokenAccounts(chain: Chain, programs: readonly string[]): TokenAccountEntry[] {
  const entries: TokenAccountEntry[] = [];
  for (const program of programs) {
    for (const { address, account } of chain.programAccounts(program)) {
      const token = readTokenAccount(address, account);
      if (token !== null) entries.push({ address, account, token });
    }
  }
  return entries;
}

/**
 * The token program (and mint, if any) a `{mint}` / `{programId}` filter selects.
 * @throws RpcError -32602 `could not find mint`, `not a Token mint` or `unrecognized Token program id`, as Agave.
 */
function resolveFilter(chain: Chain, filter: z.output<typeof tokenFilter>): { program: string; mint: string | null } {
  if ('programId' in filter) {
    if (!TOKEN_PROGRAM_IDS.includes(filter.programId)) throw invalidParam('unrecognized Token program id');
    return { program: filter.programId, mint: null };
  }
  const account = chain.readAccount(filter.mint);
  if (account === null) throw invalidParam('could not find mint');
  if (!TOKEN_PROGRAM_IDS.includes(account.owner)) throw invalidParam('not a Token mint');
  return { program: account.owner, mint: filter.mint };
}

/** getTokenAccountsByOwner / getTokenAccountsByDelegate share everything but the matched field. */
function accountsBy(field: 'owner' | 'delegate'): RpcHandler {
  return (params, { chain }) => {
    const [key, filter, config] = parseParams(z.tuple([pubkey, tokenFilter, optionalConfig(accountConfig)]), params);
    checkMinContextSlot(chain, config);
    const options = encodeOptions(config);
    const { program, mint } = resolveFilter(chain, filter);
    const reader = (address: string) => chain.readAccount(address);
    const value = tokenAccounts(chain, [program])
      .filter(({ token }) => token[field]?.toBase58() === key && (mint === null || token.mint.toBase58() === mint))
      .map(({ address, account }) => ({ account: encodeAccount(address, account, options, reader), pubkey: address }));
    return withContext(chain, value);
  };
}

/** The `[address, {commitment?, minContextSlot?}]` params of the token-amount methods: the address and its account (null when absent). */
function addressedAccount(params: unknown, chain: Parameters<RpcHandler>[1]['chain']) {
  const [address, config] = parseParams(z.tuple([pubkey, optionalConfig(contextConfig)]), params);
  checkMinContextSlot(chain, config);
  return { address, account: chain.readAccount(address) };
}

/** The mint at `address`, or the RPC's own errors for no account and for an account that is not a mint. */
function mintAt(params: unknown, chain: Parameters<RpcHandler>[1]['chain']) {
  const { address, account } = addressedAccount(params, chain);
  if (account === null) throw invalidParam('could not find mint');
  const mint = readMint(address, account);
  if (mint === null) throw invalidParam('not a Token mint');
  return { address, account, mint };
}

export const tokenMethods: Record<string, RpcHandler> = {
  getTokenAccountBalance: (params, { chain }) => {
    const { address, account } = addressedAccount(params, chain);
    if (account === null) throw invalidParam('could not find account');
    const token = readTokenAccount(address, account);
    if (token === null) throw invalidParam('not a Token account');
    const decimals = mintDecimals(token.mint.toBase58(), (key) => chain.readAccount(key));
    if (decimals === null) throw invalidParam('could not find mint');
    return withContext(chain, uiTokenAmount(token.amount, decimals));
  },
  getTokenSupply: (params, { chain }) => {
    const { mint } = mintAt(params, chain);
    return withContext(chain, uiTokenAmount(mint.supply, mint.decimals));
  },
  getTokenLargestAccounts: (params, { chain }) => {
    const { address, account, mint } = mintAt(params, chain);
    const largest = tokenAccounts(chain, [account.owner])
      .filter(({ token }) => token.mint.toBase58() === address)
      .sort((a, b) => (a.token.amount === b.token.amount ? 0 : a.token.amount > b.token.amount ? -1 : 1))
      .slice(0, LARGEST_ACCOUNTS_LIMIT)
      .map(({ address: holder, token }) => ({ address: holder, ...uiTokenAmount(token.amount, mint.decimals) }));
    return withContext(chain, largest);
  },
  getTokenAccountsByOwner: accountsBy('owner'),
  getTokenAccountsByDelegate: accountsBy('delegate'),
};

