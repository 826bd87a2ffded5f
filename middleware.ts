import { type NextRequest, NextResponse } from 'next/server';
import { buildPageCsp, createNonce, isSecureRequest, NONCE_HEADER } from '@/lib/security/csp';
import { apiSecurityHeaders, type HeaderEntry, isApiPath, pageSecurityHeaders } from '@/lib/security/headers';

// NODE_ENV is inlined by Next at build time; the policies differ only for `next dev`.
const DEVELOPMENT = process.env.NODE_ENV === 'development';

/**
 * Edge middleware: a fresh CSP nonce and the security headers on every page and API answer.
 * The policies themselves are built in lib/security (pure, unit-tested); this only wires them.
 */
export function middleware(request: NextRequest): NextResponse {
  // API answers and /.well-known/ documents (the signed manifest): API headers, no nonce, no locale.
  if (isApiPath(request.nextUrl.pathname)) {
    return withHeaders(NextResponse.next(), apiSecurityHeaders());
  }
  const nonce = createNonce();
  const secure = isSecureRequest(request.nextUrl, request.headers.get('x-forwarded-proto'));
  const csp = buildPageCsp({ nonce, development: DEVELOPMENT, secure });
  // Next reads the nonce for its own <script> tags from the CSP *request* header; x-nonce is for
  // our server components. Both overwrite whatever the client sent under those names.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  return withHeaders(response, pageSecurityHeaders({ csp, enforceScriptIntegrity: !DEVELOPMENT, secure }));
}

function withHeaders(response: NextResponse, headers: readonly HeaderEntry[]): NextResponse {
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

export const config = {
  // Skip static files: hashed assets carry their own immutable caching and need no per-request work.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
