import 'server-only';
import { eq } from 'drizzle-orm';
import type { MigrationResponse } from '@/lib/api/types';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { parseMigrationId } from '@/lib/migration/input';
import { settleFromStatuses } from '@/lib/migration/settlement';

/**
 * One migration row by id (any case).
 * @throws ApiError NOT_FOUND for a malformed or unknown id.
 */
export async function findMigration(idText: string): Promise<Migration> {
  const id = parseMigrationId(idText);
  if (!id) throw new ApiError('NOT_FOUND', 'No such migration.');
  const [row] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
  if (!row) throw new ApiError('NOT_FOUND', 'No such migration. Start again from the migrate page.');
  return row;
}

/**
 * `GET /api/v1/migrations/{id}` (and the receipt page): the migration as recorded, after settling a
 * `submitted` one by its signature's status when the chain already knows it. A read: it never
 * sends anything and never releases an allocation (the reconciler alone re-broadcasts and
 * expires). An unreachable RPC answers the recorded state.
 * @returns null for a malformed or unknown id.
 */
export async function getMigrationView(id: string): Promise<MigrationResponse | null> {
  let row: Migration;
  try {
    row = await findMigration(id);
  } catch {
    return null;
  }
  if (row.state === MIGRATION_STATES.submitted) {
    await settleFromStatuses([row]).catch(() => undefined);
    row = await findMigration(id);
  }
  return toView(row);
}

function toView(row: Migration): MigrationResponse {
  return {
    id: row.id,
    wallet: row.wallet,
    amount: row.amountIn.toString(),
    amountOut: row.amountOut.toString(),
    state: row.state,
    signature: row.signature,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
    sendError: row.state === MIGRATION_STATES.submitted ? row.sendError : null,
    lastValidBlockHeight: row.lastValidBlockHeight.toString(),
  };
}
