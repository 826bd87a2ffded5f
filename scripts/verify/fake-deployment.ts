/**
 * A small fake deployment for the verifier's tests: static files shaped like a Next 15.5 build
 * (webpack runtime with a chunk map and sriHashes, route chunks named in the inline payload,
 * lazily loaded chunks, a stylesheet with a font), two pages, and a manifest signed by a test key.
 * Tests change one thing at a time and expect the verifier to name it.
 */
import { createHash } from 'node:crypto';
import { Keypair } from '@solana/web3.js';
import { type DeploymentManifest, MANIFEST_FORMAT, MANIFEST_PATH, type ManifestParameters, signManifest, type SignedManifest } from '@/lib/release/manifest';
import type { FetchResult, Fetcher } from '@/scripts/verify/verify';

export const ORIGIN = 'http://portal.test';

/** Manifest parameters of a localnet deployment at `origin` (real mainnet mint addresses, other accounts well-known program ids). */
export function sampleParameters(origin: string): ManifestParameters {
  return {
    cluster: 'localnet',
    origin,
    ai16z: { mint: 'HeLp6NuQkmYB4pYWo2zYs22mESHXPQYzXbB8n4V98jwC', decimals: 9, tokenProgram: 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' },
    elizaos: { mint: 'DuMbhu7mvQvqQHGcnikDgb4XegXJRyhUBfdU22uELiZA', decimals: 9, tokenProgram: 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA' },
    vault: { tokenAccount: 'So11111111111111111111111111111111111111112', owner: 'Vote111111111111111111111111111111111111111' },
    treasury: { tokenAccount: 'Stake11111111111111111111111111111111111111', delegate: 'Config1111111111111111111111111111111111111' },
    ratio: '6',
    deposit: { owner: 'SysvarRent111111111111111111111111111111111', tokenAccount: 'SysvarC1ock11111111111111111111111111111111' },
    window: { opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2027-03-01T00:00:00.000Z' },
    snapshotTakenAt: '2026-11-20T00:00:00.000Z',
    policyVersion: 'v1',
    snapshot: { merkleRoot: '02824646b07ff7883781560fdad104df9f9170091d866a7de458e2300e67f468', holders: 3, totalBaseUnits: '18446745073709551616', encoding: 'elizaos-snapshot-merkle/v1' },
  };
}

const sha = (text: string | Uint8Array) => createHash('sha384').update(text).digest('base64');
const bytes = (text: string) => new TextEncoder().encode(text);

export type FakeDeployment = {
  key: Keypair;
  files: Map<string, Uint8Array>;
  pages: Map<string, { status: number; html: string }>;
  manifest: DeploymentManifest;
  signed: SignedManifest;
  /** Overrides of what is served for a path (after signing). */
  served: Map<string, FetchResult>;
  fetcher: Fetcher;
  /** Replaces one byte of a served file (not of the manifest). */
  tamper(path: string): void;
  /** Re-signs the manifest from `files` (a consistent but different build). */
  resign(): void;
};

/** The lazily loaded chunks (in the runtime's chunk map only, never in a page). */
export const LAZY = ['/_next/static/chunks/688.718d038f5d394587.js', '/_next/static/chunks/3a91511d.4c7a24fbdcd92034.js'] as const;
export const ROUTE_CHUNK = '/_next/static/chunks/app/migrate/page-d3759c8e4ae7b0f9.js';
export const RUNTIME = '/_next/static/chunks/webpack-5ff89dd61fdf8125.js';

export function runtimeSource(hashes: Record<string, string>): string {
  // The shape of Next 15.5's minified runtime, trimmed to what matters here.
  return (
    '(()=>{"use strict";var e={},t={};function r(o){var n=t[o];if(void 0!==n)return n.exports;var a=t[o]={exports:{}};return e[o].call(a.exports,a,a.exports,r),a.exports}' +
    'r.m=e,r.u=e=>"static/chunks/"+(956===e?"3a91511d":e)+"."+({688:"718d038f5d394587",956:"4c7a24fbdcd92034"})[e]+".js",r.miniCssF=e=>{},' +
    `r.sriHashes=${JSON.stringify(hashes)},r.p="/_next/"})();`
  );
}

export function makeFakeDeployment(): FakeDeployment {
  const key = Keypair.generate();
  const files = new Map<string, Uint8Array>();
  files.set('/_next/static/chunks/main-app-5c35204f5c9ac8c6.js', bytes('(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[358],{1:function(){}}]);'));
  files.set('/_next/static/chunks/255-73938ce8a8eac1ad.js', bytes('(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[255],{2:function(){}}]);'));
  files.set(ROUTE_CHUNK, bytes('(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[596],{3:function(){}}]);'));
  files.set(LAZY[0], bytes('"use strict";(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[688],{4:function(){/* wallet flow */}}]);'));
  files.set(LAZY[1], bytes('"use strict";(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[956],{5:function(){/* wallet adapters */}}]);'));
  files.set('/_next/static/css/8f45a451a17717d7.css', bytes('@font-face{font-family:x;src:url(../media/inter.8a1b2c.woff2) format("woff2")}body{color:#111}'));
  files.set('/_next/static/media/inter.8a1b2c.woff2', Uint8Array.from([0x77, 0x4f, 0x46, 0x32, 1, 2, 3, 4]));
  files.set('/_next/static/BUILD/_buildManifest.js', bytes('self.__BUILD_MANIFEST={};'));
  const hashes = () => ({
    '358': `sha384-${sha(files.get('/_next/static/chunks/main-app-5c35204f5c9ac8c6.js') as Uint8Array)}`,
    '255': `sha384-${sha(files.get('/_next/static/chunks/255-73938ce8a8eac1ad.js') as Uint8Array)}`,
    '596': `sha384-${sha(files.get(ROUTE_CHUNK) as Uint8Array)}`,
    '688': `sha384-${sha(files.get(LAZY[0]) as Uint8Array)}`,
    '956': `sha384-${sha(files.get(LAZY[1]) as Uint8Array)}`,
  });
  files.set(RUNTIME, bytes(runtimeSource(hashes())));

  const integrity = (path: string) => `sha384-${sha(files.get(path) as Uint8Array)}`;
  const payload = (text: string) => `<script nonce="n0nce">self.__next_f.push(${JSON.stringify([1, text])})</script>`;
  const page = (title: string) => `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>
<link rel="stylesheet" href="/_next/static/css/8f45a451a17717d7.css" crossorigin="anonymous" nonce="n0nce" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" nonce="n0nce" href="${RUNTIME}" integrity="${integrity(RUNTIME)}" crossorigin=""/>
<script src="/_next/static/chunks/255-73938ce8a8eac1ad.js" async="" crossorigin="" integrity="${integrity('/_next/static/chunks/255-73938ce8a8eac1ad.js')}" nonce="n0nce"></script>
<script src="/_next/static/chunks/main-app-5c35204f5c9ac8c6.js" async="" crossorigin="" integrity="${integrity('/_next/static/chunks/main-app-5c35204f5c9ac8c6.js')}" nonce="n0nce"></script>
<link rel="icon" href="/icon.svg?dc5573ade30aba1b" type="image/svg+xml" sizes="any"/><title>${title}</title></head>
<body><h1>${title}</h1><!-- <script src="/commented-out.js"></script> -->
<script src="${RUNTIME}" nonce="n0nce" integrity="${integrity(RUNTIME)}" crossorigin="" id="_R_" async=""></script>
<script nonce="n0nce">(self.__next_f=self.__next_f||[]).push([0])</script>
${payload(`1:"$Sreact.fragment"\n5:I[3744,["596","static/chunks/app/migrate/page-d3759c8e4ae7b0f9.js"],""]\n:HL["/_next/static/css/8f45a451a17717d7.css","style"]\n`)}
</body></html>`;

  const pages = new Map<string, { status: number; html: string }>([
    ['/', { status: 200, html: page('Home') }],
    ['/migrate', { status: 200, html: page('Migrate') }],
  ]);

  const manifestOf = (): DeploymentManifest => ({
    format: MANIFEST_FORMAT,
    build: { commit: 'a'.repeat(40), dirty: false, builtAt: '2026-11-23T10:00:00.000Z', buildId: 'BUILD' },
    files: [...files.entries()].map(([path, b]) => ({ path, sha384: sha(b), size: b.length })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    parameters: sampleParameters(ORIGIN),
  });

  const deployment: FakeDeployment = {
    key,
    files,
    pages,
    manifest: manifestOf(),
    signed: signManifest(manifestOf(), key.secretKey),
    served: new Map(),
    fetcher: async (url) => {
      const u = new URL(url);
      if (u.origin !== ORIGIN) throw new Error(`fetch to another origin: ${url}`);
      const path = decodeURIComponent(u.pathname);
      const override = deployment.served.get(path);
      if (override) return override;
      if (path === MANIFEST_PATH) return { status: 200, contentType: 'application/json', location: null, body: bytes(JSON.stringify(deployment.signed)) };
      if (path === '/api/v1/status') return { status: 200, contentType: 'application/json', location: null, body: bytes(JSON.stringify({ deposit: deployment.manifest.parameters.deposit })) };
      const pageEntry = deployment.pages.get(path);
      if (pageEntry) return { status: pageEntry.status, contentType: 'text/html; charset=utf-8', location: null, body: bytes(pageEntry.html) };
      const file = deployment.files.get(path);
      if (file) return { status: 200, contentType: 'application/octet-stream', location: null, body: file };
      return { status: 404, contentType: 'text/html', location: null, body: bytes('<!DOCTYPE html><title>404</title>') };
    },
    tamper(path) {
      const original = deployment.files.get(path);
      if (!original) throw new Error(`no file ${path}`);
      const changed = Uint8Array.from(original);
      const at = Math.floor(changed.length / 2);
      changed[at] = (changed[at] as number) ^ 0x01;
      deployment.served.set(path, { status: 200, contentType: 'application/octet-stream', location: null, body: changed });
    },
    resign() {
      deployment.manifest = manifestOf();
      deployment.signed = signManifest(deployment.manifest, key.secretKey);
    },
  };
  return deployment;
}
