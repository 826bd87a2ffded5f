import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { incidents, incidentUpdates } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import type { Queryable } from '@/lib/db';
import { audited } from '@/lib/ops/audit';
import { optionalText, plainLine, plainText } from '@/lib/text/plain';
import { checkIncidentLink } from '@/lib/status/incident-link';
import { getIncident, type Incident, INCIDENT_SEVERITIES, INCIDENT_STATES, incidentToJson, type IncidentJson } from '@/lib/status/incidents';

const localized = (max: number, what: string, line = false) =>
  z.object({ en: line ? plainLine(max, `${what} (English)`) : plainText(max, `${what} (English)`), ko: optionalText(max, `${what} (Korean)`) }).strict();

/** "Next update by": an ISO 8601 moment, or minutes from now; null clears it. */
const nextUpdate = {
  nextUpdateBy: z.iso.datetime({ offset: true, error: 'nextUpdateBy must be an ISO 8601 date-time' }).nullable().optional(),
  nextUpdateInMinutes: z.coerce.number().int().min(1, 'nextUpdateInMinutes must be 1 to 10080').max(10_080, 'nextUpdateInMinutes must be 1 to 10080').optional(),
};

export const postIncidentSchema = z
  .object({
    severity: z.enum(INCIDENT_SEVERITIES),
    title: localized(200, 'title', true),
    body: localized(4_000, 'body'),
    state: z.enum(INCIDENT_STATES).exclude(['resolved']).default('investigating'),
    link: optionalText(500, 'link'),
    ...nextUpdate,
  })
  .strict();

export const updateIncidentSchema = z
  .object({
    state: z.enum(INCIDENT_STATES).exclude(['resolved']),
    body: localized(4_000, 'body'),
    severity: z.enum(INCIDENT_SEVERITIES).optional(),
    ...nextUpdate,
  })
  .strict();

export const resolveIncidentSchema = z.object({ body: localized(4_000, 'body') }).strict();

export const nextUpdateSchema = z.object(nextUpdate).strict();

function nextUpdateFrom(input: { nextUpdateBy?: string | null; nextUpdateInMinutes?: number }, now: Date): Date | null | undefined {
  if (input.nextUpdateInMinutes !== undefined) return new Date(now.getTime() + input.nextUpdateInMinutes * 60_000);
  if (input.nextUpdateBy === undefined) return undefined;
  if (input.nextUpdateBy === null) return null;
  const at = new Date(input.nextUpdateBy);
  if (at.getTime() <= now.getTime()) throw new ApiError('BAD_REQUEST', 'The next update must be promised for a moment in the future.');
  return at;
}

/** The allowlisted link hosts: `OPS_LINK_HOSTS` and the portal's own host. */
export function incidentLinkHosts(): string[] {
  const config = getConfig();
  return [...new Set([...config.opsLinkHosts, new URL(config.appUrl).hostname.toLowerCase()])];
}

async function mustGet(id: string): Promise<Incident> {
  const incident = await getIncident(id);
  if (!incident) throw new ApiError('NOT_FOUND', 'No such incident.');
  return incident;
}

async function lockIncident(tx: Queryable, id: string) {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
  if (!row) throw new ApiError('NOT_FOUND', 'No such incident.');
  if (row.resolvedAt) throw new ApiError('CONFLICT', 'This incident is resolved; post a new incident instead.');
  return row;
}

/**
 * Posts a new incident with its first update, audited.
 * @throws ApiError BAD_REQUEST (link not https on an allowlisted host, next update in the past)
 */
export async function postIncident(actor: string, input: z.infer<typeof postIncidentSchema>, now = new Date()): Promise<IncidentJson> {
  let link: string | null = null;
  if (input.link) {
    const check = checkIncidentLink(input.link, incidentLinkHosts());
    if (!check.ok) throw new ApiError('BAD_REQUEST', `The link is not allowed: ${check.reason}.`, { field: 'link' });
    link = check.url;
  }
  const id = randomUUID();
  const nextUpdateBy = nextUpdateFrom(input, now) ?? null;
  await audited(actor, 'incident.post', id, async (tx) => {
    await tx.insert(incidents).values({ id, severity: input.severity, titleEn: input.title.en, titleKo: input.title.ko, startedAt: now, updatedAt: now, nextUpdateBy, link });
    await tx.insert(incidentUpdates).values({ id: randomUUID(), incidentId: id, at: now, state: input.state, bodyEn: input.body.en, bodyKo: input.body.ko, author: actor });
    return { before: null, after: { ...input, link, nextUpdateBy }, result: undefined };
  });
  return incidentToJson(await mustGet(id));
}

/** Adds an update (state and text; optionally a new severity and next-update time), audited. */
export async function updateIncident(actor: string, id: string, input: z.infer<typeof updateIncidentSchema>, now = new Date()): Promise<IncidentJson> {
  const before = await mustGet(id);
  await audited(actor, 'incident.update', before.id, async (tx) => {
    await lockIncident(tx, before.id);
    const nextUpdateBy = nextUpdateFrom(input, now);
    await tx.insert(incidentUpdates).values({ id: randomUUID(), incidentId: before.id, at: now, state: input.state, bodyEn: input.body.en, bodyKo: input.body.ko, author: actor });
    await tx
      .update(incidents)
      .set({ updatedAt: now, ...(input.severity ? { severity: input.severity } : {}), ...(nextUpdateBy !== undefined ? { nextUpdateBy } : {}) })
      .where(eq(incidents.id, before.id));
    return { before: { state: before.state, severity: before.severity, nextUpdateBy: before.nextUpdateBy }, after: { ...input, nextUpdateBy }, result: undefined };
  });
  return incidentToJson(await mustGet(id));
}

/** Resolves an incident with a closing update (the text is required), audited. */
export async function resolveIncident(actor: string, id: string, input: z.infer<typeof resolveIncidentSchema>, now = new Date()): Promise<IncidentJson> {
  const before = await mustGet(id);
  await audited(actor, 'incident.resolve', before.id, async (tx) => {
    await lockIncident(tx, before.id);
    await tx.insert(incidentUpdates).values({ id: randomUUID(), incidentId: before.id, at: now, state: 'resolved', bodyEn: input.body.en, bodyKo: input.body.ko, author: actor });
    await tx.update(incidents).set({ updatedAt: now, resolvedAt: now, nextUpdateBy: null }).where(eq(incidents.id, before.id));
    return { before: { state: before.state }, after: { state: 'resolved', body: input.body }, result: undefined };
  });
  return incidentToJson(await mustGet(id));
}

/** Sets (or clears) when the next update is due, audited. */
export async function setIncidentNextUpdate(actor: string, id: string, input: z.infer<typeof nextUpdateSchema>, now = new Date()): Promise<IncidentJson> {
  const before = await mustGet(id);
  const nextUpdateBy = nextUpdateFrom(input, now);
  if (nextUpdateBy === undefined) throw new ApiError('BAD_REQUEST', 'Give nextUpdateBy (ISO 8601 or null) or nextUpdateInMinutes.');
  await audited(actor, 'incident.next_update', before.id, async (tx) => {
    await lockIncident(tx, before.id);
    await tx.update(incidents).set({ nextUpdateBy, updatedAt: now }).where(eq(incidents.id, before.id));
    return { before: { nextUpdateBy: before.nextUpdateBy }, after: { nextUpdateBy }, result: undefined };
  });
  return incidentToJson(await mustGet(id));
}
