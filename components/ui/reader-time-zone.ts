import { useEffect, useState } from 'react';
import { READER_TIME_ZONE_COOKIE, validTimeZone } from '@/lib/format';

/**
 * The reader's own time zone (the browser's), once the component runs in the browser; undefined
 * during the server render and the first client render, so both print the same (lib/format then
 * uses the locale's customary zone). The rule: lib/format/index.ts.
 */
export function useReaderTimeZone(): string | undefined {
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => setZone(browserTimeZone()), []);
  return zone;
}

/** The browser's IANA time zone when it names a valid one, else undefined. */
export function browserTimeZone(): string | undefined {
  try {
    return validTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return undefined;
  }
}

/**
 * Remembers the browser's zone in the `reader_tz` cookie (this site only, a year), so that the
 * server-rendered pages, the script-free status pages included, show times in it too
 * (lib/i18n/reader-zone.ts). Called once per page that runs scripts (HydrationMarker).
 */
export function rememberReaderTimeZone(): void {
  const zone = browserTimeZone();
  if (!zone) return;
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${READER_TIME_ZONE_COOKIE}=${zone}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

/** A clock for countdowns: `Date.now()`, re-read every `intervalMs` while `active`. */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
