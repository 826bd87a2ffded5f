/**
 * The browser RPC proxy against a stand-in provider (a local HTTP server): what it forwards, what
 * it refuses without forwarding, and how long it waits.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTestAppEnv } from '@/test/app-env';
import { refusal } from '@/test/refusal';

const received: string[] = [];
let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => undefined;
const provider = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push(body);
    answer(req, res, body);
  });
});
await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
setTestAppEnv({ SOLANA_RPC_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}`, SOLANA_RPC_TIMEOUT_MS: '300' });
const { proxyRpc, RPC_MAX_DEPTH } = await import('@/lib/security/rpc-proxy');

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

beforeAll(() => {
  received.length = 0;
});
afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

describe('proxyRpc', () => {
  it('forwards an allowlisted call as is and answers the provider JSON (ids kept)', async () => {
    answer = (_req, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: (JSON.parse(body) as { id: unknown }).id, result: 'ok' }));
    expect(await proxyRpc({ jsonrpc: '2.0', id: 'x7', method: 'getHealth' })).toEqual({ jsonrpc: '2.0', id: 'x7', result: 'ok' });
  });

  it('passes the deepest call the pages make (a batched simulateTransaction with accounts)', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    const call = { jsonrpc: '2.0', id: 1, method: 'simulateTransaction', params: ['AA==', { encoding: 'base64', accounts: { encoding: 'base64', addresses: ['x'] } }] };
    await expect(proxyRpc([call])).resolves.toEqual([]);
  });

  it(`refuses params nested deeper than ${RPC_MAX_DEPTH} with 400 BAD_REQUEST, without forwarding them`, async () => {
    received.length = 0;
    for (const params of [[nested(7_000)], [nested(RPC_MAX_DEPTH)]]) {
      const error = await refusal(proxyRpc({ jsonrpc: '2.0', id: 1, method: 'getBalance', params }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.status).toBe(400);
      expect(error.details).toEqual({ maxDepth: RPC_MAX_DEPTH });
    }
    expect(received).toEqual([]);
  });

  it('gives up on a provider that does not answer after SOLANA_RPC_TIMEOUT_MS, with RPC_UNAVAILABLE', async () => {
    answer = () => undefined; // never answers
    const started = performance.now();
    const error = await refusal(proxyRpc({ jsonrpc: '2.0', id: 1, method: 'getSlot' }));
    const waited = performance.now() - started;
    expect(error.code).toBe('RPC_UNAVAILABLE');
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(5_000); // the configured 300 ms, not a fixed 10 s of its own
  });
});
