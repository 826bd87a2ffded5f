import type { ServerResponse } from 'node:http';
import { unprefixedPath } from '@/lib/i18n/routing';

/**
 * The canonical pages a holder reads during an incident, sent without any script: the home page,
 * the status page and its history, the FAQ, the Ledger guide and the security page, in every
 * locale (`/status`, `/ko/status`, `/en/status`), each with its page file. Each is a server
 * component with no client component; its links are plain `<a>` and its language switcher a
 * plain link, so Next's client runtime (about 106 kB compressed: React, the router, the page's
 * flight data) would only hydrate markup that never changes. Without it the page is a third of
 * the bytes, runs nothing on the reader's phone, and no script (injected or ours) can run on it.
 *
 * A page added here must not render a client component; `script-free-pages.test.ts` walks each
 * page file's imports and fails if one does.
 */
export const SCRIPT_FREE_PAGES: Readonly<Record<string, string>> = {
  '/': 'app/[locale]/page.tsx',
  '/status': 'app/[locale]/status/page.tsx',
  '/faq': 'app/[locale]/faq/page.tsx',
  '/guides/ledger': 'app/[locale]/guides/ledger/page.tsx',
  '/security': 'app/[locale]/security/page.tsx',
};

/**
 * Whether a request is for a script-free page: GET, and a path that is exactly one of
 * SCRIPT_FREE_PAGES with or without a locale segment (`/status`, `/ko/status`, `/en/status`, any
 * query). Any other spelling (`//status`, `/%73tatus`, `/status/`) is `false`: its page, if Next
 * serves one, keeps its scripts. Only a 200 HTML answer is changed (sendWithoutScripts).
 * @param url the request target as received, e.g. `/ko/status?x=1`.
 */
export function isScriptFreePageRequest(method: string | undefined, url: string | undefined): boolean {
  if (method !== 'GET' || url === undefined) return false;
  const pathname = url.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return false;
  return Object.hasOwn(SCRIPT_FREE_PAGES, unprefixedPath(pathname));
}

/** A whole <script> element; its content cannot hold `</script>` (see removeScripts). */
const SCRIPT_ELEMENT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
/** `<link rel="preload" as="script" …>` (and modulepreload): a fetch for a script that will not come. */
const SCRIPT_PRELOAD = /<link\b[^>]*\b(?:as="script"|rel="modulepreload")[^>]*>/gi;

/**
 * A React-rendered HTML document without its scripts: every `<script>` element (Next's runtime
 * chunks, the polyfills, the inline flight data `self.__next_f.push(…)`) and every script preload.
 * Sound on React's output only: React escapes `<` and `>` in text and attribute values, and Next
 * escapes `<` inside its inline scripts as `\u003c`, so the text `<script` can only open a real
 * element and `</script>` only close one.
 * @returns the document without scripts, or `null` when a `<script` is still there afterwards
 *   (markup this function does not understand: the caller sends the page as it was).
 */
export function removeScripts(html: string): string | null {
  const stripped = html.replace(SCRIPT_ELEMENT, '').replace(SCRIPT_PRELOAD, '');
  return /<script\b/i.test(stripped) ? null : stripped;
}

/**
 * Makes `res` send the page Next renders into it without its scripts (removeScripts). Call it
 * before Next's handler, after any compression middleware: the body is held until Next ends the
 * response, then a 200 text/html answer goes out stripped through the middleware below (which
 * compresses it and sets the length). Any other answer (a redirect, a 404, an error page, one
 * whose headers Next already sent or whose length it fixed) goes out exactly as Next wrote it, as
 * does a document removeScripts does not understand (and that is logged). The pages are small
 * (tens of kB) and render whole (no streaming Suspense), so holding them costs nothing a reader sees.
 * @param onUnexpected called with the reason when a page had to be sent with its scripts.
 */
export function sendWithoutScripts(res: ServerResponse, onUnexpected: (detail: string) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (chunk?: string, encoding?: BufferEncoding, callback?: () => void) => ServerResponse;
  // Next flushes the headers before its first chunk; they go out with the whole body instead.
  res.flushHeaders = () => undefined;
  res.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void) => {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    const done = typeof encoding === 'function' ? encoding : callback;
    done?.(null);
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    const callback = args.find((a): a is () => void => typeof a === 'function');
    const last = args[0];
    if (typeof last === 'string' || last instanceof Uint8Array) chunks.push(typeof last === 'string' ? Buffer.from(last, typeof args[1] === 'string' ? (args[1] as BufferEncoding) : 'utf8') : Buffer.from(last));
    const body = Buffer.concat(chunks);
    const contentType = String(res.getHeader('content-type') ?? '');
    const transformable = res.statusCode === 200 && contentType.startsWith('text/html') && !res.headersSent && res.getHeader('content-length') === undefined;
    const stripped = transformable ? removeScripts(body.toString('utf8')) : null;
    if (transformable && stripped === null) onUnexpected('a <script> the remover does not understand is left: the page is sent with its scripts');
    if (stripped === null) {
      if (body.length > 0) write(body);
      return end(undefined, undefined, callback);
    }
    return end(stripped, 'utf8', callback);
  }) as ServerResponse['end'];
}
