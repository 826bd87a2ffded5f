/**
 * The one client of the portal's HTTP API v1 (DESIGN.md "HTTP API v1"): every request a page
 * makes goes through `requestJson` (ESLint forbids `fetch` in `components/` and `app/`), and so
 * does the command line's (`npm run migrate`, with a base URL: {@link createApiClient}). Every
 * answer is parsed with the shared zod schemas (`@/lib/api/types`); anything else is treated as
 * an error, never as data. Errors are the three classes below, which
 * `components/errors/error-text.ts` (pages) and scripts/migrate/errors.ts (CLI) turn into text by
 * code. The ops console's calls are in `ops-client.ts`, on the same function.
 */
// First: zod must be jitless before any schema is defined (the browser's CSP has no 'unsafe-eval').
import '@/lib/zod-jitless';
import { z } from 'zod';
import {
  buildResponseSchema,
  createdTicketResponseSchema,
  depositResponseSchema,
  drainersResponseSchema,
  eligibilityResponseSchema,
  errorResponseSchema,
  holderTicketResponseSchema,
  migrationResponseSchema,
  rpcGetTransactionResponseSchema,
  submitResponseSchema,
  walletHistoryDepositSchema,
  walletHistoryMigrationSchema,
  walletHistoryResponseSchema,
  type BuildResponse,
  type CreatedTicketResponse,
  type DepositResponse,
  type EligibilityResponse,
  type HolderTicketResponse,
  type MigrationResponse,
  type SubmitResponse,
  type WalletHistoryEntry,
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

/** The request never got a whole answer (offline, DNS, refused or reset connection, timeout). */
export class NetworkError extends Error {
  /** What was requested: the path, or the absolute URL for a client with a base URL; null when not known. */
  readonly url: string | null;
  constructor(message: string, options?: { cause?: unknown; url?: string }) {
    super(message, options);
    this.name = 'NetworkError';
    this.url = options?.url ?? null;
  }
}

/** The server answered something that is not the documented shape: nothing in it is used. */
export class UnexpectedAnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** What was requested (as {@link NetworkError.url}). */
    readonly url: string | null = null,
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

export type ApiClientOptions = {
  /**
   * The portal to talk to (only its origin is used), for a client outside the portal's pages
   * (`npm run migrate`). Absent: same-origin relative paths, as the browser's pages use.
   */
  baseUrl?: string;
  /** The fetch implementation (tests inject one); the global `fetch` at call time otherwise. */
  fetch?: typeof fetch;
  /** Headers on every request (the CLI's `user-agent`). */
  headers?: Record<string, string>;
  /** `error` refuses to follow a redirect (a client with a base URL talks to that origin only); the fetch default otherwise. */
  redirect?: RequestRedirect;
  /** Larger answers are refused as unexpected (UTF-16 code units of the body text); unbounded when absent. */
  maxAnswerChars?: number;
};

/** The portal's API calls, on one request function; see {@link createApiClient}. */
export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * A client of the portal's API. The browser's pages use the same-origin one this module exports
 * function by function; `npm run migrate` makes its own with the portal's `baseUrl`. Every call
 * throws the three error classes above.
 */
export function createApiClient(options: ApiClientOptions = {}) {
  const origin = options.baseUrl === undefined ? null : new URL(options.baseUrl).origin;

  /**
   * One request to the portal (`path` starts with `/`), its answer parsed with `schema`.
   *
   * @throws NetworkError when no whole answer came (20 s timeout)
   * @throws ApiRequestError for an error answer in the documented shape (any non-2xx)
   * @throws UnexpectedAnswerError for an answer that is not JSON or not of `schema`'s shape
   */
  async function requestJson<S extends z.ZodType>(path: string, schema: S, request: RequestOptions = {}): Promise<z.infer<S>> {
    if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`requestJson takes a same-origin path, not ${path}`);
    const url = origin === null ? path : new URL(path, origin).href;
    const fetchImpl = options.fetch ?? fetch;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method: request.method ?? 'GET',
        cache: request.cache ?? 'no-store',
        credentials: request.credentials ?? 'same-origin',
        ...(options.redirect ? { redirect: options.redirect } : {}),
        headers: { accept: 'application/json', ...options.headers, ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      // Node's fetch says "fetch failed" and puts the reason (ECONNREFUSED, socket hang up) in `cause`.
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : 'network error';
      throw new NetworkError(`${url} could not be reached (${reason})`, { cause: error, url });
    }
    const unexpected = (detail: string) => new UnexpectedAnswerError(response.status, `${url} answered HTTP ${response.status} ${detail}`, url);
    if (options.maxAnswerChars !== undefined && text.length > options.maxAnswerChars) throw unexpected(`with an answer larger than ${options.maxAnswerChars} characters`);
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      throw unexpected('without JSON');
    }
    if (!response.ok) {
      const parsed = errorResponseSchema.safeParse(body);
      if (!parsed.success) throw unexpected('with an unknown error shape');
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
    if (!parsed.success) throw unexpected('with an unexpected shape');
    return parsed.data;
  }

  return {
    /** The portal's origin for a client with a base URL; null for the same-origin client. */
    origin,
    requestJson,

    /** `GET /api/v1/eligibility/{wallet}` */
    fetchEligibility(wallet: string): Promise<EligibilityResponse> {
      return requestJson(`/api/v1/eligibility/${encodeURIComponent(wallet)}`, eligibilityResponseSchema);
    },

    /** `POST /api/v1/migrations`: `amount` in AI16Z base units. */
    buildMigration(wallet: string, amount: bigint): Promise<BuildResponse> {
      return requestJson('/api/v1/migrations', buildResponseSchema, { method: 'POST', body: { wallet, amount: amount.toString() } });
    },

    /** `POST /api/v1/migrations/{id}/submit`: `transaction` is base64 of the holder-signed wire bytes. */
    submitMigration(id: string, transaction: string): Promise<SubmitResponse> {
      return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}/submit`, submitResponseSchema, { method: 'POST', body: { transaction } });
    },

    /** `GET /api/v1/migrations/{id}` */
    fetchMigration(id: string): Promise<MigrationResponse> {
      return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}`, migrationResponseSchema);
    },

    /**
     * `GET /api/v1/wallets/{wallet}/migrations`: the wallet's history, newest first. Entries of a kind
     * this page does not know are left out; a known kind in the wrong shape is an error.
     * @throws as `requestJson`
     */
    async fetchWalletHistory(wallet: string): Promise<WalletHistoryResponse> {
      const answer = await requestJson(`/api/v1/wallets/${encodeURIComponent(wallet)}/migrations`, walletHistoryResponseSchema);
      const entries: WalletHistoryEntry[] = [];
      for (const entry of answer.entries) {
        const schema = entry.kind === 'migration' ? walletHistoryMigrationSchema : entry.kind === 'deposit' ? walletHistoryDepositSchema : null;
        if (!schema) continue;
        const parsed = schema.safeParse(entry);
        if (!parsed.success) throw new UnexpectedAnswerError(200, 'the server answered a history entry with an unexpected shape');
        entries.push(parsed.data);
      }
      return { wallet: answer.wallet, entries, truncated: answer.truncated };
    },

    /**
     * `POST /api/v1/migrations/{id}/decline`: tells the portal the holder declined this build in the
     * wallet (its receipt then says so). Best effort: callers ignore a failure.
     */
    declineMigration(id: string): Promise<MigrationResponse> {
      return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}/decline`, migrationResponseSchema, { method: 'POST' });
    },

    /** `GET /api/v1/drainers`: address → label. Names addresses only; what an account allows is read from the chain. */
    async fetchDrainerLabels(): Promise<Map<string, string>> {
      // The list is public and cached for 10 s by the server: the browser's cache may answer.
      const { drainers } = await requestJson('/api/v1/drainers', drainersResponseSchema, { cache: 'default', credentials: 'omit' });
      return new Map(drainers.map((d) => [d.address, d.label]));
    },

    /**
     * The signed deployment manifest at `path` (`MANIFEST_PATH` of lib/release/manifest.ts, passed
     * in so that pages without it do not load that module), unparsed: its only check is its
     * signature under the pinned release key (`verifySignedManifest`), which the caller makes.
     */
    fetchSignedManifest(path: string): Promise<unknown> {
      return requestJson(path, z.unknown(), { credentials: 'omit' });
    },

    /**
     * `getTransaction` through the same-origin RPC proxy (`base64`, `confirmed`): the wire bytes
     * exactly as the chain stored them, or null when the cluster has no such transaction.
     *
     * @throws ApiRequestError | NetworkError | UnexpectedAnswerError as `requestJson`; also
     *   UnexpectedAnswerError when the cluster answered a JSON-RPC error
     */
    async fetchTransactionBySignature(signature: string): Promise<{ bytes: Uint8Array; slot: number; failed: boolean } | null> {
      const answer = await requestJson('/api/v1/rpc', rpcGetTransactionResponseSchema, {
        method: 'POST',
        body: { jsonrpc: '2.0', id: 1, method: 'getTransaction', params: [signature, { encoding: 'base64', commitment: 'confirmed', maxSupportedTransactionVersion: 0 }] },
      });
      if (answer.error) throw new UnexpectedAnswerError(200, `the cluster refused the lookup (${answer.error.code})`, '/api/v1/rpc');
      const result = answer.result;
      if (!result) return null;
      return { bytes: Uint8Array.from(atob(result.transaction[0]), (c) => c.charCodeAt(0)), slot: result.slot, failed: result.meta?.err !== null && result.meta?.err !== undefined };
    },

    /** `POST /api/v1/support/tickets`: the ticket as the form sends it; answers the lookup link once. */
    createSupportTicket(ticket: Record<string, unknown>): Promise<CreatedTicketResponse> {
      return requestJson('/api/v1/support/tickets', createdTicketResponseSchema, { method: 'POST', body: ticket });
    },

    /**
     * `POST /api/v1/deposits {signature}` (DESIGN.md "Deposit and receive"): asks the portal to
     * look for this deposit now. 202 while pending (`finalized: false` until the deposit is final),
     * 200 once settled.
     * @throws as `requestJson` (INVALID_SIGNATURE, DEPOSIT_NOT_FOUND, NOT_A_DEPOSIT, RPC_UNAVAILABLE, RATE_LIMITED)
     */
    nudgeDeposit(signature: string): Promise<DepositResponse> {
      return requestJson('/api/v1/deposits', depositResponseSchema, { method: 'POST', body: { signature } });
    },

    /**
     * `GET /api/v1/deposits/{signature}`: what the portal recorded of this deposit (a read).
     * @throws as `requestJson` (DEPOSIT_NOT_FOUND until it is recorded)
     */
    fetchDeposit(signature: string): Promise<DepositResponse> {
      return requestJson(`/api/v1/deposits/${encodeURIComponent(signature)}`, depositResponseSchema);
    },

    /** `GET /api/v1/support/tickets/{id}` with the ticket's secret in `X-Ticket-Secret` (never in the URL); no cookie is sent. */
    fetchSupportTicket(id: string, secret: string): Promise<HolderTicketResponse> {
      return requestJson(`/api/v1/support/tickets/${encodeURIComponent(id)}`, holderTicketResponseSchema, { headers: { 'x-ticket-secret': secret }, credentials: 'omit' });
    },
  };
}

/** The pages' client: same-origin paths, the global `fetch`. */
const sameOrigin = createApiClient();

export const {
  requestJson,
  fetchEligibility,
  buildMigration,
  submitMigration,
  fetchMigration,
  fetchWalletHistory,
  declineMigration,
  fetchDrainerLabels,
  fetchSignedManifest,
  fetchTransactionBySignature,
  createSupportTicket,
  fetchSupportTicket,
  nudgeDeposit,
  fetchDeposit,
} = sameOrigin;
