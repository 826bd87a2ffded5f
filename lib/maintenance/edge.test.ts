import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { maintenanceFlagUrl } from '@/lib/config/edge';
import { apiErrorResponse } from '@/lib/http/api-error-response';
import { createFlagReader, isUnanswered, maintenanceError, maintenancePagePath, parseFlagAnswer, routedPathname, UNREADABLE, walletFlowKind } from '@/lib/maintenance/edge';

const OFF = { on: false, source: null, reason: null, reasonKo: null, since: null };
const ON = { on: true, source: 'ops', reason: 'RPC degraded', reasonKo: null, since: '2026-11-23T10:00:00.000Z' };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('walletFlowKind', () => {
  it.each([
    ['/migrate', 'GET', 'page'],
    ['/migrate/', 'GET', 'page'],
    ['/ko/migrate', 'GET', 'page'],
    ['/en/migrate', 'GET', 'page'],
    ['/en-US/migrate', 'GET', 'page'],
    ['/api/v1/migrations', 'POST', 'api'],
    ['/api/v1/migrations/0e0f3d0a-1111-4111-8111-111111111111/submit', 'POST', 'api'],
    ['/api/v1/migrations/0e0f3d0a-1111-4111-8111-111111111111', 'GET', null],
    ['/api/v1/migrations/0e0f3d0a-1111-4111-8111-111111111111', 'DELETE', 'api'],
    ['/api/v1/migrations', 'GET', 'api'],
    ['/', 'GET', null],
    ['/status', 'GET', null],
    ['/support', 'GET', null],
    ['/receipt/0e0f3d0a-1111-4111-8111-111111111111', 'GET', null],
    ['/migrated', 'GET', null],
    ['/ko/faq', 'GET', null],
    ['/api/v1/eligibility/x', 'GET', null],
    ['/api/v1/status', 'GET', null],
  ])('%s %s → %s', (path, method, kind) => {
    expect(walletFlowKind(path, method)).toBe(kind);
  });

  // Spellings Next (through next-intl's rewrite) serves as the wallet-flow page: the gate matches the path as routed.
  it.each(['/%6Digrate', '/mi%67rate', '/migrate%20', '/migrate%09', '/ko/%6Digrate', '/%6B%6F/migrate', '/mi%0Agrate', '/migrate%00', '/migrate%1F%20', '/%6D%69%67%72%61%74%65', '/ko//migrate', '/ko/mi%09grate/x'])(
    'the encoded spelling %s is the wallet-flow page',
    (path) => {
      expect(walletFlowKind(path, 'GET')).toBe('page');
    },
  );

  it.each([
    ['/api/v1/%6Digrations', 'POST', 'api'],
    ['/api/v1/migrations/x/%73ubmit', 'POST', 'api'],
    ['/api/v1/migrations/0e0f3d0a-1111-4111-8111-111111111111%20', 'GET', null],
    ['/%73tatus', 'GET', null],
    ['/migrat%65d', 'GET', null],
    ['/migrate%ZZ', 'GET', null],
  ])('%s %s → %s', (path, method, kind) => {
    expect(walletFlowKind(path, method)).toBe(kind);
  });

  it('also matches the path the locale middleware rewrote the request to', () => {
    expect(walletFlowKind('/whatever', 'GET', '/ko/migrate')).toBe('page');
    expect(walletFlowKind('/whatever', 'GET', '/ko/status')).toBeNull();
  });

  it('routedPathname decodes and normalises as next-intl rebuilds the URL, and gives up where Next answers 400', () => {
    expect(routedPathname('/%6Digrate%20')).toBe('/migrate');
    expect(routedPathname('/mi%0D%0Agrate')).toBe('/migrate');
    expect(routedPathname('/a%5Cb')).toBe('/a%5Cb');
    expect(routedPathname('/ko///migrate')).toBe('/ko/migrate');
    expect(routedPathname('/x/%2e%2e/migrate')).toBe('/migrate');
    expect(routedPathname('/%E0%A4%A')).toBeNull();
  });

  it('renders the maintenance page that exists for every locale', () => {
    expect(maintenancePagePath('/migrate')).toBe('/en/maintenance');
    expect(maintenancePagePath('/ko/migrate')).toBe('/ko/maintenance');
    expect(maintenancePagePath('/fr/migrate')).toBe('/en/maintenance');
  });
});

describe('parseFlagAnswer', () => {
  it('accepts the two well-formed shapes', () => {
    expect(parseFlagAnswer(OFF)).toEqual(OFF);
    expect(parseFlagAnswer(ON)).toEqual(ON);
    expect(parseFlagAnswer({ ...ON, reasonKo: 'RPC 점검 중' })).toEqual({ ...ON, reasonKo: 'RPC 점검 중' });
    // An older answer without `reasonKo` reads as "no Korean text".
    const { reasonKo: _, ...older } = ON;
    expect(parseFlagAnswer(older)).toEqual(ON);
  });
  it.each([
    ['null', null],
    ['a string', 'off'],
    ['on as a string', { ...OFF, on: 'false' }],
    ['an unknown source', { ...ON, source: 'someone' }],
    ['on without a source', { ...OFF, on: true }],
    ['off with a source', { ...ON, on: false }],
    ['a bad date', { ...ON, since: 'yesterday' }],
    ['a huge reason', { ...ON, reason: 'x'.repeat(3_000) }],
    ['a huge Korean reason', { ...ON, reasonKo: '가'.repeat(3_000) }],
    ['a Korean reason that is not text', { ...ON, reasonKo: 7 }],
  ])('refuses %s (the caller then fails closed)', (_name, body) => {
    expect(parseFlagAnswer(body)).toBeNull();
  });
});

describe('createFlagReader', () => {
  it('reads the flag and reuses it within the TTL (one fetch for many requests)', async () => {
    let t = 0;
    let calls = 0;
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, ttlMs: 250, now: () => t, fetchImpl: async () => (calls++, json(ON)) });
    const answers = await Promise.all([reader.read(), reader.read(), reader.read()]);
    expect(answers).toEqual([ON, ON, ON]);
    t = 200;
    await reader.read();
    expect(calls).toBe(1);
    t = 251;
    await reader.read();
    expect(calls).toBe(2);
  });

  it('sees a flip once the TTL has passed', async () => {
    let t = 0;
    let body: unknown = OFF;
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, ttlMs: 250, now: () => t, fetchImpl: async () => json(body) });
    expect((await reader.read()).on).toBe(false);
    body = ON;
    t = 251;
    expect((await reader.read()).on).toBe(true);
  });

  it.each([
    ['a 500', async () => json({ error: 'x' }, 500)],
    ['a 404', async () => new Response('not found', { status: 404 })],
    ['bad JSON', async () => new Response('{oops', { status: 200 })],
    ['a malformed answer', async () => json({ on: 'no' })],
    ['a network error', async () => Promise.reject(new TypeError('fetch failed'))],
  ])('fails closed on %s', async (_name, fetchImpl) => {
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, fetchImpl: fetchImpl as typeof fetch });
    const state = await reader.read();
    expect(state).toEqual(UNREADABLE);
    expect(isUnanswered(state)).toBe(false);
  });

  it('fails closed when the flag route does not answer in time', async () => {
    const server = createServer(() => undefined).listen(0, '127.0.0.1'); // accepts, never answers
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const reader = createFlagReader({ url: `http://127.0.0.1:${port}/api/internal/maintenance`, deployOn: false, timeoutMs: 300, coldTimeoutMs: 300 });
    const state = await reader.read();
    expect(state).toEqual(UNREADABLE);
    // Only missed its deadline: the API defers to its handlers (which read the flag themselves).
    expect(isUnanswered(state)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    server.closeAllConnections();
    server.close();
  });

  it('fails closed when the configured flag URL is a dead port (real fetch)', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve)); // the port is now closed
    const url = maintenanceFlagUrl({ MAINTENANCE_FLAG_URL: `http://127.0.0.1:${port}/api/internal/maintenance` });
    expect(await createFlagReader({ url, deployOn: false }).read()).toEqual(UNREADABLE);
  });

  it('answers "on, deploy" without a fetch when MIGRATION_KILL_SWITCH=on', async () => {
    let calls = 0;
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: true, fetchImpl: async () => (calls++, json(OFF)) });
    expect(await reader.read()).toMatchObject({ on: true, source: 'deploy' });
    expect(calls).toBe(0);
  });
});

describe('maintenanceFlagUrl', () => {
  it('defaults to this server on loopback, never to the request host', () => {
    expect(maintenanceFlagUrl({})).toBe('http://127.0.0.1:3000/api/internal/maintenance');
    expect(maintenanceFlagUrl({ PORT: '4100' })).toBe('http://127.0.0.1:4100/api/internal/maintenance');
    expect(maintenanceFlagUrl({ PORT: 'evil.example' })).toBe('http://127.0.0.1:3000/api/internal/maintenance');
    expect(maintenanceFlagUrl({ MAINTENANCE_FLAG_URL: 'http://10.0.0.5:3000/api/internal/maintenance' })).toBe('http://10.0.0.5:3000/api/internal/maintenance');
  });
});

describe('maintenanceError', () => {
  it('is the standard MAINTENANCE error answer, 503 with Retry-After, from the edge as from the handlers', async () => {
    for (const checkedBy of ['edge', 'server'] as const) {
      const response = apiErrorResponse(maintenanceError(ON as never, checkedBy));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('300');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({
        error: { code: 'MAINTENANCE', message: expect.stringContaining('paused'), details: { source: 'ops', reason: 'RPC degraded', reasonKo: null, since: ON.since, checkedBy, status: '/status' } },
      });
    }
  });

  it('says when the flag could not be read', () => {
    expect(maintenanceError(UNREADABLE).message).toContain('cannot confirm it is safe');
  });
});

describe('createFlagReader retries', () => {
  it('retries once after a network error (a closed kept-alive connection), then reads the flag', async () => {
    let calls = 0;
    const reader = createFlagReader({
      url: 'http://flag.test',
      deployOn: false,
      fetchImpl: async () => {
        calls += 1;
        if (calls === 1) throw new TypeError('fetch failed: other side closed');
        return json(ON);
      },
    });
    expect(await reader.read()).toEqual(ON);
    expect(calls).toBe(2);
  });

  it('fails closed after two network errors and says why', async () => {
    const reasons: string[] = [];
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, fetchImpl: async () => Promise.reject(new TypeError('ECONNREFUSED')), onUnreadable: (why) => reasons.push(why) });
    expect(await reader.read()).toEqual(UNREADABLE);
    expect(reasons).toEqual(['network error: ECONNREFUSED']);
  });

  it('does not retry an error status or a bad answer', async () => {
    let calls = 0;
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, fetchImpl: async () => (calls++, json({}, 503)) });
    expect(await reader.read()).toEqual(UNREADABLE);
    expect(calls).toBe(1);
  });
});

describe('createFlagReader deadlines', () => {
  const slow = (ms: number, body: unknown) => (async (_url: string, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => resolve(json(body)), ms);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    })) as unknown as typeof fetch;

  it('gives the first read the cold deadline, later reads the short one', async () => {
    let t = 0;
    let delay = 500;
    const reasons: string[] = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => slow(delay, ON)(url, init)) as unknown as typeof fetch;
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, timeoutMs: 300, coldTimeoutMs: 2_000, staleIfTimeoutMs: 0, now: () => t, fetchImpl, onUnreadable: (why) => reasons.push(why) });
    expect(await reader.read()).toEqual(ON); // 500 ms: fine while cold
    t = 1_000;
    expect(await reader.read()).toEqual(UNREADABLE); // 500 ms once warm: too slow, fail closed
    expect(reasons).toEqual(['no answer within 300 ms']);
    t = 2_000;
    delay = 10;
    expect(await reader.read()).toEqual(ON);
  });

  it('a timed-out read reuses an answer at most 3 s old, then fails closed; a bad answer never reuses', async () => {
    let t = 0;
    let delay = 10;
    let body: unknown = OFF;
    const reasons: string[] = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => slow(delay, body)(url, init)) as unknown as typeof fetch;
    const reader = createFlagReader({ url: 'http://flag.test', deployOn: false, timeoutMs: 100, coldTimeoutMs: 100, ttlMs: 250, now: () => t, fetchImpl, onUnreadable: (why) => reasons.push(why) });
    expect(await reader.read()).toEqual(OFF);
    delay = 500; // overloaded: every read now misses its deadline
    t = 1_000;
    expect(await reader.read()).toEqual(OFF);
    t = 3_000;
    expect(await reader.read()).toEqual(OFF);
    t = 3_300; // past the TTL of the last read, and the good answer is now 3.3 s old
    expect(await reader.read()).toEqual(UNREADABLE);
    expect(reasons).toEqual(['no answer within 100 ms']);
    delay = 10;
    t = 4_000;
    expect(await reader.read()).toEqual(OFF);
    body = { on: 'garbage' };
    t = 4_500;
    expect(await reader.read()).toEqual(UNREADABLE);
  });
});
