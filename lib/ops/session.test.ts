import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  readSessionCookie,
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  sessionCookie,
  SessionTokenError,
  signSessionToken,
  verifySessionToken,
} from '@/lib/ops/session';

const key = new TextEncoder().encode('k'.repeat(32));
const audience = 'https://migrate.example.org';
const t0 = new Date('2026-11-23T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const session = { wallet: 'FNa2cn3SZ3y2UqQbdeN6sAoVR1bJCwH3p8xA3UcHhMKN', sessionId: '8f0c7a4e-6a56-4b8e-9a8c-2a1d2c3b4e5f', authTime: t0 };

/** A hand-made token with the portal's issuer, this audience and session, issued at `iat` and expiring at `exp`. */
function portalClaims<T extends SignJWT | UnsecuredJWT>(jwt: T, iat: Date, exp: Date): T {
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  return jwt.setIssuer('elizaos-migration-portal:ops').setAudience(audience).setSubject(session.wallet).setJti(session.sessionId).setIssuedAt(seconds(iat)).setExpirationTime(seconds(exp)) as T;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SessionTokenError);
    return (error as SessionTokenError).reason;
  }
  throw new Error('expected the token to be refused');
}

describe('ops session tokens', () => {
  it('round-trips the wallet, session id and sign-in time', async () => {
    const { token, expiresAt } = await signSessionToken(session, { key, audience, now: t0 });
    expect(expiresAt).toEqual(at(SESSION_IDLE_MS));
    const claims = await verifySessionToken(token, { key, audience, now: at(60_000) });
    expect(claims).toMatchObject({ wallet: session.wallet, sessionId: session.sessionId, authTime: t0 });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('expires after 15 idle minutes', async () => {
    const { token } = await signSessionToken(session, { key, audience, now: t0 });
    expect(await reason(verifySessionToken(token, { key, audience, now: at(SESSION_IDLE_MS + 1_000) }))).toBe('EXPIRED');
  });

  it('slides: a token re-issued on activity lives another 15 minutes', async () => {
    let { token } = await signSessionToken(session, { key, audience, now: t0 });
    for (let minute = 10; minute <= 60; minute += 10) {
      const claims = await verifySessionToken(token, { key, audience, now: at(minute * 60_000) });
      ({ token } = await signSessionToken(claims, { key, audience, now: at(minute * 60_000) }));
    }
    await expect(verifySessionToken(token, { key, audience, now: at(70 * 60_000) })).resolves.toMatchObject({ wallet: session.wallet });
  });

  it('ends 8 hours after sign-in however often it was refreshed', async () => {
    const refreshedAt = at(SESSION_ABSOLUTE_MS - 5 * 60_000);
    const { token, expiresAt } = await signSessionToken(session, { key, audience, now: refreshedAt });
    expect(expiresAt).toEqual(at(SESSION_ABSOLUTE_MS));
    await expect(verifySessionToken(token, { key, audience, now: at(SESSION_ABSOLUTE_MS - 1_000) })).resolves.toBeTruthy();
    expect(await reason(verifySessionToken(token, { key, audience, now: at(SESSION_ABSOLUTE_MS + 1_000) }))).toBe('EXPIRED');
  });

  it('refuses a token whose auth_time is older than 8 hours even if exp was forged later', async () => {
    const forged = await portalClaims(new SignJWT({ auth_time: Math.floor(t0.getTime() / 1000) }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }), at(SESSION_ABSOLUTE_MS), at(SESSION_ABSOLUTE_MS + SESSION_IDLE_MS)).sign(key);
    expect(await reason(verifySessionToken(forged, { key, audience, now: at(SESSION_ABSOLUTE_MS + 60_000) }))).toBe('ABSOLUTE_LIMIT');
  });

  it('refuses a tampered payload (another wallet)', async () => {
    const { token } = await signSessionToken(session, { key, audience, now: t0 });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    payload.sub = 'Attacker1111111111111111111111111111111111';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await reason(verifySessionToken(tampered, { key, audience, now: t0 }))).toBe('BAD_SIGNATURE');
  });

  it('refuses a token signed with another key', async () => {
    const { token } = await signSessionToken(session, { key: new TextEncoder().encode('x'.repeat(32)), audience, now: t0 });
    expect(await reason(verifySessionToken(token, { key, audience, now: t0 }))).toBe('BAD_SIGNATURE');
  });

  it('refuses alg: none', async () => {
    const unsecured = portalClaims(new UnsecuredJWT({ auth_time: Math.floor(t0.getTime() / 1000) }), t0, at(SESSION_IDLE_MS)).encode();
    expect(await reason(verifySessionToken(unsecured, { key, audience, now: t0 }))).toBe('MALFORMED');
  });

  it('refuses another algorithm with the same key (HS512)', async () => {
    const other = await portalClaims(new SignJWT({ auth_time: Math.floor(t0.getTime() / 1000) }).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }), t0, at(SESSION_IDLE_MS)).sign(key);
    expect(await reason(verifySessionToken(other, { key, audience, now: t0 }))).toBe('MALFORMED');
  });

  it('refuses a token for another portal (audience)', async () => {
    const { token } = await signSessionToken(session, { key, audience: 'https://evil.example', now: t0 });
    expect(await reason(verifySessionToken(token, { key, audience, now: t0 }))).toBe('CLAIMS');
  });

  it('refuses garbage', async () => {
    expect(await reason(verifySessionToken('not.a.jwt!', { key, audience, now: t0 }))).toBe('MALFORMED');
    expect(await reason(verifySessionToken('a'.repeat(5_000), { key, audience, now: t0 }))).toBe('MALFORMED');
  });
});

describe('session cookie', () => {
  it('is __Host- prefixed, HttpOnly, Secure, SameSite=Strict, Path=/', () => {
    const cookie = sessionCookie('tok', at(SESSION_IDLE_MS), t0);
    expect(cookie).toBe(`${SESSION_COOKIE}=tok; Path=/; Max-Age=900; HttpOnly; Secure; SameSite=Strict`);
    expect(SESSION_COOKIE.startsWith('__Host-')).toBe(true);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('is read only under its exact name, and only when present once', () => {
    expect(readSessionCookie(`a=1; ${SESSION_COOKIE}=tok; b=2`)).toBe('tok');
    expect(readSessionCookie('ops-session=tok')).toBeNull();
    expect(readSessionCookie('__Secure-ops-session=tok')).toBeNull();
    expect(readSessionCookie(`${SESSION_COOKIE}=one; ${SESSION_COOKIE}=two`)).toBeNull();
    expect(readSessionCookie(null)).toBeNull();
  });
});
