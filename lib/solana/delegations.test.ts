/**
 * Stray-delegation detection on real account bytes (spl-token's layout; a Token-2022 account with
 * its ImmutableOwner extension, a classic one), through a fake RPC connection.
 */
import { ACCOUNT_SIZE, AccountLayout, AccountState, ExtensionType, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAccountLen } from '@solana/spl-token';
import { type AccountInfo, type Connection, Keypair, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { DelegationReadError, findStrayAuthorities, readHolderTokenAccounts, type WatchedMint } from '@/lib/solana/delegations';

const key = () => Keypair.generate().publicKey;
const holder = key();
const ai16z: WatchedMint = { symbol: 'AI16Z', mint: key().toBase58(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID.toBase58() };
const elizaos: WatchedMint = { symbol: 'ELIZAOS', mint: key().toBase58(), decimals: 6, programId: TOKEN_PROGRAM_ID.toBase58() };
const drainer = key();

type Fields = { mint: string; owner?: PublicKey; amount?: bigint; delegate?: PublicKey; delegatedAmount?: bigint; closeAuthority?: PublicKey };

/** Account bytes as the program stores them; Token-2022 ones carry AccountType + ImmutableOwner (170 bytes). */
function accountData(programId: string, f: Fields): Buffer {
  const token2022 = programId === TOKEN_2022_PROGRAM_ID.toBase58();
  const data = Buffer.alloc(token2022 ? getAccountLen([ExtensionType.ImmutableOwner]) : ACCOUNT_SIZE);
  AccountLayout.encode(
    {
      mint: new PublicKey(f.mint),
      owner: f.owner ?? holder,
      amount: f.amount ?? 0n,
      delegateOption: f.delegate ? 1 : 0,
      delegate: f.delegate ?? PublicKey.default,
      state: AccountState.Initialized,
      isNativeOption: 0,
      isNative: 0n,
      delegatedAmount: f.delegatedAmount ?? 0n,
      closeAuthorityOption: f.closeAuthority ? 1 : 0,
      closeAuthority: f.closeAuthority ?? PublicKey.default,
    },
    data,
  );
  if (token2022) {
    data[ACCOUNT_SIZE] = 2; // AccountType::Account
    data.writeUInt16LE(ExtensionType.ImmutableOwner, ACCOUNT_SIZE + 1);
    data.writeUInt16LE(0, ACCOUNT_SIZE + 3);
  }
  return data;
}

function info(programId: string, f: Fields): AccountInfo<Buffer> {
  return { data: accountData(programId, f), owner: new PublicKey(programId), lamports: 2_039_280, executable: false };
}

/** A connection answering getTokenAccountsByOwner from a table keyed by mint. */
function fakeConnection(byMint: Record<string, { pubkey: PublicKey; account: AccountInfo<Buffer> }[]> | Error): Connection {
  return {
    getTokenAccountsByOwner: async (_owner: PublicKey, filter: { mint: PublicKey }) => {
      if (byMint instanceof Error) throw byMint;
      return { context: { slot: 1 }, value: byMint[filter.mint.toBase58()] ?? [] };
    },
  } as unknown as Connection;
}

const labels = new Map([[drainer.toBase58(), 'Fake claim site']]);

describe('stray delegations', () => {
  it('finds a delegate and a close authority on a Token-2022 AI16Z account and names the drainer', async () => {
    const account = key();
    const connection = fakeConnection({
      [ai16z.mint]: [{ pubkey: account, account: info(ai16z.programId, { mint: ai16z.mint, amount: 400n, delegate: drainer, delegatedAmount: 400n, closeAuthority: drainer }) }],
      [elizaos.mint]: [{ pubkey: key(), account: info(elizaos.programId, { mint: elizaos.mint, amount: 5n }) }],
    });
    const accounts = await readHolderTokenAccounts(connection, holder, [ai16z, elizaos]);
    expect(accounts).toHaveLength(2);
    const stray = findStrayAuthorities(holder, accounts, labels);
    expect(stray).toEqual([
      {
        symbol: 'AI16Z',
        account: account.toBase58(),
        programId: ai16z.programId,
        decimals: 9,
        amount: 400n,
        delegate: { address: drainer.toBase58(), delegatedAmount: 400n, drainerLabel: 'Fake claim site' },
        closeAuthority: { address: drainer.toBase58(), drainerLabel: 'Fake claim site' },
      },
    ]);
  });

  it('finds a delegate on a classic ELIZAOS account, unnamed when not on the list; a clean account is not reported', async () => {
    const other = key();
    const account = key();
    const connection = fakeConnection({
      [ai16z.mint]: [{ pubkey: key(), account: info(ai16z.programId, { mint: ai16z.mint, amount: 1n }) }],
      [elizaos.mint]: [{ pubkey: account, account: info(elizaos.programId, { mint: elizaos.mint, amount: 7n, delegate: other, delegatedAmount: 3n }) }],
    });
    const stray = findStrayAuthorities(holder, await readHolderTokenAccounts(connection, holder, [ai16z, elizaos]), labels);
    expect(stray).toHaveLength(1);
    expect(stray[0]?.symbol).toBe('ELIZAOS');
    expect(stray[0]?.delegate).toEqual({ address: other.toBase58(), delegatedAmount: 3n, drainerLabel: null });
    expect(stray[0]?.closeAuthority).toBeNull();
  });

  it('reports nothing for clean accounts and for a wallet without accounts', async () => {
    const clean = fakeConnection({ [ai16z.mint]: [{ pubkey: key(), account: info(ai16z.programId, { mint: ai16z.mint, amount: 9n }) }] });
    expect(findStrayAuthorities(holder, await readHolderTokenAccounts(clean, holder, [ai16z, elizaos]), labels)).toEqual([]);
    expect(await readHolderTokenAccounts(fakeConnection({}), holder, [ai16z, elizaos])).toEqual([]);
  });

  it('fails closed: RPC error, an account under the wrong program, undecodable bytes, someone else’s account', async () => {
    await expect(readHolderTokenAccounts(fakeConnection(new Error('429')), holder, [ai16z])).rejects.toThrow(DelegationReadError);
    await expect(readHolderTokenAccounts(fakeConnection(new Error('429')), holder, [ai16z])).rejects.toMatchObject({ reason: 'RPC_FAILED', facts: { symbol: 'AI16Z' } });
    const wrongProgram = fakeConnection({ [ai16z.mint]: [{ pubkey: key(), account: info(elizaos.programId, { mint: ai16z.mint }) }] });
    await expect(readHolderTokenAccounts(wrongProgram, holder, [ai16z])).rejects.toThrow(/not owned by the AI16Z token program/);
    await expect(readHolderTokenAccounts(wrongProgram, holder, [ai16z])).rejects.toMatchObject({ reason: 'WRONG_PROGRAM', facts: { symbol: 'AI16Z' } });
    const garbage = fakeConnection({ [ai16z.mint]: [{ pubkey: key(), account: { ...info(ai16z.programId, { mint: ai16z.mint }), data: Buffer.alloc(10) } }] });
    await expect(readHolderTokenAccounts(garbage, holder, [ai16z])).rejects.toThrow(/could not be decoded/);
    await expect(readHolderTokenAccounts(garbage, holder, [ai16z])).rejects.toMatchObject({ reason: 'UNDECODABLE' });
    const foreign = fakeConnection({ [ai16z.mint]: [{ pubkey: key(), account: info(ai16z.programId, { mint: ai16z.mint, owner: key(), delegate: drainer }) }] });
    expect(() => findStrayAuthorities(holder, [], labels)).not.toThrow();
    await expect(readHolderTokenAccounts(foreign, holder, [ai16z]).then((a) => findStrayAuthorities(holder, a, labels))).rejects.toThrow(/does not belong to this wallet/);
    await expect(readHolderTokenAccounts(foreign, holder, [ai16z]).then((a) => findStrayAuthorities(holder, a, labels))).rejects.toMatchObject({ reason: 'NOT_HOLDERS' });
    const otherMint = fakeConnection({ [ai16z.mint]: [{ pubkey: key(), account: info(ai16z.programId, { mint: key().toBase58() }) }] });
    await expect(readHolderTokenAccounts(otherMint, holder, [ai16z]).then((a) => findStrayAuthorities(holder, a, labels))).rejects.toThrow(/not an account of the AI16Z mint/);
    await expect(readHolderTokenAccounts(otherMint, holder, [ai16z]).then((a) => findStrayAuthorities(holder, a, labels))).rejects.toMatchObject({ reason: 'WRONG_MINT' });
  });
});
