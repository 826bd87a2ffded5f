/**
 * Rate limits as several instances see them. On PostgreSQL (`postgres` project) two limiters on
 * two separate pools stand for two app instances: they count in the same `rate_limits` rows. On
 * PGlite the memory limiter counts per process. Both answer 429 RATE_LIMITED with Retry-After.
 */
import type { Pool } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/lib/db/client';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { consumeRateLimit, createLimiters, LIMITS, type RateLimitStore } from '@/lib/security/rate-limit';
import { freshTestDatabaseUrl, testDatabaseKind } from '@/test/databases';

const handles: DbHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
});

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After in the API error shape', async () => {
    const limiters = createLimiters('build', { kind: 'memory' }, 1);
    for (let i = 0; i < LIMITS.build.perSubject; i += 1) await consumeRateLimit(limiters, `10.0.0.${i}`, 'WalletA');
    const error = await refusal(consumeRateLimit(limiters, '10.0.1.1', 'WalletA'));
    expect(error.code).toBe('RATE_LIMITED');
    const response = errorResponse(error);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    // Another wallet from another IP is not affected.
    await consumeRateLimit(limiters, '10.0.2.1', 'WalletB');
  });

  it('per IP, whatever the subject', async () => {
    const limiters = createLimiters('supportTicket', { kind: 'memory' }, 1);
    for (let i = 0; i < LIMITS.supportTicket.perIp; i += 1) await consumeRateLimit(limiters, '192.0.2.7', `subject-${i}`);
    const error = await refusal(consumeRateLimit(limiters, '192.0.2.7', 'another'));
    // The support window is 10 minutes.
    expect(error.retryAfterSeconds).toBeGreaterThan(500);
  });

  it.runIf(testDatabaseKind() === 'postgres')('two instances on one PostgreSQL share the counts', async () => {
    const url = await freshTestDatabaseUrl({ migrated: true });
    const [a, b] = [await openDatabase(url, { migrate: false }), await openDatabase(url, { migrate: false })];
    handles.push(a, b);
    const store = (h: DbHandle): RateLimitStore => ({ kind: 'postgres', pool: h.pool as Pool });
    const [onA, onB] = [createLimiters('submit', store(a), 1), createLimiters('submit', store(b), 1)];
    const limit = LIMITS.submit.perSubject;
    // Spread over both instances, concurrently: exactly `limit` pass.
    const outcomes = await Promise.all(
      Array.from({ length: limit + 10 }, (_, i) =>
        consumeRateLimit(i % 2 === 0 ? onA : onB, `198.51.100.${i}`, 'migration-1').then(
          () => 'ok',
          (error: unknown) => (error instanceof ApiError ? error.code : Promise.reject(error)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(limit);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(10);
    const error = await refusal(consumeRateLimit(onB, '198.51.100.250', 'migration-1'));
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    const rows = (await a.pool?.query<{ key: string; points: number }>("select key, points from rate_limits where key = 'submit:subject:migration-1'"))?.rows;
    expect(rows?.[0]?.points).toBeGreaterThan(limit);
  });

  it.runIf(testDatabaseKind() === 'pglite')('with the embedded PGlite (one process) the memory limiter counts per instance', async () => {
    const [onA, onB] = [createLimiters('submit', { kind: 'memory' }, 1), createLimiters('submit', { kind: 'memory' }, 1)];
    for (let i = 0; i < LIMITS.submit.perSubject; i += 1) await consumeRateLimit(onA, `203.0.113.${i}`, 'migration-2');
    await expect(consumeRateLimit(onA, '203.0.113.200', 'migration-2')).rejects.toBeInstanceOf(ApiError);
    await consumeRateLimit(onB, '203.0.113.201', 'migration-2');
  });
});
