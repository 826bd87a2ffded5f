import { describe, expect, it } from 'vitest';
import { routing, switchLocaleHref, unprefixedPath } from '@/lib/i18n/routing';

describe('the language switcher links', () => {
  it('strip the locale segment from the request path', () => {
    expect(unprefixedPath('/ko/faq')).toBe('/faq');
    expect(unprefixedPath('/ko')).toBe('/');
    expect(unprefixedPath('/ko/')).toBe('/');
    expect(unprefixedPath('/en/status')).toBe('/status');
    expect(unprefixedPath('/faq')).toBe('/faq');
    expect(unprefixedPath('/')).toBe('/');
    expect(unprefixedPath('/kor/faq')).toBe('/kor/faq');
  });

  it('always carry the locale prefix, English included, so the middleware sets the cookie and no old cookie can answer them', () => {
    expect(switchLocaleHref('en', '/ko/faq')).toBe('/en/faq');
    expect(switchLocaleHref('ko', '/faq')).toBe('/ko/faq');
    expect(switchLocaleHref('en', '/ko')).toBe('/en');
    expect(switchLocaleHref('ko', '/')).toBe('/ko');
    expect(switchLocaleHref('ko', '/ko/support/tickets/abc')).toBe('/ko/support/tickets/abc');
  });

  it('stay on this host whatever the path', () => {
    for (const path of ['//evil.example/x', '/ko//evil.example', '/\\evil.example']) {
      for (const locale of routing.locales) expect(switchLocaleHref(locale, path)).toMatch(new RegExp(`^/${locale}(/|$)`));
    }
    expect(switchLocaleHref('en', '//evil.example/x')).not.toMatch(/^\/\//);
  });
});
