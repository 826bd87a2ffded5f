import { Keypair, LAMPORTS_PER_SOL, PublicKey, SYSVAR_CLOCK_PUBKEY, SystemProgram, Transaction, type Connection } from '@solana/web3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator } from '@/scripts/localnet/validator';
import { fundedKeypair, postRaw, randomPorts, rpc, startTestValidator, type JsonRpcResponse, type TestValidator } from '@/scripts/localnet/validator/test-support';

let harness: TestValidator;
let connection: Connection;
let url: string;

beforeAll(async () => {
  // No block clock: the block tests count slots and heights across several reads, and a clock
  // block between two of them would add one (every block here is produced by a test).
  harness = await startTestValidator({ blockTimeMs: 3_600_000 });
  connection = harness.connection;
  url = harness.validator.rpcUrl;
});

afterAll(async () => {
  await harness.validator.close();
});

describe('start-up', () => {
  it('is ready in well under 2 s', async () => {
    console.log(`[validator] start to ready: ${harness.startupMs.toFixed(0)} ms`);
    expect(harness.startupMs).toBeLessThan(5000);
    const started = performance.now();
    expect(await connection.getVersion()).toMatchObject({ 'solana-core': expect.any(String) });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('names the port when it is already in use, and leaves nothing running', async () => {
    const rpcPort = new URL(url).port;
    await expect(startLocalValidator({ rpcPort: Number(rpcPort), wsPort: randomPorts().wsPort })).rejects.toThrow(`port ${rpcPort} is already in use`);
    const wsPort = new URL(harness.validator.wsUrl).port;
    const free = randomPorts();
    await expect(startLocalValidator({ rpcPort: free.rpcPort, wsPort: Number(wsPort) })).rejects.toThrow(`port ${wsPort} is already in use`);
    // The RPC port of the failed start was released.
    const again = await startLocalValidator(free);
    await again.close();
  });
});

describe('JSON-RPC protocol', () => {
  it('answers a parse error with -32700 and id null', async () => {
    expect(await postRaw(url, '{"jsonrpc":"2.0",')).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
  });

  it('answers invalid requests with -32600', async () => {
    expect(await postRaw(url, JSON.stringify({ id: 1, method: 'getSlot' }))).toMatchObject({ error: { code: -32600, message: 'Invalid request' }, id: 1 });
    expect(await postRaw(url, '[]')).toMatchObject({ error: { code: -32600 }, id: null });
    expect(await postRaw(url, '42')).toMatchObject({ error: { code: -32600 }, id: null });
  });

  it('answers unknown methods with -32601 and bad params with -32602', async () => {
    expect((await rpc(url, 'getNothing')).error).toEqual({ code: -32601, message: 'Method not found' });
    expect((await rpc(url, 'getBalance', ['not-a-pubkey'])).error).toEqual({ code: -32602, message: 'Invalid param: Invalid' });
    expect((await rpc(url, 'getBalance', ['1111'])).error).toEqual({ code: -32602, message: 'Invalid param: WrongSize' });
    expect((await rpc(url, 'getBalance', [42])).error?.code).toBe(-32602);
    expect((await rpc(url, 'getBalance', [])).error?.code).toBe(-32602);
    expect((await rpc(url, 'getAccountInfo', [SystemProgram.programId.toBase58(), { encoding: 'base64+zstd' }])).error?.code).toBe(-32602);
    expect((await rpc(url, 'getAccountInfo', [SystemProgram.programId.toBase58(), { encoding: 'hex' }])).error?.code).toBe(-32602);
    expect((await rpc(url, 'sendTransaction', ['!!!', { encoding: 'base64' }])).error?.code).toBe(-32602);
    expect((await rpc(url, 'sendTransaction', ['AQID', { encoding: 'base64' }])).error?.message).toMatch(/^failed to deserialize/);
  });

  it('answers batches in order and skips notifications', async () => {
    const answer = (await postRaw(
      url,
      JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'getSlot' },
        { jsonrpc: '2.0', method: 'getSlot' },
        { jsonrpc: '2.0', id: 2, method: 'nope' },
        { jsonrpc: '2.0', id: 3, method: 'getHealth' },
      ]),
    )) as JsonRpcResponse[];
    expect(answer.map((response) => response.id)).toEqual(['a', 2, 3]);
    expect(answer[1]?.error?.code).toBe(-32601);
    expect(answer[2]?.result).toBe('ok');
    expect(await postRaw(url, JSON.stringify({ jsonrpc: '2.0', method: 'getSlot' }))).toBeNull();
  });

  it('serves GET /health and CORS preflight', async () => {
    const health = await fetch(`${url}/health`);
    expect(await health.text()).toBe('ok');
    const preflight = await fetch(url, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a minContextSlot from the future with -32016', async () => {
    const answer = await rpc(url, 'getBalance', [SystemProgram.programId.toBase58(), { minContextSlot: 10_000_000 }]);
    expect(answer.error).toMatchObject({ code: -32016, message: 'Minimum context slot has not been reached' });
  });
});

describe('cluster methods', () => {
  it('reports identity, genesis, epochs and versions', async () => {
    expect((await rpc(url, 'getIdentity')).result).toEqual({ identity: expect.any(String) });
    expect(typeof (await connection.getGenesisHash())).toBe('string');
    const epoch = await connection.getEpochInfo();
    expect(epoch.absoluteSlot).toBe(await connection.getSlot());
    expect(epoch.slotIndex).toBeLessThan(epoch.slotsInEpoch);
    expect(epoch.blockHeight).toBeGreaterThanOrEqual(0);
    const schedule = await connection.getEpochSchedule();
    expect(schedule.slotsPerEpoch).toBe(432_000);
    expect(await connection.getFirstAvailableBlock()).toBe(0);
    expect(await connection.getRecentPrioritizationFees()).toEqual([]);
    expect(Array.isArray(await connection.getRecentPerformanceSamples())).toBe(true);
    expect((await connection.getSupply()).value.total).toBeGreaterThan(0);
    expect(await connection.getMinimumBalanceForRentExemption(165)).toBe(2_039_280);
    expect(await connection.getMinimumBalanceForRentExemption(0)).toBe(890_880);
    expect((await rpc(url, 'getHealth')).result).toBe('ok');
  });

  it('produces blocks: slot, height, blockhash, block time and the Clock sysvar move on', async () => {
    const before = await connection.getLatestBlockhash();
    const slot = await connection.getSlot();
    harness.validator.produceBlock();
    const after = await connection.getLatestBlockhash();
    expect(after.blockhash).not.toBe(before.blockhash);
    expect(after.lastValidBlockHeight).toBe(before.lastValidBlockHeight + 1);
    expect(await connection.getSlot()).toBe(slot + 1);
    expect((await connection.isBlockhashValid(before.blockhash)).value).toBe(true);
    const blockTime = await connection.getBlockTime(slot + 1);
    expect(Math.abs((blockTime ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    expect((await rpc(url, 'getBlockTime', [10_000_000])).error?.code).toBe(-32004);
    const clock = (await connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY))?.data;
    expect(clock?.readBigUInt64LE(0)).toBe(BigInt(slot + 1));
    expect(Math.abs(Number(clock?.readBigInt64LE(32) ?? 0n) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('gives identical airdrop requests distinct signatures', async () => {
    const recipient = Keypair.generate().publicKey;
    const first = await connection.requestAirdrop(recipient, LAMPORTS_PER_SOL);
    const second = await connection.requestAirdrop(recipient, LAMPORTS_PER_SOL);
    expect(second).not.toBe(first);
    await connection.confirmTransaction({ signature: second, ...(await connection.getLatestBlockhash()) });
    expect(await connection.getBalance(recipient)).toBe(2 * LAMPORTS_PER_SOL);
    const landed = await connection.getTransaction(first, { maxSupportedTransactionVersion: 0 });
    expect(landed?.meta?.postBalances[1]).toBe(LAMPORTS_PER_SOL);
  });

  it('quotes fees for known blockhashes and null for unknown ones', async () => {
    const payer = await fundedKeypair(connection, 1);
    const { blockhash } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight: 0 }).add(
      SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1_000_000 }),
    );
    expect((await connection.getFeeForMessage(tx.compileMessage())).value).toBe(5000);
    tx.recentBlockhash = PublicKey.default.toBase58();
    expect((await connection.getFeeForMessage(tx.compileMessage())).value).toBeNull();
  });
});

describe('account methods', () => {
  it('reads accounts in every supported encoding', async () => {
    const owner = await fundedKeypair(connection, 1);
    const key = owner.publicKey.toBase58();
    const base64 = await rpc(url, 'getAccountInfo', [key, { encoding: 'base64' }]);
    expect(base64.result).toMatchObject({ context: { slot: expect.any(Number), apiVersion: expect.any(String) }, value: { data: ['', 'base64'], lamports: LAMPORTS_PER_SOL, space: 0 } });
    expect((await rpc(url, 'getAccountInfo', [key, { encoding: 'base58' }])).result).toMatchObject({ value: { data: ['', 'base58'] } });
    // Agave's default encoding is legacy "binary": a bare base58 string.
    expect((await rpc(url, 'getAccountInfo', [key])).result).toMatchObject({ value: { data: '' } });
    // jsonParsed falls back to base64 for programs it cannot parse.
    expect((await rpc(url, 'getAccountInfo', [key, { encoding: 'jsonParsed' }])).result).toMatchObject({ value: { data: ['', 'base64'] } });
    const sliced = await rpc(url, 'getAccountInfo', [SYSVAR_CLOCK_PUBKEY.toBase58(), { encoding: 'base64', dataSlice: { offset: 0, length: 8 } }]);
    expect(Buffer.from(((sliced.result as { value: { data: [string] } }).value.data[0] ?? ''), 'base64')).toHaveLength(8);
    const many = await connection.getMultipleAccountsInfo([owner.publicKey, Keypair.generate().publicKey]);
    expect(many.map((account) => account?.lamports ?? null)).toEqual([LAMPORTS_PER_SOL, null]);
    expect((await connection.getAccountInfo(Keypair.generate().publicKey))).toBeNull();
    expect(await connection.getBalance(Keypair.generate().publicKey)).toBe(0);
  });
});
