/**
 * An {@link ApiError} as the HTTP answer of a route handler or of the edge middleware (edge-safe:
 * no zod, no Node API).
 */
import { NextResponse } from 'next/server';
import { type ApiError, errorBody, type ErrorBody, errorHeaders } from '@/lib/http/api-error';

/** The JSON answer of `error`: its status, its body, and {@link errorHeaders}. */
export function apiErrorResponse(error: ApiError): NextResponse<ErrorBody> {
  return NextResponse.json(errorBody(error), { status: error.status, headers: errorHeaders(error) });
}
