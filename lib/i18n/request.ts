import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { routing } from '@/lib/i18n/routing';

/** next-intl's per-request configuration: the locale from the URL segment, its messages, UTC. */
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const messages = (await import(`../../messages/${locale}.json`)).default;
  // Every date on the portal is shown in UTC so every reader sees the same moment.
  return { locale, messages, timeZone: 'UTC' };
});
