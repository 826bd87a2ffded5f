import { getRequestConfig } from 'next-intl/server';
// Not `hasLocale` from 'next-intl': that entry re-exports the client provider, and whatever a
// server module imports lands in every page's client manifest (~13 kB gzip of JS for nothing).
import { isLocale, routing } from '@/lib/i18n/routing';

/** next-intl's per-request configuration: the locale from the URL segment, its messages, UTC. */
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : routing.defaultLocale;
  const messages = (await import(`../../messages/${locale}.json`)).default;
  // Every date on the portal is shown in UTC so every reader sees the same moment.
  return { locale, messages, timeZone: 'UTC' };
});
