import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { HydrationMarker } from '@/components/ui/hydration-marker';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'AI16Z → ELIZAOS migration', template: '%s · AI16Z → ELIZAOS migration' },
  description: 'The official portal to migrate AI16Z to ELIZAOS at 1 : 6, for wallets in the snapshot.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page, the 404 included, renders per request: a prerendered page carries no CSP nonce,
  // so under 'strict-dynamic' its scripts would never run.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col">
        <HydrationMarker />
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight">
              AI16Z → ELIZAOS <span className="font-normal text-slate-500">migration</span>
            </Link>
          </nav>
        </header>
        <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">{children}</main>
        <footer className="border-t border-slate-200 bg-white">
          <p className="mx-auto max-w-5xl px-4 py-4 text-sm text-slate-600">
            We never DM you and never ask for your seed phrase. Anyone who does is not us.
          </p>
        </footer>
      </body>
    </html>
  );
}
