'use client';

import { Fragment, type ReactNode } from 'react';
import { formatDate, formatDateTime, formatTime } from '@/lib/format';
import { useReaderTimeZone } from '@/components/ui/reader-time-zone';

/** How a {@link ReaderTime} prints its moment. */
export type ReaderTimeKind =
  /** `December 1, 2026 at 09:00 KST` (formatDateTime). */
  | 'dateTime'
  /** `December 1, 2026` (formatDate). */
  | 'date'
  /** For a table cell: the date, then the time, each kept whole, a line break allowed between them and before the UTC time. */
  | 'cell';

/**
 * A moment shown in the reader's own time zone, for server-rendered pages: the server (and the
 * first client render, so that hydration agrees) prints it in the locale's customary zone, and
 * once the page runs in the browser it is printed again in the browser's zone, with the zone's
 * name, and UTC beside it with `withUtc`. The rule: lib/format/index.ts, README "Times and time zones".
 *
 * @param at the moment, an ISO 8601 string (a server component passes `date.toISOString()`).
 */
export function ReaderTime({ at, locale, kind = 'dateTime', withUtc = false, className, testId }: { at: string; locale: string; kind?: ReaderTimeKind; withUtc?: boolean; className?: string; testId?: string }) {
  const timeZone = useReaderTimeZone();
  const date = new Date(at);
  let text: ReactNode;
  if (kind === 'date') text = formatDate(date, locale, { timeZone });
  else if (kind === 'dateTime') text = formatDateTime(date, locale, { timeZone, withUtc });
  else {
    // `18:05 KST (09:05 UTC)`: each time kept whole, a line break may fall before the UTC one.
    const times = formatTime(date, locale, { timeZone, withUtc }).split(/ (?=\()/);
    // The spaces stand between the kept-whole spans, so a line may break there.
    text = [formatDate(date, locale, { timeZone }), ...times].map((part, i) => (
      <Fragment key={i}>
        {i > 0 ? ' ' : ''}
        <span className="whitespace-nowrap">{part}</span>
      </Fragment>
    ));
  }
  return (
    <time dateTime={at} className={className} data-testid={testId}>
      {text}
    </time>
  );
}
