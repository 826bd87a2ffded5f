/**
 * The known-drainer list (table `known_drainers`): addresses ops have seen draining wallets. The
 * transaction policies refuse any transaction naming one (migration, Revoke), support tickets
 * mentioning one are flagged, the security page and `GET /api/v1/drainers` show it, and ops add
 * and remove entries, audited.
 */
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { knownDrainers } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { audited } from '@/lib/ops/audit';
import { isAddress } from '@/lib/solana/address';
import { plainLine } from '@/lib/text/plain';

/** One entry. `label` is ops-written plain text (render as text); `addedBy` is the ops wallet (never shown publicly). */
export type KnownDrainer = { address: string; label: string; addedAt: Date; addedBy: string | null };

/**
 * The known-drainer addresses (base58) the policies refuse anywhere in a transaction.
 * @throws Error when the database cannot be read (the caller refuses: fail closed).
 */
export async function getKnownDrainers(): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db.select({ address: knownDrainers.address }).from(knownDrainers);
  return new Set(rows.map((r) => r.address));
}

/**
 * Every entry, oldest first (ops console, security page, the public list).
 * @throws Error when the database cannot be read (the security page shows "unavailable").
 */
export async function listKnownDrainers(): Promise<KnownDrainer[]> {
  const db = await getDb();
  return db.select().from(knownDrainers).orderBy(asc(knownDrainers.addedAt), asc(knownDrainers.address));
}

/** A base58 Solana address (32 bytes), canonical form. */
export const addressSchema = z.string().trim().refine(isAddress, 'must be a base58 Solana address');

export const addDrainerSchema = z.object({ address: addressSchema, label: plainLine(120, 'label') }).strict();

/** Adds a known-drainer address (the policy refuses any transaction naming it from now on), audited. */
export async function addDrainer(actor: string, input: z.infer<typeof addDrainerSchema>, now = new Date()) {
  return audited(actor, 'drainer.add', input.address, async (tx) => {
    const [existing] = await tx.select().from(knownDrainers).where(eq(knownDrainers.address, input.address));
    if (existing) throw new ApiError('CONFLICT', 'This address is already on the known-drainer list.', { label: existing.label });
    const row = { address: input.address, label: input.label, addedAt: now, addedBy: actor };
    await tx.insert(knownDrainers).values(row);
    return { before: null, after: row, result: { ...row, addedAt: now.toISOString() } };
  });
}

/** Removes an address from the known-drainer list, audited. */
export async function removeDrainer(actor: string, addressText: string) {
  const address = addressSchema.parse(addressText);
  return audited(actor, 'drainer.remove', address, async (tx) => {
    const [removed] = await tx.delete(knownDrainers).where(eq(knownDrainers.address, address)).returning();
    if (!removed) throw new ApiError('NOT_FOUND', 'This address is not on the known-drainer list.');
    return { before: removed, after: null, result: { address, removed: true } };
  });
}
