import {
  ExtensionType,
  approve,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotent,
  createInitializeMetadataPointerInstruction,
  createInitializeMintInstruction,
  createMint,
  getAccount,
  getAssociatedTokenAddressSync,
  getMint,
  getMintLen,
  mintTo,
  transferChecked,
  LENGTH_SIZE,
  TYPE_SIZE,
} from '@solana/spl-token';
import { createInitializeInstruction, pack, type TokenMetadata } from '@solana/spl-token-metadata';
import { Keypair, PublicKey, SystemProgram, Transaction, sendAndConfirmTransaction, type Connection, type ParsedAccountData } from '@solana/web3.js';
import bs58 from 'bs58';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedKeypair, rpc, startTestValidator, type TestValidator } from '@/scripts/localnet/validator/test-support';

let harness: TestValidator;
let connection: Connection;
let payer: Keypair;
const holder = Keypair.generate();
const recipient = Keypair.generate();

type Setup = { programId: PublicKey; mint: PublicKey; holderAta: PublicKey; recipientAta: PublicKey };
const setups: Record<'classic' | 'token2022', Setup> = {} as Record<'classic' | 'token2022', Setup>;

beforeAll(async () => {
  harness = await startTestValidator();
  connection = harness.connection;
  payer = await fundedKeypair(connection, 100);
  for (const [name, programId] of [
    ['classic', TOKEN_PROGRAM_ID],
    ['token2022', TOKEN_2022_PROGRAM_ID],
  ] as const) {
    const mint = await createMint(connection, payer, payer.publicKey, null, 9, undefined, undefined, programId);
    const holderAta = await createAssociatedTokenAccountIdempotent(connection, payer, mint, holder.publicKey, undefined, programId);
    // Idempotent: a second create of the same ATA succeeds and changes nothing.
    expect(await createAssociatedTokenAccountIdempotent(connection, payer, mint, holder.publicKey, undefined, programId)).toEqual(holderAta);
    await mintTo(connection, payer, mint, holderAta, payer, 5_000_000_000n, [], undefined, programId);
    const recipientAta = await createAssociatedTokenAccountIdempotent(connection, payer, mint, recipient.publicKey, undefined, programId);
    await transferChecked(connection, payer, holderAta, mint, recipientAta, holder, 1_250_000_000n, 9, [], undefined, programId);
    setups[name] = { programId, mint, holderAta, recipientAta };
  }
});

afterAll(async () => {
  await harness.validator.close();
});

describe.each(['classic', 'token2022'] as const)('%s token program', (name) => {
  it('reads mints and accounts back through spl-token', async () => {
    const { programId, mint, holderAta, recipientAta } = setups[name];
    const mintInfo = await getMint(connection, mint, 'confirmed', programId);
    expect(mintInfo.supply).toBe(5_000_000_000n);
    expect(mintInfo.decimals).toBe(9);
    expect((await getAccount(connection, holderAta, 'confirmed', programId)).amount).toBe(3_750_000_000n);
    const received = await getAccount(connection, recipientAta, 'confirmed', programId);
    expect(received.amount).toBe(1_250_000_000n);
    expect(received.owner.equals(recipient.publicKey)).toBe(true);
    expect(holderAta.equals(getAssociatedTokenAddressSync(mint, holder.publicKey, false, programId))).toBe(true);
  });

  it('answers getTokenSupply and getTokenAccountBalance', async () => {
    const { mint, recipientAta } = setups[name];
    expect((await connection.getTokenSupply(mint)).value).toEqual({ amount: '5000000000', decimals: 9, uiAmount: 5, uiAmountString: '5' });
    expect((await connection.getTokenAccountBalance(recipientAta)).value).toEqual({ amount: '1250000000', decimals: 9, uiAmount: 1.25, uiAmountString: '1.25' });
    const largest = await connection.getTokenLargestAccounts(mint);
    expect(largest.value.map((entry) => entry.amount)).toEqual(['3750000000', '1250000000']);
  });

  it('renders jsonParsed accounts and mints like the real RPC', async () => {
    const { programId, mint, recipientAta } = setups[name];
    const account = (await connection.getParsedAccountInfo(recipientAta)).value;
    expect(account?.owner.equals(programId)).toBe(true);
    const data = account?.data as ParsedAccountData;
    const size = name === 'token2022' ? 170 : 165;
    expect(data.program).toBe(name === 'token2022' ? 'spl-token-2022' : 'spl-token');
    expect(data.space).toBe(size);
    expect(data.parsed).toEqual({
      type: 'account',
      info: {
        isNative: false,
        mint: mint.toBase58(),
        owner: recipient.publicKey.toBase58(),
        state: 'initialized',
        tokenAmount: { amount: '1250000000', decimals: 9, uiAmount: 1.25, uiAmountString: '1.25' },
        ...(name === 'token2022' ? { extensions: [{ extension: 'immutableOwner' }] } : {}),
      },
    });
    const parsedMint = (await connection.getParsedAccountInfo(mint)).value?.data as ParsedAccountData;
    expect(parsedMint.parsed).toEqual({
      type: 'mint',
      info: { decimals: 9, freezeAuthority: null, isInitialized: true, mintAuthority: payer.publicKey.toBase58(), supply: '5000000000' },
    });
  });

  it('finds token accounts by owner with a mint or a program filter', async () => {
    const { programId, mint, recipientAta } = setups[name];
    const byMint = await connection.getTokenAccountsByOwner(recipient.publicKey, { mint });
    expect(byMint.value.map((entry) => entry.pubkey.toBase58())).toEqual([recipientAta.toBase58()]);
    expect(byMint.value[0]?.account.data.length).toBe(name === 'token2022' ? 170 : 165);
    const byProgram = await connection.getParsedTokenAccountsByOwner(recipient.publicKey, { programId });
    expect(byProgram.value).toHaveLength(1);
    expect((byProgram.value[0]?.account.data as ParsedAccountData).parsed.info.tokenAmount.uiAmountString).toBe('1.25');
  });

  it('filters getProgramAccounts by memcmp and dataSize', async () => {
    const { programId, mint } = setups[name];
    const size = name === 'token2022' ? 170 : 165;
    const found = await connection.getProgramAccounts(programId, {
      filters: [{ dataSize: size }, { memcmp: { offset: 0, bytes: mint.toBase58() } }],
    });
    expect(found.map((entry) => entry.pubkey.toBase58()).sort()).toEqual([setups[name].holderAta.toBase58(), setups[name].recipientAta.toBase58()].sort());
    const byOwner = await connection.getProgramAccounts(programId, {
      filters: [{ memcmp: { offset: 32, bytes: Buffer.from(recipient.publicKey.toBytes()).toString('base64'), encoding: 'base64' } }],
    });
    expect(byOwner).toHaveLength(1);
    const withContext = await rpc(connection.rpcEndpoint, 'getProgramAccounts', [programId.toBase58(), { encoding: 'base64', withContext: true, filters: [{ dataSize: 1 }] }]);
    expect(withContext.result).toMatchObject({ context: { slot: expect.any(Number) }, value: [] });
  });
});

it('recognises both programs in one owner query and refuses unknown programs', async () => {
  const classic = await connection.getTokenAccountsByOwner(holder.publicKey, { programId: TOKEN_PROGRAM_ID });
  const token2022 = await connection.getTokenAccountsByOwner(holder.publicKey, { programId: TOKEN_2022_PROGRAM_ID });
  expect(classic.value).toHaveLength(1);
  expect(token2022.value).toHaveLength(1);
  const refused = await rpc(connection.rpcEndpoint, 'getTokenAccountsByOwner', [holder.publicKey.toBase58(), { programId: SystemProgram.programId.toBase58() }]);
  expect(refused.error).toEqual({ code: -32602, message: 'Invalid param: unrecognized Token program id' });
  const notMint = await rpc(connection.rpcEndpoint, 'getTokenSupply', [setups.classic.holderAta.toBase58()]);
  expect(notMint.error?.code).toBe(-32602);
});

it('finds delegated accounts with getTokenAccountsByDelegate', async () => {
  const delegate = Keypair.generate();
  const { programId, mint, holderAta } = setups.token2022;
  await approve(connection, payer, holderAta, delegate.publicKey, holder, 1_000n, [], undefined, programId);
  // web3.js 1.x has no wrapper for this method: ask over raw JSON-RPC.
  const delegated = await rpc(connection.rpcEndpoint, 'getTokenAccountsByDelegate', [delegate.publicKey.toBase58(), { mint: mint.toBase58() }, { encoding: 'jsonParsed' }]);
  const value = (delegated.result as { value: { pubkey: string; account: { data: ParsedAccountData } }[] }).value;
  expect(value.map((entry) => entry.pubkey)).toEqual([holderAta.toBase58()]);
  expect(value[0]?.account.data.parsed.info).toMatchObject({
    delegate: delegate.publicKey.toBase58(),
    delegatedAmount: { amount: '1000', decimals: 9, uiAmount: 0.000001, uiAmountString: '0.000001' },
  });
  const classic = await rpc(connection.rpcEndpoint, 'getTokenAccountsByDelegate', [delegate.publicKey.toBase58(), { programId: TOKEN_PROGRAM_ID.toBase58() }]);
  expect(classic.result).toMatchObject({ value: [] });
});

it('parses Token-2022 metadataPointer and tokenMetadata extensions', async () => {
  const mint = Keypair.generate();
  const metadata: TokenMetadata = {
    mint: mint.publicKey,
    name: 'Local Test',
    symbol: 'LTST',
    uri: 'https://example.invalid/token.json',
    additionalMetadata: [],
    updateAuthority: payer.publicKey,
  };
  const mintLen = getMintLen([ExtensionType.MetadataPointer]);
  const metadataLen = TYPE_SIZE + LENGTH_SIZE + pack(metadata).length;
  const lamports = await connection.getMinimumBalanceForRentExemption(mintLen + metadataLen);
  const tx = new Transaction().add(
    SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, space: mintLen, lamports, programId: TOKEN_2022_PROGRAM_ID }),
    createInitializeMetadataPointerInstruction(mint.publicKey, payer.publicKey, mint.publicKey, TOKEN_2022_PROGRAM_ID),
    createInitializeMintInstruction(mint.publicKey, 6, payer.publicKey, null, TOKEN_2022_PROGRAM_ID),
    createInitializeInstruction({
      programId: TOKEN_2022_PROGRAM_ID,
      metadata: mint.publicKey,
      updateAuthority: payer.publicKey,
      mint: mint.publicKey,
      mintAuthority: payer.publicKey,
      name: metadata.name,
      symbol: metadata.symbol,
      uri: metadata.uri,
    }),
  );
  await sendAndConfirmTransaction(connection, tx, [payer, mint]);
  const parsed = (await connection.getParsedAccountInfo(mint.publicKey)).value?.data as ParsedAccountData;
  expect(parsed.program).toBe('spl-token-2022');
  expect(parsed.parsed.info.extensions).toEqual([
    { extension: 'metadataPointer', state: { authority: payer.publicKey.toBase58(), metadataAddress: mint.publicKey.toBase58() } },
    {
      extension: 'tokenMetadata',
      state: {
        updateAuthority: payer.publicKey.toBase58(),
        mint: mint.publicKey.toBase58(),
        name: 'Local Test',
        symbol: 'LTST',
        uri: 'https://example.invalid/token.json',
        additionalMetadata: [],
      },
    },
  ]);
});

it('places an account at a fixed address with setAccount, like --account', async () => {
  const source = await connection.getAccountInfo(setups.token2022.mint);
  expect(source).not.toBeNull();
  const fixed = new PublicKey(bs58.encode(Buffer.alloc(32, 7)));
  harness.validator.setAccount(fixed, { lamports: BigInt(source?.lamports ?? 0), data: new Uint8Array(source?.data ?? []), owner: TOKEN_2022_PROGRAM_ID });
  const copy = harness.validator.getAccount(fixed);
  expect(copy?.owner.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
  expect((await getMint(connection, fixed, 'confirmed', TOKEN_2022_PROGRAM_ID)).supply).toBe(5_000_000_000n);
  expect(harness.validator.getAccount(Keypair.generate().publicKey)).toBeNull();
});
