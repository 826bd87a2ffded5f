/**
 * Ops sign-in and sessions against a real (in-memory) database and the real route handlers:
 * every way a sign-in or a session can be wrong is refused on the server.
 */
import { Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction } from '@solana/web3.js';
import bs58 from 'bs58';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTestAppEnv, type TestEnv } from '@/test/app-env';
import { CLIENT_ADDRESS_HEADER, trustStampedAddresses } from '@/lib/security/client-address';

const env: TestEnv = setTestAppEnv();

// Imported after the environment is set (getConfig reads it on first use).
const { getConfig } = await import('@/lib/config');
const { ApiError } = await import('@/lib/http/errors');
const auth = await import('@/lib/ops/auth');
const { buildSiwsMessage, OPS_SIGN_IN_STATEMENT } = await import('@/lib/ops/siws');
const { buildSignInTransaction, SIGN_IN_BLOCKHASH } = await import('@/lib/ops/signin-transaction');
const { SESSION_COOKIE } = await import('@/lib/ops/session');
const verifyRoute = await import('@/app/api/v1/ops/auth/verify/route');
const nonceRoute = await import('@/app/api/v1/ops/auth/nonce/route');
const sessionRoute = await import('@/app/api/v1/ops/session/route');
const maintenanceRoute = await import('@/app/api/v1/ops/maintenance/route');
const logoutRoute = await import('@/app/api/v1/ops/auth/logout/route');

const ORIGIN = env.appUrl;
const signBytes = (keypair: Keypair, bytes: Uint8Array) => {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(keypair.secretKey.subarray(0, 32))]);
  return new Uint8Array(nodeSign(null, bytes, createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })));
};

async function challengeFor(wallet: Keypair) {
  return auth.issueSignInChallenge(wallet.publicKey.toBase58());
}

async function messageProof(wallet: Keypair, edit: (fields: Awaited<ReturnType<typeof challengeFor>>) => Partial<Parameters<typeof buildSiwsMessage>[0]> = () => ({}), signer = wallet) {
  const challenge = await challengeFor(wallet);
  const message = buildSiwsMessage({ ...challenge, version: '1', ...edit(challenge) });
  return { method: 'message' as const, message, signature: bs58.encode(signBytes(signer, new TextEncoder().encode(message))) };
}

async function problemOf(promise: Promise<unknown>): Promise<{ code: string; problem: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, problem: error.details.problem };
    throw error;
  }
  throw new Error('expected a refusal');
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers }, body: JSON.stringify(body) });
const noParams = { params: Promise.resolve({}) } as never;

beforeAll(async () => {
  // Opens and migrates the in-memory database once for the file.
  await auth.issueSignInChallenge(env.ops.publicKey.toBase58());
}, 60_000);

describe('sign-in with a signed message', () => {
  it('opens a session for an allowlisted wallet', async () => {
    const signedIn = await auth.completeSignIn(await messageProof(env.ops));
    expect(signedIn.wallet).toBe(env.ops.publicKey.toBase58());
    expect(signedIn.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; Max-Age=900; HttpOnly; Secure; SameSite=Strict$`));
  });

  it('refuses a message for another domain', async () => {
    expect(await problemOf(auth.completeSignIn(await messageProof(env.ops, () => ({ domain: 'ops.test.evil.example' }))))).toEqual({ code: 'UNAUTHENTICATED', problem: 'WRONG_DOMAIN' });
  });

  it('refuses a message for another URI', async () => {
    expect(await problemOf(auth.completeSignIn(await messageProof(env.ops, () => ({ uri: 'https://evil.example' }))))).toEqual({ code: 'UNAUTHENTICATED', problem: 'WRONG_URI' });
  });

  it('refuses a message for another cluster', async () => {
    expect(await problemOf(auth.completeSignIn(await messageProof(env.ops, () => ({ chainId: 'mainnet' }))))).toEqual({ code: 'UNAUTHENTICATED', problem: 'WRONG_CHAIN' });
  });

  it('refuses an expired message', async () => {
    const proof = await messageProof(env.ops, (c) => ({ issuedAt: new Date(Date.now() - 10 * 60_000).toISOString(), expirationTime: new Date(Date.now() - 60_000).toISOString(), nonce: c.nonce }));
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'EXPIRED' });
  });

  it('refuses a message issued in the future', async () => {
    const proof = await messageProof(env.ops, () => ({ issuedAt: new Date(Date.now() + 3 * 60_000).toISOString(), expirationTime: new Date(Date.now() + 6 * 60_000).toISOString() }));
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'ISSUED_IN_FUTURE' });
  });

  it('refuses a replayed nonce', async () => {
    const proof = await messageProof(env.ops);
    await auth.completeSignIn(proof);
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'NONCE_INVALID' });
  });

  it('refuses a nonce the server never issued', async () => {
    expect(await problemOf(auth.completeSignIn(await messageProof(env.ops, () => ({ nonce: 'NeverIssued12345' }))))).toEqual({ code: 'UNAUTHENTICATED', problem: 'NONCE_INVALID' });
  });

  it('refuses a nonce issued to another wallet', async () => {
    const other = await challengeFor(env.outsider);
    expect(await problemOf(auth.completeSignIn(await messageProof(env.ops, () => ({ nonce: other.nonce }))))).toEqual({ code: 'UNAUTHENTICATED', problem: 'NONCE_INVALID' });
  });

  it('refuses a signature by another key (wrong signer)', async () => {
    expect(await problemOf(auth.completeSignIn(await messageProof(env.ops, () => ({}), env.outsider)))).toEqual({ code: 'UNAUTHENTICATED', problem: 'BAD_SIGNATURE' });
  });

  it('refuses a tampered message (signed, then edited)', async () => {
    const proof = await messageProof(env.ops);
    const tampered = { ...proof, message: proof.message.replace(OPS_SIGN_IN_STATEMENT, 'Sign in to the AI16Z to ELIZAOS migration ops console. This signs no transaction and moves no funds!') };
    expect(await problemOf(auth.completeSignIn(tampered))).toEqual({ code: 'UNAUTHENTICATED', problem: 'BAD_SIGNATURE' });
  });

  it('refuses a garbled signature', async () => {
    const proof = await messageProof(env.ops);
    expect(await problemOf(auth.completeSignIn({ ...proof, signature: 'not-base58!' }))).toEqual({ code: 'UNAUTHENTICATED', problem: 'MALFORMED' });
    expect(await problemOf(auth.completeSignIn({ ...proof, signature: bs58.encode(new Uint8Array(63)) }))).toEqual({ code: 'UNAUTHENTICATED', problem: 'BAD_SIGNATURE' });
  });

  it('refuses a wallet that is not allowlisted, even with a valid signature (403)', async () => {
    expect(await problemOf(auth.completeSignIn(await messageProof(env.outsider)))).toEqual({ code: 'FORBIDDEN', problem: 'NOT_ALLOWLISTED' });
  });
});

describe('sign-in with a signed memo transaction (Ledger)', () => {
  async function transactionProof(build: (wallet: PublicKey, message: string) => Transaction, signer = env.ops) {
    const challenge = await challengeFor(env.ops);
    const transaction = build(env.ops.publicKey, challenge.message);
    transaction.sign(signer);
    return { method: 'transaction' as const, transaction: transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64') };
  }

  it('opens a session', async () => {
    const proof = await transactionProof(buildSignInTransaction);
    expect((await auth.completeSignIn(proof)).wallet).toBe(env.ops.publicKey.toBase58());
  });

  it('accepts compute-budget instructions a wallet added', async () => {
    const { ComputeBudgetProgram } = await import('@solana/web3.js');
    const proof = await transactionProof((wallet, message) => buildSignInTransaction(wallet, message).add(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1 })));
    expect((await auth.completeSignIn(proof)).wallet).toBe(env.ops.publicKey.toBase58());
  });

  it('refuses one that could land (a real-looking blockhash)', async () => {
    const proof = await transactionProof((wallet, message) => {
      const tx = buildSignInTransaction(wallet, message);
      tx.recentBlockhash = bs58.encode(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
      return tx;
    });
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'MALFORMED_TRANSACTION' });
  });

  it('refuses one that also moves funds', async () => {
    const proof = await transactionProof((wallet, message) =>
      buildSignInTransaction(wallet, message).add(SystemProgram.transfer({ fromPubkey: wallet, toPubkey: Keypair.generate().publicKey, lamports: 1 })),
    );
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'MALFORMED_TRANSACTION' });
  });

  it('refuses two memos', async () => {
    const proof = await transactionProof((wallet, message) => {
      const tx = buildSignInTransaction(wallet, message);
      const memo = tx.instructions[0];
      return memo ? tx.add(new TransactionInstruction({ programId: memo.programId, keys: [], data: Buffer.from('more') })) : tx;
    });
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'MALFORMED_TRANSACTION' });
  });

  it('refuses a memo naming another wallet than the signer', async () => {
    const challenge = await challengeFor(env.ops);
    const transaction = buildSignInTransaction(env.outsider.publicKey, challenge.message);
    transaction.sign(env.outsider);
    const proof = { method: 'transaction' as const, transaction: transaction.serialize().toString('base64') };
    expect(await problemOf(auth.completeSignIn(proof))).toEqual({ code: 'UNAUTHENTICATED', problem: 'SIGNER_MISMATCH' });
  });

  it('refuses a tampered memo (signature over other bytes)', async () => {
    const proof = await transactionProof(buildSignInTransaction);
    const bytes = Buffer.from(proof.transaction, 'base64');
    const at = bytes.indexOf(Buffer.from('Nonce: '));
    bytes[at + 7] = bytes[at + 7] === 0x41 ? 0x42 : 0x41;
    expect(await problemOf(auth.completeSignIn({ method: 'transaction', transaction: bytes.toString('base64') }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('uses the placeholder blockhash so the transaction can never be sent', () => {
    expect(buildSignInTransaction(env.ops.publicKey, 'x').recentBlockhash).toBe(SIGN_IN_BLOCKHASH);
    expect(bs58.decode(SIGN_IN_BLOCKHASH)).toEqual(new Uint8Array(32));
  });
});

describe('sessions on the ops API', () => {
  async function signedInCookie(): Promise<string> {
    const response = await verifyRoute.POST(post('/api/v1/ops/auth/verify', await messageProof(env.ops)));
    expect(response.status).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  const get = (cookie: string | null) => new Request(`${ORIGIN}/api/v1/ops/session`, { headers: cookie ? { cookie } : {} });

  it('answers 401 without a session', async () => {
    const response = await sessionRoute.GET(get(null), noParams);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the session cookie and slides it', async () => {
    const cookie = await signedInCookie();
    const response = await sessionRoute.GET(get(cookie), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('ignores the token under another cookie name (as a subdomain or another path could set)', async () => {
    const cookie = await signedInCookie();
    const response = await sessionRoute.GET(get(cookie.replace(SESSION_COOKIE, 'ops-session')), noParams);
    expect(response.status).toBe(401);
  });

  it('refuses a tampered token', async () => {
    const cookie = await signedInCookie();
    // Change one character well inside the signature: every bit of it counts (the last character
    // of base64url carries padding bits, so changing the tail could leave the signature intact).
    const at = cookie.length - 10;
    const tampered = `${cookie.slice(0, at)}${cookie[at] === 'A' ? 'B' : 'A'}${cookie.slice(at + 1)}`;
    const response = await sessionRoute.GET(get(tampered), noParams);
    expect(response.status).toBe(401);
  });

  it('refuses a mutation without Origin, with a foreign Origin, or as a cross-site form post', async () => {
    const cookie = await signedInCookie();
    const body = JSON.stringify({ on: true, reason: 'csrf' });
    const noOrigin = new Request(`${ORIGIN}/api/v1/ops/maintenance`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
    const foreign = new Request(`${ORIGIN}/api/v1/ops/maintenance`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' }, body });
    const form = new Request(`${ORIGIN}/api/v1/ops/maintenance`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'on=true&reason=csrf' });
    const sameOriginForm = new Request(`${ORIGIN}/api/v1/ops/maintenance`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: 'on=true&reason=csrf' });
    expect((await maintenanceRoute.POST(noOrigin, noParams)).status).toBe(403);
    expect((await maintenanceRoute.POST(foreign, noParams)).status).toBe(403);
    expect((await maintenanceRoute.POST(form, noParams)).status).toBe(403);
    expect((await maintenanceRoute.POST(sameOriginForm, noParams)).status).toBe(415);
    const flag = (await (await maintenanceRoute.GET(new Request(`${ORIGIN}/api/v1/ops/maintenance`, { headers: { cookie } }), noParams)).json()) as { flag: { on: boolean } };
    expect(flag.flag.on).toBe(false);
  });

  it('refuses the sign-in itself from a foreign Origin (login CSRF)', async () => {
    const response = await verifyRoute.POST(post('/api/v1/ops/auth/verify', await messageProof(env.ops), { origin: 'https://evil.example' }));
    expect(response.status).toBe(403);
  });

  it('ends a session on sign-out: the same token is refused afterwards', async () => {
    const cookie = await signedInCookie();
    const out = await logoutRoute.POST(new Request(`${ORIGIN}/api/v1/ops/auth/logout`, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: '{}' }), noParams);
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await sessionRoute.GET(get(cookie), noParams)).status).toBe(401);
  });

  it('refuses a session of a wallet removed from OPS_WALLETS (403)', async () => {
    const cookie = await signedInCookie();
    const allowlist = getConfig().opsWallets;
    const saved = [...allowlist];
    // A redeploy without this wallet: the parsed configuration's list, emptied in place.
    allowlist.splice(0, allowlist.length);
    try {
      const response = await sessionRoute.GET(get(cookie), noParams);
      expect(response.status).toBe(403);
    } finally {
      allowlist.push(...saved);
    }
  });
});

describe('rate limit', () => {
  // As under server.ts: every request carries the client address it stamped (a client-sent
  // X-Forwarded-For is sent along here too, and must make no difference).
  const from = (address: string, forwardedFor = '203.0.113.1') => ({ [CLIENT_ADDRESS_HEADER]: address, 'x-forwarded-for': forwardedFor });
  beforeAll(() => trustStampedAddresses());

  it('refuses sign-in attempts beyond the limit with 429 and Retry-After, however X-Forwarded-For rotates', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const response = await verifyRoute.POST(post('/api/v1/ops/auth/verify', { method: 'message', message: 'x', signature: 'y' }, from('203.0.113.77', `198.51.100.${i}`)));
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
    // Another client is not limited by it.
    expect((await verifyRoute.POST(post('/api/v1/ops/auth/verify', { method: 'message', message: 'x', signature: 'y' }, from('203.0.113.78')))).status).toBe(401);
  });

  it("limits one client's nonce requests per wallet; a stranger cannot use up an ops wallet's nonces", async () => {
    const wallet = env.ops.publicKey.toBase58();
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await nonceRoute.POST(post('/api/v1/ops/auth/nonce', { wallet }, from('198.51.100.9', `198.51.100.${i}`)))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    // The ops wallet itself, from its own address, still gets its nonce.
    expect((await nonceRoute.POST(post('/api/v1/ops/auth/nonce', { wallet }, from('192.0.2.10')))).status).toBe(200);
  });

  it('a refused nonce request (not a wallet address) does not count against the subject', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) statuses.push((await nonceRoute.POST(post('/api/v1/ops/auth/nonce', { wallet: 'not-a-wallet' }, from('192.0.2.11')))).status);
    expect(new Set(statuses)).toEqual(new Set([400]));
  });
});
