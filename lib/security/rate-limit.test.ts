/**
 * Rate limits: per client (everything it sends) and per client and subject (what was accepted).
 * On PostgreSQL (`postgres` project) two limiters on two separate pools stand for two app
 * instances: they count in the same `rate_limits` rows. On PGlite the memory limiter counts per
 * process. Both answer 429 RATE_LIMITED with Retry-After.
 */
import type { Pool } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/lib/db/client';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { CLIENT_ADDRESS_HEADER, trustStampedAddresses } from '@/lib/security/client-address';
import { clientKey, consumeRateLimit, createLimiters, LIMITS, type RateLimitStore } from '@/lib/security/rate-limit';
import { freshTestDatabaseUrl, testDatabaseKind } from '@/test/databases';
import { refusal } from '@/test/refusal';

const handles: DbHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
});

const accepted = async () => 'ok';
const refused = async (): Promise<never> => {
  throw new ApiError('AMOUNT_EXCEEDS_REMAINING', 'no');
};
const BUILD_PER_WALLET = LIMITS.build.perSubject ?? 0;

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After in the API error shape', async () => {
    const limiters = createLimiters('build', { kind: 'memory' }, 1);
    for (let i = 0; i < BUILD_PER_WALLET; i += 1) await (await consumeRateLimit(limiters, '10.0.0.1')).forSubject('WalletA', accepted);
    const error = await refusal((await consumeRateLimit(limiters, '10.0.0.1')).forSubject('WalletA', accepted));
    expect(error.code).toBe('RATE_LIMITED');
    const response = errorResponse(error);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    // The same client about another wallet, and another client about the same wallet, are not affected.
    await (await consumeRateLimit(limiters, '10.0.0.1')).forSubject('WalletB', accepted);
    await (await consumeRateLimit(limiters, '10.0.2.1')).forSubject('WalletA', accepted);
  });

  it("a stranger's builds for a wallet, accepted or refused, never spend the holder's quota", async () => {
    const limiters = createLimiters('build', { kind: 'memory' }, 1);
    for (let i = 0; i < BUILD_PER_WALLET * 3; i += 1) {
      const quota = await consumeRateLimit(limiters, `198.51.100.${i % 3}`);
      await quota.forSubject('VictimWallet', i % 2 ? accepted : refused).catch(() => undefined);
    }
    await expect((await consumeRateLimit(limiters, '203.0.113.9')).forSubject('VictimWallet', accepted)).resolves.toBe('ok');
  });

  it('a refused or failed request gives its subject point back; an accepted one keeps it', async () => {
    const limiters = createLimiters('build', { kind: 'memory' }, 1);
    // More refusals than the per-wallet limit (within the client's own limit of 60): none counts.
    for (let i = 0; i < BUILD_PER_WALLET + 10; i += 1) {
      expect((await refusal((await consumeRateLimit(limiters, '192.0.2.1')).forSubject('W', refused))).code).toBe('AMOUNT_EXCEEDS_REMAINING');
    }
    for (let i = 0; i < BUILD_PER_WALLET; i += 1) await (await consumeRateLimit(limiters, '192.0.2.1')).forSubject('W', accepted);
    expect((await refusal((await consumeRateLimit(limiters, '192.0.2.1')).forSubject('W', accepted))).code).toBe('RATE_LIMITED');
  });

  it('per client, whatever the request: invalid ones count too', async () => {
    const limiters = createLimiters('supportTicket', { kind: 'memory' }, 1);
    for (let i = 0; i < LIMITS.supportTicket.perClient; i += 1) await consumeRateLimit(limiters, '192.0.2.7');
    const error = await refusal(consumeRateLimit(limiters, '192.0.2.7'));
    // The support window is 10 minutes.
    expect(error.retryAfterSeconds).toBeGreaterThan(500);
    await consumeRateLimit(limiters, '192.0.2.8');
  });

  it('an IPv6 client is counted by its /64: rotating through it gains nothing', async () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(clientKey('192.0.2.1')).toBe('192.0.2.1');
    expect(clientKey('unknown')).toBe('unknown');
    const limiters = createLimiters('supportTicket', { kind: 'memory' }, 1);
    for (let i = 0; i < LIMITS.supportTicket.perClient; i += 1) await consumeRateLimit(limiters, `2001:db8:7:7::${i.toString(16)}`);
    expect((await refusal(consumeRateLimit(limiters, '2001:db8:7:7:1234:5678:9abc:def0'))).code).toBe('RATE_LIMITED');
    await consumeRateLimit(limiters, '2001:db8:7:8::1');
  });

  it.runIf(testDatabaseKind() === 'postgres')('two instances on one PostgreSQL share the counts, and give points back in the same rows', async () => {
    const url = await freshTestDatabaseUrl({ migrated: true });
    const [a, b] = [await openDatabase(url, { migrate: false }), await openDatabase(url, { migrate: false })];
    handles.push(a, b);
    const store = (h: DbHandle): RateLimitStore => ({ kind: 'postgres', pool: h.pool as Pool });
    const [onA, onB] = [createLimiters('submit', store(a), 1), createLimiters('submit', store(b), 1)];
    const limit = LIMITS.submit.perSubject ?? 0;
    // A refused submit on one instance gives its point back: it does not count on the other.
    await refusal((await consumeRateLimit(onA, '198.51.100.1')).forSubject('migration-1', refused));
    // Spread over both instances, concurrently: exactly `limit` pass.
    const outcomes = await Promise.all(
      Array.from({ length: limit + 10 }, (_, i) =>
        consumeRateLimit(i % 2 === 0 ? onA : onB, '198.51.100.1')
          .then((quota) => quota.forSubject('migration-1', accepted))
          .catch((error: unknown) => (error instanceof ApiError ? error.code : Promise.reject(error))),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(limit);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(10);
    const error = await refusal((await consumeRateLimit(onB, '198.51.100.1')).forSubject('migration-1', accepted));
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    const rows = (await a.pool?.query<{ key: string; points: number }>("select key, points from rate_limits where key = 'submit:subject:198.51.100.1|migration-1'"))?.rows;
    expect(rows?.[0]?.points).toBeGreaterThan(limit);
    // The per-client count is shared too.
    const clients = (await a.pool?.query<{ points: number }>("select points from rate_limits where key = 'submit:client:198.51.100.1'"))?.rows;
    expect(clients?.[0]?.points).toBe(limit + 12);
  });

  it.runIf(testDatabaseKind() === 'pglite')('with the embedded PGlite (one process) the memory limiter counts per instance', async () => {
    const [onA, onB] = [createLimiters('submit', { kind: 'memory' }, 1), createLimiters('submit', { kind: 'memory' }, 1)];
    for (let i = 0; i < (LIMITS.submit.perSubject ?? 0); i += 1) await (await consumeRateLimit(onA, '203.0.113.1')).forSubject('migration-2', accepted);
    await expect((await consumeRateLimit(onA, '203.0.113.1')).forSubject('migration-2', accepted)).rejects.toBeInstanceOf(ApiError);
    await (await consumeRateLimit(onB, '203.0.113.1')).forSubject('migration-2', accepted);
  });
});

describe('enforceRateLimit counts the stamped client address', () => {
  it('never a client-sent X-Forwarded-For, and a forged stamp header without server.ts is no client at all', async () => {
    const { enforceRateLimit } = await import('@/lib/security/rate-limit');
    const { setTestAppEnv } = await import('@/test/app-env');
    setTestAppEnv();
    const request = (headers: Record<string, string>) => new Request('http://portal.test/api/v1/support/tickets', { method: 'POST', headers });
    // This process was not started by server.ts: every request is the one unknown client.
    expect((await enforceRateLimit('opsVerify', request({ 'x-forwarded-for': '203.0.113.1', [CLIENT_ADDRESS_HEADER]: '198.51.100.1' }))).client).toBe('unknown');
    trustStampedAddresses();
    for (let i = 0; i < LIMITS.supportTicket.perClient; i += 1) {
      expect((await enforceRateLimit('supportTicket', request({ 'x-forwarded-for': `203.0.113.${i}`, [CLIENT_ADDRESS_HEADER]: '192.0.2.50' }))).client).toBe('192.0.2.50');
    }
    expect((await refusal(enforceRateLimit('supportTicket', request({ 'x-forwarded-for': '203.0.113.200', [CLIENT_ADDRESS_HEADER]: '192.0.2.50' })))).code).toBe('RATE_LIMITED');
    expect((await enforceRateLimit('supportTicket', request({ [CLIENT_ADDRESS_HEADER]: 'not an address' }))).client).toBe('unknown');
  });
});
