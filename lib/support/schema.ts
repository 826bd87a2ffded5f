/**
 * The support ticket a holder submits (`POST /api/v1/support/tickets`), as a zod schema. Addresses
 * and signatures are checked as base58 of the right length (32 and 64 bytes); text is plain and
 * bounded. Browser-safe (the form uses the same limits): import '@/lib/zod-jitless' first there.
 */
import bs58 from 'bs58';
import { z } from 'zod';
import { optionalText, plainText } from '@/lib/text/plain';
import { UUID } from '@/lib/text/patterns';

export const TICKET_LOCATIONS = ['self_custody', 'exchange', 'unsure'] as const;
export type TicketLocation = (typeof TICKET_LOCATIONS)[number];
export const TICKET_LANGUAGES = ['en', 'ko'] as const;
export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_for_holder', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses that end a ticket: reaching one needs a resolution note. */
export const CLOSING_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

/** At most this many transaction signatures per ticket. */
export const MAX_SIGNATURES = 10;
/** Largest request body accepted, bytes. */
export const TICKET_MAX_BYTES = 16 * 1024;

/** Whether `text` is base58 of exactly `length` bytes (at most ⌈length × log(256)/log(58)⌉ characters). */
function base58Of(length: number, text: string): boolean {
  // Checked before decoding, which is quadratic in the length (a 16 KB field would cost ~0.5 s).
  if (text.length > Math.ceil((length * Math.log(256)) / Math.log(58)) || !/^[1-9A-HJ-NP-Za-km-z]+$/.test(text)) return false;
  try {
    return bs58.decode(text).length === length;
  } catch {
    return false;
  }
}

/** A wallet address: base58 of 32 bytes. */
export const walletAddressSchema = z.string().trim().refine((v) => base58Of(32, v), 'must be a Solana wallet address (base58, 32 bytes)');
/** A transaction signature: base58 of 64 bytes. */
export const signatureSchema = z.string().trim().refine((v) => base58Of(64, v), 'must be a Solana transaction signature (base58, 64 bytes)');

/** A migration id (UUID, any case → lower case) the ticket is about. */
export const migrationIdSchema = z
  .string()
  .trim()
  .regex(UUID, 'must be a migration id (as the migrate page or the receipt shows it)')
  .transform((v) => v.toLowerCase());

/**
 * The ticket number people read and quote (on the ticket page, to support): the first 8 hex digits
 * of its id in two groups, `3F2A-91C0`. The ops console finds a ticket by it.
 */
export function ticketNumber(id: string): string {
  const hex = id.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** Splits a pasted list of signatures (new lines, commas, spaces) into its items. */
export function splitSignatures(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

export const createTicketSchema = z
  .object({
    wallet: z.union([z.literal(''), z.null(), walletAddressSchema]).optional().transform((v) => (v ? v : null)),
    location: z.enum(TICKET_LOCATIONS, { error: 'say where the tokens are: self_custody, exchange or unsure' }),
    exchange: optionalText(60, 'exchange'),
    /** The migration the ticket is about (prefilled when the holder comes from its failure screen or receipt). */
    migrationId: z.union([z.literal(''), z.null(), migrationIdSchema]).optional().transform((v) => (v ? v : null)),
    signatures: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .transform((v) => (v === undefined ? [] : typeof v === 'string' ? splitSignatures(v) : v))
      .pipe(z.array(signatureSchema).max(MAX_SIGNATURES, `at most ${MAX_SIGNATURES} signatures`)),
    description: plainText(4_000, 'description').refine((s) => s.length >= 10, 'description must say what happened (at least 10 characters)'),
    contact: optionalText(200, 'contact'),
    language: z.enum(TICKET_LANGUAGES).default('en'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.location === 'exchange' && !t.exchange) ctx.addIssue({ code: 'custom', path: ['exchange'], message: 'name the exchange that holds the tokens' });
  });
export type CreateTicket = z.infer<typeof createTicketSchema>;
