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
  // cookies from http://localhost, so the demo and the e2e keep the choice too). Only the language
  // switcher writes it (localeSwitchRedirect); the middleware drops next-intl's own writes.
  localeCookie: { name: 'NEXT_LOCALE', secure: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 },
});

/** The locale cookie: the switcher's choice, read by next-intl for unprefixed addresses. */
export const LOCALE_COOKIE = { name: 'NEXT_LOCALE', secure: true, sameSite: 'lax' as const, maxAge: 365 * 24 * 3600, path: '/' };

/**
 * Query parameter of the language switcher's links (`/ko/faq?locale=ko`): only a request that
 * carries it, naming the locale of its own prefix, changes the remembered language. Any other
 * visit to a `/ko/…` page (a shared link, a search result) shows that page in Korean and leaves the
 * session's language as it was, so an English reader's unprefixed addresses stay English.
 */
export const LOCALE_SWITCH_PARAM = 'locale';

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
 * request, so it works before hydration and without JavaScript. It carries {@link LOCALE_SWITCH_PARAM}: the middleware answers it
 * (localeSwitchRedirect), sets the NEXT_LOCALE cookie to `locale` (the choice, remembered for
 * unprefixed addresses) and sends the reader to the page's address in that locale. Being prefixed, it can never be answered from the old
 * locale's cookie, nor start with `//` (another host).
 * @param pathname the request path, prefixed or not (`/ko/faq`, `/faq`).
 */
export function switchLocaleHref(locale: Locale, pathname: string): string {
  const path = sameOriginPath(unprefixedPath(pathname));
  return `${path === '/' ? `/${locale}` : `/${locale}${path}`}?${LOCALE_SWITCH_PARAM}=${locale}`;
}

/** A path that cannot leave this origin: leading slashes and backslashes become one `/`. */
function sameOriginPath(path: string): string {
  return path.replace(/^[/\\]+/, '/');
}

/**
 * The middleware's answer to a language switch (a link of {@link switchLocaleHref}): the locale to
 * remember and where to send the reader, the page's own address in that locale without the
 * parameter (`/ko/faq?locale=ko` → `/ko/faq`; `/en/faq?locale=en` → `/faq`; other query
 * parameters kept). Null for every other request, including a parameter that does not name the
 * path's own locale (`/ko/faq?locale=en`): no address can switch the language to another one.
 * @param pathname the request path as received.
 * @param search the request's query string (`?…` or empty).
 */
export function localeSwitchRedirect(pathname: string, search: string): { locale: Locale; location: string } | null {
  const params = new URLSearchParams(search);
  const asked = params.get(LOCALE_SWITCH_PARAM);
  const first = pathname.split('/')[1];
  if (!isLocale(asked) || first !== asked || params.getAll(LOCALE_SWITCH_PARAM).length !== 1) return null;
  params.delete(LOCALE_SWITCH_PARAM);
  const path = sameOriginPath(localizedPath(asked, sameOriginPath(unprefixedPath(pathname))));
  const query = params.toString();
  return { locale: asked, location: query ? `${path}?${query}` : path };
}
