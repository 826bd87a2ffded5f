import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type en from '@/messages/en.json';

type Namespace = keyof typeof en;

/**
 * Hands the message namespaces its client components read to next-intl's client provider, around
 * those components only. The rest of the page stays server-rendered and ships neither the
 * messages nor next-intl's client runtime (~13 kB gzip with the message formatter): the content
 * pages (home, status, FAQ…) have no client component that translates.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  const picked = Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]));
  return (
    <NextIntlClientProvider locale={locale} messages={picked} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
}
