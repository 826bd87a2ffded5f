/**
 * The client address as server.ts works it out: unit cases of the parsing and of the walk through
 * `X-Forwarded-For`, then a real Node HTTP server with the stamp in front, reached from several
 * loopback addresses (Linux routes all of 127.0.0.0/8 to `lo`).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '@/lib/config/env';
import { CLIENT_ADDRESS_HEADER, clientAddress, normalizeAddress, proxyMatcher, resolveClientAddress, stampClientAddress, trustStampedAddresses } from '@/lib/security/client-address';

describe('normalizeAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1 ', '192.0.2.1'],
    ['192.0.2.1:443', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['0:0:0:0:0:ffff:192.0.2.1', '192.0.2.1'],
    ['[2001:DB8::1]:8080', '2001:db8::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['unknown', null],
    ['', null],
    ['192.0.2.256', null],
    ['_hidden', null],
    ['1.2.3.4, 5.6.7.8', null],
  ])('%s → %s', (text, address) => {
    expect(normalizeAddress(text)).toBe(address);
  });
});

describe('resolveClientAddress', () => {
  const none = proxyMatcher([]);
  const proxies = proxyMatcher(['10.0.0.0/8', '2001:db8:ff::/48', '127.0.0.1']);

  it('with no trusted proxy (the default) is the TCP peer, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('::ffff:198.51.100.7', '203.0.113.1', none)).toBe('198.51.100.7');
    expect(resolveClientAddress('198.51.100.7', undefined, none)).toBe('198.51.100.7');
    expect(resolveClientAddress(undefined, '203.0.113.1', none)).toBe('unknown');
  });

  it('from a peer that is not a trusted proxy, ignores X-Forwarded-For', () => {
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1', proxies)).toBe('198.51.100.7');
  });

  it('behind trusted proxies, is the rightmost address that is not one of them: what the client wrote to its left is skipped', () => {
    expect(resolveClientAddress('10.0.0.5', '203.0.113.1', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('10.0.0.5', 'forged, 1.1.1.1, 203.0.113.1, 10.0.0.9', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('127.0.0.1', '[2001:db8::5]:1234, 2001:db8:ff::1', proxies)).toBe('2001:db8::5');
    // Only proxies in the list: the first one that forwarded is the client seen.
    expect(resolveClientAddress('10.0.0.5', '10.0.0.9', proxies)).toBe('10.0.0.9');
    // A malformed entry written by a proxy ends the walk at the last address trusted.
    expect(resolveClientAddress('10.0.0.5', '203.0.113.1, garbage', proxies)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.5', undefined, proxies)).toBe('10.0.0.5');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('parses addresses and CIDR blocks, and refuses anything else naming the variable', () => {
    expect(parseTrustedProxies({})).toEqual([]);
    expect(parseTrustedProxies({ TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1,FD00::/8 ' })).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    for (const bad of ['10.0.0.0/33', 'localhost', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x']) {
      expect(() => parseTrustedProxies({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks/);
    }
  });
});

describe('the stamp on a real server', () => {
  type Seen = { stamped: string; headers: IncomingHttpHeaders; raw: string[] };
  let isProxy = proxyMatcher([]);
  const server = createServer((req, res) => {
    const stamped = stampClientAddress(req, isProxy);
    res.end(JSON.stringify({ stamped, headers: req.headers, raw: req.rawHeaders } satisfies Seen));
  });
  const listening = new Promise<number>((resolve) => server.listen(0, () => resolve((server.address() as AddressInfo).port)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const from = async (localAddress: string, headers: Record<string, string | string[]>): Promise<Seen> => {
    const port = await listening;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, localAddress, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(JSON.parse(body) as Seen));
      });
      req.on('error', reject);
      req.end();
    });
  };

  it("replaces a client-sent copy of the header everywhere Next could read it, and the handlers believe only the server's", async () => {
    isProxy = proxyMatcher([]);
    const seen = await from('127.0.0.2', { 'x-forwarded-for': '203.0.113.1', [CLIENT_ADDRESS_HEADER]: ['198.51.100.1', '198.51.100.2'], 'X-Portal-Client-Address': '198.51.100.3' });
    expect(seen.stamped).toBe('127.0.0.2');
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe('127.0.0.2');
    expect(seen.raw.filter((name, i) => i % 2 === 0 && name.toLowerCase() === CLIENT_ADDRESS_HEADER)).toEqual([CLIENT_ADDRESS_HEADER]);
    expect(seen.raw.slice(-2)).toEqual([CLIENT_ADDRESS_HEADER, '127.0.0.2']);
    // A route handler reads the request as Next hands it on (a Request with the same headers).
    trustStampedAddresses();
    expect(clientAddress(new Request('http://portal.test/', { headers: { [CLIENT_ADDRESS_HEADER]: seen.stamped } }))).toBe('127.0.0.2');
  });

  it('rotating X-Forwarded-For from one peer is one client; behind a trusted proxy the proxy-reported address counts', async () => {
    isProxy = proxyMatcher([]);
    const rotated = await Promise.all(Array.from({ length: 5 }, (_, i) => from('127.0.0.3', { 'x-forwarded-for': `203.0.113.${i}` })));
    expect(new Set(rotated.map((s) => s.stamped))).toEqual(new Set(['127.0.0.3']));
    isProxy = proxyMatcher(['127.0.0.4']);
    expect((await from('127.0.0.4', { 'x-forwarded-for': 'forged, 203.0.113.9' })).stamped).toBe('203.0.113.9');
    expect((await from('127.0.0.5', { 'x-forwarded-for': '203.0.113.9' })).stamped).toBe('127.0.0.5');
  });
});
