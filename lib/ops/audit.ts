import 'server-only';
import { desc, lt } from 'drizzle-orm';
import { getDb, type Queryable } from '@/lib/db';
import { type AuditLogRow, opsAuditLog } from '@/lib/db/schema';

/** Every action ops can take; the audit log names one per entry. */
export const AUDIT_ACTIONS = [
  'session.sign_in',
  'session.sign_out',
  'maintenance.on',
  'maintenance.off',
  'incident.post',
  'incident.update',
  'incident.resolve',
  'incident.next_update',
  'exchange.upsert',
  'drainer.add',
  'drainer.remove',
  'migrations.reconcile',
  'ticket.status',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];


/** The JSON-safe form of a value for the audit log (Dates as ISO strings, bigints as strings). */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;
}

/**
 * Runs one ops action and records it in the same database transaction: the change and its audit
 * entry commit together or not at all. `work` returns the state before and after (JSON-able) and
 * the result for the caller.
 */
export async function audited<T>(
  actor: string,
  action: AuditAction,
  target: string | null,
  work: (tx: Queryable) => Promise<{ before: unknown; after: unknown; result: T }>,
): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { before, after, result } = await work(tx);
    await tx.insert(opsAuditLog).values({ wallet: actor, action, target, before: toAuditJson(before), after: toAuditJson(after) });
    return result;
  });
}

export type AuditEntry = { id: number; at: string; wallet: string; action: string; target: string | null; before: unknown; after: unknown };

function toEntry(row: AuditLogRow): AuditEntry {
  return { id: row.id, at: row.at.toISOString(), wallet: row.wallet, action: row.action, target: row.target, before: row.before, after: row.after };
}

/** Audit entries, newest first; `beforeId` pages back. At most 1,000 per call. */
export async function listAudit(options: { limit?: number; beforeId?: number } = {}): Promise<AuditEntry[]> {
  const db = await getDb();
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1_000);
  const rows = await db
    .select()
    .from(opsAuditLog)
    .where(options.beforeId ? lt(opsAuditLog.id, options.beforeId) : undefined)
    .orderBy(desc(opsAuditLog.id))
    .limit(limit);
  return rows.map(toEntry);
}

/** Every audit entry, oldest first (the CSV export). */
export async function listAllAudit(): Promise<AuditEntry[]> {
  const db = await getDb();
  return (await db.select().from(opsAuditLog).orderBy(opsAuditLog.id)).map(toEntry);
}

const CSV_COLUMNS = ['id', 'at', 'wallet', 'action', 'target', 'before', 'after'] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A cell
 * a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`
 * (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The audit log as CSV (header row, CRLF line ends, JSON in the before/after cells). */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const cells = [String(e.id), e.at, e.wallet, e.action, e.target ?? '', e.before === null ? '' : JSON.stringify(e.before), e.after === null ? '' : JSON.stringify(e.after)];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
