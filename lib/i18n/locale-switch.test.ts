import { describe, expect, it } from 'vitest';
import { localeSwitchRedirect, routing, switchLocaleHref, unprefixedPath } from '@/lib/i18n/routing';

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
    expect(switchLocaleHref('en', '/ko/faq')).toBe('/en/faq?locale=en');
    expect(switchLocaleHref('ko', '/faq')).toBe('/ko/faq?locale=ko');
    expect(switchLocaleHref('en', '/ko')).toBe('/en?locale=en');
    expect(switchLocaleHref('ko', '/')).toBe('/ko?locale=ko');
    expect(switchLocaleHref('ko', '/ko/support/tickets/abc')).toBe('/ko/support/tickets/abc?locale=ko');
  });

  it('stay on this host whatever the path', () => {
    for (const path of ['//evil.example/x', '/ko//evil.example', '/\\evil.example']) {
      for (const locale of routing.locales) expect(switchLocaleHref(locale, path)).toMatch(new RegExp(`^/${locale}(/|$)`));
    }
    expect(switchLocaleHref('en', '//evil.example/x')).not.toMatch(/^\/\//);
  });
});

describe('the middleware answer to a switch (localeSwitchRedirect)', () => {
  it('remembers the locale of the link and sends the reader to the clean address in it', () => {
    expect(localeSwitchRedirect('/ko/faq', '?locale=ko')).toEqual({ locale: 'ko', location: '/ko/faq' });
    expect(localeSwitchRedirect('/en/faq', '?locale=en')).toEqual({ locale: 'en', location: '/faq' });
    expect(localeSwitchRedirect('/en', '?locale=en')).toEqual({ locale: 'en', location: '/' });
    expect(localeSwitchRedirect('/ko', '?locale=ko')).toEqual({ locale: 'ko', location: '/ko' });
    expect(localeSwitchRedirect('/ko/support', '?migration=abc&locale=ko')).toEqual({ locale: 'ko', location: '/ko/support?migration=abc' });
  });

  it('is no switch for a plain visit to a /ko page, or a parameter that names another locale', () => {
    expect(localeSwitchRedirect('/ko/faq', '')).toBeNull();
    expect(localeSwitchRedirect('/ko/faq', '?locale=en')).toBeNull();
    expect(localeSwitchRedirect('/faq', '?locale=en')).toBeNull();
    expect(localeSwitchRedirect('/faq', '?locale=ko')).toBeNull();
    expect(localeSwitchRedirect('/ko/faq', '?locale=ko&locale=ko')).toBeNull();
    expect(localeSwitchRedirect('/ko/faq', '?locale=de')).toBeNull();
  });

  it('never redirects off this origin', () => {
    for (const path of ['/en//evil.example/x', '/en/\\evil.example', '/ko//evil.example', '/en///evil']) {
      const answer = localeSwitchRedirect(path, `?locale=${path.slice(1, 3)}`);
      expect(answer?.location).toMatch(/^\/(?![/\\])/);
    }
  });
});
