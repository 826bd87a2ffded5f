/**
 * Edge middleware and script integrity, seen from Chromium against the production build:
 * - every page and API answer carries the security headers, with a fresh CSP nonce per page;
 * - every <script> carries the nonce, every script file an integrity, and the pages run with no
 *   CSP violation and no console error;
 * - the integrity proof: each JS file the pages load, served tampered by one byte, is refused by
 *   the browser, and the page never comes alive.
 *
 * - the canonical status pages carry no script at all, load none and still run with no error.
 *
 * Pages need `HydrationMarker` (components/ui/hydration-marker.tsx) in the root layout.
 */
import { type APIRequestContext, type Browser, type ConsoleMessage, expect, type Page, type Response, test } from '@playwright/test';
import { EXPECTED_COMMON_HEADERS } from '@/test/expected-headers';

/**
 * A page under test, and what proves its scripts all ran; or, for the canonical status pages sent
 * without any script (lib/http/script-free-pages.ts), that it has none.
 */
/** `act`: what a person does once the page is there (best effort: a page that never came alive cannot be used), before `ready` is looked for. */
type PageUnderTest = { path: string; ready: string; scriptFree?: true; act?: (page: Page) => Promise<void> };
const HYDRATED = 'html[data-hydrated="true"]';
const SCRIPT_FREE = { ready: 'main#content', scriptFree: true } as const;
const PAGES: PageUnderTest[] = [
  { path: '/', ...SCRIPT_FREE },
  // The wallet list is read in the browser on hydration (the server draws it hidden).
  { path: '/migrate', ready: '[data-testid="wallet-list"]' },
  // The wallet code, fetched when a wallet is picked: a tampered chunk of it leaves the wallet unconnected.
  {
    path: '/migrate',
    ready: '[data-testid="connected-address"]',
    act: (page) => page.getByTestId('demo-wallet').getByRole('button').click({ timeout: 10_000 }).catch(() => undefined),
  },
  { path: '/support', ready: HYDRATED },
  // The status pages (README "Pages and languages"), and the Korean pages with the wallet flow.
  { path: '/status', ...SCRIPT_FREE },
  { path: '/faq', ...SCRIPT_FREE },
  { path: '/guides/ledger', ...SCRIPT_FREE },
  { path: '/security', ...SCRIPT_FREE },
  { path: '/ko', ...SCRIPT_FREE },
  { path: '/ko/status', ...SCRIPT_FREE },
  { path: '/ko/migrate', ready: '[data-testid="wallet-list"]' },
  // "Is this transaction official?": a server page with one client component.
  { path: '/check', ready: HYDRATED },
  // The maintenance page as a direct visit (200); the kill-switch specs check it as a 503 in place of /migrate.
  { path: '/maintenance', ready: HYDRATED },
  // The ops console's sign-in screen: its wallet code is loaded by next/dynamic, as on /migrate.
  { path: '/ops', ready: '[data-testid="ops-wallet-picker"]' },
];
/** The wallet-flow pages (lib/maintenance/edge.ts `walletFlowKind`), whose policy lets Mobile Wallet Adapter reach the wallet app. */
const WALLET_FLOW = /^(?:\/ko)?\/migrate$/;
/** How long a page with a refused script gets to prove it cannot come alive anyway. */
const NEVER_READY_MS = 4_000;

type RecordedScript = { src: string; integrity: string; nonce: string };
type Violation = { directive: string; blocked: string; sample: string; source: string };
declare global {
  interface Window {
    __security?: { violations: Violation[]; scripts: RecordedScript[] };
  }
}

/**
 * Before any page script: record CSP violations, and every <script> element ever inserted
 * (webpack removes its own once they have loaded, so the DOM at the end does not show them).
 */
function recordSecurityEvents(): void {
  const state: { violations: Violation[]; scripts: RecordedScript[] } = { violations: [], scripts: [] };
  window.__security = state;
  document.addEventListener(
    'securitypolicyviolation',
    (e) => state.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile }),
    true,
  );
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLScriptElement) {
          state.scripts.push({ src: node.src, integrity: node.integrity, nonce: node.nonce ?? '' });
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

type Watch = { consoleErrors: string[]; pageErrors: string[]; scriptUrls: string[] };

/**
 * The app ships no icon yet, so Chromium's automatic /favicon.ico request answers 404, logged as a
 * console error. It is neither a script nor a policy problem; remove this exemption once the app
 * has `app/icon.svg` or `public/favicon.ico`.
 */
const FAVICON_404 = /^Failed to load resource: the server responded with a status of 404 .*\(https?:\/\/[^/]+\/favicon\.ico\)$/;

/** Console errors, uncaught errors and every JS file fetched, from the moment of the call. */
function watch(page: Page): Watch {
  const w: Watch = { consoleErrors: [], pageErrors: [], scriptUrls: [] };
  page.on('console', (m: ConsoleMessage) => {
    const line = `${m.text()} (${m.location().url})`;
    if (m.type() === 'error' && !FAVICON_404.test(line)) w.consoleErrors.push(line);
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('.js') && !w.scriptUrls.includes(r.url())) w.scriptUrls.push(r.url());
  });
  return w;
}

async function securityState(page: Page): Promise<{ violations: Violation[]; scripts: RecordedScript[] }> {
  return page.evaluate(() => window.__security ?? { violations: [], scripts: [] });
}

function nonceOf(csp: string): string {
  const nonce = /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(csp)?.[1];
  expect(nonce, `no nonce in ${csp}`).toBeDefined();
  return nonce ?? '';
}

function expectCommonHeaders(headers: Record<string, string>): void {
  expect(headers).toMatchObject(EXPECTED_COMMON_HEADERS);
  expect(headers['permissions-policy']).toMatch(/^hid=\(self\), usb=\(self\), /);
  for (const denied of ['camera', 'microphone', 'geolocation', 'payment']) expect(headers['permissions-policy']).toContain(`${denied}=()`);
  expect(headers['cache-control']).toMatch(/\bno-store\b/);
}

async function openFresh(browser: Browser, baseURL: string | undefined): Promise<Page> {
  // A new context per load: an empty HTTP cache, so every script really comes over the network.
  const context = await browser.newContext({ baseURL });
  await context.addInitScript(recordSecurityEvents);
  return context.newPage();
}

/** A test's name for a page: its path, and what was done on it. */
const named = (p: PageUnderTest) => (p.act ? `${p.path} (a wallet picked)` : p.path);

test.describe('security headers', () => {
  for (const { path } of PAGES.filter((p) => !p.act)) {
    test(`${path} carries the page policy and every security header, with a fresh nonce`, async ({ page }) => {
      const first = await page.goto(path);
      expect(first?.status()).toBe(200);
      const headers = first?.headers() ?? {};
      expectCommonHeaders(headers);
      const csp = headers['content-security-policy'] ?? '';
      expect(csp).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'; style-src 'self' 'nonce-[^']+'[^;]*;/);
      // Beyond the nonce, style-src holds only the hashes of Mobile Wallet Adapter's dialog styles, on the wallet-flow pages.
      const styleExtra = (csp.split('; ').find((d) => d.startsWith('style-src ')) ?? '').split(' ').slice(3);
      if (WALLET_FLOW.test(path)) for (const source of styleExtra) expect(source).toMatch(/^'(?:sha256-[A-Za-z0-9+/]{43}=|unsafe-hashes)'$/);
      else expect(styleExtra).toEqual([]);
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "img-src 'self' data:", "font-src 'self'", 'report-uri /api/v1/csp-report']) {
        expect(csp).toContain(directive);
      }
      // Exactly one source more, and only on the wallet-flow pages: Mobile Wallet Adapter's socket
      // to the wallet app on the phone (lib/security/mwa-styles.ts). Every other page: 'self'.
      const connect = csp.split('; ').find((d) => d.startsWith('connect-src '));
      expect(connect).toBe(WALLET_FLOW.test(path) ? "connect-src 'self' ws://localhost:*" : "connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      // Plain http: upgrade-insecure-requests would send our own scripts to an https port nobody
      // serves, and Chromium delivers no Reporting API report (report-uri does the job here).
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).not.toContain('report-to');
      expect(headers['reporting-endpoints']).toBeUndefined();
      expect(headers['integrity-policy']).toBe('blocked-destinations=(script)');

      const second = await page.goto(path);
      expect(nonceOf(second?.headers()['content-security-policy'] ?? '')).not.toBe(nonceOf(csp));
    });
  }

  test('behind a TLS proxy the page policy upgrades insecure requests and reports through the Reporting API', async ({ request }) => {
    const response = await request.get('/migrate', { headers: { 'x-forwarded-proto': 'https' } });
    const headers = response.headers();
    expect(headers['content-security-policy']).toMatch(/; upgrade-insecure-requests; report-uri \/api\/v1\/csp-report; report-to csp$/);
    expect(headers['reporting-endpoints']).toBe('csp="/api/v1/csp-report"');
    expect(headers['integrity-policy']).toBe('blocked-destinations=(script), endpoints=(csp)');
  });

  test('API answers carry a load-nothing policy and every security header', async ({ request }) => {
    const response = await request.post('/api/v1/csp-report', {
      headers: { 'content-type': 'application/csp-report' },
      data: JSON.stringify({ 'csp-report': { 'document-uri': 'http://localhost/', 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } }),
    });
    expect(response.status()).toBe(204);
    const headers = response.headers();
    expectCommonHeaders(headers);
    expect(headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  });

  test('hashed static assets skip the middleware and stay immutable', async ({ page, request }) => {
    const response = await page.goto('/migrate');
    const src = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec((await response?.text()) ?? '')?.[1];
    expect(src).toBeDefined();
    const asset = await request.get(src ?? '');
    expect(asset.status()).toBe(200);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers()['content-security-policy']).toBeUndefined();
  });
});

test.describe('CSP report endpoint', () => {
  const post = (request: APIRequestContext, contentType: string, data: string) =>
    request.post('/api/v1/csp-report', { headers: { 'content-type': contentType }, data });

  test('accepts report-uri and Reporting API bodies', async ({ request }) => {
    expect((await post(request, 'application/csp-report', JSON.stringify({ 'csp-report': { 'blocked-uri': 'eval' } }))).status()).toBe(204);
    const batch = [{ type: 'csp-violation', age: 1, url: 'http://localhost/', user_agent: 'x', body: { documentURL: 'http://localhost/', blockedURL: 'inline', effectiveDirective: 'script-src-elem', disposition: 'enforce' } }];
    expect((await post(request, 'application/reports+json', JSON.stringify(batch))).status()).toBe(204);
  });

  test('answers junk with 400 or 413, never 500', async ({ request }) => {
    expect((await post(request, 'application/csp-report', '{oops')).status()).toBe(400);
    expect((await post(request, 'application/csp-report', '[1,2,3]')).status()).toBe(400);
    expect((await post(request, 'text/plain', '{}')).status()).toBe(400);
    expect((await post(request, 'application/reports+json', JSON.stringify({ a: 1 }))).status()).toBe(400);
    expect((await post(request, 'application/csp-report', `{"csp-report":{"blocked-uri":"${'x'.repeat(9000)}"}}`)).status()).toBe(413);
    const body = (await (await post(request, 'application/csp-report', '{oops')).json()) as { error: { code: string } };
    expect(body.error.code).toBe('BAD_REQUEST');
  });
});

test.describe('scripts', () => {
  for (const p of PAGES.filter((p) => !p.scriptFree)) {
    const { path, ready } = p;
    test(`${named(p)}: every script carries the nonce and an integrity; no violation, no console error`, async ({ browser, baseURL }) => {
      const page = await openFresh(browser, baseURL);
      const w = watch(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const nonce = nonceOf(response?.headers()['content-security-policy'] ?? '');
      await p.act?.(page);
      await expect(page.locator(ready).first()).toBeAttached({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      // Late arrivals (link prefetches, the favicon, reports) get a moment to show up.
      await page.waitForTimeout(1_500);

      // As served: every <script> tag has this response's nonce; every script file an integrity.
      const html = (await response?.text()) ?? '';
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) {
        expect(tag, 'script without the nonce').toContain(`nonce="${nonce}"`);
        if (/\ssrc=/.test(tag)) expect(tag, 'script file without integrity').toMatch(/\sintegrity="sha384-[A-Za-z0-9+/]{64}"/);
      }
      for (const tag of html.match(/<link\b[^>]*\bas="script"[^>]*>/g) ?? []) {
        expect(tag, 'script preload without integrity').toMatch(/\sintegrity="sha384-/);
        expect(tag, 'script preload without the nonce').toContain(`nonce="${nonce}"`);
      }

      // As run: every script element, including those webpack's loader inserted later (those
      // need no nonce: 'strict-dynamic' trusts what a nonce'd script loads; they need integrity).
      const { violations, scripts } = await securityState(page);
      for (const s of scripts.filter((s) => s.src === '')) expect(s.nonce, 'inline script without the nonce').toBe(nonce);
      const external = scripts.filter((s) => s.src !== '');
      for (const s of external) expect(s.integrity, `no integrity on ${s.src}`).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
      // Every JS file fetched was fetched for a script element carrying an integrity.
      const checked = new Set(external.map((s) => s.src));
      for (const url of w.scriptUrls) expect(checked.has(url), `${url} was fetched without a checked <script>`).toBe(true);

      expect(violations).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      console.log(`[security] ${path}: ${tags.length} <script> tags with the nonce, ${checked.size} script files with integrity`);
      await page.context().close();
    });
  }
  for (const { path, ready } of PAGES.filter((p) => p.scriptFree)) {
    test(`${path}: is sent without any script, loads none, and runs with no violation and no console error`, async ({ browser, baseURL }) => {
      const page = await openFresh(browser, baseURL);
      const w = watch(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator(ready).first()).toBeAttached();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1_500);
      const html = (await response?.text()) ?? '';
      expect(html.match(/<script\b[^>]*>/g) ?? []).toEqual([]);
      expect(html.match(/<link\b[^>]*\bas="script"[^>]*>/g) ?? []).toEqual([]);
      // Nothing was run or fetched: the page is the server's HTML and its stylesheet.
      const { violations, scripts } = await securityState(page);
      expect(scripts).toEqual([]);
      expect(w.scriptUrls).toEqual([]);
      expect(await page.locator(HYDRATED).count()).toBe(0);
      expect(violations).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      console.log(`[security] ${path}: no <script>, ${(html.length / 1024).toFixed(1)} kB of HTML`);
      await page.context().close();
    });
  }
});

test.describe('policy in force', () => {
  test('an injected script without the nonce does not run, and the violation is seen', async ({ browser, baseURL }) => {
    const page = await openFresh(browser, baseURL);
    const reports: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/csp-report') reports.push(r.status());
    });
    // Stand-in for an HTML injection: the served page gains an inline and an external script
    // that carry no nonce, while the response keeps its real CSP header.
    await page.route(
      (url) => url.pathname === '/check',
      async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const original = await route.fetch();
        const html = (await original.text()).replace(
          '</body>',
          '<script>window.__injected = "inline"</script><script src="/_next/static/chunks/injected.js"></script></body>',
        );
        await route.fulfill({ response: original, body: html });
      },
    );
    await page.goto('/check');
    await expect(page.locator(HYDRATED)).toBeAttached({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as Window & { __injected?: string }).__injected)).toBeUndefined();
    const { violations } = await securityState(page);
    expect(violations.map((v) => v.directive).sort()).toEqual(['script-src-elem', 'script-src-elem']);
    // …and Chromium reported both to the endpoint (report-uri over http), which took them.
    await expect.poll(() => reports.filter((status) => status === 204).length, { timeout: 10_000 }).toBe(2);
    expect(violations.map((v) => v.blocked).sort()).toEqual([`${new URL('/_next/static/chunks/injected.js', baseURL).href}`, 'inline']);
    await page.context().close();
  });

  test('an unknown URL gets a 404 page that carries the nonce and runs with no violation', async ({ browser, baseURL }) => {
    // A prerendered (static) 404 has no nonce: its scripts are blocked and Next's default
    // not-found markup uses inline styles. Needs every page rendered per request (root layout)
    // and an app/not-found.tsx without style attributes.
    const page = await openFresh(browser, baseURL);
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    const nonce = nonceOf(response?.headers()['content-security-policy'] ?? '');
    const html = (await response?.text()) ?? '';
    expect(html.includes(`nonce="${nonce}"`), 'the 404 page was prerendered (static), so it carries no nonce').toBe(true);
    await expect(page.locator(HYDRATED)).toBeAttached({ timeout: 30_000 });
    expect((await securityState(page)).violations).toEqual([]);
    await page.context().close();
  });
});

test.describe('integrity proof', () => {
  test('a tampered copy of any script the pages load is refused, and the page never comes alive', async ({ browser, baseURL }) => {
    // The baseline alone visits every page (~5 s each); the budget for the tampered runs is set below.
    test.setTimeout(60_000 + PAGES.length * 10_000);
    // Baseline: each page, untouched, comes alive; collect the JS files it loads.
    const targets: { url: string; page: PageUnderTest }[] = [];
    for (const p of PAGES.filter((p) => !p.scriptFree)) {
      const page = await openFresh(browser, baseURL);
      const w = watch(page);
      await page.goto(p.path);
      await p.act?.(page);
      await expect(page.locator(p.ready).first()).toBeAttached({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1_500);
      for (const url of w.scriptUrls) if (!targets.some((t) => t.url === url)) targets.push({ url, page: p });
      await page.context().close();
    }
    expect(targets.length).toBeGreaterThan(0);
    test.setTimeout(60_000 + PAGES.length * 10_000 + targets.length * (NEVER_READY_MS + 10_000));

    const blocked: string[] = [];
    for (const { url, page: p } of targets) {
      const page = await openFresh(browser, baseURL);
      const w = watch(page);
      await page.route(url, async (route) => {
        const original = await route.fetch();
        const body = await original.body();
        // One byte: a space becomes a tab. Still valid JavaScript (whitespace, or one character
        // of a string), so the browser would run it: only the integrity check can stop it. A
        // minified chunk without any space (a route chunk holding only a client reference) gets
        // a trailing newline instead: just as valid, just as different.
        const at = body.indexOf(0x20);
        const tampered = at >= 0 ? Buffer.from(body) : Buffer.concat([body, Buffer.from('\n')]);
        if (at >= 0) tampered[at] = 0x09;
        expect(tampered.equals(body)).toBe(false);
        await route.fulfill({ response: original, body: tampered });
      });
      await page.goto(p.path);
      await p.act?.(page);
      const name = new URL(url).pathname;
      await expect
        .poll(() => w.consoleErrors.some((e) => /integrity/i.test(e) && e.includes(name)), { message: `no integrity error for tampered ${name}`, timeout: 15_000 })
        .toBe(true);
      await page.waitForTimeout(NEVER_READY_MS);
      expect(await page.locator(p.ready).count(), `${p.path} came alive with a tampered ${name}`).toBe(0);
      blocked.push(name);
      await page.context().close();
    }
    console.log(`[security] tampered ${targets.length} JS files, blocked ${blocked.length}:\n  ${blocked.join('\n  ')}`);
    test.info().annotations.push({ type: 'integrity', description: `tampered ${targets.length}, blocked ${blocked.length}` });
    expect(blocked).toHaveLength(targets.length);
  });
});
