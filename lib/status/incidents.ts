import 'server-only';
import { desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { type IncidentRow, type IncidentUpdateRow, incidents, incidentUpdates } from '@/lib/db/schema';
import { UUID } from '@/lib/text/patterns';

/**
 * Incidents on the canonical status page: ops-written plain text, English and optionally Korean,
 * each with its updates. Read here (status page, status API, Atom feed); written by lib/ops/incidents.ts.
 */
export const INCIDENT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export const INCIDENT_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
/** Ops-written plain text (never HTML) in English, and optionally Korean. */
export type LocalizedText = { en: string; ko: string | null };
export type IncidentUpdate = { id: string; at: Date; state: IncidentState; body: LocalizedText };
export type Incident = {
  id: string; // uuid
  severity: IncidentSeverity;
  title: LocalizedText;
  state: IncidentState; // the latest update's state
  startedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  nextUpdateBy: Date | null; // "next update by"; overdue when in the past and not resolved
  link: string | null; // https URL on an allowlisted host only (checked when written), else null
  updates: IncidentUpdate[]; // newest first
};

const SEVERITY_RANK: Record<IncidentSeverity, number> = { critical: 0, warning: 1, info: 2 };

function toIncident(row: IncidentRow, updates: IncidentUpdateRow[]): Incident {
  const mine = updates.filter((u) => u.incidentId === row.id).sort((a, b) => b.at.getTime() - a.at.getTime());
  return {
    id: row.id,
    severity: row.severity,
    title: { en: row.titleEn, ko: row.titleKo },
    state: mine[0]?.state ?? (row.resolvedAt ? 'resolved' : 'investigating'),
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    nextUpdateBy: row.nextUpdateBy,
    link: row.link,
    updates: mine.map((u) => ({ id: u.id, at: u.at, state: u.state, body: { en: u.bodyEn, ko: u.bodyKo } })),
  };
}

async function withUpdates(rows: IncidentRow[]): Promise<Incident[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const updates = await db
    .select()
    .from(incidentUpdates)
    .where(inArray(incidentUpdates.incidentId, rows.map((r) => r.id)));
  return rows.map((row) => toIncident(row, updates));
}

/** Every incident, newest first (by startedAt); `limit` keeps only the newest ones. */
export async function listIncidents(options?: { limit?: number }): Promise<Incident[]> {
  const db = await getDb();
  const query = db.select().from(incidents).orderBy(desc(incidents.startedAt), desc(incidents.id));
  const rows = options?.limit === undefined ? await query : await query.limit(Math.max(1, Math.floor(options.limit)));
  return withUpdates(rows);
}

/** Unresolved incidents, most severe first, then newest. */
export async function activeIncidents(): Promise<Incident[]> {
  const db = await getDb();
  const open = await db.select().from(incidents).where(isNull(incidents.resolvedAt));
  const list = await withUpdates(open);
  return list.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.startedAt.getTime() - a.startedAt.getTime());
}

/** One incident with its updates, or null (also for a malformed id). */
export async function getIncident(id: string): Promise<Incident | null> {
  if (!UUID.test(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id.toLowerCase()));
  if (!row) return null;
  const [incident] = await withUpdates([row]);
  return incident ?? null;
}

/** Whether an incident's promised update is late at `now`. */
export function isUpdateOverdue(incident: Pick<Incident, 'nextUpdateBy' | 'resolvedAt'>, now: Date): boolean {
  return incident.resolvedAt === null && incident.nextUpdateBy !== null && incident.nextUpdateBy.getTime() < now.getTime();
}

/** The JSON form of an incident (status API, ops API): dates as ISO 8601 strings. */
export function incidentToJson(incident: Incident) {
  return {
    id: incident.id,
    severity: incident.severity,
    title: incident.title,
    state: incident.state,
    startedAt: incident.startedAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    nextUpdateBy: incident.nextUpdateBy?.toISOString() ?? null,
    link: incident.link,
    updates: incident.updates.map((u) => ({ id: u.id, at: u.at.toISOString(), state: u.state, body: u.body })),
  };
}
export type IncidentJson = ReturnType<typeof incidentToJson>;
