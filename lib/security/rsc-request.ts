/**
 * React Server Component requests with a router state Next cannot read. A client-side navigation
 * fetches the next page as an RSC payload (`RSC: 1`) and sends the router's current state in
 * `Next-Router-State-Tree` (URI-encoded JSON); Next's app renderer parses that header and throws
 * on anything malformed, which becomes a 500 page. The edge refuses such a request first, with a
 * 400, for every page. Edge-safe.
 *
 * The check is Next's own parser (the one its renderer calls), so what is refused here is exactly
 * what the renderer would have failed on, and whatever it accepts passes untouched.
 */
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';
import { ApiError } from '@/lib/http/api-error';

/** The header that makes a page request an RSC request (only the exact value `1` counts, as in Next). */
export const RSC_HEADER = 'rsc';
/** The router state a navigation sends. */
export const ROUTER_STATE_HEADER = 'next-router-state-tree';

/**
 * The error to answer when `headers` make an RSC request whose router state Next's renderer could
 * not parse, else null. Next reads the header only on RSC requests, so on any other request it is
 * ignored here too.
 *
 * @returns ApiError BAD_REQUEST (400, `details.header: "Next-Router-State-Tree"`) or null.
 */
export function routerStateError(headers: Headers): ApiError | null {
  if (headers.get(RSC_HEADER) !== '1') return null;
  const state = headers.get(ROUTER_STATE_HEADER);
  if (state === null) return null;
  try {
    parseAndValidateFlightRouterState(state);
    return null;
  } catch {
    return new ApiError('BAD_REQUEST', 'The page request carries a router state (Next-Router-State-Tree) that cannot be read. Reload the page.', { header: 'Next-Router-State-Tree' });
  }
}
