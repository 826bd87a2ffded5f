/**
 * The browser's one API client: every request a page makes to this portal goes through
 * {@link requestJson} (ESLint forbids `fetch` in `components/` and `app/`), and every answer is
 * parsed with the shared zod schemas (`@/lib/api/types`); anything else is treated as an error,
 * never as data. Errors are the three classes below, which `components/errors/error-text.ts` turns
 * into text by code. The ops console's calls are in `ops-client.ts`, on the same function.
 */
// First: zod must be jitless before any schema is defined (the browser's CSP has no 'unsafe-eval').
import '@/lib/zod-jitless';
import { z } from 'zod';
import {
  buildResponseSchema,
  createdTicketResponseSchema,
  drainersResponseSchema,
  eligibilityResponseSchema,
  errorResponseSchema,
  holderTicketResponseSchema,
  migrationResponseSchema,
  rpcGetTransactionResponseSchema,
  submitResponseSchema,
  walletHistoryMigrationSchema,
  walletHistoryResponseSchema,
  type BuildResponse,
  type CreatedTicketResponse,
  type EligibilityResponse,
  type HolderTicketResponse,
  type MigrationResponse,
  type SubmitResponse,
  type WalletHistoryMigration,
  type WalletHistoryResponse,
} from '@/lib/api/types';

/** An error answer of the API (`{"error": {code, message, details}}`, DESIGN.md "HTTP API v1"). */
export class ApiRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
    readonly status: number,
    /** Seconds, from `Retry-After` (429, 503). */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The request never got an answer (offline, DNS, connection reset, timeout). */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** The server answered something that is not the documented shape: nothing in it is used. */
export class UnexpectedAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UnexpectedAnswerError';
  }
}

const TIMEOUT_MS = 20_000;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** `same-origin` unless said otherwise (`omit` where no cookie may ride along). */
  credentials?: RequestCredentials;
  /** `no-store` unless said otherwise. */
  cache?: RequestCache;
};

/**
 * One request to this portal (`path` is same-origin, starting with `/`), its answer parsed with
 * `schema`.
 *
 * @throws NetworkError when no answer came (20 s timeout)
 * @throws ApiRequestError for an error answer in the documented shape (any non-2xx)
 * @throws UnexpectedAnswerError for an answer that is not JSON or not of `schema`'s shape
 */
export async function requestJson<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`requestJson takes a same-origin path, not ${path}`);
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      cache: options.cache ?? 'no-store',
      credentials: options.credentials ?? 'same-origin',
      headers: { accept: 'application/json', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : 'network error', { cause: error });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new UnexpectedAnswerError(response.status, `the server answered ${response.status} without JSON`);
  }
  if (!response.ok) {
    const parsed = errorResponseSchema.safeParse(body);
    if (!parsed.success) throw new UnexpectedAnswerError(response.status, `the server answered ${response.status} with an unknown error shape`);
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiRequestError(
      parsed.data.error.code,
      parsed.data.error.message,
      parsed.data.error.details,
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UnexpectedAnswerError(response.status, 'the server answered with an unexpected shape');
  return parsed.data;
}

/** `GET /api/v1/eligibility/{wallet}` */
export function fetchEligibility(wallet: string): Promise<EligibilityResponse> {
  return requestJson(`/api/v1/eligibility/${encodeURIComponent(wallet)}`, eligibilityResponseSchema);
}

/** `POST /api/v1/migrations`: `amount` in AI16Z base units. */
export function buildMigration(wallet: string, amount: bigint): Promise<BuildResponse> {
  return requestJson('/api/v1/migrations', buildResponseSchema, { method: 'POST', body: { wallet, amount: amount.toString() } });
}

/** `POST /api/v1/migrations/{id}/submit`: `transaction` is base64 of the holder-signed wire bytes. */
export function submitMigration(id: string, transaction: string): Promise<SubmitResponse> {
  return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}/submit`, submitResponseSchema, { method: 'POST', body: { transaction } });
}

/** `GET /api/v1/migrations/{id}` */
export function fetchMigration(id: string): Promise<MigrationResponse> {
  return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}`, migrationResponseSchema);
}

/**
 * `GET /api/v1/wallets/{wallet}/migrations`: the wallet's history, newest first. Entries of a kind
 * this page does not know are left out; a known kind in the wrong shape is an error.
 * @throws as {@link requestJson}
 */
export async function fetchWalletHistory(wallet: string): Promise<WalletHistoryResponse> {
  const answer = await requestJson(`/api/v1/wallets/${encodeURIComponent(wallet)}/migrations`, walletHistoryResponseSchema);
  const entries: WalletHistoryMigration[] = [];
  for (const entry of answer.entries) {
    if (entry.kind !== 'migration') continue;
    const parsed = walletHistoryMigrationSchema.safeParse(entry);
    if (!parsed.success) throw new UnexpectedAnswerError(200, 'the server answered a history entry with an unexpected shape');
    entries.push(parsed.data);
  }
  return { wallet: answer.wallet, entries, truncated: answer.truncated };
}

/**
 * `POST /api/v1/migrations/{id}/decline`: tells the portal the holder declined this build in the
 * wallet (its receipt then says so). Best effort: callers ignore a failure.
 */
export function declineMigration(id: string): Promise<MigrationResponse> {
  return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}/decline`, migrationResponseSchema, { method: 'POST' });
}

/** `GET /api/v1/drainers`: address → label. Names addresses only; what an account allows is read from the chain. */
export async function fetchDrainerLabels(): Promise<Map<string, string>> {
  // The list is public and cached for 10 s by the server: the browser's cache may answer.
  const { drainers } = await requestJson('/api/v1/drainers', drainersResponseSchema, { cache: 'default', credentials: 'omit' });
  return new Map(drainers.map((d) => [d.address, d.label]));
}

/**
 * The signed deployment manifest at `path` (`MANIFEST_PATH` of lib/release/manifest.ts, passed in so
 * that pages without it do not load that module), unparsed: its only check is its signature under
 * the pinned release key (`verifySignedManifest`), which the caller makes.
 */
export function fetchSignedManifest(path: string): Promise<unknown> {
  return requestJson(path, z.unknown(), { credentials: 'omit' });
}

/**
 * `getTransaction` through the same-origin RPC proxy (`base64`, `confirmed`): the wire bytes
 * exactly as the chain stored them, or null when the cluster has no such transaction.
 *
 * @throws ApiRequestError | NetworkError | UnexpectedAnswerError as {@link requestJson}; also
 *   UnexpectedAnswerError when the cluster answered a JSON-RPC error
 */
export async function fetchTransactionBySignature(signature: string): Promise<{ bytes: Uint8Array; slot: number; failed: boolean } | null> {
  const answer = await requestJson('/api/v1/rpc', rpcGetTransactionResponseSchema, {
    method: 'POST',
    body: { jsonrpc: '2.0', id: 1, method: 'getTransaction', params: [signature, { encoding: 'base64', commitment: 'confirmed', maxSupportedTransactionVersion: 0 }] },
  });
  if (answer.error) throw new UnexpectedAnswerError(200, `the cluster refused the lookup (${answer.error.code})`);
  const result = answer.result;
  if (!result) return null;
  return { bytes: Uint8Array.from(atob(result.transaction[0]), (c) => c.charCodeAt(0)), slot: result.slot, failed: result.meta?.err !== null && result.meta?.err !== undefined };
}

/** `POST /api/v1/support/tickets`: the ticket as the form sends it; answers the lookup link once. */
export function createSupportTicket(ticket: Record<string, unknown>): Promise<CreatedTicketResponse> {
  return requestJson('/api/v1/support/tickets', createdTicketResponseSchema, { method: 'POST', body: ticket });
}

/** `GET /api/v1/support/tickets/{id}` with the ticket's secret in `X-Ticket-Secret` (never in the URL); no cookie is sent. */
export function fetchSupportTicket(id: string, secret: string): Promise<HolderTicketResponse> {
  return requestJson(`/api/v1/support/tickets/${encodeURIComponent(id)}`, holderTicketResponseSchema, { headers: { 'x-ticket-secret': secret }, credentials: 'omit' });
}
