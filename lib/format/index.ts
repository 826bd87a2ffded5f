/**
 * Locale-aware formatting of dates and durations for pages (amounts: lib/solana/amounts.ts).
 *
 * **The rule for times** (README "Times and time zones"), the same in both languages:
 * - a time is shown in the reader's time zone, with the zone's name (`KST` for Korea);
 * - where ops publish a time (incidents and their next update, the migration window and its
 *   deadline, the maintenance pause, exchange check-ins), UTC stands beside it, so a time quoted
 *   in a chat or a tweet can be compared with the page;
 * - client components use the browser's own zone once they run (`useReaderTimeZone`,
 *   components/ui/reader-time-zone.ts), which also remembers it in the {@link READER_TIME_ZONE_COOKIE}
 *   cookie; server-rendered pages, the script-free status pages included, use the zone that cookie
 *   names (lib/i18n/reader-zone.ts), and without it the locale's customary zone
 *   ({@link customaryTimeZone}: Asia/Seoul, `KST`, for Korean; UTC for English). The first client
 *   render uses the customary zone too, so the server render and the hydration agree.
 */

/** A zone to show a time in, and whether UTC stands beside it. */
export type TimeZoneOptions = {
  /** IANA time zone (e.g. `Asia/Seoul`); default: the locale's customary zone. */
  timeZone?: string;
  /** Add the time in UTC (for times ops publish). Ignored when the zone is UTC itself. */
  withUtc?: boolean;
};

/**
 * The cookie in which a page that runs scripts remembers the reader's IANA time zone, so that
 * server-rendered pages (the script-free status pages too) show times in it. A display preference
 * only: never used for anything but formatting, and checked by {@link validTimeZone}.
 */
export const READER_TIME_ZONE_COOKIE = 'reader_tz';

/**
 * `value` when it is an IANA time zone this runtime knows (`Asia/Seoul`, `America/New_York`,
 * `UTC`), else undefined: what a cookie or a browser says is checked before use.
 */
export function validTimeZone(value: string | undefined): string | undefined {
  if (!value || value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}

/** The zone pages assume for readers of `locale` when they cannot know theirs (server-rendered pages). */
export function customaryTimeZone(locale: string): string {
  return locale === 'ko' || locale.startsWith('ko-') ? 'Asia/Seoul' : 'UTC';
}

/** Zones whose customary abbreviation Intl does not give (it writes `GMT+9`), by IANA name. */
const ZONE_LABELS: Readonly<Record<string, string>> = { 'Asia/Seoul': 'KST', UTC: 'UTC', 'Etc/UTC': 'UTC', 'Etc/GMT': 'UTC', GMT: 'UTC' };

/** The short name of `timeZone` as readers of `locale` know it at `date` (`KST`, `UTC`, `EST`, `GMT+1`). */
export function timeZoneLabel(timeZone: string, locale = 'en', date = new Date()): string {
  const known = ZONE_LABELS[timeZone];
  if (known) return known;
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

function isUtc(timeZone: string): boolean {
  return ZONE_LABELS[timeZone] === 'UTC';
}

function zoneOf(locale: string, opts: TimeZoneOptions): string {
  return opts.timeZone ?? customaryTimeZone(locale);
}

/** The UTC time beside a zoned one: `(13:05 UTC)`, or `(Mar 1, 13:05 UTC)` when the UTC date differs. */
function utcBeside(date: Date, locale: string, timeZone: string): string {
  const day = (tz: string) => new Intl.DateTimeFormat('en', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: tz }).format(date);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
  if (day(timeZone) === day('UTC')) return `(${time} UTC)`;
  const utcDay = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
  return `(${utcDay} ${time} UTC)`;
}

/**
 * A date-time as people read it, with its zone's name (see the rule in the module comment), e.g.
 * `December 1, 2026 at 00:00 UTC`; for Korean readers `2026년 12월 1일 09:00 KST`, with
 * `withUtc` `2026년 12월 1일 09:00 KST (00:00 UTC)`.
 */
export function formatDateTime(date: Date, locale = 'en', opts: TimeZoneOptions = {}): string {
  const timeZone = zoneOf(locale, opts);
  // dateStyle/timeStyle cannot be combined with a custom zone name, so the parts are spelled out.
  const text = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  const zoned = `${text} ${timeZoneLabel(timeZone, locale, date)}`;
  return opts.withUtc && !isUtc(timeZone) ? `${zoned} ${utcBeside(date, locale, timeZone)}` : zoned;
}

/** A date without time, in the zone (default: the locale's customary zone), e.g. `November 20, 2026`. */
export function formatDate(date: Date, locale = 'en', opts: Pick<TimeZoneOptions, 'timeZone'> = {}): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: zoneOf(locale, opts) }).format(date);
}

/**
 * The time of day, 24-hour, with the zone's name, e.g. `09:05 UTC`, `18:05 KST (09:05 UTC)`: for a
 * table cell that puts it under {@link formatDate} (same zone).
 */
export function formatTime(date: Date, locale = 'en', opts: TimeZoneOptions = {}): string {
  const timeZone = zoneOf(locale, opts);
  const text = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  const zoned = `${text} ${timeZoneLabel(timeZone, locale, date)}`;
  return opts.withUtc && !isUtc(timeZone) ? `${zoned} ${utcBeside(date, locale, timeZone)}` : zoned;
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

/**
 * A countdown as `m:ss` (`0:42`, `1:05`), never negative: what is left of a transaction's validity.
 * @param ms milliseconds left.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
