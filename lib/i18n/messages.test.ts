import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { routing } from '@/lib/i18n/routing';

type Tree = { [key: string]: string | Tree };

function load(locale: string): Tree {
  return JSON.parse(readFileSync(path.join(process.cwd(), 'messages', `${locale}.json`), 'utf8')) as Tree;
}

/** Every leaf key as a dotted path, with its message. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(at, value);
    else for (const [k, v] of leaves(value, at)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments and rich-text tags a message uses (`{ratio}`, `<link>`), sorted. */
function placeholders(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z0-9_]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

describe('messages', () => {
  const [base, ...others] = routing.locales;
  const reference = leaves(load(base));

  it.each(others)('%s has exactly the keys of en', (locale) => {
    const keys = leaves(load(locale));
    const missing = [...reference.keys()].filter((k) => !keys.has(k));
    const extra = [...keys.keys()].filter((k) => !reference.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(others)('%s uses the same arguments and tags as en in every message', (locale) => {
    const keys = leaves(load(locale));
    const differing = [...reference].filter(([k, en]) => keys.has(k) && placeholders(en).join() !== placeholders(keys.get(k) ?? '').join()).map(([k]) => k);
    expect(differing).toEqual([]);
  });

  it.each(routing.locales)('every %s message is valid ICU and not empty', (locale) => {
    for (const [key, message] of leaves(load(locale))) {
      expect(message.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(message, locale, undefined, { ignoreTag: false }), key).not.toThrow();
    }
  });

  it('the checks catch a missing key', () => {
    const ko = leaves({ a: 'x' });
    const en = leaves({ a: 'x', b: { c: 'y' } });
    expect([...en.keys()].filter((k) => !ko.has(k))).toEqual(['b.c']);
    expect(placeholders('Opens {relative}, <link>x</link> {count, plural, one {#} other {#}}')).toEqual(['<link>', '{count}', '{relative}']);
  });
});
