import { getTranslations } from 'next-intl/server';
import { LocaleLink } from '@/components/ui/locale-link';

/** The localized 404 (inside the locale layout). Next's built-in one uses inline styles, which the CSP refuses. */
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="space-y-4">
      <title>{t('title')}</title>
      <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
      <p className="max-w-2xl text-slate-700">{t('body')}</p>
      <p>
        <LocaleLink href="/" className="font-medium text-brand underline">
          {t('home')}
        </LocaleLink>
      </p>
    </div>
  );
}
