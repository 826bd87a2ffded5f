import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { IncidentBanner } from '@/components/status/incident-banner';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import { getConfig } from '@/lib/config';
import { localeAlternates } from '@/lib/i18n/metadata';
import { isLocale } from '@/lib/i18n/routing';

type LayoutProps = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'meta' });
  return {
    metadataBase: new URL(getConfig().appUrl),
    title: { default: t('title'), template: `%s · ${t('title')}` },
    description: t('description'),
    alternates: localeAlternates(locale, '/'),
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps) {
  // Every page, the 404 included, renders per request: a prerendered page carries no CSP nonce,
  // so under 'strict-dynamic' its scripts would never run.
  await connection();
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations('nav');
  return (
    <html lang={locale}>
      <body className="min-h-screen flex flex-col">
        <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          {t('skip')}
        </a>
        {/* Server-rendered throughout; the pages with translating client components wrap them in <ClientMessages>. */}
        <HydrationMarker />
        <SiteHeader />
        <IncidentBanner />
        <main id="content" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
