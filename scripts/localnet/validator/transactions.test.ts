import { TOKEN_PROGRAM_ID, createAssociatedTokenAccountIdempotent, createMint, createTransferCheckedInstruction, mintTo } from '@solana/spl-token';
import {
  AddressLookupTableProgram,
  ComputeBudgetProgram,
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SendTransactionError,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
  sendAndConfirmTransaction,
  type ParsedInstruction,
} from '@solana/web3.js';
import bs58 from 'bs58';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedKeypair, rpc, startTestValidator, type TestValidator } from '@/scripts/localnet/validator/test-support';
import { resignedVariant } from '@/test/resign';

/** Blocks between `confirmed` and `finalized` on the local validator, as on a cluster (~32 slots of lockout). */
const FINALITY_DEPTH = 32;

const MEMO_PROGRAM_ID = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');
/** Enough for a new system account to be rent-exempt (the minimum is 890,880 lamports). */
const NEW_ACCOUNT_LAMPORTS = 1_000_000;

let harness: TestValidator;
let connection: Connection;
let payer: Keypair;

beforeAll(async () => {
  harness = await startTestValidator();
  connection = harness.connection;
  payer = await fundedKeypair(connection, 100);
});

afterAll(async () => {
  await harness.validator.close();
});

function transfer(from: Keypair, to: PublicKey, lamports: number | bigint) {
  return SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports });
}

async function signedTransfer(from: Keypair, to: PublicKey, lamports: number): Promise<Buffer> {
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
  const tx = new Transaction({ feePayer: from.publicKey, blockhash, lastValidBlockHeight }).add(transfer(from, to, lamports));
  tx.sign(from);
  return tx.serialize();
}

describe('signatures', () => {
  it('accepts a second signer added after the first (partialSign, then serialize)', async () => {
    const owner = await fundedKeypair(connection, 2);
    const destination = Keypair.generate().publicKey;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight }).add(transfer(owner, destination, LAMPORTS_PER_SOL));
    tx.partialSign(payer);
    const wire = Transaction.from(tx.serialize({ requireAllSignatures: false }));
    wire.partialSign(owner);
    const signature = await connection.sendRawTransaction(wire.serialize());
    expect((await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight })).value.err).toBeNull();
    expect(await connection.getBalance(destination)).toBe(LAMPORTS_PER_SOL);
    // Only the fee payer pays the fee.
    expect(await connection.getBalance(owner.publicKey)).toBe(LAMPORTS_PER_SOL);
  });

  it('rejects a tampered signature with -32003, and drops it silently without preflight', async () => {
    const wire = await signedTransfer(payer, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS);
    wire[1 + 10] = (wire[1 + 10] ?? 0) ^ 0xff;
    const preflight = await rpc(connection.rpcEndpoint, 'sendTransaction', [wire.toString('base64'), { encoding: 'base64' }]);
    expect(preflight.error).toEqual({ code: -32003, message: 'Transaction signature verification failure' });
    await expect(connection.sendRawTransaction(wire)).rejects.toThrow(/signature verification failure/);
    const skipped = await connection.sendRawTransaction(wire, { skipPreflight: true });
    expect((await connection.getSignatureStatuses([skipped])).value).toEqual([null]);
  });

  it('rejects an unsigned transaction unless simulated with sigVerify off', async () => {
    const destination = Keypair.generate().publicKey;
    const message = new TransactionMessage({
      payerKey: payer.publicKey,
      // Any blockhash: replaceRecentBlockhash swaps in the latest one.
      recentBlockhash: PublicKey.default.toBase58(),
      instructions: [transfer(payer, destination, NEW_ACCOUNT_LAMPORTS)],
    }).compileToV0Message();
    const unsigned = new VersionedTransaction(message);
    expect(unsigned.signatures[0]?.every((byte) => byte === 0)).toBe(true);
    const simulated = await connection.simulateTransaction(unsigned, {
      sigVerify: false,
      replaceRecentBlockhash: true,
      accounts: { encoding: 'base64', addresses: [destination.toBase58(), payer.publicKey.toBase58()] },
    });
    expect(simulated.value.err).toBeNull();
    expect(simulated.value.logs).toContain('Program 11111111111111111111111111111111 success');
    expect(simulated.value.unitsConsumed).toBe(150);
    expect(simulated.value.accounts?.[0]?.lamports).toBe(NEW_ACCOUNT_LAMPORTS);
    const payerBefore = await connection.getBalance(payer.publicKey);
    expect(simulated.value.accounts?.[1]?.lamports).toBe(payerBefore - NEW_ACCOUNT_LAMPORTS - 5000);
    const replacement = (simulated.value as { replacementBlockhash?: { blockhash: string; lastValidBlockHeight: number } }).replacementBlockhash;
    // The latest blockhash at simulation time; a block may have been produced since, so check it
    // is a valid recent one rather than equal to whatever is latest now.
    expect(replacement?.blockhash).toBeTruthy();
    expect((await connection.isBlockhashValid(replacement?.blockhash ?? '')).value).toBe(true);
    // Nothing was committed.
    expect(await connection.getBalance(destination)).toBe(0);

    const verified = await rpc(connection.rpcEndpoint, 'simulateTransaction', [Buffer.from(unsigned.serialize()).toString('base64'), { encoding: 'base64', sigVerify: true }]);
    expect(verified.error?.code).toBe(-32003);
    const unknownBlockhash = await rpc(connection.rpcEndpoint, 'simulateTransaction', [Buffer.from(unsigned.serialize()).toString('base64'), { encoding: 'base64' }]);
    expect(unknownBlockhash.result).toMatchObject({ value: { err: 'BlockhashNotFound', logs: [], accounts: null } });
    const unsent = await rpc(connection.rpcEndpoint, 'sendTransaction', [Buffer.from(unsigned.serialize()).toString('base64'), { encoding: 'base64' }]);
    expect(unsent.error?.code).toBe(-32003);
  });

  it('simulates a signed legacy transaction the web3.js way (signers → sigVerify)', async () => {
    const result = await connection.simulateTransaction(new Transaction().add(transfer(payer, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS)), [payer], true);
    expect(result.value.err).toBeNull();
    expect(result.value.accounts).toHaveLength(2);
  });
});

describe('landing rules', () => {
  it('accepts base58 and base64 wire encodings and returns base64 from getTransaction', async () => {
    const wire = await signedTransfer(payer, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS);
    const sent = await rpc(connection.rpcEndpoint, 'sendTransaction', [bs58.encode(wire)]);
    expect(typeof sent.result).toBe('string');
    const landed = await rpc(connection.rpcEndpoint, 'getTransaction', [sent.result, { encoding: 'base64', commitment: 'confirmed' }]);
    expect((landed.result as { transaction: [string, string] }).transaction).toEqual([wire.toString('base64'), 'base64']);
    expect((landed.result as { version?: unknown }).version).toBeUndefined();
  });

  it('refuses a duplicate with AlreadyProcessed', async () => {
    const wire = await signedTransfer(payer, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS);
    const signature = await connection.sendRawTransaction(wire);
    await connection.confirmTransaction({ signature, ...(await connection.getLatestBlockhash()) });
    const again = await rpc(connection.rpcEndpoint, 'sendTransaction', [wire.toString('base64'), { encoding: 'base64' }]);
    expect(again.error).toMatchObject({ code: -32002, message: 'Transaction simulation failed: This transaction has already been processed', data: { err: 'AlreadyProcessed' } });
    // Without preflight it is dropped: still exactly one landed transaction.
    expect(await connection.sendRawTransaction(wire, { skipPreflight: true })).toBe(signature);
  });

  it('rolls back a failing transaction atomically and still charges the fee', async () => {
    const owner = await fundedKeypair(connection, 2);
    const first = Keypair.generate().publicKey;
    const second = Keypair.generate().publicKey;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: owner.publicKey, blockhash, lastValidBlockHeight }).add(
      transfer(owner, first, LAMPORTS_PER_SOL / 2),
      transfer(owner, second, 1_000 * LAMPORTS_PER_SOL),
    );
    tx.sign(owner);

    // With preflight: -32002 with the error and logs, and nothing is charged.
    const preflight = await rpc(connection.rpcEndpoint, 'sendTransaction', [tx.serialize().toString('base64'), { encoding: 'base64' }]);
    expect(preflight.error?.code).toBe(-32002);
    expect(preflight.error?.message).toBe('Transaction simulation failed: Error processing Instruction 1: custom program error: 0x1');
    expect(preflight.error?.data).toMatchObject({ err: { InstructionError: [1, { Custom: 1 }] }, logs: expect.arrayContaining([expect.stringContaining('insufficient lamports')]) });
    await expect(connection.sendRawTransaction(tx.serialize())).rejects.toBeInstanceOf(SendTransactionError);
    expect(await connection.getBalance(owner.publicKey)).toBe(2 * LAMPORTS_PER_SOL);

    // Without preflight it lands as failed: the first transfer is undone, the fee is kept.
    const signature = await connection.sendRawTransaction(tx.serialize(), { skipPreflight: true });
    const confirmation = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight });
    expect(confirmation.value.err).toEqual({ InstructionError: [1, { Custom: 1 }] });
    expect(await connection.getBalance(first)).toBe(0);
    expect(await connection.getBalance(owner.publicKey)).toBe(2 * LAMPORTS_PER_SOL - 5000);
    const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 });
    expect(landed?.meta?.fee).toBe(5000);
    expect(landed?.meta?.err).toEqual({ InstructionError: [1, { Custom: 1 }] });
    expect((landed?.meta?.preBalances[0] ?? 0) - (landed?.meta?.postBalances[0] ?? 0)).toBe(5000);
    const status = (await connection.getSignatureStatuses([signature])).value[0];
    expect(status?.err).toEqual({ InstructionError: [1, { Custom: 1 }] });
  });

  it('charges exactly what getFeeForMessage quotes, priority fee included', async () => {
    const owner = await fundedKeypair(connection, 2);
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: owner.publicKey, blockhash, lastValidBlockHeight }).add(
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 50_000 }),
      transfer(owner, Keypair.generate().publicKey, 1_000_000),
    );
    const quoted = (await connection.getFeeForMessage(tx.compileMessage())).value;
    expect(quoted).toBe(5000 + 300); // 2 builtin instructions × 3,000 CU × 0.05 lamports
    await sendAndConfirmTransaction(connection, tx, [owner]);
    expect(2 * LAMPORTS_PER_SOL - (await connection.getBalance(owner.publicKey))).toBe(1_000_000 + (quoted ?? 0));
  });
});

describe('history', () => {
  it('records a memo + token transfer with logs, balances and token balances', async () => {
    const owner = await fundedKeypair(connection, 2);
    const mint = await createMint(connection, payer, payer.publicKey, null, 6, undefined, undefined, TOKEN_PROGRAM_ID);
    const source = await createAssociatedTokenAccountIdempotent(connection, payer, mint, owner.publicKey);
    const destinationOwner = Keypair.generate().publicKey;
    const destination = await createAssociatedTokenAccountIdempotent(connection, payer, mint, destinationOwner);
    await mintTo(connection, payer, mint, source, payer, 10_000_000n);

    const memo = 'migration test ✓';
    const tx = new Transaction().add(
      new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [{ pubkey: owner.publicKey, isSigner: true, isWritable: false }], data: Buffer.from(memo, 'utf8') }),
      createTransferCheckedInstruction(source, mint, destination, owner.publicKey, 2_500_000n, 6),
    );
    const signature = await sendAndConfirmTransaction(connection, tx, [owner]);

    const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' });
    expect(landed?.version).toBe('legacy');
    expect(landed?.blockTime).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(landed?.meta?.err).toBeNull();
    expect(landed?.meta?.fee).toBe(5000);
    expect(landed?.meta?.logMessages).toEqual(expect.arrayContaining([`Program log: Memo (len ${Buffer.byteLength(memo)})`, `Program log: ${memo}`]));
    expect(landed?.meta?.computeUnitsConsumed).toBeGreaterThan(0);
    const tokenBalance = (amount: string, uiAmount: number, uiAmountString: string, tokenOwner: PublicKey) =>
      expect.objectContaining({ mint: mint.toBase58(), owner: tokenOwner.toBase58(), programId: TOKEN_PROGRAM_ID.toBase58(), uiTokenAmount: { amount, decimals: 6, uiAmount, uiAmountString } });
    // Entries follow account-key order, as on a real node.
    expect(landed?.meta?.preTokenBalances).toHaveLength(2);
    expect(landed?.meta?.preTokenBalances).toEqual(expect.arrayContaining([tokenBalance('10000000', 10, '10', owner.publicKey), tokenBalance('0', 0, '0', destinationOwner)]));
    expect(landed?.meta?.postTokenBalances).toHaveLength(2);
    expect(landed?.meta?.postTokenBalances).toEqual(expect.arrayContaining([tokenBalance('7500000', 7.5, '7.5', owner.publicKey), tokenBalance('2500000', 2.5, '2.5', destinationOwner)]));
    const keys = landed?.transaction.message.staticAccountKeys.map((key) => key.toBase58()) ?? [];
    const indexOf = (tokenOwner: PublicKey) => landed?.meta?.postTokenBalances?.find((balance) => balance.owner === tokenOwner.toBase58())?.accountIndex ?? -1;
    expect([keys[indexOf(owner.publicKey)], keys[indexOf(destinationOwner)]]).toEqual([source.toBase58(), destination.toBase58()]);

    const parsed = await connection.getParsedTransaction(signature, { maxSupportedTransactionVersion: 0 });
    const [memoInstruction, transferInstruction] = parsed?.transaction.message.instructions as ParsedInstruction[];
    expect(memoInstruction).toMatchObject({ program: 'spl-memo', parsed: memo });
    expect(transferInstruction).toMatchObject({ program: 'spl-token', parsed: { type: 'transferChecked', info: { source: source.toBase58(), tokenAmount: { amount: '2500000', uiAmountString: '2.5' } } } });
    expect(parsed?.transaction.message.accountKeys[0]).toMatchObject({ signer: true, writable: true, source: 'transaction' });

    const signatures = await connection.getSignaturesForAddress(owner.publicKey);
    expect(signatures[0]).toMatchObject({ signature, err: null, memo: `[${Buffer.byteLength(memo)}] ${memo}`, slot: landed?.slot, blockTime: landed?.blockTime });
    expect(signatures.length).toBeGreaterThanOrEqual(2); // the transfer, then the airdrop
    expect(signatures.at(-1)?.memo).toBeNull();
  });

  it('pages getSignaturesForAddress newest first with before, until and limit', async () => {
    const owner = await fundedKeypair(connection, 1);
    const sent: string[] = [];
    for (let i = 0; i < 4; i += 1) sent.push(await sendAndConfirmTransaction(connection, new Transaction().add(transfer(owner, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS + i)), [owner]));
    const all = (await connection.getSignaturesForAddress(owner.publicKey)).map((entry) => entry.signature);
    expect(all.slice(0, 4)).toEqual([...sent].reverse());
    expect(all).toHaveLength(5);
    expect((await connection.getSignaturesForAddress(owner.publicKey, { limit: 2 })).map((entry) => entry.signature)).toEqual([sent[3], sent[2]]);
    expect((await connection.getSignaturesForAddress(owner.publicKey, { before: sent[2], limit: 1 })).map((entry) => entry.signature)).toEqual([sent[1]]);
    expect((await connection.getSignaturesForAddress(owner.publicKey, { until: sent[1] })).map((entry) => entry.signature)).toEqual([sent[3], sent[2]]);
    const statuses = await connection.getSignatureStatuses(sent);
    expect(statuses.value.every((status) => status !== null && ['confirmed', 'finalized'].includes(status.confirmationStatus ?? ''))).toBe(true);
    expect((await connection.getSignatureStatuses([sent[0] ?? ''], { searchTransactionHistory: true })).value[0]?.slot).toBeGreaterThanOrEqual(0);
  });

  it('loads addresses from a lookup table in a v0 transaction', async () => {
    const destinations = [Keypair.generate().publicKey, Keypair.generate().publicKey];
    const [create, table] = AddressLookupTableProgram.createLookupTable({ authority: payer.publicKey, payer: payer.publicKey, recentSlot: await connection.getSlot() });
    const extend = AddressLookupTableProgram.extendLookupTable({ authority: payer.publicKey, payer: payer.publicKey, lookupTable: table, addresses: destinations });
    await sendAndConfirmTransaction(connection, new Transaction().add(create, extend), [payer]);
    // Addresses added in a slot are usable from the next one.
    harness.validator.produceBlock();
    const lookup = (await connection.getAddressLookupTable(table)).value;
    expect(lookup?.state.addresses.map((key) => key.toBase58())).toEqual(destinations.map((key) => key.toBase58()));
    if (lookup === null) return;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const message = new TransactionMessage({ payerKey: payer.publicKey, recentBlockhash: blockhash, instructions: destinations.map((to) => transfer(payer, to, NEW_ACCOUNT_LAMPORTS)) }).compileToV0Message([lookup]);
    const tx = new VersionedTransaction(message);
    tx.sign([payer]);
    const signature = await connection.sendTransaction(tx);
    expect((await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight })).value.err).toBeNull();
    expect(await connection.getBalance(destinations[1] ?? PublicKey.default)).toBe(NEW_ACCOUNT_LAMPORTS);
    const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 });
    expect(landed?.version).toBe(0);
    expect(landed?.meta?.loadedAddresses?.writable.map((key) => key.toBase58())).toEqual(destinations.map((key) => key.toBase58()));
    const refused = await rpc(connection.rpcEndpoint, 'getTransaction', [signature, { encoding: 'json', commitment: 'confirmed' }]);
    expect(refused.error?.code).toBe(-32015);
    expect((await connection.getSignaturesForAddress(destinations[0] ?? PublicKey.default))[0]?.signature).toBe(signature);
  });
});

describe('blockhash expiry', () => {
  // Its own validator without a running block clock: this test produces every block itself, and a
  // clock block between two of its reads would expire the blockhash one block early.
  let counted: TestValidator;
  beforeAll(async () => {
    counted = await startTestValidator({ blockTimeMs: 3_600_000 });
  });
  afterAll(async () => {
    await counted.validator.close();
  });

  it('keeps a blockhash for 150 blocks, then refuses it with BlockhashNotFound', async () => {
    const { connection, validator } = counted;
    const holder = await fundedKeypair(connection, 10);
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: holder.publicKey, blockhash, lastValidBlockHeight }).add(transfer(holder, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS));
    tx.sign(holder);
    const height = await connection.getBlockHeight();
    expect(lastValidBlockHeight).toBe((await connection.getBlockHeight()) + 150);
    for (let i = 0; i < lastValidBlockHeight - height; i += 1) validator.produceBlock();
    expect((await connection.isBlockhashValid(blockhash)).value).toBe(true);
    validator.produceBlock();
    expect((await connection.isBlockhashValid(blockhash)).value).toBe(false);
    expect((await connection.getFeeForMessage(tx.compileMessage())).value).toBeNull();

    const refused = await rpc(connection.rpcEndpoint, 'sendTransaction', [tx.serialize().toString('base64'), { encoding: 'base64' }]);
    expect(refused.error).toMatchObject({ code: -32002, message: 'Transaction simulation failed: Blockhash not found', data: { err: 'BlockhashNotFound', logs: [] } });
    // Without preflight the leader drops it: it never lands.
    const signature = await connection.sendRawTransaction(tx.serialize(), { skipPreflight: true });
    expect((await connection.getSignatureStatuses([signature])).value).toEqual([null]);
    // A fresh connection (web3.js caches blockhashes) works as before.
    const fresh = new Connection(connection.rpcEndpoint, { commitment: 'confirmed', wsEndpoint: validator.wsUrl });
    await sendAndConfirmTransaction(fresh, new Transaction().add(transfer(holder, Keypair.generate().publicKey, NEW_ACCOUNT_LAMPORTS)), [holder]);
  });
});

describe('status cache: a message lands once, whatever its signatures', () => {
  it('refuses a landed message re-signed with another valid signature (AlreadyProcessed; dropped without preflight)', async () => {
    const destination = Keypair.generate().publicKey;
    const wire = await signedTransfer(payer, destination, NEW_ACCOUNT_LAMPORTS);
    const signature = await connection.sendRawTransaction(wire);
    await connection.confirmTransaction({ signature, ...(await connection.getLatestBlockhash()) });
    const variant = resignedVariant(wire, payer);
    const variantSignature = bs58.encode(Transaction.from(variant).signature ?? new Uint8Array(64));
    expect(variantSignature).not.toBe(signature); // a different transaction signature over the same message
    const refused = await rpc(connection.rpcEndpoint, 'sendTransaction', [variant.toString('base64'), { encoding: 'base64' }]);
    expect(refused.error).toMatchObject({ code: -32002, data: { err: 'AlreadyProcessed' } });
    expect(await connection.sendRawTransaction(variant, { skipPreflight: true })).toBe(variantSignature);
    harness.validator.produceBlock();
    expect((await connection.getSignatureStatuses([variantSignature], { searchTransactionHistory: true })).value).toEqual([null]);
    expect(await connection.getBalance(destination)).toBe(NEW_ACCOUNT_LAMPORTS); // paid once
  });

  it('also refuses the variant of a message that landed and failed (the fee was charged: it was processed)', async () => {
    const owner = await fundedKeypair(connection, 1);
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: owner.publicKey, blockhash, lastValidBlockHeight }).add(transfer(owner, Keypair.generate().publicKey, 5 * LAMPORTS_PER_SOL));
    tx.sign(owner);
    const signature = await connection.sendRawTransaction(tx.serialize(), { skipPreflight: true });
    expect((await connection.getSignatureStatuses([signature])).value[0]?.err).not.toBeNull();
    const variant = resignedVariant(tx.serialize(), owner);
    const refused = await rpc(connection.rpcEndpoint, 'sendTransaction', [variant.toString('base64'), { encoding: 'base64' }]);
    expect(refused.error).toMatchObject({ data: { err: 'AlreadyProcessed' } });
  });
});

describe('commitment levels', () => {
  // Its own validator without a running block clock: the test counts the blocks.
  let counted: TestValidator;
  beforeAll(async () => {
    counted = await startTestValidator({ blockTimeMs: 3_600_000 });
    for (let i = 0; i < 40; i += 1) counted.validator.produceBlock();
  });
  afterAll(async () => {
    await counted.validator.close();
  });

  it('finalized trails confirmed by 32 blocks: block height, slot and the latest blockhash', async () => {
    const { connection } = counted;
    const confirmed = await connection.getBlockHeight('confirmed');
    expect(await connection.getBlockHeight('finalized')).toBe(confirmed - FINALITY_DEPTH);
    expect(await connection.getBlockHeight('processed')).toBe(confirmed);
    expect(await connection.getSlot('finalized')).toBe((await connection.getSlot('confirmed')) - FINALITY_DEPTH);
    const finalizedHash = await connection.getLatestBlockhash('finalized');
    const confirmedHash = await connection.getLatestBlockhash('confirmed');
    expect(finalizedHash.blockhash).not.toBe(confirmedHash.blockhash);
    expect(finalizedHash.lastValidBlockHeight).toBe(confirmedHash.lastValidBlockHeight - FINALITY_DEPTH);
    expect((await connection.isBlockhashValid(finalizedHash.blockhash)).value).toBe(true);
  });

  it('a landed transaction is confirmed at once and finalized 32 blocks later, in statuses, getTransaction and getSignaturesForAddress', async () => {
    const { connection, validator } = counted;
    const holder = await fundedKeypair(connection, 1);
    const destination = Keypair.generate().publicKey;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: holder.publicKey, blockhash, lastValidBlockHeight }).add(transfer(holder, destination, NEW_ACCOUNT_LAMPORTS));
    tx.sign(holder);
    const signature = await connection.sendRawTransaction(tx.serialize());
    const status = async () => (await connection.getSignatureStatuses([signature], { searchTransactionHistory: true })).value[0];
    expect(await status()).toMatchObject({ confirmationStatus: 'confirmed', err: null });
    expect(await connection.getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 })).not.toBeNull();
    expect(await connection.getTransaction(signature, { commitment: 'finalized', maxSupportedTransactionVersion: 0 })).toBeNull();
    expect((await connection.getSignaturesForAddress(destination, {}, 'finalized')).map((e) => e.signature)).toEqual([]);
    for (let i = 0; i < FINALITY_DEPTH - 1; i += 1) validator.produceBlock();
    expect((await status())?.confirmationStatus).toBe('confirmed');
    validator.produceBlock();
    expect(await status()).toMatchObject({ confirmationStatus: 'finalized', confirmations: null });
    expect(await connection.getTransaction(signature, { commitment: 'finalized', maxSupportedTransactionVersion: 0 })).not.toBeNull();
    expect((await connection.getSignaturesForAddress(destination, {}, 'finalized')).map((e) => e.signature)).toEqual([signature]);
  });
});
