/**
 * React Server Component requests with a router state Next cannot read. A client-side navigation
 * fetches the next page as an RSC payload (`RSC: 1`) and sends the router's current state in
 * `Next-Router-State-Tree` (URI-encoded JSON); Next's app renderer parses that header and throws
 * on anything malformed, which becomes a 500 page. The production server (server.ts) refuses such
 * a request first, with a 400, for every page: the middleware cannot, because Next removes these
 * headers from the request it hands the middleware (next/dist/server/web/adapter.js strips
 * `FLIGHT_HEADERS`) and puts them back only after it.
 *
 * The check is Next's own parser (the one its renderer calls), so what is refused here is exactly
 * what the renderer would have failed on, and whatever it accepts passes untouched.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';
import { ApiError, errorBody, errorHeaders } from '@/lib/http/api-error';
import { apiSecurityHeaders } from '@/lib/security/headers';

/** The header that makes a page request an RSC request (only the exact value `1` counts, as in Next). */
export const RSC_HEADER = 'rsc';
/** The router state a navigation sends. */
export const ROUTER_STATE_HEADER = 'next-router-state-tree';

/**
 * The error to answer for a request with these `RSC` and `Next-Router-State-Tree` header values
 * when it is an RSC request whose router state Next's renderer could not parse, else null. Next
 * reads the router state only on RSC requests, so on any other request it is ignored here too.
 *
 * @returns ApiError BAD_REQUEST (400, `details.header: "Next-Router-State-Tree"`) or null.
 */
export function routerStateError(rsc: string | string[] | null | undefined, state: string | string[] | null | undefined): ApiError | null {
  if (rsc !== '1' || state === null || state === undefined) return null;
  try {
    parseAndValidateFlightRouterState(state);
    return null;
  } catch {
    return new ApiError('BAD_REQUEST', 'The page request carries a router state (Next-Router-State-Tree) that cannot be read. Reload the page.', { header: 'Next-Router-State-Tree' });
  }
}

/**
 * For server.ts, before Next sees the request: answers an RSC request whose router state Next could
 * not parse with 400 BAD_REQUEST (the API error shape and the API security headers).
 *
 * @returns true when it answered (the caller must not hand the request on).
 */
export function refuseUnreadableRouterState(req: IncomingMessage, res: ServerResponse): boolean {
  const error = routerStateError(req.headers[RSC_HEADER], req.headers[ROUTER_STATE_HEADER]);
  if (!error) return false;
  res.writeHead(error.status, { ...errorHeaders(error), ...Object.fromEntries(apiSecurityHeaders()), 'Content-Type': 'application/json' });
  res.end(JSON.stringify(errorBody(error)));
  return true;
}
