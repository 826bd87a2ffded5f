/**
 * The API error and its HTTP answer (`{"error": {"code", "message", "details"}}`, DESIGN.md
 * "HTTP API v1"), without zod or any Node API, so the edge middleware answers in the very shape
 * the route handlers do. Route handlers use lib/http/errors.ts, which adds zod errors and
 * unexpected ones on top of this.
 */
import { NextResponse } from 'next/server';

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_WALLET: 400,
  INVALID_AMOUNT: 400,
  INVALID_TRANSACTION: 400,
  SEED_PHRASE_REFUSED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_IN_SNAPSHOT: 403,
  NOT_FOUND: 404,
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
  RATE_LIMITED: 429,
  MAINTENANCE: 503,
  WINDOW_NOT_OPEN: 503,
  WINDOW_CLOSED: 503,
  RPC_UNAVAILABLE: 503,
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

/**
 * The JSON answer of `error`: its status, `Cache-Control: no-store`, and `Retry-After` in whole
 * seconds (rounded up, at least 1) when the error has one.
 */
export function apiErrorResponse(error: ApiError): NextResponse<ErrorBody> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return NextResponse.json({ error: { code: error.code, message: error.message, details: error.details } }, { status: error.status, headers });
}
