/**
 * `npm run verify -- URL`: checks, from outside, that a deployment serves exactly what its signed
 * manifest lists, and that the manifest is signed by the pinned release key.
 *
 * 1. Fetch `/.well-known/migration-manifest.json`; check the Ed25519 signature against the pinned
 *    key (never the key the server names); check the origin (and, if asked, commit and snapshot root).
 * 2. Load the pages; list every `<script src>`, `<link rel=stylesheet|preload|modulepreload>` and
 *    the chunks named in Next's inline payload; refuse any inline script that is not Next's payload
 *    (`self.__next_f.push(<JSON>)`), any script from elsewhere, event-handler attributes,
 *    frames/objects/base.
 * 3. Fetch every one of those files, and every chunk the webpack runtime can load later (its chunk
 *    map: the lazily loaded wallet code), and every file a stylesheet references; compare each
 *    file's SHA-384 and size with the manifest.
 * 4. Check that every `integrity` attribute, and every entry of the runtime's `sriHashes`, is the
 *    manifest's hash of that file.
 * 5. Check that the deposit address `GET /api/v1/status` publishes (the one the pages show, from the
 *    same configuration) is the signed manifest's `parameters.deposit` (DESIGN.md "Deposit and receive").
 *
 * Pure of I/O except through the injected `fetcher`, so tests run it against a fake server.
 */
import { createHash } from 'node:crypto';
import { type DeploymentManifest, MANIFEST_PATH, verifySignedManifest } from '@/lib/release/manifest';
import { type HtmlElement, parseHtml } from '@/scripts/verify/html';
import { parseWebpackRuntime, RuntimeParseError } from '@/scripts/verify/webpack-runtime';

export type FetchResult = { status: number; contentType: string; location: string | null; body: Uint8Array };
export type Fetcher = (url: string) => Promise<FetchResult>;

/** Pages checked when none are given: the wallet flow and its home, in both locales. */
export const DEFAULT_PAGES = ['/', '/migrate', '/ko', '/ko/migrate'] as const;

export type VerifyOptions = {
  /** The deployment's base URL, e.g. https://migrate.example.org */
  url: string;
  /** The pinned release public key (base58). */
  publicKey: string;
  /** Page paths to load. */
  pages?: readonly string[];
  /** Pages were given explicitly: a 404 is then a failure instead of "not served". */
  pagesExplicit?: boolean;
  /** Accept a manifest whose origin is not `url`'s (a mirror, a test proxy). */
  allowOtherOrigin?: boolean;
  /** Also require this commit (prefix allowed) and this snapshot root. */
  expectCommit?: string;
  expectSnapshotRoot?: string;
  /** Fetch every file the manifest lists, not only those the pages reach. */
  allFiles?: boolean;
  fetcher?: Fetcher;
  concurrency?: number;
};

export type Finding = { level: 'error' | 'warn' | 'info'; subject: string; message: string };
export type FileCheck = {
  path: string;
  /** How the verifier reached it (page, runtime chunk map, stylesheet, --all-files). */
  via: string;
  status: 'ok' | 'mismatch' | 'unlisted' | 'unreachable';
  expected?: { sha384: string; size: number };
  got?: { sha384: string; size: number };
  httpStatus?: number;
};
export type PageCheck = { path: string; status: number | null; scripts: number; stylesheets: number; inlineScripts: number; skipped: boolean };

export type VerifyReport = {
  ok: boolean;
  url: string;
  publicKey: string;
  manifest: DeploymentManifest | null;
  pages: PageCheck[];
  files: FileCheck[];
  /** Runtime chunk maps read: path → number of lazily loadable chunks and sriHashes entries. */
  runtimes: { path: string; lazyChunks: number; sriHashes: number }[];
  findings: Finding[];
  /** Files listed in the manifest that no page, runtime or stylesheet reached (not fetched). */
  unreached: string[];
};

const MAX_REDIRECTS = 5;
const TEXT_DECODER = new TextDecoder();
/** `(self.__next_f=self.__next_f||[]).push(<JSON>)` or `self.__next_f.push(<JSON>)`, nothing else. */
const NEXT_PAYLOAD = /^\s*(?:\(\s*self\.__next_f\s*=\s*self\.__next_f\s*\|\|\s*\[\s*\]\s*\)|self\.__next_f)\.push\(([\s\S]*)\)\s*;?\s*$/;
/** Script types a browser does not execute (data blocks). `importmap` is code-affecting: not listed. */
const DATA_SCRIPT_TYPES = new Set(['application/json', 'application/ld+json']);
const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript']);
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);
const CHECKED_LINK_RELS = new Set(['stylesheet', 'preload', 'modulepreload', 'prefetch']);
/** `static/chunks/…`, `static/css/…`, `static/media/…` paths named in Next's payload or CSS. */
const STATIC_REFERENCE = /(?:\/_next\/)?(static\/(?:chunks|css|media)\/[\w\-./[\]@%~]+?\.(?:js|css|woff2?|ttf|otf|png|jpe?g|gif|svg|webp|avif|ico))/g;

export function sha384Base64(bytes: Uint8Array): string {
  return createHash('sha384').update(bytes).digest('base64');
}

/** Default fetcher: no redirects followed (the verifier follows same-origin ones itself), 20 s timeout, 20 MB cap. */
export const defaultFetcher: Fetcher = async (url) => {
  const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': 'elizaos-migration-verify', accept: '*/*' }, signal: AbortSignal.timeout(20_000) });
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > 20 * 1024 * 1024) throw new Error(`${url} is larger than 20 MB`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > 20 * 1024 * 1024) throw new Error(`${url} is larger than 20 MB`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', location: response.headers.get('location'), body };
};

/** Runs every check; never throws for what the server answers (that becomes findings). */
export async function verifyDeployment(options: VerifyOptions): Promise<VerifyReport> {
  const fetcher = options.fetcher ?? defaultFetcher;
  const base = new URL(options.url);
  const origin = base.origin;
  const report: VerifyReport = { ok: false, url: origin, publicKey: options.publicKey, manifest: null, pages: [], files: [], runtimes: [], findings: [], unreached: [] };
  const error = (subject: string, message: string) => report.findings.push({ level: 'error', subject, message });
  const warn = (subject: string, message: string) => report.findings.push({ level: 'warn', subject, message });
  const info = (subject: string, message: string) => report.findings.push({ level: 'info', subject, message });

  // 1. The manifest.
  let envelope: unknown;
  try {
    const answer = await fetcher(new URL(MANIFEST_PATH, origin).href);
    if (answer.status !== 200) {
      error('manifest', `${MANIFEST_PATH} answered HTTP ${answer.status}`);
      return finish(report);
    }
    envelope = JSON.parse(TEXT_DECODER.decode(answer.body)) as unknown;
  } catch (e) {
    error('manifest', `${MANIFEST_PATH} could not be fetched or is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    return finish(report);
  }
  const check = verifySignedManifest(envelope, options.publicKey);
  if (!check.ok) {
    error('manifest', `${check.problem.code}: ${check.problem.message}`);
    return finish(report);
  }
  const manifest = check.signed.manifest;
  report.manifest = manifest;
  if (manifest.parameters.origin !== origin) {
    (options.allowOtherOrigin ? warn : error)('manifest', `the manifest is for ${manifest.parameters.origin}, not ${origin}${options.allowOtherOrigin ? ' (accepted: --allow-other-origin)' : ' (use --allow-other-origin for a mirror)'}`);
  }
  if (options.expectCommit && !manifest.build.commit.startsWith(options.expectCommit.toLowerCase())) {
    error('manifest', `built from commit ${manifest.build.commit}, not ${options.expectCommit}`);
  }
  if (options.expectSnapshotRoot && manifest.parameters.snapshot?.merkleRoot !== options.expectSnapshotRoot.toLowerCase()) {
    error('manifest', `the snapshot root is ${manifest.parameters.snapshot?.merkleRoot ?? 'absent'}, not ${options.expectSnapshotRoot}`);
  }
  if (manifest.build.dirty) warn('manifest', `built from commit ${manifest.build.commit} with uncommitted changes`);
  if (manifest.build.commit === 'unknown') warn('manifest', 'built outside a git checkout: the commit is unknown');
  if (!manifest.parameters.snapshot) warn('manifest', 'the manifest commits to no snapshot root (no snapshot loaded)');
  await checkPublishedDeposit(fetcher, origin, manifest, { error, warn });

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const queued = new Map<string, string>(); // path → via
  const fileChecks = new Map<string, FileCheck>();
  const integrityClaims: { path: string; integrity: string; where: string }[] = [];
  const flightChunks: { id: string; path: string; where: string }[] = [];

  /** Queues a same-origin static file, or records why it cannot be. */
  const enqueue = (reference: string, via: string, where: string): void => {
    let url: URL;
    try {
      url = new URL(reference, origin);
    } catch {
      error(where, `unreadable URL "${reference.slice(0, 120)}"`);
      return;
    }
    if (url.origin !== origin) {
      error(where, `loads ${url.href} from another origin: nothing outside this deployment's manifest may run`);
      return;
    }
    const path = decodeURIComponent(url.pathname);
    if (!listed.has(path)) {
      const unlisted: FileCheck = { path, via, status: 'unlisted' };
      if (!fileChecks.has(path)) fileChecks.set(path, unlisted);
      error(where, `loads ${path}, which is not in the signed manifest`);
      return;
    }
    if (!queued.has(path)) queued.set(path, via);
  };

  // 2. The pages.
  const pages = options.pages ?? DEFAULT_PAGES;
  for (const pagePath of pages) {
    const page = await loadPage(fetcher, new URL(pagePath, origin), origin);
    const subject = `page ${pagePath}`;
    if ('failure' in page) {
      error(subject, page.failure);
      report.pages.push({ path: pagePath, status: page.status ?? null, scripts: 0, stylesheets: 0, inlineScripts: 0, skipped: true });
      continue;
    }
    if (page.status === 404 && !options.pagesExplicit) {
      info(subject, 'not served (404): skipped');
      report.pages.push({ path: pagePath, status: 404, scripts: 0, stylesheets: 0, inlineScripts: 0, skipped: true });
      continue;
    }
    if (page.status !== 200 && page.status !== 503) {
      error(subject, `answered HTTP ${page.status}`);
      report.pages.push({ path: pagePath, status: page.status, scripts: 0, stylesheets: 0, inlineScripts: 0, skipped: true });
      continue;
    }
    if (page.status === 503) info(subject, 'answered 503 (maintenance or window closed): its scripts are checked all the same');
    const counts = checkPage(parseHtml(page.html), subject, { enqueue, error, integrityClaims, flightChunks });
    report.pages.push({ path: pagePath, status: page.status, ...counts, skipped: false });
  }
  if (report.pages.every((p) => p.skipped)) error('pages', 'no page could be checked');

  // 3. Fetch everything reachable; runtimes and stylesheets add more as they are read.
  if (options.allFiles) for (const file of manifest.files) if (!queued.has(file.path)) queued.set(file.path, '--all-files');
  const runtimeHashes: { path: string; hashes: Map<string, string>; scripts: Map<string, string> }[] = [];
  const done = new Set<string>();
  const concurrency = Math.max(1, options.concurrency ?? 6);
  while (done.size < queued.size) {
    const batch = [...queued.keys()].filter((p) => !done.has(p)).slice(0, concurrency);
    await Promise.all(
      batch.map(async (path) => {
        done.add(path);
        const via = queued.get(path) ?? '';
        const expected = listed.get(path);
        if (!expected) return;
        let answer: FetchResult;
        try {
          answer = await fetcher(new URL(path, origin).href);
        } catch (e) {
          fileChecks.set(path, { path, via, status: 'unreachable', expected });
          error(path, `could not be fetched: ${e instanceof Error ? e.message : String(e)}`);
          return;
        }
        if (answer.status !== 200) {
          fileChecks.set(path, { path, via, status: 'unreachable', expected, httpStatus: answer.status });
          error(path, `answered HTTP ${answer.status}`);
          return;
        }
        const got = { sha384: sha384Base64(answer.body), size: answer.body.length };
        const ok = got.sha384 === expected.sha384 && got.size === expected.size;
        fileChecks.set(path, { path, via, status: ok ? 'ok' : 'mismatch', expected: { sha384: expected.sha384, size: expected.size }, got });
        if (!ok) error(path, `served bytes differ from the manifest (reached via ${via})`);
        // Read what the file can load later, from the bytes actually served.
        const text = path.endsWith('.js') || path.endsWith('.css') ? TEXT_DECODER.decode(answer.body) : '';
        if (path.endsWith('.js') && (/\/chunks\/webpack-[^/]*\.js$/.test(path) || text.includes('.sriHashes='))) {
          try {
            const runtime = parseWebpackRuntime(text);
            for (const [, file] of [...runtime.scripts, ...runtime.styles]) enqueue(`/_next/${file}`, `webpack runtime chunk map (${path})`, `runtime ${path}`);
            runtimeHashes.push({ path, hashes: runtime.sriHashes ?? new Map(), scripts: runtime.scripts });
            report.runtimes.push({ path, lazyChunks: runtime.scripts.size + runtime.styles.size, sriHashes: runtime.sriHashes?.size ?? 0 });
            if (!runtime.sriHashes) error(`runtime ${path}`, 'has no sriHashes map: lazily loaded chunks would run without an integrity check');
          } catch (e) {
            error(`runtime ${path}`, `its chunk map cannot be read (${e instanceof RuntimeParseError ? e.message : String(e)}): lazily loaded chunks cannot be checked`);
          }
        }
        if (path.endsWith('.css')) {
          for (const ref of cssReferences(text)) enqueue(new URL(ref, new URL(path, origin)).href, `stylesheet ${path}`, `stylesheet ${path}`);
        }
      }),
    );
  }
  if (runtimeHashes.length === 0) error('runtime', 'no webpack runtime (/_next/static/chunks/webpack-*.js) was loaded by any page: lazily loaded chunks cannot be found');

  // 4. Integrity attributes and sriHashes against the manifest.
  const sri = (path: string) => {
    const file = listed.get(path);
    return file ? `sha384-${file.sha384}` : null;
  };
  for (const claim of integrityClaims) {
    const expected = sri(claim.path);
    if (!expected) continue; // already reported as unlisted
    const tokens = claim.integrity.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0 || tokens.some((t) => t.split('?')[0] !== expected)) {
      error(claim.where, `integrity="${claim.integrity.slice(0, 120)}" for ${claim.path} is not the manifest's ${expected}`);
    }
  }
  const manifestHashes = new Set(manifest.files.map((f) => `sha384-${f.sha384}`));
  for (const runtime of runtimeHashes) {
    for (const [id, hash] of runtime.hashes) {
      if (!manifestHashes.has(hash)) error(`runtime ${runtime.path}`, `sriHashes["${id}"] = ${hash.slice(0, 80)} is the hash of no file in the manifest`);
    }
    for (const [id, file] of runtime.scripts) {
      const expected = sri(`/_next/${file}`);
      const actual = runtime.hashes.get(id);
      if (expected && actual !== expected) error(`runtime ${runtime.path}`, `sriHashes["${id}"] for /_next/${file} is ${actual ?? 'missing'}, not the manifest's ${expected}`);
    }
    for (const chunk of flightChunks) {
      const expected = sri(chunk.path);
      const actual = runtime.hashes.get(chunk.id);
      if (expected && actual !== expected) error(chunk.where, `chunk ${chunk.id} (${chunk.path}) has sriHashes entry ${actual ?? 'missing'} in ${runtime.path}, not the manifest's ${expected}`);
    }
  }

  report.files = [...fileChecks.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  report.unreached = manifest.files.map((f) => f.path).filter((p) => !fileChecks.has(p));
  return finish(report);
}

function finish(report: VerifyReport): VerifyReport {
  report.ok = !report.findings.some((f) => f.level === 'error');
  return report;
}

async function loadPage(fetcher: Fetcher, url: URL, origin: string): Promise<{ status: number; html: string } | { failure: string; status?: number }> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    let answer: FetchResult;
    try {
      answer = await fetcher(current.href);
    } catch (e) {
      return { failure: `could not be fetched: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      const next = new URL(answer.location, current);
      if (next.origin !== origin) return { failure: `redirects to another origin (${next.href})`, status: answer.status };
      current = next;
      continue;
    }
    if (answer.status === 404) return { status: 404, html: '' };
    if (!/^text\/html\b/i.test(answer.contentType)) return { failure: `answered ${answer.status} with ${answer.contentType || 'no content type'}, not HTML`, status: answer.status };
    return { status: answer.status, html: TEXT_DECODER.decode(answer.body) };
  }
  return { failure: `more than ${MAX_REDIRECTS} redirects` };
}

type PageSink = {
  enqueue: (reference: string, via: string, where: string) => void;
  error: (subject: string, message: string) => void;
  integrityClaims: { path: string; integrity: string; where: string }[];
  flightChunks: { id: string; path: string; where: string }[];
};

function checkPage(elements: HtmlElement[], subject: string, sink: PageSink): { scripts: number; stylesheets: number; inlineScripts: number } {
  let scripts = 0;
  let stylesheets = 0;
  let inlineScripts = 0;
  const pathOf = (reference: string) => {
    try {
      return decodeURIComponent(new URL(reference, 'http://x').pathname);
    } catch {
      return reference;
    }
  };
  for (const element of elements) {
    const where = `${subject} <${element.name}>`;
    for (const [name, value] of element.attributes) {
      if (name.startsWith('on')) sink.error(where, `has an inline event handler ${name}="${value.slice(0, 60)}"`);
      if ((name === 'href' || name === 'src' || name === 'action' || name === 'formaction' || name === 'xlink:href') && /^\s*javascript:/i.test(value)) {
        sink.error(where, `has a javascript: URL in ${name}`);
      }
    }
    if (FORBIDDEN_ELEMENTS.has(element.name)) sink.error(where, `the portal never renders <${element.name}>: it can load or run content outside the manifest`);
    if (element.name === 'meta' && (element.attributes.get('http-equiv') ?? '').toLowerCase() === 'refresh') sink.error(where, 'has a <meta http-equiv=refresh> (a redirect the portal never makes)');
    if (element.name === 'script') {
      const src = element.attributes.get('src') ?? element.attributes.get('href') ?? element.attributes.get('xlink:href');
      const type = (element.attributes.get('type') ?? '').trim().toLowerCase();
      if (src !== undefined) {
        scripts += 1;
        sink.enqueue(src, subject, where);
        const integrity = element.attributes.get('integrity');
        if (integrity !== undefined) sink.integrityClaims.push({ path: pathOf(src), integrity, where });
        continue;
      }
      if (DATA_SCRIPT_TYPES.has(type)) continue;
      inlineScripts += 1;
      if (!EXECUTABLE_SCRIPT_TYPES.has(type)) {
        sink.error(where, `inline <script type="${type.slice(0, 40)}"> of an unknown type`);
        continue;
      }
      const payload = readNextPayload(element.text ?? '');
      if (payload === null) {
        sink.error(where, `inline script that is not Next's payload (self.__next_f.push(<JSON>)): "${(element.text ?? '').trim().slice(0, 80)}"`);
        continue;
      }
      for (const text of payload) {
        for (const pair of flightChunkPairs(text)) sink.flightChunks.push({ ...pair, where: subject });
        for (const match of text.matchAll(STATIC_REFERENCE)) sink.enqueue(`/_next/${match[1] as string}`, `${subject} (Next payload)`, `${subject} payload`);
      }
      continue;
    }
    if (element.name === 'link') {
      const rels = (element.attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
      if (!rels.some((r) => CHECKED_LINK_RELS.has(r))) continue;
      const href = element.attributes.get('href');
      if (href === undefined) continue;
      if (rels.includes('stylesheet')) stylesheets += 1;
      sink.enqueue(href, subject, where);
      const integrity = element.attributes.get('integrity');
      if (integrity !== undefined) sink.integrityClaims.push({ path: pathOf(href), integrity, where });
    }
  }
  return { scripts, stylesheets, inlineScripts };
}

/**
 * The strings an inline script pushes into Next's payload, or null when the script is anything
 * but `self.__next_f.push(<one JSON array>)`. A JSON array literal cannot run code, so a script of
 * this exact shape only hands data to Next's client (already checked against the manifest).
 */
export function readNextPayload(body: string): string[] | null {
  const match = NEXT_PAYLOAD.exec(body);
  if (!match) return null;
  let value: unknown;
  try {
    value = JSON.parse(match[1] as string);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  return value.filter((v): v is string => typeof v === 'string');
}

/** `I[module, ["id","static/chunks/….js", …], name]` client references → (chunk id, path) pairs. */
export function flightChunkPairs(text: string): { id: string; path: string }[] {
  const pairs: { id: string; path: string }[] = [];
  for (const match of text.matchAll(/I\[\s*(?:\d+|"[^"]*")\s*,\s*(\[[^\]]*\])/g)) {
    let list: unknown;
    try {
      list = JSON.parse(match[1] as string);
    } catch {
      continue;
    }
    if (!Array.isArray(list)) continue;
    for (let i = 0; i + 1 < list.length; i += 2) {
      const id = list[i];
      const file = list[i + 1];
      if ((typeof id === 'string' || typeof id === 'number') && typeof file === 'string' && file.startsWith('static/')) pairs.push({ id: String(id), path: `/_next/${file}` });
    }
  }
  return pairs;
}

/** `url(…)` and `@import` references of a stylesheet (data: URLs and fragments left out). */
export function cssReferences(css: string): string[] {
  const refs: string[] = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi)) {
    const ref = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? '').trim();
    if (ref && !ref.startsWith('data:') && !ref.startsWith('#')) refs.push(ref);
  }
  return refs;
}


/** `GET /api/v1/status`'s path: where the deposit address is published besides the pages. */
export const STATUS_PATH = '/api/v1/status';

/**
 * Step 5: the deposit address the status answer publishes must be the signed one. A status that
 * states another address is an error (a holder would send to it); one that cannot be read is a
 * warning (the manifest's address is still printed for the holder to compare).
 */
async function checkPublishedDeposit(
  fetcher: Fetcher,
  origin: string,
  manifest: DeploymentManifest,
  report: { error: (subject: string, message: string) => void; warn: (subject: string, message: string) => void },
): Promise<void> {
  const signed = manifest.parameters.deposit;
  let published: unknown;
  try {
    const answer = await fetcher(new URL(STATUS_PATH, origin).href);
    if (answer.status !== 200) {
      report.warn(STATUS_PATH, `answered HTTP ${answer.status}: the published deposit address was not compared`);
      return;
    }
    published = (JSON.parse(TEXT_DECODER.decode(answer.body)) as { deposit?: unknown }).deposit;
  } catch (e) {
    report.warn(STATUS_PATH, `could not be read (${e instanceof Error ? e.message : String(e)}): the published deposit address was not compared`);
    return;
  }
  const p = published as { owner?: unknown; tokenAccount?: unknown } | undefined;
  if (!p || p.owner !== signed.owner || p.tokenAccount !== signed.tokenAccount) {
    report.error(STATUS_PATH, `publishes the deposit address ${JSON.stringify(published ?? null)}, not the signed ${signed.owner} (token account ${signed.tokenAccount}): do not send to it`);
  }
}
