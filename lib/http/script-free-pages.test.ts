import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import compression from 'compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScriptFreePageRequest, removeScripts, SCRIPT_FREE_PAGES, sendWithoutScripts } from '@/lib/http/script-free-pages';

const ROOT = path.resolve(__dirname, '..', '..');

/** Text enough to be worth compressing (compression's threshold is 1 kB). */
const ANSWERS = `<p>${'One AI16Z migrates to six ELIZAOS. '.repeat(60)}</p>`;
/** The shape of a page as Next and React write it: preloads, runtime chunks, inline flight data. */
const NEXT_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/css/a.css" crossorigin="anonymous" nonce="n0" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" nonce="n0" href="/_next/static/chunks/webpack-1.js" integrity="sha384-x" crossorigin=""/>' +
  '<script src="/_next/static/chunks/main-app-1.js" async="" crossorigin="" integrity="sha384-y" nonce="n0"></script>' +
  '<script src="/_next/static/chunks/polyfills-1.js" integrity="sha384-z" crossorigin="anonymous" noModule="" nonce="n0"></script>' +
  '<link rel="alternate" hrefLang="ko" href="http://localhost/ko/faq"/><title>FAQ</title></head>' +
  `<body><h1>Frequently asked questions</h1><p>Never paste &lt;script&gt; into a console.</p>${ANSWERS}` +
  '<script nonce="n0">(self.__next_f=self.__next_f||[]).push([0])</script>' +
  '<script nonce="n0">self.__next_f.push([1,"2:[\\"$\\",\\"p\\",null,{\\"children\\":\\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\"}]"])</script>' +
  '</body></html>';
const WITHOUT_SCRIPTS =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/css/a.css" crossorigin="anonymous" nonce="n0" data-precedence="next"/>' +
  '<link rel="alternate" hrefLang="ko" href="http://localhost/ko/faq"/><title>FAQ</title></head>' +
  `<body><h1>Frequently asked questions</h1><p>Never paste &lt;script&gt; into a console.</p>${ANSWERS}` +
  '</body></html>';

describe('isScriptFreePageRequest', () => {
  it('takes GET requests for the listed pages, in every locale spelling and with any query', () => {
    for (const url of ['/', '/status', '/faq', '/guides/ledger', '/security', '/ko', '/ko/status', '/en', '/en/faq', '/status?page=2', '/faq#fees']) {
      expect(isScriptFreePageRequest('GET', url), url).toBe(true);
    }
  });

  it('leaves every other page, method and spelling to Next as it is', () => {
    for (const url of ['/constructor', '/toString', '/migrate', '/ko/migrate', '/check', '/support', '/maintenance', '/receipt/x', '/ops', '/api/v1/status', '/status/', '/statusx', '/status/x', '//status', '/%73tatus', '/fr/status', 'status', '']) {
      expect(isScriptFreePageRequest('GET', url), url).toBe(false);
    }
    expect(isScriptFreePageRequest('HEAD', '/status')).toBe(false);
    expect(isScriptFreePageRequest('POST', '/')).toBe(false);
    expect(isScriptFreePageRequest(undefined, '/')).toBe(false);
    expect(isScriptFreePageRequest('GET', undefined)).toBe(false);
  });
});

describe('removeScripts', () => {
  it('removes every script element and script preload, and nothing else', () => {
    expect(removeScripts(NEXT_PAGE)).toBe(WITHOUT_SCRIPTS);
  });

  it('refuses (null) markup it does not understand, rather than send a half-removed script', () => {
    expect(removeScripts('<html><body><script>never closed</body></html>')).toBeNull();
    expect(removeScripts('<html><body><script src="/a.js"></script ><SCRIPT>x</SCRIPT></body></html>')).toBe('<html><body></body></html>');
  });
});

describe('sendWithoutScripts behind compression, as server.ts wires them', () => {
  type Handler = (res: ServerResponse) => void;
  const handlers = new Map<string, Handler>();
  const unexpected: string[] = [];
  let server: Server;
  let origin: string;
  const compress = compression();

  /** As Next sends a page: headers set, then flushed before the first of several chunks. */
  const asNext =
    (status: number, contentType: string, body: string, extraHeaders: Record<string, string> = {}): Handler =>
    (res) => {
      res.statusCode = status;
      res.setHeader('Content-Type', contentType);
      res.setHeader('Content-Security-Policy', "script-src 'nonce-n0'");
      for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
      res.flushHeaders();
      const middle = Math.floor(body.length / 2);
      res.write(body.slice(0, middle));
      setTimeout(() => {
        res.write(Buffer.from(body.slice(middle)));
        res.end();
      }, 5);
    };

  beforeAll(async () => {
    handlers.set('/page', asNext(200, 'text/html; charset=utf-8', NEXT_PAGE));
    handlers.set('/not-found', asNext(404, 'text/html; charset=utf-8', NEXT_PAGE));
    handlers.set('/json', asNext(200, 'application/json', '{"script":"<script></script>"}'));
    handlers.set('/sized', asNext(200, 'text/html; charset=utf-8', NEXT_PAGE, { 'Content-Length': String(Buffer.byteLength(NEXT_PAGE)) }));
    handlers.set('/odd', asNext(200, 'text/html', '<html><body><script>never closed</body></html>'));
    handlers.set('/end-with-body', (res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(NEXT_PAGE, 'utf8');
    });
    server = createServer((req, res) => {
      compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
        sendWithoutScripts(res, (why) => unexpected.push(`${req.url}: ${why}`));
        const handler = handlers.get(req.url ?? '');
        if (handler) handler(res);
        else res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a 200 page without its scripts, compressed, with its headers', async () => {
    const response = await fetch(`${origin}/page`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-security-policy')).toBe("script-src 'nonce-n0'");
    expect(await response.text()).toBe(WITHOUT_SCRIPTS);
    const plain = await fetch(`${origin}/page`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(WITHOUT_SCRIPTS);
    expect(await (await fetch(`${origin}/end-with-body`)).text()).toBe(WITHOUT_SCRIPTS);
  });

  it('sends anything else exactly as written: another status, another type, a fixed length, markup it does not understand', async () => {
    const notFound = await fetch(`${origin}/not-found`);
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toBe(NEXT_PAGE);
    expect(await (await fetch(`${origin}/json`)).text()).toBe('{"script":"<script></script>"}');
    const sized = await fetch(`${origin}/sized`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(await sized.text()).toBe(NEXT_PAGE);
    expect(unexpected).toEqual([]);
    expect(await (await fetch(`${origin}/odd`)).text()).toBe('<html><body><script>never closed</body></html>');
    expect(unexpected).toEqual(['/odd: a <script> the remover does not understand is left: the page is sent with its scripts']);
  });
});

/**
 * The files a module imports from this repository (`@/…` and relative specifiers, static and
 * dynamic), resolved as the bundler does; packages are not followed.
 */
function localImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
  const resolved: string[] = [];
  for (const specifier of specifiers) {
    const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : null;
    if (base === null) continue;
    const found = ['.ts', '.tsx', '/index.ts', '/index.tsx', ''].map((ext) => base + ext).find((candidate) => existsSync(candidate) && /\.tsx?$/.test(candidate));
    if (found) resolved.push(found);
  }
  return resolved;
}

/** Every module reachable from `files` through localImports, and those of them marked 'use client'. */
function walkImports(files: string[]): { reached: number; clientModules: string[] } {
  const seen = new Set<string>();
  const clientModules: string[] = [];
  const queue = files.map((f) => path.join(ROOT, f));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    if (/^\s*['"]use client['"]/.test(readFileSync(next, 'utf8'))) clientModules.push(path.relative(ROOT, next));
    queue.push(...localImports(next));
  }
  return { reached: seen.size, clientModules };
}

describe('the script-free pages render no client component', () => {
  // Inert where no script runs: it only marks, on the pages that have scripts, that they hydrated.
  const ALLOWED = ['components/ui/hydration-marker.tsx'];

  for (const [page, file] of Object.entries(SCRIPT_FREE_PAGES)) {
    it(`${page} (${file} and its layouts) imports no 'use client' module`, () => {
      const { reached, clientModules } = walkImports([file, 'app/[locale]/layout.tsx', 'app/layout.tsx']);
      expect(reached).toBeGreaterThan(5);
      expect(clientModules.filter((m) => !ALLOWED.includes(m))).toEqual([]);
    });
  }

  it('sees a client component where there is one: /check renders the checker', () => {
    expect(walkImports(['app/[locale]/check/page.tsx']).clientModules).toContain('components/check/check-tool.tsx');
  });
});
