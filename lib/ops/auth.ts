import 'server-only';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { opsAuditLog, opsNonces, opsSessions } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { toAuditJson } from '@/lib/ops/audit';
import {
  clearedSessionCookie,
  readSessionCookie,
  type SessionClaims,
  sessionCookie,
  SessionTokenError,
  signSessionToken,
  verifySessionToken,
} from '@/lib/ops/session';
import { decodeSignInTransaction, SignInTransactionError } from '@/lib/ops/signin-transaction';
import { parseAddress } from '@/lib/solana/address';
import { verifyEd25519 } from '@/lib/solana/ed25519';
import { BASE64 } from '@/lib/text/patterns';
import { buildSiwsMessage, checkSiwsFields, OPS_SIGN_IN_STATEMENT, parseSiwsMessage, type SiwsFields, SiwsFormatError, siwsChainId } from '@/lib/ops/siws';

/** A sign-in nonce is good for this long, and so is the message built with it. */
export const NONCE_TTL_MS = 5 * 60_000;
/** Tolerated clock difference between the signer and the server for Issued At, ms. */
const CLOCK_SKEW_MS = 60_000;

const KEY_HOLDER = Symbol.for('elizaos-migration.ops-session-key');
type KeyHolder = { [KEY_HOLDER]?: Uint8Array };

/**
 * The HMAC key of ops sessions: `OPS_SESSION_SECRET`, required outside localnet (lib/config).
 * On localnet without one, a random key per process (on globalThis: every route bundle of this
 * server must agree on it); sessions then end when the server restarts.
 */
export function sessionKey(): Uint8Array {
  const configured = getConfig().opsSessionSecret;
  if (configured) return configured;
  const holder = globalThis as KeyHolder;
  holder[KEY_HOLDER] ??= new Uint8Array(randomBytes(32));
  return holder[KEY_HOLDER];
}

/** What this portal expects in a SIWS message: its own host and origin, its cluster, our statement. */
export function siwsExpectation() {
  const config = getConfig();
  const url = new URL(config.appUrl);
  return { domain: url.host, uri: url.origin, chainId: siwsChainId(config.cluster), statement: OPS_SIGN_IN_STATEMENT, maxLifetimeMs: NONCE_TTL_MS + CLOCK_SKEW_MS, clockSkewMs: CLOCK_SKEW_MS };
}

/** Constant-time equality of two strings (by their UTF-8 bytes); false for different lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `wallet` (base58) is in `OPS_WALLETS`, compared in constant time. */
export function isOpsWallet(wallet: string): boolean {
  // Every entry is compared, whatever matched: the time taken says nothing about the list.
  let found = false;
  for (const allowed of getConfig().opsWallets) found = constantTimeEqual(allowed.toBase58(), wallet) || found;
  return found;
}

function parseOpsWallet(text: string): PublicKey {
  const key = parseAddress(text);
  if (!key) throw new ApiError('INVALID_WALLET', 'That is not a Solana wallet address.');
  return key;
}

export type SignInChallenge = SiwsFields & { message: string };

/**
 * `POST /api/v1/ops/auth/nonce`: a fresh single-use nonce bound to `wallet`, stored for
 * {@link NONCE_TTL_MS}, and the SIWS fields (and text) to sign with it. The browser rebuilds the
 * text with its own `location.host` as the domain, so a look-alike site that relays this answer
 * gets a message the server refuses.
 *
 * @throws ApiError INVALID_WALLET
 */
export async function issueSignInChallenge(walletText: string, now = new Date()): Promise<SignInChallenge> {
  const wallet = parseOpsWallet(walletText).toBase58();
  const expected = siwsExpectation();
  const nonce = bs58.encode(randomBytes(16));
  const db = await getDb();
  // Expired nonces are useless; dropping them here keeps the table small without a timer.
  await db.delete(opsNonces).where(lt(opsNonces.expiresAt, new Date(now.getTime() - NONCE_TTL_MS)));
  const expiresAt = new Date(now.getTime() + NONCE_TTL_MS);
  await db.insert(opsNonces).values({ nonce, wallet, issuedAt: now, expiresAt });
  const fields: SiwsFields = {
    domain: expected.domain,
    address: wallet,
    statement: expected.statement,
    uri: expected.uri,
    version: '1',
    chainId: expected.chainId,
    nonce,
    issuedAt: now.toISOString(),
    expirationTime: expiresAt.toISOString(),
  };
  return { ...fields, message: buildSiwsMessage(fields) };
}

/** A sign-in proof: the SIWS text signed with `signMessage`, or inside a signed memo transaction. */
export type SignInProof = { method: 'message'; message: string; signature: string } | { method: 'transaction'; transaction: string };

const refuse = (problem: string, message: string, extra: Record<string, unknown> = {}) =>
  new ApiError('UNAUTHENTICATED', message, { problem, ...extra });

/** Checks a proof's signature and returns the SIWS text it proves and who signed it. */
function verifyProof(proof: SignInProof): { text: string; signer: PublicKey; method: SignInProof['method'] } {
  if (proof.method === 'message') {
    let signature: Uint8Array;
    try {
      signature = bs58.decode(proof.signature);
    } catch {
      throw refuse('MALFORMED', 'The signature is not base58.');
    }
    const fields = parseFields(proof.message);
    const signer = parseOpsWallet(fields.address);
    if (!verifyEd25519(signature, new TextEncoder().encode(proof.message), signer)) {
      throw refuse('BAD_SIGNATURE', 'The signature does not match this message and wallet. Sign in again.');
    }
    return { text: proof.message, signer, method: 'message' };
  }
  if (!BASE64.test(proof.transaction)) throw refuse('MALFORMED', 'The transaction is not base64.');
  let decoded;
  try {
    decoded = decodeSignInTransaction(Buffer.from(proof.transaction, 'base64'));
  } catch (error) {
    if (error instanceof SignInTransactionError) throw refuse('MALFORMED_TRANSACTION', `The sign-in transaction is not acceptable: ${error.message}.`);
    throw error;
  }
  const fields = parseFields(decoded.message);
  if (fields.address !== decoded.wallet.toBase58()) throw refuse('SIGNER_MISMATCH', 'The transaction is signed by another wallet than the message names.');
  if (!verifyEd25519(decoded.signature, decoded.signedBytes, decoded.wallet)) {
    throw refuse('BAD_SIGNATURE', 'The signature does not match this transaction and wallet. Sign in again.');
  }
  return { text: decoded.message, signer: decoded.wallet, method: 'transaction' };
}

function parseFields(text: string): SiwsFields {
  try {
    return parseSiwsMessage(text);
  } catch (error) {
    if (error instanceof SiwsFormatError) throw refuse('MALFORMED', `The sign-in message is malformed: ${error.message}.`);
    throw error;
  }
}

export type SignedIn = { wallet: string; sessionId: string; token: string; expiresAt: Date; setCookie: string };

/**
 * `POST /api/v1/ops/auth/verify`: checks a sign-in proof and opens a session. In order: the
 * signature (ed25519 over the exact bytes), the message fields (domain, URI, chain, statement,
 * issued-at not in the future, not expired, lifetime), the allowlist, and last the nonce, which
 * is consumed atomically (unknown, reused, expired or issued to another wallet: refused).
 *
 * @throws ApiError UNAUTHENTICATED (401, `details.problem` says why) | FORBIDDEN (403, wallet not allowlisted) | INVALID_WALLET
 */
export async function completeSignIn(proof: SignInProof, now = new Date()): Promise<SignedIn> {
  const { text, signer, method } = verifyProof(proof);
  const fields = parseSiwsMessage(text);
  const problems = checkSiwsFields(fields, siwsExpectation(), now);
  if (problems.length > 0) {
    throw refuse(problems[0] ?? 'MALFORMED', `The sign-in message is not acceptable here (${problems.join(', ')}). Start the sign-in again.`, { problems });
  }
  const wallet = signer.toBase58();
  if (!isOpsWallet(wallet)) throw new ApiError('FORBIDDEN', 'This wallet is not allowed to operate the portal.', { problem: 'NOT_ALLOWLISTED' });

  const db = await getDb();
  const sessionId = randomUUID();
  await db.transaction(async (tx) => {
    const consumed = await tx
      .update(opsNonces)
      .set({ usedAt: now })
      .where(and(eq(opsNonces.nonce, fields.nonce), eq(opsNonces.wallet, wallet), isNull(opsNonces.usedAt), gt(opsNonces.expiresAt, now)))
      .returning({ nonce: opsNonces.nonce });
    if (consumed.length !== 1) throw refuse('NONCE_INVALID', 'This sign-in request was already used, has expired or was not issued here. Start the sign-in again.');
    await tx.insert(opsSessions).values({ id: sessionId, wallet, method, createdAt: now });
    await tx.insert(opsAuditLog).values({ wallet, action: 'session.sign_in', target: sessionId, before: null, after: toAuditJson({ sessionId, method }) });
  });
  const { token, expiresAt } = await signSessionToken({ wallet, sessionId, authTime: now }, { key: sessionKey(), audience: getConfig().appUrl, now });
  return { wallet, sessionId, token, expiresAt, setCookie: sessionCookie(token, expiresAt, now) };
}

/** A verified ops session, and the refreshed cookie to send back (sliding idle limit). */
export type OpsSession = SessionClaims & { setCookie: string };

/**
 * Checks the request's session: the cookie's token (HS256, unexpired, within 8 h of sign-in), the
 * session not signed out, the wallet still in `OPS_WALLETS`. Re-issues the token for another
 * 15 minutes of idle time.
 *
 * @throws ApiError UNAUTHENTICATED (no or bad session) | FORBIDDEN (wallet no longer allowlisted)
 */
export async function authenticateOps(request: Request, now = new Date()): Promise<OpsSession> {
  return authenticateOpsCookie(request.headers.get('cookie'), now);
}

/** {@link authenticateOps} from a `Cookie` header value (server components read it with `headers()`). */
export async function authenticateOpsCookie(cookieHeader: string | null, now = new Date()): Promise<OpsSession> {
  const token = readSessionCookie(cookieHeader);
  if (!token) throw new ApiError('UNAUTHENTICATED', 'Sign in with an ops wallet first.', { problem: 'NO_SESSION' });
  const config = getConfig();
  let claims: SessionClaims;
  try {
    claims = await verifySessionToken(token, { key: sessionKey(), audience: config.appUrl, now });
  } catch (error) {
    if (error instanceof SessionTokenError) throw new ApiError('UNAUTHENTICATED', 'Your ops session has ended. Sign in again.', { problem: `SESSION_${error.reason}` });
    throw error;
  }
  const db = await getDb();
  const [row] = await db.select().from(opsSessions).where(eq(opsSessions.id, claims.sessionId));
  if (!row || row.revokedAt !== null || row.wallet !== claims.wallet) {
    throw new ApiError('UNAUTHENTICATED', 'Your ops session has ended. Sign in again.', { problem: 'SESSION_REVOKED' });
  }
  if (!isOpsWallet(claims.wallet)) throw new ApiError('FORBIDDEN', 'This wallet is no longer allowed to operate the portal.', { problem: 'NOT_ALLOWLISTED' });
  const refreshed = await signSessionToken(claims, { key: sessionKey(), audience: config.appUrl, now });
  return { ...claims, expiresAt: refreshed.expiresAt, setCookie: sessionCookie(refreshed.token, refreshed.expiresAt, now) };
}

/**
 * Refuses a state-changing request that does not come from this portal's own pages (or the CLI,
 * which sends the portal's origin): the `Origin` header must equal `PUBLIC_APP_URL`'s origin, and a
 * body must be JSON (a cross-site HTML form can send neither).
 *
 * @throws ApiError FORBIDDEN (missing or foreign Origin) | UNSUPPORTED_MEDIA_TYPE
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (!origin || !constantTimeEqual(origin, getConfig().appUrl)) {
    throw new ApiError('FORBIDDEN', 'This request did not come from the portal itself.', { problem: origin ? 'FOREIGN_ORIGIN' : 'MISSING_ORIGIN' });
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'DELETE';
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (hasBody && type !== 'application/json') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
}

/** Ends a session (sign-out): its token is refused from now on, even before it expires. */
export async function signOut(session: SessionClaims, now = new Date()): Promise<string> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(opsSessions).set({ revokedAt: now }).where(eq(opsSessions.id, session.sessionId));
    await tx.insert(opsAuditLog).values({ wallet: session.wallet, action: 'session.sign_out', target: session.sessionId, before: null, after: null });
  });
  return clearedSessionCookie();
}

/** `POST /api/v1/ops/auth/nonce` body. */
export const nonceRequestSchema = z.object({ wallet: z.string().max(64) }).strict();

/** `POST /api/v1/ops/auth/verify` body: a signed message (base58 signature) or a signed memo transaction (base64). */
export const signInRequestSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('message'), message: z.string().min(1).max(2_000), signature: z.string().min(1).max(100) }).strict(),
  z.object({ method: z.literal('transaction'), transaction: z.string().min(1).max(2_000) }).strict(),
]);
