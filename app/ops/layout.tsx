import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import en from '@/messages/en.json';

/** The console's client components word errors through the same function as the public pages, in English. */
const OPS_MESSAGES = { errors: en.errors, policy: en.policy };

export const metadata: Metadata = { title: { default: 'Ops console', template: '%s · AI16Z → ELIZAOS ops' }, robots: { index: false, follow: false } };

/**
 * The ops console's own document: operators only, English only (README "Operations"), outside the
 * public pages' locale tree and without their incident banner.
 */
export default async function OpsLayout({ children }: { children: ReactNode }) {
  // Per request: a prerendered page carries no CSP nonce, so under 'strict-dynamic' its scripts would never run.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col">
        <HydrationMarker />
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
            <Link href="/ops" className="font-semibold tracking-tight">
              AI16Z → ELIZAOS <span className="font-normal text-slate-500">ops console</span>
            </Link>
          </nav>
        </header>
        <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          <NextIntlClientProvider locale="en" messages={OPS_MESSAGES} timeZone="UTC">
            {children}
          </NextIntlClientProvider>
        </main>
      </body>
    </html>
  );
}
