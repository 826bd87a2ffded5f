import NextLink from 'next/link';
import { getLocale } from 'next-intl/server';
import type { ComponentProps } from 'react';
import { isLocale, localizedPath, routing } from '@/lib/i18n/routing';

type LocaleLinkProps = Omit<ComponentProps<typeof NextLink>, 'href'> & {
  /** An unprefixed path of the portal, e.g. `/status#exchanges`. */
  href: string;
};

/**
 * A link to a page of the portal in the page's locale (`/faq` → `/ko/faq` in Korean), for server
 * components: the address is computed on the server and rendered with `next/link`. Not next-intl's
 * `Link`: it reads the locale from next-intl's client provider, so every page that uses it ships
 * next-intl's client runtime (~13 kB gzip with the message formatter).
 *
 * No prefetch unless asked: every page is rendered per request (CSP nonce), so a prefetch fetches
 * only the route tree, not the page, and costs a request per link per page view. And a prefetch of
 * a Korean page still in flight when the reader switches to English answers with NEXT_LOCALE=ko,
 * undoing the choice: the middleware cannot tell it from a visit (Next strips the router's
 * headers before the middleware runs).
 */
export async function LocaleLink({ href, prefetch = false, ...rest }: LocaleLinkProps) {
  const current = await getLocale();
  const locale = isLocale(current) ? current : routing.defaultLocale;
  return <NextLink href={localizedPath(locale, href)} prefetch={prefetch} {...rest} />;
}
