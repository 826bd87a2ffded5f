/**
 * The ops console's calls to the ops API (`/api/v1/ops/…`, DESIGN.md "HTTP API v1"), on the one
 * browser client (`requestJson`, lib/api/client.ts): same errors, answers zod-checked. The session
 * rides in its `__Host-` cookie; state-changing calls are same-origin (the server checks `Origin`).
 */
import { z } from 'zod';
import { requestJson } from '@/lib/api/client';
import { opsMigrationsResponseSchema, opsSessionResponseSchema, opsSignInChallengeSchema, type OpsMigrationsResponse, type OpsSessionResponse, type OpsSignInChallenge } from '@/lib/api/types';

const OPS_API = '/api/v1/ops/';

/** `POST /api/v1/ops/auth/nonce`: a single-use Sign-In-With-Solana challenge for `wallet`. */
export function requestOpsSignInChallenge(wallet: string): Promise<OpsSignInChallenge> {
  return requestJson('/api/v1/ops/auth/nonce', opsSignInChallengeSchema, { method: 'POST', body: { wallet } });
}

/** `POST /api/v1/ops/auth/verify`: the signed challenge (message or memo transaction); sets the session cookie. */
export function verifyOpsSignIn(proof: Record<string, string>): Promise<OpsSessionResponse> {
  return requestJson('/api/v1/ops/auth/verify', opsSessionResponseSchema, { method: 'POST', body: proof });
}

/** `GET /api/v1/ops/session`: counts as activity (the idle limit slides) and says when the session ends. */
export function fetchOpsSession(): Promise<OpsSessionResponse> {
  return requestJson('/api/v1/ops/session', opsSessionResponseSchema);
}

/** `GET /api/v1/ops/migrations?q=` by wallet, signature or migration id. */
export function searchOpsMigrations(query: string): Promise<OpsMigrationsResponse> {
  return requestJson(`/api/v1/ops/migrations?q=${encodeURIComponent(query)}`, opsMigrationsResponseSchema);
}

/** `POST /api/v1/ops/migrations/reconcile` for one migration: its state read from the chain now. */
export function reconcileOpsMigration(id: string): Promise<OpsMigrationsResponse> {
  return requestJson('/api/v1/ops/migrations/reconcile', opsMigrationsResponseSchema, { method: 'POST', body: { id } });
}

/**
 * One console action (maintenance, incidents, exchanges, drainers, tickets, sign-out): `path` must
 * be under `/api/v1/ops/`. The answer's content is not used (the page refreshes from the server).
 */
export async function sendOpsAction(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: Record<string, unknown>): Promise<unknown> {
  if (!path.startsWith(OPS_API)) throw new Error(`not an ops API path: ${path}`);
  return requestJson(path, z.unknown(), { method, body });
}
