/**
 * An HTTP client of the ops API for the CLI: signs in with a keypair exactly as the console does
 * (SIWS message, ed25519), then carries the session cookie and the portal's Origin on every call.
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import bs58 from 'bs58';
import { buildSiwsMessage, OPS_SIGN_IN_STATEMENT, type SiwsFields } from '@/lib/ops/siws';
import { SESSION_COOKIE } from '@/lib/ops/session';

export type OpsKeypair = { publicKey: string; secretKey: Uint8Array };

/** Thrown for any refused call; `code` is the API's error code (or NETWORK / UNEXPECTED). */
export class OpsCliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'OpsCliError';
  }
}

/**
 * Reads a keypair: a Solana CLI keypair file (JSON array of 64 bytes) or a file holding the base58
 * of the 64-byte secret key. The second half must be the first half's public key.
 *
 * @throws OpsCliError KEYPAIR naming the file, never its content.
 */
export function keypairFromText(text: string, source: string): OpsKeypair {
  let bytes: Uint8Array;
  try {
    const trimmed = text.trim();
    bytes = trimmed.startsWith('[') ? Uint8Array.from(JSON.parse(trimmed) as number[]) : bs58.decode(trimmed);
  } catch {
    throw new OpsCliError('KEYPAIR', `${source} is neither a JSON byte array nor base58`);
  }
  if (bytes.length !== 64) throw new OpsCliError('KEYPAIR', `${source} does not hold a 64-byte secret key`);
  const derived = createPublicKey(privateKeyOf(bytes)).export({ format: 'der', type: 'spki' }).subarray(12);
  if (!derived.equals(Buffer.from(bytes.subarray(32)))) throw new OpsCliError('KEYPAIR', `${source} is not an ed25519 keypair (its public half does not match)`);
  return { publicKey: bs58.encode(bytes.subarray(32)), secretKey: bytes };
}

export function readKeypairFile(file: string): OpsKeypair {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new OpsCliError('KEYPAIR', `cannot read the keypair file ${file}`);
  }
  return keypairFromText(text, file);
}

/** Ed25519 signature with Node's crypto: the 32-byte seed wrapped as PKCS#8 DER. */
export function signEd25519(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKeyOf(secretKey)));
}

function privateKeyOf(secretKey: Uint8Array) {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(secretKey.subarray(0, 32))]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

type Answer = { status: number; headers: Headers; body: unknown; text: string };

export class OpsClient {
  private cookie: string | null = null;
  private origin: string;

  constructor(
    private readonly baseUrl: string,
    options: { origin?: string } = {},
  ) {
    this.origin = options.origin ?? new URL(baseUrl).origin;
  }

  private async call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json', origin: this.origin, ...extraHeaders };
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new OpsCliError('NETWORK', `cannot reach ${this.baseUrl}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
    }
    const renewed = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (renewed) this.cookie = renewed.slice(SESSION_COOKIE.length + 1).split(';')[0] || null;
    const text = await response.text();
    let parsed: unknown = null;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = null;
      }
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
      throw new OpsCliError(error?.code ?? 'UNEXPECTED', error?.message ?? `${method} ${path} answered HTTP ${response.status}`, response.status, error?.details ?? {});
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  /**
   * Signs in with `keypair`: asks for a nonce, checks that what it is about to sign is this
   * portal's sign-in text for this wallet (never anything else the server might send), signs it,
   * and keeps the session cookie.
   */
  async signIn(keypair: OpsKeypair): Promise<{ wallet: string; expiresAt: string }> {
    const challenge = (await this.call('POST', '/api/v1/ops/auth/nonce', { wallet: keypair.publicKey })).body as SiwsFields & { message: string };
    if (challenge.address !== keypair.publicKey || challenge.statement !== OPS_SIGN_IN_STATEMENT) {
      throw new OpsCliError('UNEXPECTED', 'the server asked to sign something other than the ops sign-in message; refusing');
    }
    const message = buildSiwsMessage({ ...challenge, version: '1' });
    if (message !== challenge.message) throw new OpsCliError('UNEXPECTED', 'the sign-in message from the server does not match its fields; refusing');
    // The server's own origin, as it names it: the CLI may reach it by another URL (a tunnel).
    this.origin = challenge.uri;
    const signature = bs58.encode(signEd25519(keypair.secretKey, new TextEncoder().encode(message)));
    return (await this.call('POST', '/api/v1/ops/auth/verify', { method: 'message', message, signature })).body as { wallet: string; expiresAt: string };
  }

  get = (path: string) => this.call('GET', path).then((a) => a.body);
  getText = (path: string) => this.call('GET', path).then((a) => a.text);
  post = (path: string, body: unknown = {}) => this.call('POST', path, body).then((a) => a.body);
  put = (path: string, body: unknown) => this.call('PUT', path, body).then((a) => a.body);
  delete = (path: string) => this.call('DELETE', path).then((a) => a.body);
}
