/**
 * API errors: one class, one place that maps them to HTTP answers
 * (`{"error": {"code", "message", "details"}}`, DESIGN.md "HTTP API v1").
 */
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';

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
  WALLET_CANNOT_SIGN: 422,
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

/** Turns anything thrown by a handler into the JSON error answer; unknown errors become a 500 without internals. */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    error = new ApiError('BAD_REQUEST', `Invalid request: ${issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join('; ')}`, { issues });
  }
  if (error instanceof ApiError) {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    return NextResponse.json({ error: { code: error.code, message: error.message, details: error.details } }, { status: error.status, headers });
  }
  console.error('[api] unexpected error', error);
  return NextResponse.json(
    { error: { code: 'INTERNAL' as const, message: 'Something went wrong on our side. Nothing was signed or sent; please try again.', details: {} } },
    { status: 500, headers: { 'Cache-Control': 'no-store' } },
  );
}

/** Reads a JSON body of at most `maxBytes`, answering 413/400 instead of throwing raw parser errors. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (new TextEncoder().encode(text).length > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}
