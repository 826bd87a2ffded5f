import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { knownDrainers } from '@/lib/db/schema';

/** A known-drainer address as the security page lists it (ops-managed, lib/ops/drainers.ts). */
export type KnownDrainer = { address: string; label: string; addedAt: Date };

/**
 * Every known-drainer address, oldest first. The label is ops-written plain text (render as text).
 * @throws Error when the database cannot be read (the page shows "unavailable").
 */
export async function listKnownDrainers(): Promise<KnownDrainer[]> {
  const db = await getDb();
  const rows = await db.select().from(knownDrainers).orderBy(asc(knownDrainers.addedAt), asc(knownDrainers.address));
  return rows.map((r) => ({ address: r.address, label: r.label, addedAt: r.addedAt }));
}
