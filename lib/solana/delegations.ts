/**
 * Stray delegations (README "Stray delegations (Revoke)"): reads the holder's AI16Z and ELIZAOS token accounts and
 * reports every one with a delegate or a close authority set. The accounts are decoded with
 * spl-token's `unpackAccount` under the program that owns them (AI16Z is Token-2022, whose
 * accounts carry extensions; ELIZAOS is configured with either program).
 *
 * Runs in the browser (through the same-origin RPC proxy's `getTokenAccountsByOwner`) and in Node.
 */
import { unpackAccount, type Account } from '@solana/spl-token';
import { type AccountInfo, type Connection, PublicKey } from '@solana/web3.js';

/** A mint the portal knows, as the page's public parameters give it. */
export type WatchedMint = { symbol: 'AI16Z' | 'ELIZAOS'; mint: string; decimals: number; programId: string };

/** A label for a known-drainer address (from `GET /api/v1/drainers`). */
export type DrainerLabels = ReadonlyMap<string, string>;

/** A token account of the holder with something set that lets another key act on it. */
export type StrayAuthority = {
  symbol: WatchedMint['symbol'];
  /** The token account (base58). */
  account: string;
  /** The token program that owns it (base58). */
  programId: string;
  decimals: number;
  /** Balance in base units. */
  amount: bigint;
  /** Set when someone may move up to `delegatedAmount` base units out of the account. */
  delegate: { address: string; delegatedAmount: bigint; drainerLabel: string | null } | null;
  /** Set when another key may close the account once it is empty (and keep its rent deposit). */
  closeAuthority: { address: string; drainerLabel: string | null } | null;
};

/**
 * Why the accounts could not be judged (the page words it from `strayDelegations.read.{reason}`):
 * the RPC failed, an account is not the holder's, not of the mint, not under the mint's program, or
 * not decodable.
 */
export const DELEGATION_READ_REASONS = ['RPC_FAILED', 'NOT_HOLDERS', 'WRONG_MINT', 'WRONG_PROGRAM', 'UNDECODABLE'] as const;
export type DelegationReadReason = (typeof DELEGATION_READ_REASONS)[number];

/**
 * The holder's token accounts could not be read, or one could not be decoded: nothing can be said.
 * `message` is English (logs, tests); `reason`, `symbol` and `account` let the page say it in its locale.
 */
export class DelegationReadError extends Error {
  constructor(
    readonly reason: DelegationReadReason,
    readonly facts: { symbol: WatchedMint['symbol']; account?: string },
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DelegationReadError';
  }
}

/**
 * The stray authorities among already-decoded token accounts (pure; unit-tested).
 *
 * @param holder the wallet whose accounts these are; an account owned by anyone else is an error.
 * @param accounts decoded accounts with the mint they were read for.
 * @param drainers known-drainer labels by address.
 * @returns one entry per account with a delegate or a close authority (any key, the holder's own
 *   included: a delegate the holder set themselves is still one more key that can move tokens).
 * @throws DelegationReadError when an account is not the holder's or not of the mint it was read for.
 */
export function findStrayAuthorities(holder: PublicKey, accounts: readonly { mint: WatchedMint; account: Account }[], drainers: DrainerLabels): StrayAuthority[] {
  const stray: StrayAuthority[] = [];
  for (const { mint, account } of accounts) {
    const facts = { symbol: mint.symbol, account: account.address.toBase58() };
    if (!account.owner.equals(holder)) throw new DelegationReadError('NOT_HOLDERS', facts, `The token account ${facts.account} does not belong to this wallet.`);
    if (account.mint.toBase58() !== mint.mint) throw new DelegationReadError('WRONG_MINT', facts, `The token account ${facts.account} is not an account of the ${mint.symbol} mint.`);
    const delegate = account.delegate ? account.delegate.toBase58() : null;
    const close = account.closeAuthority ? account.closeAuthority.toBase58() : null;
    if (delegate === null && close === null) continue;
    stray.push({
      symbol: mint.symbol,
      account: account.address.toBase58(),
      programId: mint.programId,
      decimals: mint.decimals,
      amount: account.amount,
      delegate: delegate === null ? null : { address: delegate, delegatedAmount: account.delegatedAmount, drainerLabel: drainers.get(delegate) ?? null },
      closeAuthority: close === null ? null : { address: close, drainerLabel: drainers.get(close) ?? null },
    });
  }
  return stray;
}

/**
 * Reads every token account `holder` has for each mint (`getTokenAccountsByOwner` with a mint
 * filter, base64) and decodes each with `unpackAccount` under the mint's own program.
 *
 * @throws DelegationReadError when the RPC fails, or an account is owned by another program than
 *   its mint's or cannot be decoded (fail closed: no answer rather than a wrong "all clear").
 */
export async function readHolderTokenAccounts(connection: Connection, holder: PublicKey, mints: readonly WatchedMint[]): Promise<{ mint: WatchedMint; account: Account }[]> {
  const out: { mint: WatchedMint; account: Account }[] = [];
  for (const mint of mints) {
    let answer: readonly { pubkey: PublicKey; account: AccountInfo<Buffer> }[];
    try {
      answer = (await connection.getTokenAccountsByOwner(holder, { mint: new PublicKey(mint.mint) }, 'confirmed')).value;
    } catch (error) {
      throw new DelegationReadError('RPC_FAILED', { symbol: mint.symbol }, `Your ${mint.symbol} token accounts could not be read from Solana just now.`, { cause: error });
    }
    const programId = new PublicKey(mint.programId);
    for (const { pubkey, account } of answer) {
      const facts = { symbol: mint.symbol, account: pubkey.toBase58() };
      if (!account.owner.equals(programId)) throw new DelegationReadError('WRONG_PROGRAM', facts, `The ${mint.symbol} account ${facts.account} is not owned by the ${mint.symbol} token program.`);
      try {
        out.push({ mint, account: unpackAccount(pubkey, account, programId) });
      } catch (error) {
        throw new DelegationReadError('UNDECODABLE', facts, `The ${mint.symbol} account ${facts.account} could not be decoded.`, { cause: error });
      }
    }
  }
  return out;
}
