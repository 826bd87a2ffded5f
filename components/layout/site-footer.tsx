import { getLocale, getTranslations } from 'next-intl/server';
import { incidentFeedPath, STATUS_API_PATH } from '@/lib/i18n/page';
import { isLocale, routing } from '@/lib/i18n/routing';

/** The public pages' footer: the one rule that stops most theft, and the machine-readable status. */
export async function SiteFooter() {
  const [t, current] = await Promise.all([getTranslations('footer'), getLocale()]);
  const locale = isLocale(current) ? current : routing.defaultLocale;
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-4 text-sm text-slate-700">
        <p className="font-medium">{t('neverDm')}</p>
        <ul aria-label={t('linksLabel')} className="flex gap-4">
          <li>
            
            <a href={incidentFeedPath(locale)} className="inline-block py-1.5 underline underline-offset-4">
              {t('feed')}
            </a>
          </li>
          <li>
            <a href={STATUS_API_PATH} className="inline-block py-1.5 underline underline-offset-4">
              {t('api')}
            </a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
