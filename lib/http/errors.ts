/**
 * API errors: one class, one place that maps them to HTTP answers
 * (`{"error": {"code", "message", "details"}}`, DESIGN.md "HTTP API v1"). The class and its answer
 * live in lib/http/api-error.ts and lib/http/api-error-response.ts (edge-safe, for the middleware
 * and server.ts); this adds what route handlers
 * also meet: zod errors (400) and anything unexpected (500, without internals).
 */
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { ApiError, type ErrorBody } from '@/lib/http/api-error';
import { apiErrorResponse } from '@/lib/http/api-error-response';
import { isDatabaseUnavailable } from '@/lib/db/errors';
import { errorMessage, log } from '@/lib/observability/log';

export { ApiError, ERROR_STATUS, type ErrorBody, type ErrorCode } from '@/lib/http/api-error';
export { apiErrorResponse } from '@/lib/http/api-error-response';

/** Turns anything thrown by a handler into the JSON error answer; unknown errors become a 500 without internals. */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    error = new ApiError('BAD_REQUEST', `Invalid request: ${issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join('; ')}`, { issues });
  }
  if (error instanceof ApiError) return apiErrorResponse(error);
  if (isDatabaseUnavailable(error)) {
    log('api').warn({ event: 'api.database_unavailable', error: errorMessage(error) }, 'the database is unreachable: answered 503');
    return apiErrorResponse(databaseUnavailable());
  }
  log('api').error({ event: 'api.unexpected_error', error: errorMessage(error), stack: error instanceof Error ? error.stack : undefined }, 'unexpected error (answered 500)');
  return NextResponse.json(
    { error: { code: 'INTERNAL' as const, message: 'Something went wrong on our side. Nothing was signed or sent; please try again.', details: {} } },
    { status: 500, headers: { 'Cache-Control': 'no-store' } },
  );
}

/** The 503 of a request that needs the database while it cannot be reached: nothing was written. */
export function databaseUnavailable(): ApiError {
  return new ApiError(
    'DATABASE_UNAVAILABLE',
    'The portal cannot reach its database right now. Nothing was saved, signed or sent. Try again in a few minutes; the status page shows the latest known updates meanwhile.',
    { status: '/status' },
    30,
  );
}

/**
 * How deeply arrays and objects may nest in a JSON request body: no body of this API nests deeper
 * than 6 (a batched RPC call with a simulateTransaction config), and a 16 KB body could nest 8,000
 * deep, deep enough to overflow the stack of any code that walks it recursively.
 */
export const JSON_MAX_DEPTH = 32;

/** Whether arrays and objects in `value` nest deeper than `limit` levels (iterative: no recursion on client input). */
export function jsonNestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Reads a JSON body of at most `maxBytes`, nesting at most {@link JSON_MAX_DEPTH} deep, answering
 * 413/400 instead of throwing raw parser errors.
 *
 * @throws ApiError PAYLOAD_TOO_LARGE (413), BAD_REQUEST (400: not JSON, or nested too deep with `details: {reason: 'NESTING_TOO_DEEP', maxDepth}`)
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (new TextEncoder().encode(text).length > maxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
  if (jsonNestsDeeperThan(body, JSON_MAX_DEPTH)) {
    throw new ApiError('BAD_REQUEST', `The request body nests arrays and objects deeper than ${JSON_MAX_DEPTH} levels.`, { reason: 'NESTING_TOO_DEEP', maxDepth: JSON_MAX_DEPTH });
  }
  return body;
}
