import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';

export type RateLimitedAction = 'eligibility' | 'build' | 'submit' | 'rpc' | 'opsSignIn' | 'opsVerify' | 'supportTicket' | 'ticketLookup';

/**
 * Requests allowed per window (`durationS`, default 60 s), per client IP and per subject (wallet,
 * migration id, ticket id).
 */
const LIMITS: Record<RateLimitedAction, { perIp: number; perSubject: number; durationS?: number }> = {
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

type Limiters = { perIp: RateLimiterMemory; perSubject: RateLimiterMemory };
const limiters = new Map<RateLimitedAction, Limiters>();

function limitersFor(action: RateLimitedAction): Limiters {
  let l = limiters.get(action);
  if (!l) {
    const scale = getConfig().rateLimitScale;
    const limit = LIMITS[action];
    const duration = limit.durationS ?? 60;
    l = {
      perIp: new RateLimiterMemory({ keyPrefix: `${action}:ip`, points: limit.perIp * scale, duration }),
      perSubject: new RateLimiterMemory({ keyPrefix: `${action}:subject`, points: limit.perSubject * scale, duration }),
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
