import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { refuseUnreadableRouterState, routerStateError } from '@/lib/security/rsc-request';

const tree = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const MALFORMED = ['x', '%ZZ', tree([]), tree({ children: 1 }), tree(['', {}, null, 'bogus']), tree([['p', 'v', 'x'], {}]), `${'['.repeat(50)}${']'.repeat(50)}`];
const WELL_FORMED = [tree(['', {}]), tree(['', { children: ['__PAGE__', {}] }, null, null, true]), tree([['locale', 'ko', 'd'], { children: ['migrate', {}] }, '/ko/migrate', 'refetch'])];

describe('routerStateError', () => {
  it('refuses what Next cannot parse, on RSC requests', () => {
    for (const state of MALFORMED) {
      const error = routerStateError('1', state);
      expect(error?.code, state).toBe('BAD_REQUEST');
      expect(error?.status).toBe(400);
      expect(error?.details).toEqual({ header: 'Next-Router-State-Tree' });
    }
    expect(routerStateError('1', ['a', 'b'])?.code).toBe('BAD_REQUEST');
  });

  it('passes a state Next can parse, and any request that is not an RSC request', () => {
    for (const state of WELL_FORMED) expect(routerStateError('1', state)).toBeNull();
    expect(routerStateError('1', undefined)).toBeNull();
    expect(routerStateError(undefined, 'x')).toBeNull();
    expect(routerStateError('0', 'x')).toBeNull();
    expect(routerStateError('1, 1', 'x')).toBeNull();
  });
});

describe('refuseUnreadableRouterState in front of a server', () => {
  let handed = 0;
  const server = createServer((req, res) => {
    if (refuseUnreadableRouterState(req, res)) return;
    handed += 1;
    res.end('page');
  });
  const port = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const get = async (headers: Record<string, string>) => {
    const at = await port;
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: at, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
        .on('error', reject)
        .end();
    });
  };

  it('answers 400 in the API error shape with the API security headers, and hands nothing on', async () => {
    const answer = await get({ rsc: '1', 'next-router-state-tree': 'x' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('router state'), details: { header: 'Next-Router-State-Tree' } } });
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': expect.stringContaining('no-store') });
    expect(answer.headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(handed).toBe(0);
    expect((await get({ rsc: '1', 'next-router-state-tree': WELL_FORMED[0] ?? '' })).body).toBe('page');
    expect((await get({ 'next-router-state-tree': 'x' })).body).toBe('page');
    expect(handed).toBe(2);
  });
});
