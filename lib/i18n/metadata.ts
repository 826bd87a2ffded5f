import { type Locale, localizedPath, routing } from '@/lib/i18n/routing';

/**
 * The hreflang alternates and canonical URL of a public page (Next `metadata.alternates`), e.g. for
 * `/faq` in Korean: canonical `/ko/faq`, `en` → `/faq`, `ko` → `/ko/faq`, `x-default` → `/faq`.
 * Relative to `metadataBase` (the configured public origin).
 * @param path the unprefixed path, `/` for the home page.
 */
export function localeAlternates(locale: Locale, path: string): { canonical: string; languages: Record<string, string> } {
  const languages: Record<string, string> = {};
  for (const l of routing.locales) languages[l] = localizedPath(l, path);
  languages['x-default'] = localizedPath(routing.defaultLocale, path);
  return { canonical: localizedPath(locale, path), languages };
}
