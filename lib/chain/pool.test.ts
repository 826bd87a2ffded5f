import { describe, expect, it } from 'vitest';
import { createRpcPool, RpcUnavailableError, type RpcCallEvent } from '@/lib/chain/pool';

type Behaviour = 'ok' | 'down' | '503' | '429' | 'unhealthy' | 'refused' | 'hang';

/** A fake `fetch` over named endpoints whose behaviour a test switches; records every call. */
function fakeEndpoints(initial: Record<string, Behaviour>) {
  const behaviour = { ...initial };
  const calls: { host: string; method: string }[] = [];
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    const host = new URL(String(input)).host;
    const body = JSON.parse(String(init?.body)) as { id: number; method: string };
    calls.push({ host, method: body.method });
    switch (behaviour[host]) {
      case 'down':
        throw new TypeError('fetch failed');
      case '503':
        return new Response('busy', { status: 503 });
      case '429':
        return new Response('slow down', { status: 429, headers: { 'retry-after': '30' } });
      case 'unhealthy':
        return Response.json({ jsonrpc: '2.0', id: body.id, error: { code: -32005, message: 'Node is behind by 200 slots' } });
      case 'refused':
        return Response.json({ jsonrpc: '2.0', id: body.id, error: { code: -32002, message: 'Transaction simulation failed' } });
      case 'hang':
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      default:
        return Response.json({ jsonrpc: '2.0', id: body.id, result: { from: host } });
    }
  }) as typeof fetch;
  return { behaviour, calls, fetcher };
}

const call = (method: string) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] });
const answerOf = async (response: Response) => ((await response.json()) as { result?: { from: string }; error?: { code: number } });

function pool(endpoints: ReturnType<typeof fakeEndpoints>, clock = { t: 1_000_000 }, events: RpcCallEvent[] = []) {
  return createRpcPool({
    urls: ['https://a.test/?api-key=SECRET', 'https://b.test/', 'https://c.test/'],
    timeoutMs: 50,
    fetch: endpoints.fetcher,
    now: () => clock.t,
    onCall: (e) => events.push(e),
  });
}

describe('RPC pool (lib/chain/pool.ts)', () => {
  it('uses the primary while it answers, and names endpoints by role and host only', async () => {
    const endpoints = fakeEndpoints({ 'a.test': 'ok', 'b.test': 'ok', 'c.test': 'ok' });
    const rpc = pool(endpoints);
    expect((await answerOf(await rpc.post(call('getSlot')))).result?.from).toBe('a.test');
    expect(rpc.endpoints.map((e) => `${e.label} ${e.host}`)).toEqual(['primary a.test', 'fallback-1 b.test', 'fallback-2 c.test']);
    expect(JSON.stringify(rpc.health())).not.toContain('SECRET');
  });

  it.each(['down', '503', '429', 'unhealthy', 'hang'] as const)('fails over in order when the primary is %s', async (fault) => {
    const endpoints = fakeEndpoints({ 'a.test': fault, 'b.test': 'ok', 'c.test': 'ok' });
    const events: RpcCallEvent[] = [];
    const rpc = pool(endpoints, { t: 1_000_000 }, events);
    expect((await answerOf(await rpc.post(call('getSlot')))).result?.from).toBe('b.test');
    expect(events.map((e) => `${e.endpoint} ${e.outcome}`)).toEqual([
      `primary ${{ down: 'network', 503: 'http_5xx', 429: 'http_429', unhealthy: 'unhealthy', hang: 'timeout' }[fault]}`,
      'fallback-1 ok',
    ]);
  });

  it('returns a JSON-RPC error answer as it is (an answer, not a failure): no failover', async () => {
    const endpoints = fakeEndpoints({ 'a.test': 'refused', 'b.test': 'ok', 'c.test': 'ok' });
    const rpc = pool(endpoints);
    expect((await answerOf(await rpc.post(call('simulateTransaction')))).error?.code).toBe(-32002);
    expect(endpoints.calls.map((c) => c.host)).toEqual(['a.test']);
  });

  it('opens the circuit after 3 failures, skips the endpoint, then tries it once after the cooldown and closes on success', async () => {
    const endpoints = fakeEndpoints({ 'a.test': '503', 'b.test': 'ok', 'c.test': 'ok' });
    const clock = { t: 1_000_000 };
    const rpc = pool(endpoints, clock);
    for (let i = 0; i < 3; i += 1) await rpc.post(call('getSlot'));
    expect(rpc.health()[0]).toMatchObject({ state: 'down', consecutiveFailures: 3 });
    endpoints.calls.length = 0;
    await rpc.post(call('getSlot'));
    expect(endpoints.calls.map((c) => c.host)).toEqual(['b.test']);
    clock.t += 2_001;
    endpoints.behaviour['a.test'] = 'ok';
    endpoints.calls.length = 0;
    expect((await answerOf(await rpc.post(call('getSlot')))).result?.from).toBe('a.test');
    expect(rpc.health()[0]).toMatchObject({ state: 'up', consecutiveFailures: 0 });
  });

  it('backs off a 429 at once for its Retry-After', async () => {
    const endpoints = fakeEndpoints({ 'a.test': '429', 'b.test': 'ok', 'c.test': 'ok' });
    const clock = { t: 1_000_000 };
    const rpc = pool(endpoints, clock);
    await rpc.post(call('getSlot'));
    expect(rpc.health()[0]).toMatchObject({ state: 'down', retryAt: 1_030_000 });
    clock.t += 29_000;
    endpoints.calls.length = 0;
    await rpc.post(call('getSlot'));
    expect(endpoints.calls.map((c) => c.host)).toEqual(['b.test']);
  });

  it('every endpoint down: RpcUnavailableError naming each attempt; with every circuit open, one last-resort attempt', async () => {
    const endpoints = fakeEndpoints({ 'a.test': 'down', 'b.test': '503', 'c.test': 'hang' });
    const rpc = pool(endpoints);
    const error = await rpc.post(call('getSlot')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcUnavailableError);
    expect((error as RpcUnavailableError).attempts.map((a) => `${a.endpoint} ${a.outcome}`)).toEqual(['primary network', 'fallback-1 http_5xx', 'fallback-2 timeout']);
    for (let i = 0; i < 2; i += 1) await rpc.post(call('getSlot')).catch(() => undefined);
    expect(rpc.health().map((h) => h.state)).toEqual(['down', 'down', 'down']);
    endpoints.calls.length = 0;
    await rpc.post(call('getSlot')).catch(() => undefined);
    expect(endpoints.calls).toHaveLength(1);
  });

  it('broadcasts sendTransaction to every healthy endpoint; the first success wins over a refusal and a failure', async () => {
    const endpoints = fakeEndpoints({ 'a.test': 'refused', 'b.test': 'down', 'c.test': 'ok' });
    const rpc = pool(endpoints);
    const answer = await answerOf(await rpc.post(call('sendTransaction')));
    expect(answer.result?.from).toBe('c.test');
    expect(endpoints.calls.map((c) => c.host).sort()).toEqual(['a.test', 'b.test', 'c.test']);
  });

  it('a send refused everywhere answers the refusal; failing everywhere throws', async () => {
    const endpoints = fakeEndpoints({ 'a.test': 'down', 'b.test': 'refused', 'c.test': '503' });
    const rpc = pool(endpoints);
    expect((await answerOf(await rpc.post(call('sendTransaction')))).error?.code).toBe(-32002);
    endpoints.behaviour['b.test'] = 'down';
    await expect(rpc.post(call('sendTransaction'))).rejects.toBeInstanceOf(RpcUnavailableError);
  });

  it('pinned: every read inside goes to one endpoint and a failure there throws instead of failing over', async () => {
    const endpoints = fakeEndpoints({ 'a.test': 'ok', 'b.test': 'ok', 'c.test': 'ok' });
    const rpc = pool(endpoints);
    await rpc.pinned(async () => {
      await rpc.post(call('getBlockHeight'));
      endpoints.behaviour['a.test'] = 'down';
      await expect(rpc.post(call('getSignatureStatuses'))).rejects.toBeInstanceOf(RpcUnavailableError);
      // Nested pins share the outer one.
      await rpc.pinned(() => expect(rpc.post(call('getBlockHeight'))).rejects.toBeInstanceOf(RpcUnavailableError));
    });
    expect(endpoints.calls.map((c) => c.host)).toEqual(['a.test', 'a.test', 'a.test']);
    // Outside the pin, failover again.
    expect((await answerOf(await rpc.post(call('getSlot')))).result?.from).toBe('b.test');
  });

  it('pinned when the primary is known down: the pass uses the first healthy fallback', async () => {
    const endpoints = fakeEndpoints({ 'a.test': '503', 'b.test': 'ok', 'c.test': 'ok' });
    const rpc = pool(endpoints);
    for (let i = 0; i < 3; i += 1) await rpc.post(call('getSlot'));
    endpoints.calls.length = 0;
    await rpc.pinned(async () => {
      await rpc.post(call('getBlockHeight'));
      await rpc.post(call('getSignatureStatuses'));
    });
    expect(endpoints.calls.map((c) => c.host)).toEqual(['b.test', 'b.test']);
  });
});
