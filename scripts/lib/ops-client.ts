/**
 * An HTTP client of the ops API for the CLI: signs in with a keypair exactly as the console does
 * (SIWS message, ed25519), then carries the session cookie and the portal's Origin on every call.
 */
import bs58 from 'bs58';
import { buildSiwsMessage, OPS_SIGN_IN_STATEMENT, type SiwsFields } from '@/lib/ops/siws';
import { SESSION_COOKIE } from '@/lib/ops/session';
import { signEd25519 } from '@/lib/solana/ed25519';
import type { CliKeypair } from '@/scripts/lib/keypair';

// Keypair files are read by scripts/lib/keypair.ts (shared with `npm run migrate`).
export { KeypairError, keypairFromText, readKeypairFile } from '@/scripts/lib/keypair';
export type OpsKeypair = CliKeypair;

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
