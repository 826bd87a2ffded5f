import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { knownDrainers } from '@/lib/db/schema';

/** The known-drainer addresses (base58) the policy refuses anywhere in a transaction. */
export async function getKnownDrainers(): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db.select({ address: knownDrainers.address }).from(knownDrainers);
  return new Set(rows.map((r) => r.address));
}

export type KnownDrainer = { address: string; label: string; addedAt: Date; addedBy: string | null };

/** The list with labels, oldest first (ops console, security page). Added/removed by lib/ops/drainers.ts. */
export async function listKnownDrainers(): Promise<KnownDrainer[]> {
  const db = await getDb();
  return db.select().from(knownDrainers).orderBy(asc(knownDrainers.addedAt), asc(knownDrainers.address));
}
