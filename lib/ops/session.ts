/**
 * Ops session tokens and their cookie. A session is a JWT (RFC 7519) signed with HS256 and one
 * fixed key (`OPS_SESSION_SECRET`), verified with that one algorithm only: `alg: none`, RS/ES
 * algorithms and any other HMAC are refused by jose before the signature is looked at.
 *
 * Lifetimes: 15 minutes idle (every authenticated request re-issues the token: sliding), and
 * 8 hours absolute from sign-in (`auth_time`), whatever the refreshes. The cookie is
 * `__Host-` prefixed (Secure, Path=/, no Domain: a sibling subdomain or another path cannot plant
 * one), HttpOnly and SameSite=Strict. No `server-only` import: pure over its inputs, so Vitest
 * checks every expiry with a fixed clock.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = '__Host-ops-session';
export const SESSION_IDLE_MS = 15 * 60_000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
export const SESSION_ALGORITHM = 'HS256';
const ISSUER = 'elizaos-migration-portal:ops';

export type SessionClaims = {
  wallet: string;
  /** The session id (`jti`): the `ops_sessions` row, so signing out ends the token early. */
  sessionId: string;
  /** When the wallet signed in; the absolute limit counts from here. */
  authTime: Date;
  /** When this token stops being accepted (idle or absolute limit, whichever first). */
  expiresAt: Date;
};

/** Why a token was refused (never shown in detail to the caller beyond "sign in again"). */
export class SessionTokenError extends Error {
  constructor(readonly reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' | 'ABSOLUTE_LIMIT' | 'CLAIMS') {
    super(`session token refused: ${reason}`);
    this.name = 'SessionTokenError';
  }
}

/** When a token issued at `now` for a sign-in at `authTime` expires: idle or absolute limit, whichever first. */
export function sessionExpiry(authTime: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, authTime.getTime() + SESSION_ABSOLUTE_MS));
}

/**
 * Signs a session token valid from `now` for {@link sessionExpiry}.
 * @param key the HMAC key (≥ 32 bytes); `audience` the portal's origin.
 */
export async function signSessionToken(
  session: { wallet: string; sessionId: string; authTime: Date },
  options: { key: Uint8Array; audience: string; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = sessionExpiry(session.authTime, options.now);
  const token = await new SignJWT({ auth_time: Math.floor(session.authTime.getTime() / 1000) })
    .setProtectedHeader({ alg: SESSION_ALGORITHM, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(options.audience)
    .setSubject(session.wallet)
    .setJti(session.sessionId)
    .setIssuedAt(Math.floor(options.now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(options.key);
  return { token, expiresAt };
}

/**
 * Verifies a token at `now`: HS256 with `key` only, our issuer and audience, not expired, and
 * within the absolute limit of its `auth_time`.
 *
 * @throws SessionTokenError with the reason.
 */
export async function verifySessionToken(token: string, options: { key: Uint8Array; audience: string; now: Date }): Promise<SessionClaims> {
  if (token.length > 4_096 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new SessionTokenError('MALFORMED');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, options.key, {
      algorithms: [SESSION_ALGORITHM],
      issuer: ISSUER,
      audience: options.audience,
      currentDate: options.now,
      requiredClaims: ['sub', 'jti', 'iat', 'exp', 'auth_time'],
      typ: 'JWT',
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new SessionTokenError('EXPIRED');
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new SessionTokenError('BAD_SIGNATURE');
    if (error instanceof errors.JWTClaimValidationFailed) throw new SessionTokenError('CLAIMS');
    throw new SessionTokenError('MALFORMED');
  }
  const authTime = typeof payload.auth_time === 'number' ? new Date(payload.auth_time * 1000) : null;
  if (!authTime || !payload.sub || !payload.jti || typeof payload.exp !== 'number') throw new SessionTokenError('CLAIMS');
  if (options.now.getTime() >= authTime.getTime() + SESSION_ABSOLUTE_MS) throw new SessionTokenError('ABSOLUTE_LIMIT');
  if (authTime.getTime() > options.now.getTime() + 60_000) throw new SessionTokenError('CLAIMS');
  return { wallet: payload.sub, sessionId: payload.jti, authTime, expiresAt: new Date(payload.exp * 1000) };
}

/** The `Set-Cookie` value carrying a session token until `expiresAt`. */
export function sessionCookie(token: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

/** The `Set-Cookie` value that removes the session cookie (sign-out, refused token). */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
}

/**
 * The session token from a `Cookie` header: only under the exact `__Host-` name (a cookie of
 * another name, as a subdomain or another path could set, is ignored), and only when it appears
 * once (two cookies of that name mean someone planted one).
 */
export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const values = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SESSION_COOKIE}=`))
    .map((part) => part.slice(SESSION_COOKIE.length + 1));
  return values.length === 1 && values[0] ? values[0] : null;
}
