/**
 * Zod building blocks for text people write (ops notes, holders' tickets): plain text, never HTML. Line ends are
 * normalised to LF; control characters other than LF and tab are refused (they hide text in
 * consoles and break feeds); lengths are bounded. Pages render it as text (React escapes it) and
 * the Atom feed escapes it, so markup in it stays inert wherever it is shown.
 */
import { z } from 'zod';

// C0 controls except tab and LF, DEL, C1 controls, and the Unicode bidi overrides that can
// disguise text (U+202A–U+202E, U+2066–U+2069).
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Required plain text of 1 to `max` characters (after trimming). */
export const plainText = (max: number, what = 'text') =>
  z
    .string({ error: `${what} is required` })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, `${what} is required`)
        .max(max, `${what} must be at most ${max} characters`)
        .refine((s) => !FORBIDDEN.test(s), `${what} must be plain text (no control characters)`),
    );

/** One line of plain text (titles, labels). */
export const plainLine = (max: number, what = 'text') =>
  plainText(max, what).refine((s) => !s.includes('\n'), `${what} must be a single line`);

/** Optional plain text: absent, null or empty (after trimming) is `null`. */
export const optionalText = (max: number, what = 'text') =>
  z
    .string({ error: `${what} must be text` })
    .nullish()
    .transform((s) => (s ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, `${what} must be at most ${max} characters`)
        .refine((s) => !FORBIDDEN.test(s), `${what} must be plain text (no control characters)`)
        .transform((s) => (s === '' ? null : s)),
    );
