/** Locale-aware formatting of dates and durations for pages (amounts: lib/solana/amounts.ts). */

/** A date-time as people read it, in UTC so every reader sees the same moment, e.g. "1 December 2026 at 00:00 UTC". */
export function formatDateTime(date: Date, locale = 'en'): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(date);
}

/** A date without time, in UTC. */
export function formatDate(date: Date, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The time of day in UTC, 24-hour, with the zone, e.g. "09:05 UTC": for a table cell that puts it under {@link formatDate}. */
export function formatTime(date: Date, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC', timeZoneName: 'short' }).format(date);
}

/** A duration from `now` to `target` in the largest sensible unit, e.g. "in 89 days", "in 3 hours". */
export function formatRelative(target: Date, now: Date, locale = 'en'): string {
  const seconds = Math.round((target.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}
