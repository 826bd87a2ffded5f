import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createApiClient, fetchDrainerLabels, fetchSupportTicket, fetchTransactionBySignature, NetworkError, requestJson, UnexpectedAnswerError } from '@/lib/api/client';
import { sendOpsAction } from '@/lib/api/ops-client';
import { z } from 'zod';

type Call = { url: string; init: RequestInit };
/** Answers every fetch with `status` and `body` (JSON unless a string), recording the calls. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('requestJson', () => {
  it('parses a 2xx answer with the schema, and sends JSON same-origin without caching', async () => {
    const calls = answer(200, { n: 1 });
    await expect(requestJson('/api/v1/x', z.object({ n: z.number() }), { method: 'POST', body: { a: 1 } })).resolves.toEqual({ n: 1 });
    expect(calls[0]?.init).toMatchObject({ method: 'POST', cache: 'no-store', credentials: 'same-origin', body: '{"a":1}' });
    expect(calls[0]?.init.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('an error answer becomes ApiRequestError with its code, details and Retry-After', async () => {
    answer(429, { error: { code: 'RATE_LIMITED', message: 'slow down', details: { scope: 'ip' } } }, { 'retry-after': '12' });
    await expect(requestJson('/api/v1/x', z.unknown())).rejects.toMatchObject({ name: 'ApiRequestError', code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 12, details: { scope: 'ip' } });
  });

  it('an answer of another shape, or no JSON, is never used as data', async () => {
    answer(200, { n: 'one' });
    await expect(requestJson('/api/v1/x', z.object({ n: z.number() }))).rejects.toBeInstanceOf(UnexpectedAnswerError);
    answer(502, '<html>bad gateway</html>');
    await expect(requestJson('/api/v1/x', z.unknown())).rejects.toMatchObject({ name: 'UnexpectedAnswerError', status: 502 });
    answer(500, { oops: true });
    await expect(requestJson('/api/v1/x', z.unknown())).rejects.toBeInstanceOf(UnexpectedAnswerError);
  });

  it('no answer is a NetworkError; another origin is refused before anything is sent', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(requestJson('/api/v1/x', z.unknown())).rejects.toBeInstanceOf(NetworkError);
    await expect(requestJson('https://evil.example/api', z.unknown())).rejects.toThrow(/same-origin/);
    await expect(requestJson('//evil.example/api', z.unknown())).rejects.toThrow(/same-origin/);
  });
});

describe('the named calls', () => {
  it('the drainer list is read strictly', async () => {
    answer(200, { drainers: [{ address: 'A', label: 'x' }] });
    expect((await fetchDrainerLabels()).get('A')).toBe('x');
    answer(200, { drainers: [{ address: 1 }] });
    await expect(fetchDrainerLabels()).rejects.toBeInstanceOf(UnexpectedAnswerError);
  });

  it('a ticket’s secret goes in a header, never in the URL, and no cookie rides along', async () => {
    const calls = answer(404, { error: { code: 'NOT_FOUND', message: 'No ticket matches this link.', details: {} } });
    await expect(fetchSupportTicket('3f2c1b9e-8a47-4d61-9b0e-5c7d2a1f6e48', 'k'.repeat(32))).rejects.toBeInstanceOf(ApiRequestError);
    expect(calls[0]?.url).toBe('/api/v1/support/tickets/3f2c1b9e-8a47-4d61-9b0e-5c7d2a1f6e48');
    expect(calls[0]?.init).toMatchObject({ credentials: 'omit', headers: expect.objectContaining({ 'x-ticket-secret': 'k'.repeat(32) }) });
  });

  it('getTransaction through the proxy: the bytes, null when absent, an error for a JSON-RPC error', async () => {
    answer(200, { jsonrpc: '2.0', id: 1, result: { slot: 7, transaction: [btoa('\u0001\u0002'), 'base64'], meta: { err: null } } });
    expect(await fetchTransactionBySignature('sig')).toEqual({ bytes: Uint8Array.from([1, 2]), slot: 7, failed: false });
    answer(200, { jsonrpc: '2.0', id: 1, result: null });
    expect(await fetchTransactionBySignature('sig')).toBeNull();
    answer(200, { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'bad' } });
    await expect(fetchTransactionBySignature('sig')).rejects.toBeInstanceOf(UnexpectedAnswerError);
  });

  it('an ops action goes only to the ops API', async () => {
    answer(200, {});
    await expect(sendOpsAction('POST', '/api/v1/support/tickets', {})).rejects.toThrow(/not an ops API path/);
    await expect(sendOpsAction('DELETE', '/api/v1/ops/drainers/X')).resolves.toEqual({});
  });
});

describe('a client with a base URL (the command line)', () => {
  it('sends to that origin with its fetch and headers, refuses redirects, and names the URL in its errors', async () => {
    const calls: Call[] = [];
    const client = createApiClient({
      baseUrl: 'https://migrate.example.org/some/page',
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response('<html>proxy</html>', { status: 502 });
      },
      headers: { 'user-agent': 'elizaos-migrate' },
      redirect: 'error',
    });
    expect(client.origin).toBe('https://migrate.example.org');
    await expect(client.fetchMigration('3f2c1b9e-8a47-4d61-9b0e-5c7d2a1f6e48')).rejects.toMatchObject({
      name: 'UnexpectedAnswerError',
      status: 502,
      url: 'https://migrate.example.org/api/v1/migrations/3f2c1b9e-8a47-4d61-9b0e-5c7d2a1f6e48',
      message: 'https://migrate.example.org/api/v1/migrations/3f2c1b9e-8a47-4d61-9b0e-5c7d2a1f6e48 answered HTTP 502 without JSON',
    });
    expect(calls[0]?.init).toMatchObject({ method: 'GET', redirect: 'error', headers: expect.objectContaining({ 'user-agent': 'elizaos-migrate', accept: 'application/json' }) });
    await expect(client.requestJson('//evil.example/x', z.unknown())).rejects.toThrow(/same-origin/);
  });

  it('no answer: a NetworkError with the reason Node puts in `cause`; an answer over the size bound is unexpected', async () => {
    const unreachable = createApiClient({
      baseUrl: 'http://localhost:1',
      fetch: async () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') })),
    });
    await expect(unreachable.fetchEligibility('w')).rejects.toMatchObject({ name: 'NetworkError', url: 'http://localhost:1/api/v1/eligibility/w', message: 'http://localhost:1/api/v1/eligibility/w could not be reached (connect ECONNREFUSED 127.0.0.1:1)' });
    const large = createApiClient({ baseUrl: 'http://localhost:1', fetch: async () => new Response(JSON.stringify({ pad: 'x'.repeat(100) })), maxAnswerChars: 50 });
    await expect(large.fetchSignedManifest('/m.json')).rejects.toBeInstanceOf(UnexpectedAnswerError);
  });
});
