import { cookies } from 'next/headers';
import { customaryTimeZone, READER_TIME_ZONE_COOKIE, validTimeZone } from '@/lib/format';

/**
 * The time zone a server-rendered page shows times in (the rule: lib/format/index.ts): the
 * reader's own, as a page that ran scripts remembered it in the `reader_tz` cookie, when it is a
 * valid IANA zone; else the locale's customary zone (KST for Korean, UTC for English). Times ops
 * publish also carry UTC beside them, whatever the zone.
 */
export async function readerTimeZone(locale: string): Promise<string> {
  // Zone names are cookie-safe as they are (letters, digits, `_+-/`): no decoding to go wrong.
  return validTimeZone((await cookies()).get(READER_TIME_ZONE_COOKIE)?.value) ?? customaryTimeZone(locale);
}
