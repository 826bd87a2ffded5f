/**
 * The browser's client for the public API v1. Every answer is parsed with the shared zod schemas
 * (`@/lib/api/types`); anything else is treated as an error, never as data.
 */
import type { z } from 'zod';
import {
  buildResponseSchema,
  eligibilityResponseSchema,
  errorResponseSchema,
  migrationResponseSchema,
  submitResponseSchema,
  type BuildResponse,
  type EligibilityResponse,
  type MigrationResponse,
  type SubmitResponse,
} from '@/lib/api/types';

/** An error answer of the API (`{"error": {code, message, details}}`). */
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

async function requestJson<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
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
  return requestJson(`/api/v1/eligibility/${encodeURIComponent(wallet)}`, { method: 'GET' }, eligibilityResponseSchema);
}

/** `POST /api/v1/migrations`: `amount` in AI16Z base units. */
export function buildMigration(wallet: string, amount: bigint): Promise<BuildResponse> {
  return requestJson('/api/v1/migrations', { method: 'POST', body: JSON.stringify({ wallet, amount: amount.toString() }) }, buildResponseSchema);
}

/** `POST /api/v1/migrations/{id}/submit`: `transaction` is base64 of the holder-signed wire bytes. */
export function submitMigration(id: string, transaction: string): Promise<SubmitResponse> {
  return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}/submit`, { method: 'POST', body: JSON.stringify({ transaction }) }, submitResponseSchema);
}

/** `GET /api/v1/migrations/{id}` */
export function fetchMigration(id: string): Promise<MigrationResponse> {
  return requestJson(`/api/v1/migrations/${encodeURIComponent(id)}`, { method: 'GET' }, migrationResponseSchema);
}
