import 'server-only';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { isPostgresUrl } from '@/lib/db/client';
import { getDbHandle } from '@/lib/db';
import { ApiError } from '@/lib/http/errors';

export type RateLimitedAction = 'eligibility' | 'build' | 'submit' | 'rpc' | 'opsSignIn' | 'opsVerify' | 'supportTicket' | 'ticketLookup';

/**
 * Requests allowed per window (`durationS`, default 60 s), per client IP and per subject (wallet,
 * migration id, ticket id), before `RATE_LIMIT_SCALE`.
 */
export const LIMITS: Record<RateLimitedAction, { perIp: number; perSubject: number; durationS?: number }> = {
  eligibility: { perIp: 120, perSubject: 60 },
  build: { perIp: 60, perSubject: 20 },
  submit: { perIp: 60, perSubject: 20 },
  rpc: { perIp: 600, perSubject: 600 },
  // Sign-in nonces, per IP and per wallet: room for a CLI in a script, far too few to grind (and a
  // signature cannot be ground anyway: these bound abuse of the sign-in endpoints).
  opsSignIn: { perIp: 120, perSubject: 60 },
  // Sign-in proofs, per IP (the subject is the IP too): each also needs a fresh nonce, limited above.
  opsVerify: { perIp: 60, perSubject: 60 },
  // New support tickets: per IP per 10 minutes; the subject is the wallet named (or "none").
  supportTicket: { perIp: 10, perSubject: 5, durationS: 600 },
  ticketLookup: { perIp: 120, perSubject: 60 },
};

/** The counters' home: this process's memory, or the `rate_limits` table every instance shares. */
export type RateLimitStore = { kind: 'memory' } | { kind: 'postgres'; pool: Pool };

type Limiters = { perIp: RateLimiterAbstract; perSubject: RateLimiterAbstract };

/**
 * The per-IP and per-subject limiters of `action` on `store`. On PostgreSQL every instance counts in
 * the same rows (`rate_limits`, created by the migrations), so a client spreading requests over
 * instances gets no more than from one. If PostgreSQL cannot answer, the count falls back to this
 * instance's memory (rate-limiter-flexible's insurance limiter): limits stay on, per instance.
 * A key already over its limit is then refused from memory without a database round trip.
 */
export function createLimiters(action: RateLimitedAction, store: RateLimitStore, scale: number): Limiters {
  const limit = LIMITS[action];
  const duration = limit.durationS ?? 60;
  const make = (kind: 'ip' | 'subject', points: number): RateLimiterAbstract => {
    const keyPrefix = `${action}:${kind}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (store.kind === 'memory') return memory;
    return new RateLimiterPostgres({
      storeClient: store.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      // One instance's periodic purge of windows that ended an hour ago is enough; every limiter shares the table.
      clearExpiredByTimeout: action === 'rpc' && kind === 'ip',
      keyPrefix,
      points,
      duration,
      inMemoryBlockOnConsumed: points + 1,
      insuranceLimiter: memory,
    });
  };
  return { perIp: make('ip', limit.perIp * scale), perSubject: make('subject', limit.perSubject * scale) };
}

const KEY = Symbol.for('elizaos-migration.rate-limiters');
type Holder = { [KEY]?: Map<RateLimitedAction, Promise<Limiters>> };

/** PostgreSQL when `DATABASE_URL` is one (shared by the instances), memory with the embedded PGlite (one process). */
function limitersFor(action: RateLimitedAction): Promise<Limiters> {
  const holder = globalThis as Holder;
  const cache = (holder[KEY] ??= new Map());
  let limiters = cache.get(action);
  if (!limiters) {
    const config = getConfig();
    limiters = (async () => {
      const store: RateLimitStore = isPostgresUrl(config.databaseUrl) ? { kind: 'postgres', pool: requirePool((await getDbHandle()).pool) } : { kind: 'memory' };
      return createLimiters(action, store, config.rateLimitScale);
    })();
    limiters.catch(() => cache.delete(action));
    cache.set(action, limiters);
  }
  return limiters;
}

function requirePool(pool: Pool | undefined): Pool {
  if (!pool) throw new Error('a PostgreSQL DATABASE_URL opened without a pool');
  return pool;
}

/** The client address as the reverse proxy in front of the app reports it. */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'unknown';
}

/**
 * Counts one request of `ip` about `subject` against `limiters`.
 *
 * @throws ApiError RATE_LIMITED (429) with `Retry-After` in seconds (lib/http/errors.ts rounds up).
 */
export async function consumeRateLimit(limiters: Limiters, ip: string, subject: string): Promise<void> {
  try {
    await limiters.perIp.consume(ip.slice(0, 64));
    await limiters.perSubject.consume(subject.slice(0, 64));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new ApiError('RATE_LIMITED', 'Too many requests. Wait a moment and try again.', { retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) }, rejection.msBeforeNext / 1000);
    }
    throw rejection;
  }
}

/**
 * Counts one request against the per-IP and per-subject limits of `action` (shared across
 * instances on PostgreSQL, per process on PGlite).
 *
 * @throws ApiError RATE_LIMITED (429) with `Retry-After` in seconds.
 */
export async function enforceRateLimit(action: RateLimitedAction, request: Request, subject: string): Promise<void> {
  await consumeRateLimit(await limitersFor(action), clientIp(request), subject);
}
