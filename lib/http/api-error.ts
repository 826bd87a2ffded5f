/**
 * The API error and its JSON body (`{"error": {"code", "message", "details"}}`, DESIGN.md
 * "HTTP API v1"), importing nothing: the edge middleware, server.ts (before Next is loaded) and the
 * route handlers answer in the very same shape. The answer as a `NextResponse` is
 * lib/http/api-error-response.ts; route handlers use lib/http/errors.ts, which adds zod errors and
 * unexpected ones on top.
 */

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_WALLET: 400,
  INVALID_AMOUNT: 400,
  INVALID_TRANSACTION: 400,
  INVALID_SIGNATURE: 400,
  SEED_PHRASE_REFUSED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_IN_SNAPSHOT: 403,
  NOT_FOUND: 404,
  DEPOSIT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ALLOCATION_EXHAUSTED: 409,
  AMOUNT_EXCEEDS_REMAINING: 409,
  INSUFFICIENT_BALANCE: 409,
  INSUFFICIENT_SOL: 409,
  MIGRATION_EXPIRED: 409,
  MIGRATION_FAILED: 409,
  MIGRATION_STATE: 409,
  CONFLICT: 409,
  POLICY_VIOLATION: 422,
  SIGNATURE_INVALID: 422,
  WALLET_CANNOT_SIGN: 422,
  NOT_A_DEPOSIT: 422,
  RATE_LIMITED: 429,
  MAINTENANCE: 503,
  WINDOW_NOT_OPEN: 503,
  WINDOW_CLOSED: 503,
  RPC_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  MANIFEST_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error a handler answers with; `message` is shown to the holder, so it says what to do. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details: Record<string, unknown> } };

/** The JSON body of `error`, `{"error": {"code", "message", "details"}}`. */
export function errorBody(error: ApiError): ErrorBody {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

/** The headers of the answer to `error`: `Cache-Control: no-store`, and `Retry-After` in whole seconds (rounded up, at least 1) when it has one. */
export function errorHeaders(error: ApiError): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return headers;
}
