import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

/** Our own 404: Next's built-in one uses inline styles, which the CSP (no 'unsafe-inline') refuses. */
export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="max-w-2xl text-slate-700">
        This address is not part of the migration portal. Check the address bar: the official portal only links to its own pages.
      </p>
      <p>
        <Link href="/" className="font-medium text-brand underline">
          Go to the status page
        </Link>
      </p>
    </div>
  );
}
