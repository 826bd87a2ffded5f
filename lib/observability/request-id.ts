/**
 * The request id (README "Logs"), edge-safe (no imports): server.ts stamps one on every request
 * (a trusted proxy's, else a fresh UUID), the middleware keeps it (or makes one under `next dev`)
 * and returns it as the `x-request-id` response header; every server log line carries it.
 */

/** Response and request header carrying the request id. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id from a header: kept when it is a plain token (8–64 of A–Z a–z 0–9 - _ .), else null (log lines must not carry what a client typed). */
export function acceptableRequestId(value: string | string[] | null | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(v) ? v : null;
}
