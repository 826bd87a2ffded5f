'use client';

import { useEffect } from 'react';
import { rememberReaderTimeZone } from '@/components/ui/reader-time-zone';

/**
 * Sets `data-hydrated="true"` on <html> once React has hydrated the page, and renders nothing.
 * It also remembers the reader's time zone for the server-rendered pages (rememberReaderTimeZone).
 * The security e2e test waits for it to prove a page's scripts ran, and for its absence to prove
 * that a tampered script was refused. Mount it once, in the root layout's <body>.
 */
export function HydrationMarker(): null {
  useEffect(() => {
    rememberReaderTimeZone();
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}
