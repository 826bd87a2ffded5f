import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import { routing } from '@/lib/i18n/routing';

// A plain link (not next/link): this document sits outside the locale tree.
const HOME_PATH = '/';

/**
 * A 404 outside both layouts (e.g. under /ops/…): a whole document, in the default locale. Next's
 * built-in one uses inline styles, which the CSP (no 'unsafe-inline') refuses.
 */
export default async function GlobalNotFound() {
  await connection();
  const t = await getTranslations({ locale: routing.defaultLocale, namespace: 'notFound' });
  return (
    <html lang={routing.defaultLocale}>
      <body className="min-h-screen">
        <HydrationMarker />
        <main className="mx-auto max-w-5xl space-y-4 px-4 py-8">
          <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
          <p className="max-w-2xl text-slate-700">{t('body')}</p>
          <p>
            <a href={HOME_PATH} className="font-medium text-brand underline">
              {t('home')}
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
