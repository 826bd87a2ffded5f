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
    document.documentElement.dataset.hydrated = 'true';
    // In a task of its own: the browser's first time-zone read builds its Intl data (~15 ms on a
    // desktop, four times that on a phone), which would otherwise lengthen hydration's last task.
    const timer = setTimeout(rememberReaderTimeZone, 0);
    return () => clearTimeout(timer);
  }, []);
  return null;
}
