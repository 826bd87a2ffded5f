import { NextRequest, NextResponse } from 'next/server';
import createIntlMiddleware from 'next-intl/middleware';
import { deployKillSwitchOn, maintenanceFlagUrl } from '@/lib/config/edge';
import { apiErrorResponse } from '@/lib/http/api-error-response';
import { LOCALE_COOKIE, localeSwitchRedirect, PATHNAME_HEADER, routing } from '@/lib/i18n/routing';
import {
  createFlagReader,
  isUnanswered,
  MAINTENANCE_RETRY_AFTER_S,
  MAINTENANCE_SOURCE_HEADER,
  maintenanceError,
  type MaintenanceJson,
  maintenancePagePath,
  walletFlowKind,
} from '@/lib/maintenance/edge';
import { acceptableRequestId, REQUEST_ID_HEADER } from '@/lib/observability/request-id';
import { buildPageCsp, createNonce, isSecureRequest, NONCE_HEADER } from '@/lib/security/csp';
import { apiSecurityHeaders, type HeaderEntry, isApiPath, isNoIndexPath, isPublicCacheablePath, pageSecurityHeaders } from '@/lib/security/headers';

// NODE_ENV is inlined by Next at build time; the policies differ only for `next dev`.
const DEVELOPMENT = process.env.NODE_ENV === 'development';

// Module-level: one cached flag per middleware instance (TTL ≤ 500 ms, lib/maintenance/edge.ts).
const maintenanceFlag = createFlagReader({
  url: maintenanceFlagUrl(),
  deployOn: deployKillSwitchOn(),
  // The edge cannot run pino: one JSON line in the same shape (lib/observability/log.ts).
  onUnreadable: (why) =>
    console.warn(
      JSON.stringify({
        level: 'warn',
        time: new Date().toISOString(),
        component: 'middleware',
        event: 'maintenance.flag_unreadable',
        reason: why,
        msg: `the flag could not be read; /migrate is closed until it can${why.startsWith('no answer') ? ', the API defers to its handlers' : ''}`,
      }),
    ),
});

// next-intl: `/…` is English, `/ko/…` Korean; an unprefixed visit is negotiated from the
// NEXT_LOCALE cookie (set by the switcher only), then Accept-Language. Rewrites `/x` to `/en/x` internally.
const intlMiddleware = createIntlMiddleware(routing);

/**
 * Paths outside locale routing: the English-only ops console (app/ops), and files served from the
 * app root (`/icon.svg`: a file name ends in an extension, a page path never does), which a
 * locale rewrite would turn into a 404.
 */
function isOutsideLocales(pathname: string): boolean {
  return pathname === '/ops' || pathname.startsWith('/ops/') || /\/[^/]+\.[A-Za-z0-9]+$/.test(pathname);
}

/**
 * Edge middleware: the maintenance kill switch on the wallet flow, then a fresh CSP nonce and the
 * security headers on every page and API answer, then locale routing (next-intl) for the public
 * pages. The policies themselves are built in lib/security and lib/maintenance
 * (pure, unit-tested); this only wires them.
 */
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  const noIndex = isNoIndexPath(pathname);
  // server.ts stamped it (a client's own was replaced); under `next dev` the middleware makes one.
  const requestId = acceptableRequestId(request.headers.get(REQUEST_ID_HEADER)) ?? crypto.randomUUID();

  // API answers and /.well-known/ documents (the signed manifest): API headers, no nonce, no locale.
  if (isApiPath(pathname)) {
    const flow = walletFlowKind(pathname, request.method);
    const maintenance = flow ? await maintenanceFlag.read() : null;
    const response =
      // A flag read that only timed out defers to the handlers, which check the flag in the database (see UNANSWERED).
      flow === 'api' && maintenance?.on && !isUnanswered(maintenance) ? apiErrorResponse(maintenanceError(maintenance, 'edge')) : NextResponse.next({ request: { headers: withRequestId(request.headers, requestId) } });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return withHeaders(response, apiSecurityHeaders({ publicCache: isPublicCacheablePath(pathname) && !flow }), noIndex);
  }
  const nonce = createNonce();
  const secure = isSecureRequest(request.nextUrl, request.headers.get('x-forwarded-proto'));
  // The wallet-flow pages (`/migrate`) alone let Mobile Wallet Adapter reach the wallet app on this phone.
  const csp = buildPageCsp({ nonce, development: DEVELOPMENT, secure, walletFlow: walletFlowKind(pathname, request.method) === 'page' });
  // Next reads the nonce for its own <script> tags from the CSP *request* header; x-nonce is for
  // our server components. Both overwrite whatever the client sent under those names.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.delete(MAINTENANCE_SOURCE_HEADER);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  // The address asked for, before any rewrite (the language switcher links to it in each locale).
  requestHeaders.set(PATHNAME_HEADER, pathname);
  const headers: HeaderEntry[] = [...pageSecurityHeaders({ csp, enforceScriptIntegrity: !DEVELOPMENT, secure }), [REQUEST_ID_HEADER, requestId]];
  // A language switch (the switcher's link): remember it, and send the reader to the clean address.
  const switched = isOutsideLocales(pathname) ? null : localeSwitchRedirect(pathname, request.nextUrl.search);
  if (switched) {
    const response = NextResponse.redirect(new URL(switched.location, request.url), 303);
    response.cookies.set({ ...LOCALE_COOKIE, value: switched.locale });
    return withHeaders(response, headers, noIndex);
  }
  // next-intl copies the request's headers into its rewrite/next answer: hand it the ones carrying the nonce.
  const localized = isOutsideLocales(pathname)
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : withoutLocaleCookie(intlMiddleware(new NextRequest(request, { headers: requestHeaders })));
  // Every wallet-flow path passes the maintenance gate, inside the locale tree or not, however it is
  // spelled: the gate matches the path as sent, as decoded, and as next-intl rewrote it (the page
  // Next serves). The locale's redirect comes first (/en/migrate → /migrate, /migrate → /ko/migrate
  // for a Korean reader), so the maintenance page is in the reader's language and a language switch
  // made on it is remembered.
  const rewrittenTo = rewriteTarget(localized);
  const flow = walletFlowKind(pathname, request.method, rewrittenTo);
  if (flow === 'page' && !localized.headers.has('location')) {
    const maintenance = await maintenanceFlag.read();
    if (maintenance.on) return maintenancePage(request, rewrittenTo ?? pathname, requestHeaders, maintenance, headers, localized);
  }
  return withHeaders(localized, headers, noIndex);
}

function withRequestId(headers: Headers, requestId: string): Headers {
  const copy = new Headers(headers);
  copy.set(REQUEST_ID_HEADER, requestId);
  return copy;
}

/**
 * next-intl's answer without the locale cookie it writes on a visit to a prefixed page: only a
 * switch (above) changes the language remembered for unprefixed addresses (lib/i18n/routing.ts
 * LOCALE_SWITCH_PARAM), so an English reader who opens a shared `/ko/…` link stays English.
 */
function withoutLocaleCookie(response: NextResponse): NextResponse {
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((c) => c.startsWith(`${LOCALE_COOKIE.name}=`))) return response;
  response.headers.delete('set-cookie');
  for (const cookie of cookies) if (!cookie.startsWith(`${LOCALE_COOKIE.name}=`)) response.headers.append('set-cookie', cookie);
  return response;
}

/** The path a middleware answer rewrites the request to (`NextResponse.rewrite` sets `x-middleware-rewrite`), if any. */
function rewriteTarget(response: NextResponse): string | null {
  const target = response.headers.get('x-middleware-rewrite');
  if (!target) return null;
  try {
    return new URL(target).pathname;
  } catch {
    return null;
  }
}

/**
 * The wallet-flow page while stopped: the maintenance page of the routed path's locale, rendered in
 * place with HTTP 503, with the locale cookie next-intl's answer (`localized`) set, if any.
 */
function maintenancePage(request: NextRequest, routedPath: string, requestHeaders: Headers, state: MaintenanceJson, headers: readonly HeaderEntry[], localized: NextResponse): NextResponse {
  requestHeaders.set(MAINTENANCE_SOURCE_HEADER, state.source ?? 'unreadable');
  const target = new URL(maintenancePagePath(routedPath), request.url);
  const response = NextResponse.rewrite(target, { request: { headers: requestHeaders }, status: 503 });
  response.headers.set('Retry-After', String(MAINTENANCE_RETRY_AFTER_S));
  for (const cookie of localized.headers.getSetCookie()) response.headers.append('set-cookie', cookie);
  return withHeaders(response, headers, true);
}

function withHeaders(response: NextResponse, headers: readonly HeaderEntry[], noIndex: boolean): NextResponse {
  for (const [name, value] of headers) response.headers.set(name, value);
  if (noIndex) response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  return response;
}

export const config = {
  // Skip static files: hashed assets carry their own immutable caching and need no per-request work.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
