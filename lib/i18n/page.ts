import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { localeAlternates } from '@/lib/i18n/metadata';
import { isLocale, type Locale, routing } from '@/lib/i18n/routing';

/** The Atom feed of incidents (app/api/v1/status/incidents.atom). */
export const INCIDENT_FEED_PATH = '/api/v1/status/incidents.atom';
/** The incident feed in the reader's language (`?lang=ko` gives the Korean feed). */
export function incidentFeedPath(locale: Locale): string {
  return locale === 'ko' ? `${INCIDENT_FEED_PATH}?lang=ko` : INCIDENT_FEED_PATH;
}

/** The status JSON (app/api/v1/status). Feeds are route handlers: plain links, no locale prefix. */
export const STATUS_API_PATH = '/api/v1/status';

/** The route params of every page under app/[locale]/. */
export type LocaleParams = { params: Promise<{ locale: string }> };

/**
 * The page's locale from its route params (the layout has already refused unknown ones with a
 * 404; the default is only a type-level fallback), registered for next-intl's server helpers.
 */
export async function pageLocale(params: LocaleParams['params']): Promise<Locale> {
  const { locale } = await params;
  const known = isLocale(locale) ? locale : routing.defaultLocale;
  setRequestLocale(known);
  return known;
}

/**
 * A public page's metadata: its title from `{namespace}.title` and its hreflang alternates.
 * @param path the unprefixed path, e.g. `/faq`.
 */
export async function pageMetadata(params: LocaleParams['params'], namespace: string, path: string, extra: Metadata = {}): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace });
  // The incident feed is discoverable from every page (feed readers look for this link).
  const alternates = { ...localeAlternates(locale, path), types: { 'application/atom+xml': incidentFeedPath(locale) } };
  return { title: t('title'), alternates, ...extra };
}
