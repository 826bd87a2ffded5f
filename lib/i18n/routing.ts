import { defineRouting } from 'next-intl/routing';

/**
 * Locales of the public portal (DESIGN.md "Internationalisation"): English at `/…`, Korean at
 * `/ko/…` (`localePrefix: 'as-needed'`). A first visit to `/` is negotiated from Accept-Language;
 * the switcher's choice is remembered in the `NEXT_LOCALE` cookie. Edge-safe (the middleware
 * imports it). The ops console stays English and outside the locale tree.
 */
export const routing = defineRouting({
  locales: ['en', 'ko'],
  defaultLocale: 'en',
  localePrefix: 'as-needed',
  // Secure like every cookie of the portal (Observatory's cookie test; browsers accept Secure
  // cookies from http://localhost, so the demo and the e2e keep the choice too).
  localeCookie: { secure: true, sameSite: 'lax' },
});

export type Locale = (typeof routing.locales)[number];

/** Whether `value` is one of the portal's locales. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (routing.locales as readonly string[]).includes(value);
}

/**
 * A public path for `locale`: `/status` in English, `/ko/status` in Korean (`/` ↔ `/ko`).
 * @param path an unprefixed absolute path, e.g. `/faq`.
 */
export function localizedPath(locale: Locale, path: string): string {
  if (locale === routing.defaultLocale) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** The locale a request path names by its first segment (`/ko/…` → ko), else the default. */
export function localeOfPath(pathname: string): Locale {
  const first = pathname.split('/')[1];
  return isLocale(first) ? first : routing.defaultLocale;
}

/** A request path without its locale segment: `/ko/faq` → `/faq`, `/ko` → `/`, `/en/faq` and `/faq` → `/faq`. */
export function unprefixedPath(pathname: string): string {
  const segments = pathname.split('/');
  if (!isLocale(segments[1])) return pathname.startsWith('/') ? pathname : `/${pathname}`;
  const rest = segments.slice(2).join('/');
  return rest === '' ? '/' : `/${rest}`;
}

/**
 * Request header in which the middleware hands the address the reader asked for (its path, before
 * any rewrite) to the server components; the language switcher builds its links from it.
 */
export const PATHNAME_HEADER = 'x-portal-pathname';

/**
 * The language switcher's link from the page at `pathname` to the same page in `locale`: always
 * prefixed (`/en/faq`, `/ko/faq`, `/en` for the home page) and followed as a plain document
 * request, so it works before hydration and without JavaScript. The middleware answers it: it sets
 * the NEXT_LOCALE cookie to `locale` (the choice, remembered for unprefixed addresses) and sends
 * English to its unprefixed address. Being prefixed, it can never be answered from the old
 * locale's cookie, nor start with `//` (another host).
 * @param pathname the request path, prefixed or not (`/ko/faq`, `/faq`).
 */
export function switchLocaleHref(locale: Locale, pathname: string): string {
  const path = unprefixedPath(pathname);
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}
