import 'server-only';
import bs58 from 'bs58';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { audited } from '@/lib/ops/audit';
import { addressSchema } from '@/lib/security/drainers';
import { reconcileMigrations } from '@/lib/migration/settlement';
import { expireStaleBuilds } from '@/lib/migration/transitions';
import { UUID } from '@/lib/text/patterns';


/**
 * A migration as ops see it (amounts in base units as decimal strings). `amount` is the AI16Z
 * amount under the public API's name (`GET /api/v1/migrations/{id}`); `amountIn` is the same value
 * under its first name, kept for compatibility (DESIGN.md "HTTP API v1").
 */
export function migrationForOps(row: Migration) {
  return {
    id: row.id,
    wallet: row.wallet,
    amount: row.amountIn.toString(),
    /** Alias of `amount` (the ops answers' first name for it), kept for compatibility. */
    amountIn: row.amountIn.toString(),
    amountOut: row.amountOut.toString(),
    state: row.state,
    signature: row.signature,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    settledAt: row.settledAt?.toISOString() ?? null,
  };
}
export type OpsMigration = ReturnType<typeof migrationForOps>;

function isSignature(text: string): boolean {
  try {
    return /^[1-9A-HJ-NP-Za-km-z]{64,90}$/.test(text) && bs58.decode(text).length === 64;
  } catch {
    return false;
  }
}

/**
 * `GET /api/v1/ops/migrations?q=`: migrations by wallet address (newest 50), by transaction
 * signature, or by migration id.
 *
 * @throws ApiError BAD_REQUEST when `q` is none of those.
 */
export async function searchMigrations(query: string): Promise<OpsMigration[]> {
  const q = query.trim();
  const db = await getDb();
  let rows: Migration[];
  if (UUID.test(q)) rows = await db.select().from(migrations).where(eq(migrations.id, q.toLowerCase()));
  else if (isSignature(q)) rows = await db.select().from(migrations).where(eq(migrations.signature, q));
  else if (addressSchema.safeParse(q).success) rows = await db.select().from(migrations).where(eq(migrations.wallet, q)).orderBy(desc(migrations.createdAt)).limit(50);
  else throw new ApiError('BAD_REQUEST', 'Search by a wallet address, a transaction signature or a migration id.');
  return rows.map(migrationForOps);
}

export const reconcileRequestSchema = z.object({ id: z.string().regex(UUID, 'id must be a migration id').optional() }).strict();

/**
 * Settles one submitted migration (or every submitted one, without `id`) from the chain now,
 * instead of waiting for the reconciler's next round; audited with the states before and after.
 *
 * @throws ApiError NOT_FOUND | RPC_UNAVAILABLE
 */
export async function reconcileForOps(actor: string, input: z.infer<typeof reconcileRequestSchema>) {
  const db = await getDb();
  const target = input.id?.toLowerCase() ?? null;
  const before = target ? await db.select().from(migrations).where(eq(migrations.id, target)) : await db.select().from(migrations).where(eq(migrations.state, MIGRATION_STATES.submitted)).limit(256);
  if (target && before.length === 0) throw new ApiError('NOT_FOUND', 'No such migration.');
  let counts: Awaited<ReturnType<typeof reconcileMigrations>>;
  try {
    counts = await reconcileMigrations(before.filter((r) => r.state === MIGRATION_STATES.submitted));
    if (!target) await expireStaleBuilds();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('RPC_UNAVAILABLE', 'The Solana network could not be read just now; nothing changed. Try again.', {}, 5);
  }
  const after = target ? await db.select().from(migrations).where(eq(migrations.id, target)) : [];
  return audited(actor, 'migrations.reconcile', target, async () => ({
    before: before.map((r) => ({ id: r.id, state: r.state })),
    after: { counts, migrations: after.map((r) => ({ id: r.id, state: r.state })) },
    result: { counts, migrations: after.map(migrationForOps) },
  }));
}
