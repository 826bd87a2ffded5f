import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MWA_STYLE_ATTRIBUTE_HASHES, MWA_STYLE_ELEMENT_HASHES } from '@/lib/security/mwa-styles';

/**
 * The hashes in the policy must be those of the Mobile Wallet Adapter the browser bundle contains:
 * read from the installed package's browser build (the one webpack bundles), the same way the
 * browser sees the texts (template literals without substitutions or escapes, checked below).
 */
const require = createRequire(import.meta.url);
// The package exports no package.json; its main entry is lib/cjs/index.js, the browser build lib/esm/index.browser.js.
const bundlePath = path.join(path.dirname(require.resolve('@solana-mobile/wallet-standard-mobile')), '..', 'esm', 'index.browser.js');
const source = readFileSync(bundlePath, 'utf8');

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function cssConstants(): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of source.matchAll(/^const (css(?:\$\d+)?) = `([\s\S]*?)`;$/gm)) {
    const [, name = '', text = ''] = m;
    // A substitution or an escape would make the runtime text differ from the source text.
    expect(text.includes('${') || text.includes('\\')).toBe(false);
    found.set(name, text);
  }
  return found;
}

/** The CSS of an EmbeddedModal subclass: the shared modal CSS + its `contentStyles` (its `#injectHTML`). */
function modalCss(className: string, css: Map<string, string>): string {
  const m = new RegExp(`^var ${className} = class extends EmbeddedModal \\{\\n\\tcontentStyles = (css(?:\\$\\d+)?);`, 'm').exec(source);
  expect(m, `${className} in ${bundlePath}`).not.toBeNull();
  // The shared CSS is the one just before the `fonts` constant; the bundle concatenates it first.
  expect(source).toContain('styles.textContent = css$6 + this.contentStyles;');
  return (css.get('css$6') ?? '') + (css.get(m?.[1] ?? '') ?? '');
}

describe('MWA dialog hashes in the wallet-flow CSP', () => {
  it('match the <style> texts of the installed wallet-standard-mobile', () => {
    const css = cssConstants();
    // The spinner's <style> is css$1 alone.
    expect(source).toMatch(/var EmbeddedLoadingSpinner = class \{[\s\S]*?styles\.textContent = css\$1;/);
    const expected = [
      hash(css.get('css$1') ?? ''),
      hash(modalCss('LocalConnectionModal', css)),
      hash(modalCss('LoopbackPermissionModal', css)),
      hash(modalCss('LoopbackPermissionBlockedModal', css)),
    ];
    expect([...MWA_STYLE_ELEMENT_HASHES]).toEqual(expected);
  });

  it('cover every inline style attribute of its markup', () => {
    const attributes = new Set([...source.matchAll(/ style="([^"]*)"/g)].map((m) => m[1] ?? ''));
    expect([...attributes].map(hash).sort()).toEqual([...MWA_STYLE_ATTRIBUTE_HASHES].sort());
  });
});
