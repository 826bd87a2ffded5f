/**
 * Security headers of every page and API answer, as pure functions the edge middleware applies.
 * Hashed static assets (`/_next/static`) are not routed through the middleware and keep Next's
 * `public, max-age=31536000, immutable`.
 */
import { buildApiCsp, CSP_REPORT_GROUP, CSP_REPORT_PATH } from '@/lib/security/csp';

/** A response header as [name, value]; names in their canonical case. */
export type HeaderEntry = readonly [name: string, value: string];

/**
 * Powerful features the portal never uses, denied to this origin and to anything it could embed.
 * Only features Chromium recognises are listed: an unknown name costs a console message per page
 * (Chromium 150 does not know `bluetooth`, so Web Bluetooth keeps its default: this origin, after
 * a user prompt).
 */
const DENIED_FEATURES = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'gamepad',
  'geolocation',
  'gyroscope',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'xr-spatial-tracking',
] as const;

/**
 * WebHID and WebUSB stay on for this origin only: the Ledger adapter talks to the device through
 * them (Ledger users were the ones who could not sign, DESIGN.md). The features listed are off;
 * unlisted ones (clipboard, fullscreen…) keep their defaults.
 */
export const PERMISSIONS_POLICY = ['hid=(self)', 'usb=(self)', ...DENIED_FEATURES.map((f) => `${f}=()`)].join(', ');

/** Two years with subdomains and `preload`: hstspreload.org's recommended value (it needs >= 1 year). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains; preload';

/**
 * Answers that depend on the request (live figures, eligibility, migrations) must never be
 * stored by a browser or a shared cache: a cached answer could show a stale state or another
 * holder's data.
 */
export const NO_STORE = 'no-store, max-age=0';

/** Headers both pages and API answers carry. */
function commonHeaders(cacheControl: string = NO_STORE): HeaderEntry[] {
  return [
    ['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    // Wallet extensions inject into the page; no window we open needs a handle back to us.
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    // For browsers without CSP frame-ancestors; both say "never in a frame" (clickjacking a signer).
    ['X-Frame-Options', 'DENY'],
    ['Cache-Control', cacheControl],
  ];
}

export type PageHeaderOptions = {
  /** The page's Content-Security-Policy, from `buildPageCsp`. */
  csp: string;
  /**
   * Send `Integrity-Policy: blocked-destinations=(script)`: the browser refuses any script
   * fetched without an `integrity` attribute. Only correct while the build gives every script one
   * (build/sri-plugin.ts); off in `next dev`, whose chunks carry none.
   */
  enforceScriptIntegrity: boolean;
  /** Served over https: only then is the Reporting API endpoint declared (see `isSecureRequest`). */
  secure: boolean;
};

/** Every security header of an HTML page (and of its RSC navigation payloads). */
export function pageSecurityHeaders({ csp, enforceScriptIntegrity, secure }: PageHeaderOptions): HeaderEntry[] {
  const headers: HeaderEntry[] = [['Content-Security-Policy', csp]];
  if (secure) headers.push(['Reporting-Endpoints', `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`]);
  if (enforceScriptIntegrity) {
    headers.push(['Integrity-Policy', secure ? `blocked-destinations=(script), endpoints=(${CSP_REPORT_GROUP})` : 'blocked-destinations=(script)']);
  }
  return [...headers, ...commonHeaders()];
}

/**
 * Every security header of an API answer (JSON, never rendered as a document). `publicCache`
 * for the few answers that are the same for everyone ({@link isPublicCacheablePath}).
 */
export function apiSecurityHeaders(options: { publicCache?: boolean } = {}): HeaderEntry[] {
  return [['Content-Security-Policy', buildApiCsp()], ...commonHeaders(options.publicCache ? PUBLIC_STATUS_CACHE_CONTROL : NO_STORE)];
}

/**
 * Whether a path is answered by a route handler rather than a page: the API, and the documents
 * under `/.well-known/` (the signed deployment manifest). These get the API headers, no nonce, and
 * must stay outside locale routing.
 */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/.well-known/');
}

/**
 * Paths search engines must not index (`X-Robots-Tag: noindex, nofollow`): the ops console and its
 * API, support tickets (their links carry a secret) and the maintenance page.
 */
export function isNoIndexPath(pathname: string): boolean {
  return /^\/(ops|api\/v1\/ops|api\/internal)(\/|$)/.test(pathname) || /^(\/[A-Za-z-]{2,10})?\/(support\/tickets|maintenance)(\/|$)/.test(pathname);
}

/**
 * The public status JSON and feed: the same for everyone, so browsers and shared caches may keep
 * them briefly (a flip of the kill switch still reaches readers within ~15 s).
 */
export const PUBLIC_STATUS_CACHE_CONTROL = 'public, max-age=10, s-maxage=10, stale-while-revalidate=5';

/** Paths whose answers may be cached publicly ({@link PUBLIC_STATUS_CACHE_CONTROL}); every other answer is no-store. */
export function isPublicCacheablePath(pathname: string): boolean {
  return pathname === '/api/v1/status' || pathname === '/api/v1/status/incidents.atom';
}
