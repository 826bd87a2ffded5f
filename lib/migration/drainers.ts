import 'server-only';
import { getDb } from '@/lib/db';
import { knownDrainers } from '@/lib/db/schema';

/** The known-drainer addresses (base58) the policy refuses anywhere in a transaction. */
export async function getKnownDrainers(): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db.select({ address: knownDrainers.address }).from(knownDrainers);
  return new Set(rows.map((r) => r.address));
}
