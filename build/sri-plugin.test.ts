import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBundledWebpack, disableModuleLoading, impossibleIntegrity, injectHashMap, integrityOf, ScriptIntegrityPlugin } from '@/build/sri-plugin';

/** Next's bundled webpack, as the `webpack(config, { webpack })` hook receives it. */
function nextWebpack(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Next exposes it only as CommonJS with an init step.
  const compiled = require('next/dist/compiled/webpack/webpack') as { init(): void; webpack: unknown };
  compiled.init();
  return compiled.webpack;
}

const NEXT_MANIFEST =
  'globalThis.__RSC_MANIFEST=(globalThis.__RSC_MANIFEST||{});globalThis.__RSC_MANIFEST["/page"]=' +
  '{"moduleLoading":{"prefix":"/_next/","crossOrigin":"anonymous"},"ssrModuleMapping":{"1775":{"*":{"id":"8725","name":"*","chunks":[],"async":false}}},"clientModules":{}}';

describe('pure helpers', () => {
  it('integrityOf is the SRI metadata of the bytes', () => {
    expect(integrityOf('sha384', Buffer.from('alert(1)'))).toBe(`sha384-${createHash('sha384').update('alert(1)').digest('base64')}`);
  });

  it('impossibleIntegrity is well-formed (browsers ignore malformed metadata and would run the script)', () => {
    const value = impossibleIntegrity('sha384');
    expect(value).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    expect(Buffer.from(value.slice('sha384-'.length), 'base64')).toEqual(Buffer.alloc(48));
  });

  it('injectHashMap replaces the placeholder whatever quotes the minifier chose', () => {
    const placeholder = '__SCRIPT_INTEGRITY_HASHES_PLACEHOLDER_5c1f9e__';
    for (const quote of ['"', "'", '`']) {
      expect(injectHashMap(`r.sriHashes=${quote}${placeholder}${quote};`, '{"1":"x"}')).toEqual({ source: 'r.sriHashes={"1":"x"};', replaced: 1 });
    }
    expect(injectHashMap('nothing here', '{}').replaced).toBe(0);
  });

  it('disableModuleLoading nulls the one moduleLoading object of a Next 15.5 manifest', () => {
    const out = disableModuleLoading(NEXT_MANIFEST, 'page_client-reference-manifest.js');
    expect(out).toContain('{"moduleLoading":null,"ssrModuleMapping":{"1775"');
    expect(out).not.toContain('"prefix"');
  });

  it('disableModuleLoading fails loudly when the shape is not the expected one', () => {
    expect(() => disableModuleLoading('globalThis.__RSC_MANIFEST["/page"]={"clientModules":{}}', 'x.js')).toThrow(/found 0.*changed shape/);
    expect(() => disableModuleLoading(NEXT_MANIFEST + NEXT_MANIFEST, 'x.js')).toThrow(/found 2/);
  });

  it("accepts Next's bundled webpack and rejects anything else", () => {
    expect(() => assertBundledWebpack(nextWebpack())).not.toThrow();
    expect(() => assertBundledWebpack({})).toThrow(/no Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE/);
    expect(() => new ScriptIntegrityPlugin(undefined, { algorithm: 'sha384', crossOrigin: 'anonymous' })).toThrow(/Refusing to build/);
  });
});

// A real compilation with Next's bundled webpack: an entry with two lazily loaded chunks, and a
// stand-in for Next's ClientReferenceManifestPlugin emitting a manifest at stage ANALYSE.
describe('in a webpack build', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  type Stats = { hasErrors(): boolean; toJson(o: object): { errors?: { message: string }[] } };
  type Webpack = ((options: object, callback: (error: Error | null, stats?: Stats) => void) => void) & {
    Compilation: { PROCESS_ASSETS_STAGE_ANALYSE: number };
    sources: { RawSource: new (s: string) => unknown };
  };

  async function build(manifest: string | null): Promise<{ out: string; errors: string[] }> {
    const webpack = nextWebpack() as Webpack;
    const dir = mkdtempSync(path.join(tmpdir(), 'sri-plugin-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'entry.js'), "import('./a.js').then((m) => m.a()); import('./b.js').then((m) => m.b());\n");
    writeFileSync(path.join(dir, 'a.js'), "export function a() { return 'a'.repeat(3); }\n");
    writeFileSync(path.join(dir, 'b.js'), "export function b() { return 'b'.repeat(4); }\n");
    const out = path.join(dir, 'out');
    const emitManifest = {
      apply(compiler: { hooks: { thisCompilation: { tap(n: string, f: (c: { hooks: { processAssets: { tap(o: object, f: () => void): void } }; emitAsset(n: string, s: unknown): void }) => void): void } } }) {
        compiler.hooks.thisCompilation.tap('FakeManifest', (compilation) => {
          compilation.hooks.processAssets.tap({ name: 'FakeManifest', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, () => {
            if (manifest !== null) compilation.emitAsset('server/app/page_client-reference-manifest.js', new webpack.sources.RawSource(manifest));
          });
        });
      },
    };
    // A plugin that throws fails the whole compilation: webpack hands the error to the callback.
    const result = await new Promise<{ error: Error | null; stats?: Stats }>((resolve) =>
      webpack(
        {
          mode: 'production',
          context: dir,
          entry: './entry.js',
          output: { path: out, filename: '[name]-[contenthash].js', chunkFilename: '[id].[contenthash].js', crossOriginLoading: 'anonymous' },
          optimization: { minimize: false, runtimeChunk: { name: 'webpack' } },
          plugins: [emitManifest, new ScriptIntegrityPlugin(webpack, { algorithm: 'sha384', crossOrigin: 'anonymous' })],
        },
        (error, stats) => resolve({ error, stats }),
      ),
    );
    const errors = (result.stats?.toJson({ errors: true }).errors ?? []).map((e) => e.message);
    if (result.error) errors.push(result.error.message);
    return { out, errors };
  }

  it('writes a hash for every lazily loaded chunk into the runtime, matching the emitted files', async () => {
    const { out, errors } = await build(NEXT_MANIFEST);
    expect(errors).toEqual([]);
    const files = readdirSync(out);
    const runtimeFile = files.find((f) => f.startsWith('webpack-'));
    expect(runtimeFile).toBeDefined();
    const runtime = readFileSync(path.join(out, runtimeFile ?? ''), 'utf8');
    const map = JSON.parse(/\.sriHashes = (\{[^}]*\});/.exec(runtime)?.[1] ?? 'null') as Record<string, string>;
    const lazy = files.filter((f) => /^\d+\.[0-9a-f]+\.js$/.test(f));
    expect(lazy).toHaveLength(2);
    for (const file of lazy) {
      const id = file.split('.')[0] ?? '';
      expect(map[id]).toBe(integrityOf('sha384', readFileSync(path.join(out, file))));
    }
    expect(runtime).toContain('script.integrity = sriHashes && Object.prototype.hasOwnProperty.call(sriHashes, chunkId)');
    expect(runtime).toContain(impossibleIntegrity('sha384'));
    expect(readFileSync(path.join(out, 'server/app/page_client-reference-manifest.js'), 'utf8')).toContain('"moduleLoading":null');
  });

  it('fails the build when no client reference manifest is emitted', async () => {
    const { errors } = await build(null);
    expect(errors.join('\n')).toMatch(/ScriptIntegrityPlugin.*found no \*_client-reference-manifest\.js/);
  });

  it("fails the build when the manifest's shape changed", async () => {
    const { errors } = await build('globalThis.__RSC_MANIFEST["/page"]={"clientModules":{}}');
    expect(errors.join('\n')).toMatch(/expected one "moduleLoading"/);
  });
});
