import 'server-only';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { type SupportTicketEventRow, supportTicketEvents, type SupportTicketRow, supportTickets } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { getKnownDrainers } from '@/lib/security/drainers';
import { audited } from '@/lib/ops/audit';
import { optionalText } from '@/lib/text/plain';
import { CLOSING_STATUSES, type CreateTicket, createTicketSchema, TICKET_STATUSES, ticketNumber, type TicketStatus } from '@/lib/support/schema';
import { findSecretInValues, NestingTooDeepError, SECRET_REFUSAL_MESSAGE } from '@/lib/support/secret-guard';
import { UUID } from '@/lib/text/patterns';

/** Lookup secrets: 24 random bytes, base64url (32 characters). */
const SECRET_BYTES = 24;

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** Whether `given` is the ticket's secret: SHA-256 of both compared in constant time. */
export function secretMatches(given: string, storedHashHex: string): boolean {
  const stored = Buffer.from(storedHashHex, 'hex');
  const candidate = hashSecret(given);
  return stored.length === candidate.length && timingSafeEqual(stored, candidate);
}

/** The holder's lookup path: the secret rides in the fragment, which browsers never send to a server. */
export function ticketLookupPath(id: string, secret: string): string {
  return `/support/tickets/${id}#key=${secret}`;
}

/**
 * Refuses a request body that carries a recovery phrase or private key, before anything else
 * looks at it (validation errors would otherwise echo parts of it back).
 *
 * @throws ApiError SEED_PHRASE_REFUSED (400) naming the field and the kind, never the secret
 * @throws ApiError BAD_REQUEST (400, `details.reason: 'NESTING_TOO_DEEP'`) for a body nested deeper
 *   than the scan goes (a ticket is a flat object): refused unread rather than half scanned
 */
export function refuseSecretMaterial(body: unknown): void {
  let found: ReturnType<typeof findSecretInValues>;
  try {
    found = findSecretInValues(body);
  } catch (error) {
    if (!(error instanceof NestingTooDeepError)) throw error;
    throw new ApiError('BAD_REQUEST', `The request body is nested deeper than ${error.maxDepth} levels; a support ticket is one flat JSON object.`, {
      reason: 'NESTING_TOO_DEEP',
      maxDepth: error.maxDepth,
    });
  }
  if (found) {
    throw new ApiError('SEED_PHRASE_REFUSED', SECRET_REFUSAL_MESSAGE, { field: found.field, kind: found.finding.kind });
  }
}

/** Base58 tokens of address length in the ticket that are on the known-drainer list. */
async function drainerMentions(ticket: CreateTicket): Promise<string[]> {
  const drainers = await getKnownDrainers();
  if (drainers.size === 0) return [];
  const text = [ticket.wallet ?? '', ticket.description, ticket.contact ?? '', ticket.exchange ?? ''].join(' ');
  const found = new Set<string>();
  for (const token of text.match(/[1-9A-HJ-NP-Za-km-z]{32,44}/g) ?? []) if (drainers.has(token)) found.add(token);
  return [...found];
}

export type CreatedTicket = { id: string; number: string; secret: string; lookupPath: string; status: TicketStatus; drainerMentions: string[] };

/**
 * `POST /api/v1/support/tickets`: refuses secrets first (nothing stored), validates, stores the
 * ticket with the SHA-256 of a fresh lookup secret and its opening event, and returns the secret
 * once (it is never stored or shown again).
 *
 * @throws ApiError SEED_PHRASE_REFUSED | BAD_REQUEST (zod, or nested too deep)
 */
export async function createTicket(body: unknown, now = new Date()): Promise<CreatedTicket> {
  refuseSecretMaterial(body);
  const ticket = createTicketSchema.parse(body);
  const id = randomUUID();
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const mentions = await drainerMentions(ticket);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(supportTickets).values({
      id,
      secretHash: hashSecret(secret).toString('hex'),
      createdAt: now,
      updatedAt: now,
      status: 'open',
      wallet: ticket.wallet,
      location: ticket.location,
      exchange: ticket.location === 'exchange' ? ticket.exchange : null,
      migrationId: ticket.migrationId,
      signatures: ticket.signatures,
      description: ticket.description,
      contact: ticket.contact,
      language: ticket.language,
      drainerMentions: mentions,
      resolution: null,
    });
    await tx.insert(supportTicketEvents).values({ id: randomUUID(), ticketId: id, at: now, status: 'open', note: null, author: null });
  });
  return { id, number: ticketNumber(id), secret, lookupPath: ticketLookupPath(id, secret), status: 'open', drainerMentions: mentions };
}

export type TicketEvent = { at: string; status: TicketStatus; note: string | null; byOps: boolean };
/** What the holder sees on the lookup page (everything they wrote, every status change, the resolution). */
export type HolderTicketView = {
  id: string;
  /** The number people quote (`ticketNumber`). */
  number: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  wallet: string | null;
  location: SupportTicketRow['location'];
  exchange: string | null;
  migrationId: string | null;
  signatures: string[];
  description: string;
  contact: string | null;
  language: SupportTicketRow['language'];
  resolution: string | null;
  drainerMentions: string[];
  events: TicketEvent[];
};

function toView(row: SupportTicketRow, events: SupportTicketEventRow[]): HolderTicketView {
  return {
    id: row.id,
    number: ticketNumber(row.id),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    wallet: row.wallet,
    location: row.location,
    exchange: row.exchange,
    migrationId: row.migrationId,
    signatures: row.signatures,
    description: row.description,
    contact: row.contact,
    language: row.language,
    resolution: row.resolution,
    drainerMentions: row.drainerMentions,
    events: events
      .filter((e) => e.ticketId === row.id)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({ at: e.at.toISOString(), status: e.status, note: e.note, byOps: e.author !== null })),
  };
}

/**
 * `GET /api/v1/support/tickets/{id}` with the ticket's secret. An unknown id and a wrong secret
 * get the same answer, so the endpoint does not tell which tickets exist.
 *
 * @throws ApiError NOT_FOUND
 */
export async function lookupTicket(id: string, secret: string | null): Promise<HolderTicketView> {
  const notFound = new ApiError('NOT_FOUND', 'No ticket matches this link. Check that you opened the full link you were given when you submitted it.');
  if (!UUID.test(id) || !secret || secret.length > 200) throw notFound;
  const db = await getDb();
  const [row] = await db.select().from(supportTickets).where(eq(supportTickets.id, id.toLowerCase()));
  // Compare even when there is no row, against a dummy hash: the time taken does not tell either.
  const matches = secretMatches(secret, row?.secretHash ?? '0'.repeat(64));
  if (!row || !matches) throw notFound;
  const events = await db.select().from(supportTicketEvents).where(eq(supportTicketEvents.ticketId, row.id)).orderBy(asc(supportTicketEvents.at));
  return toView(row, events);
}

/** A ticket as ops see it (the holder's view; the secret hash never leaves the database). */
export type OpsTicketView = HolderTicketView;

export const ticketListQuerySchema = z.object({
  status: z.enum([...TICKET_STATUSES, 'active', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The support queue: `active` (not resolved or closed, the default), one status, or `all`; most recently updated first. */
export async function listTicketsForOps(query: z.infer<typeof ticketListQuerySchema>): Promise<OpsTicketView[]> {
  const db = await getDb();
  const where =
    query.status === 'all' ? undefined : query.status === 'active' ? notInArray(supportTickets.status, [...CLOSING_STATUSES]) : eq(supportTickets.status, query.status);
  const rows = await db.select().from(supportTickets).where(where).orderBy(desc(supportTickets.updatedAt)).limit(query.limit);
  if (rows.length === 0) return [];
  const events = await db.select().from(supportTicketEvents).where(inArray(supportTicketEvents.ticketId, rows.map((r) => r.id)));
  return rows.map((r) => toView(r, events));
}

export const ticketStatusChangeSchema = z
  .object({ status: z.enum(TICKET_STATUSES), note: optionalText(4_000, 'note') })
  .strict()
  .superRefine((change, ctx) => {
    if (CLOSING_STATUSES.includes(change.status) && !change.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'a ticket cannot be resolved or closed without a resolution note for the holder' });
    }
  });

/**
 * Changes a ticket's status with a note the holder sees (required to resolve or close: it becomes
 * the resolution), audited.
 *
 * @throws ApiError NOT_FOUND | CONFLICT (same status and no note) | BAD_REQUEST (closing without a note)
 */
export async function changeTicketStatus(actor: string, id: string, input: z.infer<typeof ticketStatusChangeSchema>, now = new Date()): Promise<OpsTicketView> {
  if (!UUID.test(id)) throw new ApiError('NOT_FOUND', 'No such ticket.');
  const ticketId = id.toLowerCase();
  await audited(actor, 'ticket.status', ticketId, async (tx) => {
    const [before] = await tx.select().from(supportTickets).where(eq(supportTickets.id, ticketId)).for('update');
    if (!before) throw new ApiError('NOT_FOUND', 'No such ticket.');
    if (before.status === input.status && !input.note) throw new ApiError('CONFLICT', `The ticket is already ${input.status}; add a note to tell the holder something new.`);
    const closing = CLOSING_STATUSES.includes(input.status);
    const resolution = closing ? input.note : null;
    await tx.update(supportTickets).set({ status: input.status, resolution, updatedAt: now }).where(and(eq(supportTickets.id, ticketId)));
    await tx.insert(supportTicketEvents).values({ id: randomUUID(), ticketId, at: now, status: input.status, note: input.note, author: actor });
    return { before: { status: before.status, resolution: before.resolution }, after: { status: input.status, resolution, note: input.note }, result: undefined };
  });
  const db = await getDb();
  const [row] = await db.select().from(supportTickets).where(eq(supportTickets.id, ticketId));
  if (!row) throw new ApiError('NOT_FOUND', 'No such ticket.');
  const events = await db.select().from(supportTicketEvents).where(eq(supportTicketEvents.ticketId, ticketId));
  return toView(row, events);
}
