import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';

/** Requests allowed per minute, per client IP and per subject (wallet or migration id). */
const LIMITS = {
  eligibility: { perIp: 120, perSubject: 60 },
  build: { perIp: 60, perSubject: 20 },
  submit: { perIp: 60, perSubject: 20 },
  rpc: { perIp: 600, perSubject: 600 },
} as const;
export type RateLimitedAction = keyof typeof LIMITS;

type Limiters = { perIp: RateLimiterMemory; perSubject: RateLimiterMemory };
const limiters = new Map<RateLimitedAction, Limiters>();

function limitersFor(action: RateLimitedAction): Limiters {
  let l = limiters.get(action);
  if (!l) {
    const scale = getConfig().rateLimitScale;
    l = {
      perIp: new RateLimiterMemory({ keyPrefix: `${action}:ip`, points: LIMITS[action].perIp * scale, duration: 60 }),
      perSubject: new RateLimiterMemory({ keyPrefix: `${action}:subject`, points: LIMITS[action].perSubject * scale, duration: 60 }),
    };
    limiters.set(action, l);
  }
  return l;
}

/** The client address as the reverse proxy in front of the app reports it. */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'unknown';
}

/**
 * Counts one request against the per-IP and per-subject limits of `action`.
 *
 * @throws ApiError RATE_LIMITED (429) with `Retry-After` in seconds.
 */
export async function enforceRateLimit(action: RateLimitedAction, request: Request, subject: string): Promise<void> {
  const { perIp, perSubject } = limitersFor(action);
  try {
    await perIp.consume(clientIp(request));
    await perSubject.consume(subject.slice(0, 64));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new ApiError('RATE_LIMITED', 'Too many requests. Wait a moment and try again.', {}, rejection.msBeforeNext / 1000);
    }
    throw rejection;
  }
}
