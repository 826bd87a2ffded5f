import { headers } from 'next/headers';
import { getLocale, getTranslations } from 'next-intl/server';
import { isLocale, PATHNAME_HEADER, routing, switchLocaleHref } from '@/lib/i18n/routing';

/**
 * Links to the same page in each locale. Plain links, rendered on the server: a click loads the
 * prefixed address (`/en/faq`, `/ko/faq`), whose answer sets the NEXT_LOCALE cookie and, for
 * English, redirects to `/faq` (lib/i18n/routing.ts `switchLocaleHref`). So it works before
 * hydration and without JavaScript, costs no client code, and no client router cache can serve
 * the page in the old language.
 */
export async function LocaleSwitcher() {
  const [t, current, requestHeaders] = await Promise.all([getTranslations('switcher'), getLocale(), headers()]);
  const pathname = requestHeaders.get(PATHNAME_HEADER) ?? '/';
  const active = isLocale(current) ? current : routing.defaultLocale;
  return (
    <nav aria-label={t('label')}>
      <ul className="flex gap-2 text-sm">
        {routing.locales.map((locale) => (
          <li key={locale}>
            <a
              href={switchLocaleHref(locale, pathname)}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === active ? 'true' : undefined}
              className={locale === active ? 'inline-block rounded px-2 py-1.5 font-semibold text-slate-900 ring-1 ring-slate-300' : 'inline-block rounded px-2 py-1.5 text-slate-700 underline underline-offset-4 hover:text-brand'}
            >
              {t(locale)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
