/**
 * The fault proxy itself, in front of the project's local validator: every mode does what it
 * says, on HTTP and WebSocket, and `methods` narrows a fault to the named calls.
 */
import { Connection, Keypair, LAMPORTS_PER_SOL } from '@solana/web3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LocalValidator } from '@/scripts/localnet/validator';
import { randomPorts, startTestValidator } from '@/scripts/localnet/validator/test-support';
import { createGate, type RpcFaultProxy, startRpcFaultProxy } from '@/test/faults/rpc-fault-proxy';

/** The proxy on a random free port pair (HTTP, WebSocket = HTTP + 1), retried when taken. */
async function startProxyOnFreePort(upstream: LocalValidator): Promise<RpcFaultProxy> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await startRpcFaultProxy({ upstreamHttp: upstream.rpcUrl, upstreamWs: upstream.wsUrl, httpPort: randomPorts().rpcPort });
    } catch (error) {
      if (attempt < 10 && error instanceof Error && /already in use/.test(error.message)) continue;
      throw error;
    }
  }
}

let validator: LocalValidator;
let proxy: RpcFaultProxy;
let direct: Connection;

beforeAll(async () => {
  validator = (await startTestValidator()).validator;
  proxy = await startProxyOnFreePort(validator);
  direct = new Connection(validator.rpcUrl, 'confirmed');
});

afterAll(async () => {
  await proxy?.close();
  await validator?.close();
});

const call = (method: string, params: unknown[] = [], timeoutMs = 2_000) =>
  fetch(proxy.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });

describe('RPC fault proxy', () => {
  it('gate: holds matching calls before they reach the upstream until opened, then forwards them in order', async () => {
    const gate = createGate();
    proxy.setMode({ kind: 'gate', gate, methods: ['getSlot'] });
    const from = proxy.log.length;
    const first = call('getSlot');
    const second = call('getSlot');
    await gate.arrivals(2);
    expect((await call('getBlockHeight')).status).toBe(200); // other calls pass meanwhile
    expect(proxy.log.slice(from).filter((e) => e.methods.includes('getSlot')).map((e) => e.forwarded)).toEqual([false, false]);
    gate.open();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(proxy.log.slice(from).filter((e) => e.methods.includes('getSlot')).map((e) => [e.fault, e.forwarded])).toEqual([
      ['gate', true],
      ['gate', true],
    ]);
    expect((await call('getSlot')).status).toBe(200); // open stays open
    proxy.setMode({ kind: 'pass' });
  });

  it('pass: forwards and records the method', async () => {
    proxy.setMode({ kind: 'pass' });
    const answer = (await (await call('getSlot')).json()) as { result: number };
    expect(typeof answer.result).toBe('number');
    expect(proxy.log.at(-1)).toMatchObject({ methods: ['getSlot'], fault: 'pass', forwarded: true, upstreamStatus: 200 });
  });

  it('latency: the answer arrives at least `ms` later', async () => {
    proxy.setMode({ kind: 'latency', ms: 300 });
    const started = performance.now();
    const response = await call('getHealth');
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('status: answers 503 without forwarding', async () => {
    proxy.setMode({ kind: 'status', status: 503 });
    const response = await call('getSlot');
    expect(response.status).toBe(503);
    expect(proxy.log.at(-1)).toMatchObject({ fault: 'status', forwarded: false });
  });

  it('hang: never answers (the client times out) and forwards nothing', async () => {
    proxy.setMode({ kind: 'hang' });
    await expect(call('getSlot', [], 300)).rejects.toThrow(/aborted|timeout/i);
    expect(proxy.log.at(-1)).toMatchObject({ fault: 'hang', forwarded: false });
    proxy.release();
  });

  it('destroy: the connection is dropped before forwarding', async () => {
    proxy.setMode({ kind: 'destroy' });
    await expect(call('getSlot')).rejects.toThrow(/fetch failed/);
    expect(proxy.log.at(-1)).toMatchObject({ fault: 'destroy', forwarded: false });
  });

  it('lose-response: the call reaches the validator, the caller gets a dropped connection', async () => {
    const wallet = Keypair.generate().publicKey;
    proxy.setMode({ kind: 'lose-response', methods: ['requestAirdrop'] });
    await expect(call('requestAirdrop', [wallet.toBase58(), LAMPORTS_PER_SOL])).rejects.toThrow(/fetch failed/);
    expect(proxy.log.at(-1)).toMatchObject({ methods: ['requestAirdrop'], fault: 'lose-response', forwarded: true });
    // The airdrop happened although its answer was lost.
    const deadline = Date.now() + 5_000;
    while ((await direct.getBalance(wallet)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await direct.getBalance(wallet)).toBe(LAMPORTS_PER_SOL);
  });

  it('hold-response: forwards, emits `forwarded`, then never answers', async () => {
    proxy.setMode({ kind: 'hold-response' });
    const forwarded = new Promise((resolve) => proxy.events.once('forwarded', resolve));
    await expect(call('getBlockHeight', [], 500)).rejects.toThrow(/aborted|timeout/i);
    expect(await forwarded).toMatchObject({ methods: ['getBlockHeight'], forwarded: true });
    proxy.release();
  });

  it('methods: a fault narrowed to one method leaves the others alone (batches match on any call)', async () => {
    proxy.setMode({ kind: 'status', status: 500, methods: ['sendTransaction'] });
    expect((await call('getSlot')).status).toBe(200);
    expect((await call('sendTransaction', ['x'])).status).toBe(500);
    const batch = await fetch(proxy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'getSlot' },
        { jsonrpc: '2.0', id: 2, method: 'sendTransaction', params: ['x'] },
      ]),
    });
    expect(batch.status).toBe(500);
    proxy.setMode({ kind: 'pass' });
  });

  it('match and rule lists: a predicate picks calls by their params; the first applicable fault wins', async () => {
    proxy.setMode([
      { kind: 'status', status: 502, methods: ['getBalance'], match: (c) => Array.isArray(c.params) && c.params[0] === 'picked' },
      { kind: 'status', status: 504, methods: ['getBalance'] },
    ]);
    expect((await call('getBalance', ['picked'])).status).toBe(502);
    expect((await call('getBalance', ['other'])).status).toBe(504);
    expect((await call('getSlot')).status).toBe(200);
    proxy.setMode({ kind: 'pass' });
  });

  it('WebSocket: subscriptions pass; `destroy` terminates them; `status` refuses new ones', async () => {
    proxy.setMode({ kind: 'pass' });
    const socket = new WebSocket(proxy.wsUrl ?? '');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const notified = new Promise<unknown>((resolve) => socket.on('message', (data) => (JSON.parse(data.toString()) as { method?: string }).method === 'slotNotification' && resolve(true)));
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'slotSubscribe' }));
    expect(await notified).toBe(true);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    proxy.setMode({ kind: 'destroy' });
    await closed;
    proxy.setMode({ kind: 'status', status: 503 });
    const refused = new WebSocket(proxy.wsUrl ?? '');
    await expect(new Promise((resolve, reject) => refused.once('open', resolve).once('error', reject))).rejects.toThrow(/503/);
    proxy.setMode({ kind: 'pass' });
  });

  it('web3.js through the proxy: an RPC 503 surfaces as an error, and passes again once the fault ends', async () => {
    const viaProxy = new Connection(proxy.url, { commitment: 'confirmed', disableRetryOnRateLimit: true });
    proxy.setMode({ kind: 'status', status: 503 });
    await expect(viaProxy.getSlot()).rejects.toThrow(/503/);
    proxy.setMode({ kind: 'pass' });
    expect(await viaProxy.getSlot()).toBeGreaterThanOrEqual(0);
  });
});
