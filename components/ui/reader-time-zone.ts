import { useEffect, useState } from 'react';

/**
 * The reader's own time zone (the browser's), once the component runs in the browser; undefined
 * during the server render and the first client render, so both print the same (lib/format then
 * uses the locale's customary zone). The rule: lib/format/index.ts.
 */
export function useReaderTimeZone(): string | undefined {
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => {
    try {
      setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || undefined);
    } catch {
      setZone(undefined);
    }
  }, []);
  return zone;
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
