/**
 * Subresource Integrity for every script the browser executes, not only Next's framework chunks.
 *
 * Why: `experimental.sri` puts `integrity` on the <script> tags Next renders itself, but the
 * route's own client chunks (app/…/page, layout) and every chunk loaded later by `import()` /
 * `next/dynamic` (the wallet code) are fetched by webpack's script loader or emitted by React
 * with no integrity at all; a tampered copy of those ran (NOTES.md). A portal whose whole point is
 * "you only ever sign the official transaction" cannot let its wallet code run unchecked.
 *
 * How, in the client compilation of `next build` only:
 * 1. A runtime module defines `__webpack_require__.sriHashes` (a placeholder until step 3).
 * 2. webpack's script loader (`__webpack_require__.l`) is patched through the
 *    `LoadScriptRuntimeModule` `createScript` hook: each script it creates gets
 *    `integrity = sriHashes[chunkId]` and `crossOrigin`. An unknown chunk id gets a well-formed
 *    hash no file can have, so it is refused rather than run unchecked.
 * 3. processAssets stage OPTIMIZE_INLINE (after minification, before the real content hashes
 *    rename files): hash every chunk's final JS and write the map into the runtime. The runtime
 *    changes whenever a chunk does, so its hashed file name changes with it (immutable caching
 *    stays correct).
 * 4. processAssets stage REPORT: set `moduleLoading` to `null` in every
 *    `*_client-reference-manifest.js`. With it, React server-renders `<script async src=…>` for
 *    the route's chunks, without integrity, and webpack's loader then adopts those tags instead of
 *    creating checked ones. Without it, React emits nothing and the checked loader fetches them.
 *    Then verify: every hash in the map matches the file as finally emitted, and the map is in
 *    the runtime. Any surprise (Next changed a generated shape) fails the build: silently losing
 *    integrity is worse than a red build.
 *
 * Next's own plugin hashes the final assets after all stages, so the runtime (which now holds the
 * map) is covered by the `integrity` Next renders for it: the chain of trust starts at the nonce'd
 * HTML and every script below it is checked.
 *
 * Webpack is Next's bundled copy, passed in from the `webpack(config, { webpack })` hook; the
 * types below describe only the members used here, and are checked at run time.
 */
import { createHash } from 'node:crypto';

const PLUGIN_NAME = 'ScriptIntegrityPlugin';
/** Replaced by the hash map in step 3; unique enough never to occur in real code. */
const PLACEHOLDER = '__SCRIPT_INTEGRITY_HASHES_PLACEHOLDER_5c1f9e__';
const MANIFEST_SUFFIX = '_client-reference-manifest.js';
/** `"moduleLoading":{"prefix":"/_next/","crossOrigin":"anonymous"}` as Next 15.5 emits it. */
const MODULE_LOADING = /"moduleLoading":\{[^{}]*\}/g;

export type SriAlgorithm = 'sha256' | 'sha384' | 'sha512';

type Tap<Args extends unknown[], Result> = {
  tap(options: string | { name: string; stage: number }, fn: (...args: Args) => Result): void;
};
type Source = { buffer(): Buffer; source(): string | Buffer };
type Chunk = { id: string | number | null; files: Set<string> };
type Asset = { name: string; source: Source };
type Compilation = {
  hooks: {
    processAssets: Tap<[Record<string, Source>], void>;
    runtimeRequirementInTree: { for(requirement: string): Tap<[Chunk, Set<string>], void> };
  };
  chunks: Iterable<Chunk>;
  getAsset(name: string): Asset | undefined;
  getAssets(): readonly Asset[];
  updateAsset(name: string, source: Source): void;
  addRuntimeModule(chunk: Chunk, module: object): void;
};
type Compiler = { hooks: { thisCompilation: Tap<[Compilation], void> } };
type RuntimeModuleConstructor = abstract new (name: string, stage?: number) => object;

/** The members of Next's bundled webpack 5 this plugin uses. */
export type BundledWebpack = {
  Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE: number; PROCESS_ASSETS_STAGE_REPORT: number };
  RuntimeGlobals: { require: string; loadScript: string };
  RuntimeModule: RuntimeModuleConstructor;
  runtime: {
    LoadScriptRuntimeModule: { getCompilationHooks(compilation: Compilation): { createScript: Tap<[string, Chunk], string> } };
  };
  sources: { RawSource: new (source: string) => Source };
};

function fail(message: string): never {
  throw new Error(`[${PLUGIN_NAME}] ${message} Refusing to build without integrity on every script (build/sri-plugin.ts).`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/**
 * Checks at run time that `value` (Next's `webpack` hook argument, typed `any`) has the members
 * this plugin uses.
 *
 * @throws Error naming the first missing member.
 */
export function assertBundledWebpack(value: unknown): asserts value is BundledWebpack {
  const paths = [
    'Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE',
    'Compilation.PROCESS_ASSETS_STAGE_REPORT',
    'RuntimeGlobals.require',
    'RuntimeGlobals.loadScript',
    'RuntimeModule',
    'runtime.LoadScriptRuntimeModule.getCompilationHooks',
    'sources.RawSource',
  ];
  for (const path of paths) {
    let node: unknown = value;
    for (const key of path.split('.')) node = isRecord(node) ? node[key] : undefined;
    if (node === undefined) fail(`Next's bundled webpack has no ${path}.`);
  }
}

/** Integrity metadata (`sha384-<base64>`) of a file's bytes. */
export function integrityOf(algorithm: SriAlgorithm, bytes: Buffer): string {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
}

/**
 * A well-formed digest of all-zero bytes: no file hashes to it, so a script given it is always
 * refused. (A malformed value would be ignored by the browser, and the script would run.)
 */
export function impossibleIntegrity(algorithm: SriAlgorithm): string {
  const bytes = { sha256: 32, sha384: 48, sha512: 64 }[algorithm];
  return `${algorithm}-${Buffer.alloc(bytes).toString('base64')}`;
}

/**
 * Replaces the placeholder string literal (any quote style the minifier chose) with `mapLiteral`.
 *
 * @returns the new source and how many placeholders were replaced
 */
export function injectHashMap(source: string, mapLiteral: string): { source: string; replaced: number } {
  let replaced = 0;
  const out = source.replace(new RegExp(`(["'\`])${PLACEHOLDER}\\1`, 'g'), () => {
    replaced += 1;
    return mapLiteral;
  });
  return { source: out, replaced };
}

/**
 * Sets `"moduleLoading"` to `null` in one client reference manifest (see step 4 above).
 *
 * @throws Error unless exactly one `"moduleLoading":{…}` object was found and replaced.
 */
export function disableModuleLoading(manifest: string, fileName: string): string {
  let replaced = 0;
  const out = manifest.replace(MODULE_LOADING, () => {
    replaced += 1;
    return '"moduleLoading":null';
  });
  if (replaced !== 1) {
    fail(`expected one "moduleLoading":{…} in ${fileName}, found ${replaced}; Next's client reference manifest changed shape.`);
  }
  return out;
}

/**
 * The webpack plugin. Add it to the client compilation of a production build only (not the
 * server or edge compilations, not `next dev`, whose hot updates it would block).
 */
export class ScriptIntegrityPlugin {
  private readonly webpack: BundledWebpack;
  private readonly algorithm: SriAlgorithm;
  private readonly crossOrigin: 'anonymous' | 'use-credentials';

  /**
   * @param webpack the `webpack` member of Next's webpack hook context (Next's bundled copy)
   * @param options `algorithm` must match `experimental.sri.algorithm`; `crossOrigin` must match
   *   next.config `crossOrigin`, so chunk scripts are fetched in the same CORS mode as Next's own
   */
  constructor(webpack: unknown, options: { algorithm: SriAlgorithm; crossOrigin: 'anonymous' | 'use-credentials' }) {
    assertBundledWebpack(webpack);
    this.webpack = webpack;
    this.algorithm = options.algorithm;
    this.crossOrigin = options.crossOrigin;
  }

  /** webpack plugin entry point. */
  apply(compiler: Compiler): void {
    const { Compilation, RuntimeGlobals, RuntimeModule, runtime, sources } = this.webpack;
    const { algorithm, crossOrigin } = this;
    const hashesGlobal = `${RuntimeGlobals.require}.sriHashes`;

    class ScriptIntegrityRuntimeModule extends RuntimeModule {
      constructor() {
        super('script integrity hashes');
      }

      generate(): string {
        return `${hashesGlobal} = ${JSON.stringify(PLACEHOLDER)};`;
      }
    }

    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      let runtimeModulesAdded = 0;
      const expected = new Map<string, string>();

      // Step 1: wherever webpack's script loader is in a runtime, our map is too.
      compilation.hooks.runtimeRequirementInTree.for(RuntimeGlobals.loadScript).tap(PLUGIN_NAME, (chunk) => {
        compilation.addRuntimeModule(chunk, new ScriptIntegrityRuntimeModule());
        runtimeModulesAdded += 1;
      });

      // Step 2: `script`, `chunkId` and `__webpack_require__` are in scope in the loader's code.
      runtime.LoadScriptRuntimeModule.getCompilationHooks(compilation).createScript.tap(PLUGIN_NAME, (source) =>
        [
          source,
          `var sriHashes = ${hashesGlobal};`,
          `script.integrity = sriHashes && Object.prototype.hasOwnProperty.call(sriHashes, chunkId) ? sriHashes[chunkId] : ${JSON.stringify(impossibleIntegrity(algorithm))};`,
          `script.crossOrigin = ${JSON.stringify(crossOrigin)};`,
        ].join('\n'),
      );

      // Step 3.
      compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, () => {
        const runtimeFiles = compilation
          .getAssets()
          .filter((asset) => asset.name.endsWith('.js') && asset.source.source().toString().includes(PLACEHOLDER))
          .map((asset) => asset.name);
        if (runtimeFiles.length !== runtimeModulesAdded) {
          fail(`added ${runtimeModulesAdded} integrity runtime module(s) but found the placeholder in ${runtimeFiles.length} file(s).`);
        }
        const hashes: Record<string, string> = {};
        for (const chunk of compilation.chunks) {
          const file = chunkScriptFile(chunk);
          if (chunk.id === null || file === undefined || runtimeFiles.includes(file)) continue;
          const asset = compilation.getAsset(file) ?? fail(`chunk ${String(chunk.id)} lists ${file}, which is not an asset.`);
          const integrity = integrityOf(algorithm, asset.source.buffer());
          hashes[String(chunk.id)] = integrity;
          expected.set(String(chunk.id), integrity);
        }
        const mapLiteral = JSON.stringify(hashes);
        for (const file of runtimeFiles) {
          const asset = compilation.getAsset(file) ?? fail(`runtime ${file} vanished.`);
          const { source, replaced } = injectHashMap(asset.source.source().toString(), mapLiteral);
          if (replaced !== 1) fail(`expected one hash-map placeholder in ${file}, found ${replaced}.`);
          compilation.updateAsset(file, new sources.RawSource(source));
        }
      });

      // Step 4.
      compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const manifests = compilation.getAssets().filter((asset) => asset.name.endsWith(MANIFEST_SUFFIX));
        if (manifests.length === 0) fail(`found no *${MANIFEST_SUFFIX} in the client compilation; Next changed where it emits them.`);
        for (const manifest of manifests) {
          const rewritten = disableModuleLoading(manifest.source.source().toString(), manifest.name);
          compilation.updateAsset(manifest.name, new sources.RawSource(rewritten));
        }

        // Real content hashing ran in between and may have rewritten files: check the final bytes.
        const chunksById = new Map<string, Chunk>();
        for (const chunk of compilation.chunks) if (chunk.id !== null) chunksById.set(String(chunk.id), chunk);
        for (const [id, integrity] of expected) {
          const chunk = chunksById.get(id) ?? fail(`chunk ${id} disappeared after its hash was taken.`);
          const file = chunkScriptFile(chunk) ?? fail(`chunk ${id} has no script any more.`);
          const asset = compilation.getAsset(file) ?? fail(`chunk ${id} lists ${file}, which is not an asset.`);
          if (integrityOf(algorithm, asset.source.buffer()) !== integrity) {
            fail(`${file} changed after its integrity was recorded (a later processAssets stage rewrote it).`);
          }
        }
        const mapLiteral = JSON.stringify(Object.fromEntries(expected));
        const holders = compilation.getAssets().filter((asset) => asset.name.endsWith('.js') && asset.source.source().toString().includes(mapLiteral));
        if (holders.length !== runtimeModulesAdded) {
          fail(`the hash map should be in ${runtimeModulesAdded} runtime file(s), found in ${holders.length}.`);
        }
      });
    });
  }
}

/** The one JavaScript file of a chunk (hot updates aside), if it has one. */
function chunkScriptFile(chunk: Chunk): string | undefined {
  const scripts = [...chunk.files].filter((file) => file.endsWith('.js') && !file.includes('.hot-update.'));
  if (scripts.length > 1) fail(`chunk ${String(chunk.id)} has ${scripts.length} script files (${scripts.join(', ')}).`);
  return scripts[0];
}
