import { describe, expect, it } from 'vitest';
import { pickLocalized } from '@/lib/status/localized';

describe('pickLocalized', () => {
  it('gives Korean readers the Korean text when there is one', () => {
    expect(pickLocalized({ en: 'Slow', ko: '지연' }, 'ko')).toEqual({ text: '지연', lang: 'ko', fallback: false });
  });
  it('falls back to English, and says so, when ops wrote no Korean', () => {
    expect(pickLocalized({ en: 'Slow', ko: null }, 'ko')).toEqual({ text: 'Slow', lang: 'en', fallback: true });
    expect(pickLocalized({ en: 'Slow', ko: '  ' }, 'ko')).toEqual({ text: 'Slow', lang: 'en', fallback: true });
  });
  it('gives English readers the English text', () => {
    expect(pickLocalized({ en: 'Slow', ko: '지연' }, 'en')).toEqual({ text: 'Slow', lang: 'en', fallback: false });
  });
});
