import 'server-only';
import { isIP } from 'node:net';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { isPostgresUrl } from '@/lib/db/client';
import { getDbHandle } from '@/lib/db';
import { ApiError } from '@/lib/http/errors';
import { clientAddress } from '@/lib/security/client-address';
import { countRateLimited } from '@/lib/observability/metrics';
import { errorMessage, log } from '@/lib/observability/log';

export type RateLimitedAction =
  | 'eligibility'
  | 'build'
  | 'submit'
  | 'rpc'
  | 'opsSignIn'
  | 'opsVerify'
  | 'supportTicket'
  | 'ticketLookup'
  | 'health'
  | 'depositNudge'
  | 'depositLookup';

/**
 * Requests allowed per window (`durationS`, default 60 s), before `RATE_LIMIT_SCALE`:
 * - `perClient`: every request of one client (lib/security/client-address.ts; an IPv6 client by
 *   its /64), valid or not: the client's own quota, which only the client can spend;
 * - `perSubject`: the requests of one client about one subject (wallet, migration id, ticket id)
 *   that were **accepted**. A subject's count is kept per client, so nobody can spend another's
 *   quota for a wallet, and a request that is refused or fails gives its point back.
 * See README "Rate limits".
 */
export const LIMITS: Record<RateLimitedAction, { perClient: number; perSubject?: number; durationS?: number }> = {
  eligibility: { perClient: 120, perSubject: 60 },
  build: { perClient: 60, perSubject: 20 },
  submit: { perClient: 60, perSubject: 20 },
  rpc: { perClient: 600 },
  // Sign-in nonces: room for a CLI in a script, far too few to grind (and a signature cannot be
  // ground anyway: these bound abuse of the sign-in endpoints).
  opsSignIn: { perClient: 120, perSubject: 60 },
  // Sign-in proofs: each also needs a fresh nonce, limited above.
  opsVerify: { perClient: 60 },
  // New support tickets, per 10 minutes.
  supportTicket: { perClient: 5, durationS: 600 },
  ticketLookup: { perClient: 120, perSubject: 60 },
  // /api/v1/health (and /live, /ready) from anywhere but loopback: a monitor polls every few seconds.
  health: { perClient: 120 },
  // A nudge reads the chain (two getTransaction at most); a page tracking a deposit polls the lookup every few seconds.
  depositNudge: { perClient: 60, perSubject: 30 },
  depositLookup: { perClient: 240, perSubject: 120 },
};

/** The counters' home: this process's memory, or the `rate_limits` table every instance shares. */
export type RateLimitStore = { kind: 'memory' } | { kind: 'postgres'; pool: Pool };

type Limiters = { perClient: RateLimiterAbstract; perSubject: RateLimiterAbstract | null };

/**
 * The per-client and per-subject limiters of `action` on `store`. On PostgreSQL every instance
 * counts in the same rows (`rate_limits`, created by the migrations), so a client spreading
 * requests over instances gets no more than from one. If PostgreSQL cannot answer, the count falls
 * back to this instance's memory (rate-limiter-flexible's insurance limiter): limits stay on, per
 * instance. A key already over its limit is then refused from memory without a database round trip.
 */
export function createLimiters(action: RateLimitedAction, store: RateLimitStore, scale: number): Limiters {
  const limit = LIMITS[action];
  const duration = limit.durationS ?? 60;
  const make = (kind: 'client' | 'subject', points: number): RateLimiterAbstract => {
    const keyPrefix = `${action}:${kind}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (store.kind === 'memory') return memory;
    return new RateLimiterPostgres({
      storeClient: store.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      // One instance's periodic purge of windows that ended an hour ago is enough; every limiter shares the table.
      clearExpiredByTimeout: action === 'rpc' && kind === 'client',
      keyPrefix,
      points,
      duration,
      inMemoryBlockOnConsumed: points + 1,
      insuranceLimiter: memory,
    });
  };
  return { perClient: make('client', limit.perClient * scale), perSubject: limit.perSubject ? make('subject', limit.perSubject * scale) : null };
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

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of its IPv6 address (one
 * host usually holds a whole /64 and can rotate through it), or `unknown` (lib/security/client-address.ts).
 */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const left = groups(head);
  const all = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - groups(tail).length)).fill('0'), ...groups(tail)];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

function refusal(rejection: RateLimiterRes): ApiError {
  return new ApiError('RATE_LIMITED', 'Too many requests. Wait a moment and try again.', { retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) }, rejection.msBeforeNext / 1000);
}

async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      // keyPrefix is `<action>:<client|subject>` (createLimiters).
      const [action = 'unknown', limit] = limiter.keyPrefix.split(':');
      countRateLimited(action, limit === 'subject' ? 'subject' : 'client');
      throw refusal(rejection);
    }
    throw rejection;
  }
}

/** A request already counted against its client's limit; its per-subject limit is counted by {@link ClientQuota.forSubject}. */
export type ClientQuota = {
  /** The key the client was counted under ({@link clientKey}). */
  client: string;
  /**
   * Runs `work`, the request's actual handling, under this client's limit for `subject` (when the
   * action has one): refused with 429 once the client's accepted requests about `subject` reach
   * the limit; a point is taken before `work` and given back if `work` throws, so only accepted
   * requests count.
   *
   * @throws ApiError RATE_LIMITED (429, `Retry-After` in seconds), or whatever `work` throws.
   */
  forSubject: <T>(subject: string, work: () => Promise<T>) => Promise<T>;
};

/**
 * Counts one request of client `client` against `limiters`.
 *
 * @throws ApiError RATE_LIMITED (429) with `Retry-After` in seconds (lib/http/errors.ts rounds up).
 */
export async function consumeRateLimit(limiters: Limiters, client: string): Promise<ClientQuota> {
  const key = clientKey(client);
  await consumeOrRefuse(limiters.perClient, key);
  return {
    client: key,
    forSubject: async (subject, work) => {
      const { perSubject } = limiters;
      if (!perSubject) return work();
      const subjectKey = `${key}|${subject.slice(0, 64)}`;
      await consumeOrRefuse(perSubject, subjectKey);
      try {
        return await work();
      } catch (error) {
        await perSubject.reward(subjectKey, 1).catch((why: unknown) => log('rate-limit').warn({ event: 'rate_limit.reward_failed', error: errorMessage(why) }, 'could not give back a point'));
        throw error;
      }
    },
  };
}

/**
 * Counts one request against its client's limit of `action` (shared across instances on
 * PostgreSQL, per process on PGlite); the client is the address server.ts stamped
 * (lib/security/client-address.ts).
 *
 * @returns the client's quota for the request's subject.
 * @throws ApiError RATE_LIMITED (429) with `Retry-After` in seconds.
 */
export async function enforceRateLimit(action: RateLimitedAction, request: Pick<Request, 'headers'>): Promise<ClientQuota> {
  return consumeRateLimit(await limitersFor(action), clientAddress(request));
}

/** Whether the request's client (as server.ts stamped it) is this machine: 127.0.0.0/8 or ::1. */
export function isLoopbackClient(request: Request): boolean {
  const address = clientAddress(request);
  return address === '::1' || /^127\./.test(address) || /^::ffff:127\./.test(address);
}

/**
 * The health endpoints' limit: none for loopback (a local load balancer, `npm run doctor`), the
 * `health` limit for everyone else.
 * @throws ApiError RATE_LIMITED (429).
 */
export async function enforceHealthRateLimit(request: Request): Promise<void> {
  if (isLoopbackClient(request)) return;
  await enforceRateLimit('health', request);
}
