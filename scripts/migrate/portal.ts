/**
 * The command line's client of the portal's public HTTP API v1 (DESIGN.md "HTTP API v1"): the
 * signed manifest, eligibility, build, submit and the migration's state. Every answer is parsed
 * with the shared zod schemas (lib/api/types.ts); anything else is an error, never data. The
 * browser's client (components/migrate/api.ts) is the same over same-origin relative paths.
 */
import type { z } from 'zod';
import {
  type BuildResponse,
  buildResponseSchema,
  type EligibilityResponse,
  eligibilityResponseSchema,
  errorResponseSchema,
  type MigrationResponse,
  migrationResponseSchema,
  type SubmitResponse,
  submitResponseSchema,
} from '@/lib/api/types';
import { MANIFEST_PATH } from '@/lib/release/manifest';

/** An error answer of the API (`{"error": {code, message, details}}`): `code` is the API's. */
export class PortalRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown>,
    /** Seconds, from `Retry-After` (429, 503). */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'PortalRefusal';
  }
}

/** The request got no answer (DNS, refused connection, reset, timeout). */
export class PortalUnreachable extends Error {
  constructor(readonly url: string, reason: string) {
    super(`${url} could not be reached (${reason})`);
    this.name = 'PortalUnreachable';
  }
}

/** The portal answered something that is not the documented shape: nothing in it is used. */
export class PortalUnexpectedAnswer extends Error {
  constructor(readonly url: string, readonly status: number, detail: string) {
    super(`${url} answered HTTP ${status} ${detail}`);
    this.name = 'PortalUnexpectedAnswer';
  }
}

export type Fetch = typeof fetch;

const TIMEOUT_MS = 20_000;
/** The manifest lists every static file (tens of kB); anything much larger is not one. */
const MAX_ANSWER_BYTES = 5 * 1024 * 1024;

export type PortalClient = {
  /** The portal's origin, e.g. `https://migrate.example.org`. */
  origin: string;
  /** The same-origin RPC proxy the browser uses (`/api/v1/rpc`). */
  rpcProxyUrl: string;
  /** `GET /.well-known/migration-manifest.json`, as fetched (verify it before use). */
  manifest(): Promise<unknown>;
  /** `GET /api/v1/eligibility/{wallet}` */
  eligibility(wallet: string): Promise<EligibilityResponse>;
  /** `POST /api/v1/migrations`; `amount` in AI16Z base units. */
  build(wallet: string, amount: bigint): Promise<BuildResponse>;
  /** `POST /api/v1/migrations/{id}/submit`; `transaction` is base64 of the holder-signed wire bytes. */
  submit(id: string, transaction: string): Promise<SubmitResponse>;
  /** `GET /api/v1/migrations/{id}` */
  migration(id: string): Promise<MigrationResponse>;
};

/**
 * A client of the portal at `baseUrl` (only its origin is used).
 * Every method throws PortalRefusal (an API error answer), PortalUnreachable or PortalUnexpectedAnswer.
 */
export function portalClient(baseUrl: string, fetchImpl: Fetch = fetch): PortalClient {
  const origin = new URL(baseUrl).origin;

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown; headers: Headers }> {
    const url = new URL(path, origin).href;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method,
        redirect: 'error',
        headers: { accept: 'application/json', 'user-agent': 'elizaos-migrate', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new PortalUnreachable(url, cause);
    }
    if (text.length > MAX_ANSWER_BYTES) throw new PortalUnexpectedAnswer(url, response.status, 'with an answer larger than 5 MB');
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      throw new PortalUnexpectedAnswer(url, response.status, 'without JSON');
    }
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(json);
      if (!parsed.success) throw new PortalUnexpectedAnswer(url, response.status, 'with an unknown error shape');
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new PortalRefusal(parsed.data.error.code, parsed.data.error.message, response.status, parsed.data.error.details, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    }
    return { status: response.status, json, headers: response.headers };
  }

  async function api<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const answer = await request(method, path, body);
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success) throw new PortalUnexpectedAnswer(new URL(path, origin).href, answer.status, 'with an unexpected shape');
    return parsed.data;
  }

  return {
    origin,
    rpcProxyUrl: new URL('/api/v1/rpc', origin).href,
    manifest: async () => (await request('GET', MANIFEST_PATH)).json,
    eligibility: (wallet) => api('GET', `/api/v1/eligibility/${encodeURIComponent(wallet)}`, eligibilityResponseSchema),
    build: (wallet, amount) => api('POST', '/api/v1/migrations', buildResponseSchema, { wallet, amount: amount.toString() }),
    submit: (id, transaction) => api('POST', `/api/v1/migrations/${encodeURIComponent(id)}/submit`, submitResponseSchema, { transaction }),
    migration: (id) => api('GET', `/api/v1/migrations/${encodeURIComponent(id)}`, migrationResponseSchema),
  };
}
