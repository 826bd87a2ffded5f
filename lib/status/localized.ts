import type { LocalizedText } from '@/lib/status/incidents';

/**
 * Ops-written text in the reader's locale: the Korean text when the reader reads Korean and ops
 * wrote one, else the English text, with the language it is actually in (for the element's `lang`,
 * so screen readers pronounce it right and the page can say "in English").
 */
export function pickLocalized(text: LocalizedText, locale: string): { text: string; lang: 'en' | 'ko'; fallback: boolean } {
  if (locale === 'ko' && text.ko !== null && text.ko.trim() !== '') return { text: text.ko, lang: 'ko', fallback: false };
  return { text: text.en, lang: 'en', fallback: locale !== 'en' };
}
