import { describe, expect, it } from 'vitest';
import { localeAlternates } from '@/lib/i18n/metadata';
import { localeOfPath, localizedPath } from '@/lib/i18n/routing';

describe('locale paths', () => {
  it('prefixes Korean only (localePrefix: as-needed)', () => {
    expect(localizedPath('en', '/faq')).toBe('/faq');
    expect(localizedPath('ko', '/faq')).toBe('/ko/faq');
    expect(localizedPath('ko', '/')).toBe('/ko');
    expect(localeOfPath('/ko/migrate')).toBe('ko');
    expect(localeOfPath('/migrate')).toBe('en');
    expect(localeOfPath('/kor/migrate')).toBe('en');
  });

  it('names every locale and x-default as hreflang alternates', () => {
    expect(localeAlternates('ko', '/status')).toEqual({
      canonical: '/ko/status',
      languages: { en: '/status', ko: '/ko/status', 'x-default': '/status' },
    });
  });
});
