'use client';

import { useLocale, useTranslations } from 'next-intl';
import { Link, usePathname } from '@/lib/i18n/navigation';
import { routing } from '@/lib/i18n/routing';

/**
 * Links to the same page in each locale. next-intl's Link remembers the choice (NEXT_LOCALE cookie,
 * written on click), so an unprefixed address keeps the language the reader picked over the
 * browser's.
 */
export function LocaleSwitcher() {
  const t = useTranslations('switcher');
  const current = useLocale();
  const pathname = usePathname();
  return (
    <nav aria-label={t('label')}>
      <ul className="flex gap-2 text-sm">
        {routing.locales.map((locale) => (
          <li key={locale}>
            <Link
              href={pathname}
              locale={locale}
              // No prefetch: a prefetched page would be the one the old locale cookie chose.
              prefetch={false}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? 'true' : undefined}
              className={locale === current ? 'inline-block rounded px-2 py-1.5 font-semibold text-slate-900 ring-1 ring-slate-300' : 'inline-block rounded px-2 py-1.5 text-slate-700 underline underline-offset-4 hover:text-brand'}
            >
              {t(locale)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
