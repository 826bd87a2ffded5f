import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml, scriptEnd } from '@/scripts/verify/html';
import { parseWebpackRuntime, RuntimeParseError } from '@/scripts/verify/webpack-runtime';

// The runtime of a real `next build` of this app (Next 15.5.29 + build/sri-plugin.ts), kept as a
// fixture: if Next changes the shape, this test and the e2e verify run say so.
const REAL_RUNTIME = readFileSync(path.join(__dirname, 'fixtures', 'webpack-runtime.next-15.5.js.txt'), 'utf8');

describe('parseWebpackRuntime: the chunk map is read robustly, never guessed', () => {
  it("reads a real Next 15.5 runtime: every lazily loaded chunk, named or not, and the sriHashes map", () => {
    const runtime = parseWebpackRuntime(REAL_RUNTIME);
    expect(runtime.scripts.size).toBeGreaterThanOrEqual(2);
    for (const [id, file] of runtime.scripts) {
      expect(file).toMatch(/^static\/chunks\/[\w-]+\.[0-9a-f]{16}\.js$/);
      expect(runtime.sriHashes?.get(id)).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    }
    // A chunk with a name ("3a91511d") and numbered ones both resolve.
    expect([...runtime.scripts.values()].some((f) => /static\/chunks\/\d+\./.test(f))).toBe(true);
    expect(runtime.styles.size).toBe(0); // `.miniCssF=e=>{}`: no CSS chunks
    expect(runtime.sriHashes?.size).toBeGreaterThan(runtime.scripts.size);
  });

  it.each([
    ['arrow, ternary name, object hashes (Next 15.5)', 'r.u=e=>"static/chunks/"+(956===e?"3a91511d":e)+"."+({256:"7c3c409a910b36a1",956:"4c7a24fbdcd92034"})[e]+".js"'],
    ['arrow, object names with || fallback', 'r.u=e=>"static/chunks/"+(({956:"3a91511d",12:"wallet"})[e]||e)+"."+({256:"7c3c409a910b36a1",956:"4c7a24fbdcd92034",12:"aaaaaaaaaaaaaaaa"})[e]+".js"'],
    ['function form, unparenthesised object', 'r.u=function(e){return"static/chunks/"+({956:"3a91511d"}[e]||e)+"."+{256:"7c3c409a910b36a1",956:"4c7a24fbdcd92034"}[e]+".js"}'],
    ['unminified with whitespace, comments and quoted keys', '__webpack_require__.u = (chunkId) => {\n/* return url */ return "static/chunks/" + chunkId + "." + {"256": "7c3c409a910b36a1", "956": "4c7a24fbdcd92034"}[chunkId] + ".js";\n}'],
  ])('%s', (_name, u) => {
    const runtime = parseWebpackRuntime(`(()=>{var r={};${u},r.sriHashes={"256":"sha384-a","956":"sha384-b"};})();`);
    expect(runtime.scripts.get('256')).toBe('static/chunks/256.7c3c409a910b36a1.js');
    expect([...runtime.scripts.keys()]).toContain('956');
    expect(runtime.scripts.get('956')).toMatch(/^static\/chunks\/(3a91511d|956)\.4c7a24fbdcd92034\.js$/);
    expect(runtime.sriHashes).toEqual(new Map([['256', 'sha384-a'], ['956', 'sha384-b']]));
  });

  it('reads CSS chunks from miniCssF', () => {
    const runtime = parseWebpackRuntime('r.u=e=>"static/chunks/"+e+".js",r.miniCssF=e=>"static/css/"+({77:"0a1b2c3d4e5f6a7b"})[e]+".css",r.sriHashes={"77":"sha384-x"}');
    expect(runtime.styles).toEqual(new Map([['77', 'static/css/0a1b2c3d4e5f6a7b.css']]));
  });

  it('fails loudly on a shape it does not know, instead of missing the lazy chunks', () => {
    expect(() => parseWebpackRuntime('(()=>{var r={};r.p="/_next/"})();')).toThrow(/no chunk file name function/);
    expect(() => parseWebpackRuntime('r.u=e=>getName(e)+".js"')).toThrow(RuntimeParseError);
    expect(() => parseWebpackRuntime('r.u=e=>"static/chunks/"+e*2+".js"')).toThrow(/unexpected character "\*"/);
    expect(() => parseWebpackRuntime('r.u=e=>"https://evil.example/"+e+".js",r.sriHashes={"1":"sha384-x"}')).toThrow(/not a static file/);
    expect(() => parseWebpackRuntime('r.u=e=>"static/chunks/"+e+".js",r.sriHashes={"1":window.x}')).toThrow(RuntimeParseError);
  });
});

describe('parseHtml', () => {
  const names = (html: string) => parseHtml(html).map((e) => e.name);
  const scripts = (html: string) =>
    parseHtml(html)
      .filter((e) => e.name === 'script')
      .map((e) => e.attributes.get('src') ?? `inline:${e.text ?? ''}`);

  it('reads tags and attributes as a browser does', () => {
    const [el] = parseHtml(`<SCRIPT\tSRC = '/a.js' async integrity=sha384-x data-x="a&amp;b" src="/ignored.js"></SCRIPT>`);
    expect(el?.name).toBe('script');
    expect(el?.attributes.get('src')).toBe('/a.js'); // the first occurrence wins
    expect(el?.attributes.get('async')).toBe('');
    expect(el?.attributes.get('integrity')).toBe('sha384-x');
    expect(el?.attributes.get('data-x')).toBe('a&b');
    expect(scripts('<script/src="/b.js"></script><script src=/c.js></script>')).toEqual(['/b.js', '/c.js']);
  });

  it('skips comments, doctype and end tags, and does not see tags inside script or style text', () => {
    expect(names('<!DOCTYPE html><!-- <script src="/x.js"></script> --><p>a</p><!----><div></div>')).toEqual(['p', 'div']);
    expect(scripts('<script>var s = "<script src=/x.js>";</script>')).toEqual(['inline:var s = "<script src=/x.js>";']);
    expect(names('<style>a::after{content:"<img src=x onerror=y>"}</style><b>')).toEqual(['style', 'b']);
    expect(names('<title><script>x</script></title><i>')).toEqual(['title', 'i']);
  });

  it('follows script-data escapes: <!-- <script> inside a script makes the next </script> not end it', () => {
    const html = '<script><!--<script>a</script>b--></script><p>';
    expect(scriptEnd(html, '<script>'.length)).toBe(html.indexOf('</script><p>'));
    expect(scripts(html)).toEqual(['inline:<!--<script>a</script>b-->']);
    expect(scripts('<script><!-- x --></script><b>')).toEqual(['inline:<!-- x -->']);
    expect(scripts('<script><!--></script><b>')).toEqual(['inline:<!-->']); // "<!-->" leaves the escape at once
  });

  it('never throws on truncated input', () => {
    for (const html of ['<', '<script', '<script src="/a', '<!--', '<a href=', '<script>never closed']) expect(() => parseHtml(html)).not.toThrow();
  });
});
