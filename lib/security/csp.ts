/**
 * Content-Security-Policy for the portal, and the parsing of the violation reports browsers send
 * back. Pure functions: the edge middleware and the report route call them, unit tests cover them.
 *
 * The page policy is a nonce + 'strict-dynamic' policy: only scripts carrying this response's
 * nonce run, and what they load runs because they loaded it. No host allowlist, so a script
 * injected into the page (or a CDN we never use) cannot run. connect-src is 'self' because the
 * browser only ever talks to our own API and the same-origin RPC proxy (DESIGN.md "RPC"); the
 * wallet-flow pages alone add what Mobile Wallet Adapter needs (lib/security/mwa-styles.ts).
 */
import { z } from 'zod';
import { MWA_CONNECT_SOURCE, MWA_STYLE_ATTRIBUTE_HASHES, MWA_STYLE_ELEMENT_HASHES } from '@/lib/security/mwa-styles';
import { BASE64 } from '@/lib/text/patterns';

/** Where browsers POST violation reports (`report-uri`, and the Reporting API endpoint). */
export const CSP_REPORT_PATH = '/api/v1/csp-report';
/** Name of the Reporting API endpoint (`report-to csp`, `Reporting-Endpoints: csp="…"`). */
export const CSP_REPORT_GROUP = 'csp';
/** Request header that carries the per-request nonce from the middleware to server components. */
export const NONCE_HEADER = 'x-nonce';
/** Largest report body accepted, in bytes; a real report is well under 2 KB. */
export const CSP_REPORT_MAX_BYTES = 8 * 1024;

/** 128 bits: the CSP spec asks for at least that much entropy in a nonce. */
const NONCE_BYTES = 16;

/**
 * A fresh random nonce, base64 of 16 bytes from the Web Crypto CSPRNG (available in the edge
 * runtime, Node 20 and browsers). Call once per response; never reuse one.
 */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export type PagePolicyOptions = {
  /** From {@link createNonce}: base64 only, so it cannot break out of the header value. */
  nonce: string;
  /** `next dev`: modules run through eval() and CSS arrives as <style> elements; never in production. */
  development: boolean;
  /** The page is served over https; see {@link isSecureRequest} for what changes. */
  secure: boolean;
  /**
   * A wallet-flow page (`/migrate`, lib/maintenance/edge.ts `walletFlowKind`), where Android Chrome
   * connects wallet apps over Mobile Wallet Adapter: `connect-src` adds `ws://localhost:*` and
   * `style-src` the hashes of MWA's own dialog styles, nothing else. Every other page keeps
   * `connect-src 'self'`.
   */
  walletFlow?: boolean;
};

/**
 * The Content-Security-Policy of an HTML page (and of the RSC payloads of its navigations).
 *
 * @throws Error when `nonce` is not base64 (a header-injection guard, not an expected case).
 */
export function buildPageCsp({ nonce, development, secure, walletFlow = false }: PagePolicyOptions): string {
  if (!BASE64.test(nonce)) throw new Error('CSP nonce must be base64');
  const mwaStyles = walletFlow && !development ? [...MWA_STYLE_ELEMENT_HASHES, "'unsafe-hashes'", ...MWA_STYLE_ATTRIBUTE_HASHES] : [];
  const directives: string[][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Production: no 'unsafe-inline'. The CSS is a linked stylesheet and nothing renders a style
    // attribute (styles set from JS through the CSSOM, as Next's route announcer does, are not
    // restricted). `next dev` injects the CSS and its overlay as <style> elements without a nonce,
    // and a nonce would make browsers ignore 'unsafe-inline', so dev gets 'unsafe-inline' alone.
    ['style-src', "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`, ...mwaStyles],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(walletFlow ? [MWA_CONNECT_SOURCE] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(secure ? [['upgrade-insecure-requests']] : []),
    // Browsers that know report-to use it and ignore report-uri (Firefox and Safari still need
    // report-uri). Over http Chromium delivers no Reporting API report at all, so there the
    // policy names report-uri alone and violations still arrive.
    ['report-uri', CSP_REPORT_PATH],
    ...(secure ? [['report-to', CSP_REPORT_GROUP]] : []),
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/**
 * The Content-Security-Policy of an API answer: JSON is never a document, so it may load nothing,
 * and nothing may frame it.
 */
export function buildApiCsp(): string {
  return "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

/**
 * Whether a page is served over https (directly, or behind a TLS proxy that says so in
 * `x-forwarded-proto`). Two parts of the policy only make sense there:
 * - `upgrade-insecure-requests` exists for https pages (an http:// subresource is fetched over
 *   https instead of being blocked as mixed content). On a plain-http page it would rewrite our
 *   own same-origin scripts to https://, where nothing listens, and the page would never hydrate
 *   (Chromium 150 exempts loopback hosts, but `npm run demo` opened from another machine is not
 *   loopback);
 * - `report-to` (the Reporting API): Chromium 150 delivers nothing to it over http, and because
 *   report-to is present it skips report-uri too, so over http no violation would be reported.
 * A client lying in `x-forwarded-proto` only changes its own copy of the policy.
 *
 * @param url the request URL as the middleware sees it
 * @param forwardedProto the `x-forwarded-proto` request header, if any
 */
export function isSecureRequest(url: URL, forwardedProto: string | null): boolean {
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https' || url.protocol === 'https:';
}

// ---------------------------------------------------------------------------------------------
// Violation reports
// ---------------------------------------------------------------------------------------------

/** A violation report reduced to what helps find its cause; field values are truncated. */
export type SecurityViolation = {
  kind: 'csp' | 'integrity';
  documentUrl: string | null;
  blockedUrl: string | null;
  /** The CSP directive that blocked the resource, or the destination (`script`) for integrity. */
  directive: string | null;
  disposition: string | null;
  sourceFile: string | null;
  line: number | null;
  column: number | null;
  sample: string | null;
};

export type ParsedReports =
  | { ok: true; violations: SecurityViolation[]; ignored: number }
  | { ok: false; reason: string };

/** Longest string kept from a report field: URLs and samples are attacker-controlled log input. */
const MAX_FIELD = 512;
/** Most reports kept from one body (a Reporting API batch); the size limit bounds it too. */
const MAX_REPORTS = 50;

/**
 * The report schemas, built on first use: the edge middleware imports this module for the policy
 * builders only, and schemas built at import time would pull zod into its bundle for nothing.
 */
function makeSchemas() {
  // `.optional()` first: zod 4 otherwise treats a missing key as an error, and browsers omit fields.
  const text = z.unknown().optional().transform((v) => (typeof v === 'string' && v.length > 0 ? v.slice(0, MAX_FIELD) : null));
  const count = z.unknown().optional().transform((v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null));
  return {
    /** `report-uri` body (`application/csp-report`), CSP Level 2 field names. */
    legacy: z.object({
      'csp-report': z.object({
        'document-uri': text,
        'blocked-uri': text,
        'effective-directive': text,
        'violated-directive': text,
        disposition: text,
        'source-file': text,
        'line-number': count,
        'column-number': count,
        'script-sample': text,
      }),
    }),
    /** A Reporting API batch (`application/reports+json`). */
    batch: z.array(z.unknown()).max(MAX_REPORTS),
    entry: z.object({ type: z.string(), body: z.record(z.string(), z.unknown()) }),
    cspBody: z.object({
      documentURL: text,
      blockedURL: text,
      effectiveDirective: text,
      disposition: text,
      sourceFile: text,
      lineNumber: count,
      columnNumber: count,
      sample: text,
    }),
    integrityBody: z.object({ documentURL: text, blockedURL: text, destination: text, reportOnly: z.unknown() }),
  };
}
let schemas: ReturnType<typeof makeSchemas> | undefined;
function reportSchemas(): ReturnType<typeof makeSchemas> {
  schemas ??= makeSchemas();
  return schemas;
}

/**
 * Parses a violation report body as browsers send it: `application/csp-report` (report-uri) or
 * `application/reports+json` (Reporting API: `csp-violation` and `integrity-violation` entries;
 * other entry types are counted in `ignored`). Never throws: junk gives `{ ok: false }`.
 *
 * @param contentType the request's Content-Type header (parameters are ignored)
 * @param body the raw body, already size-limited by the caller
 */
export function parseSecurityReports(contentType: string | null, body: string): ParsedReports {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/csp-report' && mediaType !== 'application/reports+json') {
    return { ok: false, reason: 'Content-Type must be application/csp-report or application/reports+json.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'The body is not valid JSON.' };
  }
  if (mediaType === 'application/csp-report') {
    const parsed = reportSchemas().legacy.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'The body is not a csp-report object.' };
    const r = parsed.data['csp-report'];
    return {
      ok: true,
      ignored: 0,
      violations: [
        {
          kind: 'csp',
          documentUrl: r['document-uri'],
          blockedUrl: r['blocked-uri'],
          directive: r['effective-directive'] ?? r['violated-directive'],
          disposition: r.disposition,
          sourceFile: r['source-file'],
          line: r['line-number'],
          column: r['column-number'],
          sample: r['script-sample'],
        },
      ],
    };
  }
  const batch = reportSchemas().batch.safeParse(json);
  if (!batch.success) return { ok: false, reason: `The body is not an array of at most ${MAX_REPORTS} reports.` };
  const violations: SecurityViolation[] = [];
  let ignored = 0;
  for (const item of batch.data) {
    const violation = reportingEntryToViolation(item);
    if (violation) violations.push(violation);
    else ignored += 1;
  }
  return { ok: true, violations, ignored };
}

function reportingEntryToViolation(item: unknown): SecurityViolation | null {
  const { entry: entrySchema, cspBody, integrityBody } = reportSchemas();
  const entry = entrySchema.safeParse(item);
  if (!entry.success) return null;
  if (entry.data.type === 'csp-violation') {
    const b = cspBody.safeParse(entry.data.body);
    if (!b.success) return null;
    return {
      kind: 'csp',
      documentUrl: b.data.documentURL,
      blockedUrl: b.data.blockedURL,
      directive: b.data.effectiveDirective,
      disposition: b.data.disposition,
      sourceFile: b.data.sourceFile,
      line: b.data.lineNumber,
      column: b.data.columnNumber,
      sample: b.data.sample,
    };
  }
  if (entry.data.type === 'integrity-violation') {
    const b = integrityBody.safeParse(entry.data.body);
    if (!b.success) return null;
    return {
      kind: 'integrity',
      documentUrl: b.data.documentURL,
      blockedUrl: b.data.blockedURL,
      directive: b.data.destination,
      disposition: b.data.reportOnly === true ? 'report' : 'enforce',
      sourceFile: null,
      line: null,
      column: null,
      sample: null,
    };
  }
  return null;
}

/** One log line for a violation: a single JSON object, so log search can filter on its fields. */
export function violationLogLine(violation: SecurityViolation): string {
  return JSON.stringify({ event: 'security-violation', ...violation });
}

/**
 * Reads a request body as UTF-8 text, stopping as soon as it exceeds `maxBytes`, so an oversized
 * or endless body costs at most `maxBytes` of memory (Content-Length may be absent or false).
 *
 * @returns the text, or `null` when the body is larger than `maxBytes`
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
