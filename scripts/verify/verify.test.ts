import { Keypair } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { signManifest } from '@/lib/release/manifest';
import { formatReport } from '@/scripts/verify/cli';
import { LAZY, makeFakeDeployment, ORIGIN, ROUTE_CHUNK, RUNTIME, runtimeSource } from '@/scripts/verify/fake-deployment';
import { cssReferences, flightChunkPairs, readNextPayload, type VerifyOptions, verifyDeployment } from '@/scripts/verify/verify';

const PAGES = ['/', '/migrate'];

async function run(deployment = makeFakeDeployment(), options: Partial<VerifyOptions> = {}) {
  return verifyDeployment({ url: ORIGIN, publicKey: deployment.key.publicKey.toBase58(), pages: PAGES, fetcher: deployment.fetcher, ...options });
}

const errors = (report: Awaited<ReturnType<typeof run>>) => report.findings.filter((f) => f.level === 'error').map((f) => `${f.subject}: ${f.message}`);

describe('the published deposit address', () => {
  it('is pinned: a status answer naming another deposit address than the signed one fails the verification', async () => {
    const deployment = makeFakeDeployment();
    expect((await run(deployment)).ok).toBe(true);
    const other = { owner: 'Vote111111111111111111111111111111111111111', tokenAccount: deployment.manifest.parameters.deposit.tokenAccount };
    deployment.served.set('/api/v1/status', { status: 200, contentType: 'application/json', location: null, body: new TextEncoder().encode(JSON.stringify({ deposit: other })) });
    const report = await run(deployment);
    expect(report.ok).toBe(false);
    expect(errors(report).join('\n')).toMatch(/\/api\/v1\/status: publishes the deposit address .*Vote111.*not the signed SysvarRent/);
  });

  it('is printed with the manifest parameters, and an unreadable status is a warning, not a pass of the comparison', async () => {
    const deployment = makeFakeDeployment();
    deployment.served.set('/api/v1/status', { status: 503, contentType: 'application/json', location: null, body: new Uint8Array() });
    const report = await run(deployment);
    expect(report.findings).toContainEqual(expect.objectContaining({ level: 'warn', subject: '/api/v1/status' }));
    expect(formatReport(report, 0.1, false)).toContain('deposit address SysvarRent111111111111111111111111111111111 (AI16Z token account SysvarC1ock11111111111111111111111111111111)');
  });
});

describe('a clean deployment', () => {
  it('verifies: every page script, the stylesheet and its font, and the lazily loaded chunks from the runtime chunk map', async () => {
    const deployment = makeFakeDeployment();
    const report = await run(deployment);
    expect(errors(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    for (const path of deployment.files.keys()) {
      if (path.includes('_buildManifest')) continue; // listed but loaded by no page
      expect(byPath.get(path)?.status, path).toBe('ok');
    }
    // The lazy chunks are reached only through the runtime's chunk map.
    for (const lazy of LAZY) expect(byPath.get(lazy)?.via).toMatch(/webpack runtime chunk map/);
    expect(byPath.get(ROUTE_CHUNK)?.via).toMatch(/Next payload/);
    expect(byPath.get('/_next/static/media/inter.8a1b2c.woff2')?.via).toMatch(/stylesheet/);
    expect(report.runtimes).toEqual([{ path: RUNTIME, lazyChunks: 2, sriHashes: 5 }]);
    expect(report.unreached).toEqual(['/_next/static/BUILD/_buildManifest.js']);
    expect(formatReport(report, 0.1, false)).toMatch(/VERIFIED/);
  });

  it('with --all-files also fetches what no page reaches', async () => {
    const report = await run(makeFakeDeployment(), { allFiles: true });
    expect(report.ok).toBe(true);
    expect(report.unreached).toEqual([]);
  });
});

describe('one changed byte in any served file is named', () => {
  const paths = [...makeFakeDeployment().files.keys()].filter((p) => !p.includes('_buildManifest'));
  it.each(paths)('%s', async (path) => {
    const deployment = makeFakeDeployment();
    deployment.tamper(path);
    const report = await run(deployment);
    expect(report.ok).toBe(false);
    const file = report.files.find((f) => f.path === path);
    expect(file?.status).toBe('mismatch');
    expect(file?.got?.sha384).not.toBe(file?.expected?.sha384);
    expect(errors(report).join('\n')).toContain(`${path}: served bytes differ from the manifest`);
    const text = formatReport(report, 0.1, false);
    expect(text).toContain(`FAIL ${path}`);
    expect(text).toMatch(/FAILED/);
  });
});

describe('a changed manifest is refused', () => {
  it('a changed parameter (not re-signed)', async () => {
    const deployment = makeFakeDeployment();
    deployment.signed = { ...deployment.signed, manifest: { ...deployment.signed.manifest, parameters: { ...deployment.signed.manifest.parameters, ratio: '60' } } };
    const report = await run(deployment);
    expect(report.ok).toBe(false);
    expect(errors(report)).toEqual([expect.stringMatching(/^manifest: BAD_SIGNATURE/)]);
    expect(report.files).toEqual([]);
  });

  it('a changed file hash (matching a tampered chunk, not re-signed)', async () => {
    const deployment = makeFakeDeployment();
    const files = deployment.signed.manifest.files.map((f) => (f.path === LAZY[0] ? { ...f, sha384: `B${f.sha384.slice(1)}` } : f));
    deployment.signed = { ...deployment.signed, manifest: { ...deployment.signed.manifest, files } };
    expect(errors(await run(deployment))).toEqual([expect.stringMatching(/^manifest: BAD_SIGNATURE/)]);
  });

  it('a manifest re-signed by another key (the attacker’s), even when it names the pinned key', async () => {
    const deployment = makeFakeDeployment();
    const attacker = Keypair.generate();
    deployment.signed = signManifest(deployment.manifest, attacker.secretKey);
    expect(errors(await run(deployment))).toEqual([expect.stringMatching(/^manifest: KEY_MISMATCH/)]);
    deployment.signed = { ...deployment.signed, publicKey: deployment.key.publicKey.toBase58() };
    expect(errors(await run(deployment))).toEqual([expect.stringMatching(/^manifest: BAD_SIGNATURE/)]);
  });

  it('the wrong pinned key', async () => {
    const report = await run(makeFakeDeployment(), { publicKey: Keypair.generate().publicKey.toBase58() });
    expect(errors(report)).toEqual([expect.stringMatching(/^manifest: KEY_MISMATCH/)]);
  });

  it('a missing or non-JSON manifest', async () => {
    const deployment = makeFakeDeployment();
    deployment.served.set('/.well-known/migration-manifest.json', { status: 503, contentType: 'application/json', location: null, body: new Uint8Array() });
    expect(errors(await run(deployment))).toEqual(['manifest: /.well-known/migration-manifest.json answered HTTP 503']);
    deployment.served.set('/.well-known/migration-manifest.json', { status: 200, contentType: 'text/html', location: null, body: new TextEncoder().encode('<html>') });
    expect(errors(await run(deployment))[0]).toMatch(/not JSON/);
  });

  it('a manifest issued for another origin (unless allowed), another commit, another snapshot root', async () => {
    const deployment = makeFakeDeployment();
    deployment.manifest.parameters.origin = 'https://phish.example';
    deployment.signed = signManifest(deployment.manifest, deployment.key.secretKey);
    expect(errors(await run(deployment))).toEqual([expect.stringMatching(/the manifest is for https:\/\/phish\.example, not http:\/\/portal\.test/)]);
    expect((await run(deployment, { allowOtherOrigin: true })).ok).toBe(true);
    const clean = makeFakeDeployment();
    expect(errors(await run(clean, { expectCommit: 'b'.repeat(7) }))).toEqual([expect.stringMatching(/built from commit a{40}, not b{7}/)]);
    expect((await run(clean, { expectCommit: 'aaaaaaa' })).ok).toBe(true);
    expect(errors(await run(clean, { expectSnapshotRoot: 'ff'.repeat(32) }))).toEqual([expect.stringMatching(/snapshot root is 0282/)]);
  });
});

describe('pages that load anything the manifest does not list', () => {
  const withPage = (html: (original: string) => string) => {
    const deployment = makeFakeDeployment();
    const page = deployment.pages.get('/migrate');
    if (!page) throw new Error('no page');
    deployment.pages.set('/migrate', { ...page, html: html(page.html) });
    return deployment;
  };
  const inject = (tag: string) => withPage((html) => html.replace('</body>', `${tag}</body>`));

  it('an extra unlisted script', async () => {
    const report = await run(inject('<script src="/_next/static/chunks/evil-0000.js"></script>'));
    expect(errors(report)).toEqual([expect.stringContaining('loads /_next/static/chunks/evil-0000.js, which is not in the signed manifest')]);
    expect(report.files.find((f) => f.path === '/_next/static/chunks/evil-0000.js')?.status).toBe('unlisted');
  });

  it.each([
    ['upper case, newline, unquoted', '<SCRIPT\nSRC=/x/evil.js></SCRIPT>', /\/x\/evil\.js, which is not in the signed manifest/],
    ['slash between name and attribute', '<script/src="/x/evil.js"></script>', /\/x\/evil\.js, which is not/],
    ['another origin', '<script src="https://cdn.evil.example/drain.js"></script>', /from another origin/],
    ['protocol-relative', '<script src="//cdn.evil.example/drain.js"></script>', /from another origin/],
    ['a module preload', '<link rel="modulepreload" href="/x/evil.mjs">', /\/x\/evil\.mjs, which is not/],
    ['a stylesheet', '<link rel=stylesheet href="https://evil.example/x.css">', /from another origin/],
    ['an inline script', '<script>fetch("/api").then(drain)</script>', /inline script that is not Next's payload/],
    ['code after Next’s payload', '<script>self.__next_f.push([1,"x"]);drain()</script>', /inline script that is not Next's payload/],
    ['a module script', '<script type="module">import("/x.js")</script>', /inline script that is not Next's payload/],
    ['an import map', '<script type="importmap">{"imports":{}}</script>', /unknown type/],
    ['an event handler', '<img src="/x.png" onerror="drain()">', /inline event handler onerror/],
    ['a javascript: URL', '<a href="javascript:drain()">x</a>', /javascript: URL/],
    ['a frame', '<iframe src="https://evil.example"></iframe>', /never renders <iframe>/],
    ['a base', '<base href="https://evil.example/">', /never renders <base>/],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', /meta http-equiv=refresh/],
  ])('%s', async (_name, tag, pattern) => {
    const report = await run(inject(tag));
    expect(report.ok).toBe(false);
    expect(errors(report).join('\n')).toMatch(pattern);
  });

  it('an integrity attribute that is not the manifest’s hash (the file itself intact)', async () => {
    const report = await run(withPage((html) => html.replace(/(src="\/_next\/static\/chunks\/255-73938ce8a8eac1ad\.js"[^>]*integrity=")sha384-[^"]+/, '$1sha384-' + 'A'.repeat(64))));
    expect(errors(report)).toEqual([expect.stringMatching(/integrity="sha384-AAAA.*is not the manifest's sha384-/)]);
  });

  it('a script hidden from a naive parser inside a script-data escape is still an inline script of the wrong shape', async () => {
    // The browser reads one script up to the second </script>: its text is not Next's payload.
    const report = await run(inject('<script>self.__next_f.push([1,"<!--<script>"])</script>drain()</script>'));
    expect(report.ok).toBe(false);
    expect(errors(report).join('\n')).toMatch(/inline script that is not Next's payload/);
  });

  it('a redirect to another origin', async () => {
    const deployment = makeFakeDeployment();
    deployment.served.set('/migrate', { status: 302, contentType: 'text/html', location: 'https://phish.example/migrate', body: new Uint8Array() });
    expect(errors(await run(deployment))).toEqual([expect.stringMatching(/page \/migrate: redirects to another origin/)]);
  });
});

describe('the webpack runtime', () => {
  it('a chunk map entry that points to a file the manifest does not list', async () => {
    const deployment = makeFakeDeployment();
    const source = new TextDecoder().decode(deployment.files.get(RUNTIME)).replace('688:"718d038f5d394587"', '688:"00000000deadbeef"');
    deployment.files.set(RUNTIME, new TextEncoder().encode(source));
    deployment.pages.forEach((page, path) => deployment.pages.set(path, { ...page, html: page.html.replace(/integrity="sha384-[^"]+"( crossorigin="" id="_R_")/, '$1').replace(/(href="\/_next\/static\/chunks\/webpack[^"]+") integrity="[^"]+"/, '$1') }));
    deployment.resign();
    const report = await run(deployment);
    expect(errors(report)).toContain(`runtime ${RUNTIME}: loads /_next/static/chunks/688.00000000deadbeef.js, which is not in the signed manifest`);
  });

  it('an sriHashes entry that is not the manifest’s hash of its chunk (a build that would let a chunk run unchecked)', async () => {
    const deployment = makeFakeDeployment();
    const hashes = { '358': 'sha384-x', '255': 'sha384-y', '596': 'sha384-z', '688': `sha384-${'A'.repeat(64)}`, '956': 'sha384-w' };
    deployment.files.set(RUNTIME, new TextEncoder().encode(runtimeSource(hashes)));
    deployment.pages.forEach((page, path) => deployment.pages.set(path, { ...page, html: page.html.replaceAll(/ integrity="sha384-[^"]+"(?=[^>]*(?:id="_R_"|as="script"))/g, '') }));
    deployment.resign();
    const found = errors(await run(deployment)).join('\n');
    expect(found).toMatch(/sriHashes\["688"\] = sha384-AAAA.* is the hash of no file in the manifest/);
    expect(found).toMatch(/sriHashes\["688"\] for \/_next\/static\/chunks\/688\.718d038f5d394587\.js is sha384-AAAA.*not the manifest's/);
    expect(found).toMatch(/chunk 596 \(\/_next\/static\/chunks\/app\/migrate\/page-d3759c8e4ae7b0f9\.js\) has sriHashes entry sha384-z/);
  });

  it('a runtime whose chunk map cannot be read is a failure, not a pass', async () => {
    const deployment = makeFakeDeployment();
    deployment.files.set(RUNTIME, new TextEncoder().encode('(()=>{var r={};r.u=function(e){return window.chunkName(e)};r.sriHashes={}})();'));
    deployment.pages.forEach((page, path) => deployment.pages.set(path, { ...page, html: page.html.replaceAll(/ integrity="sha384-[^"]+"(?=[^>]*(?:id="_R_"|as="script"))/g, '') }));
    deployment.resign();
    expect(errors(await run(deployment)).join('\n')).toMatch(/its chunk map cannot be read .*unknown identifier "window"/);
  });

  it('no runtime at all', async () => {
    const deployment = makeFakeDeployment();
    deployment.pages.forEach((page, path) =>
      deployment.pages.set(path, { ...page, html: page.html.replace(/<script src="\/_next\/static\/chunks\/webpack[^>]*><\/script>/, '').replace(/<link rel="preload"[^>]*>/, '') }),
    );
    expect(errors(await run(deployment))).toContain('runtime: no webpack runtime (/_next/static/chunks/webpack-*.js) was loaded by any page: lazily loaded chunks cannot be found');
  });
});

describe('pages', () => {
  it('a default page that is not served is skipped; an explicit one fails', async () => {
    const deployment = makeFakeDeployment();
    const skipped = await run(deployment, { pages: ['/', '/ko'] });
    expect(skipped.ok).toBe(true);
    expect(skipped.findings).toContainEqual({ level: 'info', subject: 'page /ko', message: 'not served (404): skipped' });
    expect(errors(await run(deployment, { pages: ['/', '/ko'], pagesExplicit: true }))).toEqual(['page /ko: answered HTTP 404']);
  });

  it('a maintenance page (503) is still checked', async () => {
    const deployment = makeFakeDeployment();
    const page = deployment.pages.get('/migrate');
    if (!page) throw new Error('no page');
    deployment.pages.set('/migrate', { status: 503, html: page.html.replace('</body>', '<script src="/x.js"></script></body>') });
    expect(errors(await run(deployment)).join('\n')).toMatch(/\/x\.js, which is not in the signed manifest/);
  });
});

describe('helpers', () => {
  it('readNextPayload accepts exactly Next’s two push shapes with one JSON array', () => {
    expect(readNextPayload('(self.__next_f=self.__next_f||[]).push([0])')).toEqual([]);
    expect(readNextPayload('self.__next_f.push([1,"a\\"b"])')).toEqual(['a"b']);
    expect(readNextPayload('self.__next_f.push([1,"a"]);')).toEqual(['a']);
    expect(readNextPayload('self.__next_f.push([1,"a"]),alert(1)')).toBeNull();
    expect(readNextPayload('self.__next_f.push([1,"a"]);alert(1);self.__next_f.push([2])')).toBeNull();
    expect(readNextPayload('self.__next_f.push(alert(1))')).toBeNull();
    expect(readNextPayload('window.__next_f.push([1])')).toBeNull();
  });

  it('flightChunkPairs reads client references of Next 15.5', () => {
    expect(flightChunkPairs('5:I[3744,["619","static/chunks/619-ba10.js","596","static/chunks/app/migrate/page-d375.js"],""]\n4:I[8924,[],""]')).toEqual([
      { id: '619', path: '/_next/static/chunks/619-ba10.js' },
      { id: '596', path: '/_next/static/chunks/app/migrate/page-d375.js' },
    ]);
  });

  it('cssReferences finds url() and @import, not data: URLs', () => {
    expect(cssReferences('@import "a.css";x{background:url( "../media/b.png" )}y{src:url(c.woff2)}z{background:url(data:image/png;base64,AA)}')).toEqual(['a.css', '../media/b.png', 'c.woff2']);
  });
});
