import type { ReactNode } from 'react';
import './globals.css';

/**
 * The public pages render their own <html> in app/[locale]/layout.tsx (its `lang` is the page's
 * locale), the English-only ops console in app/ops/layout.tsx, and app/not-found.tsx covers what
 * neither matches. This layout only carries the stylesheet.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
