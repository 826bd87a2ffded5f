import { getLocale } from 'next-intl/server';
import type { AnchorHTMLAttributes } from 'react';
import { isLocale, localizedPath, routing } from '@/lib/i18n/routing';

type LocaleLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  /** An unprefixed path of the portal, e.g. `/status#exchanges`. */
  href: string;
};

/**
 * A link to a page of the portal in the page's locale (`/faq` → `/ko/faq` in Korean), for server
 * components: a plain `<a>` with the address computed on the server. It costs no client code: the
 * content pages ship no component of their own to hydrate (the framework aside), and following a
 * link loads the page the server renders for that request anyway (every page is rendered per
 * request for its CSP nonce, so a client-side navigation would fetch it too).
 *
 * Not next-intl's `Link`, which reads the locale from next-intl's client provider (~13 kB gzip of
 * client runtime with the message formatter), nor `next/link`, whose prefetches of `/ko/…` pages
 * answer with NEXT_LOCALE=ko and can undo a switch to English made while they are in flight (the
 * middleware cannot tell a prefetch from a visit: Next strips the router's headers before it runs).
 */
export async function LocaleLink({ href, ...rest }: LocaleLinkProps) {
  const current = await getLocale();
  const locale = isLocale(current) ? current : routing.defaultLocale;
  return <a href={localizedPath(locale, href)} {...rest} />;
}
