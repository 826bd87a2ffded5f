import 'server-only';
import { eq } from 'drizzle-orm';
import type { MigrationEndReason, MigrationResponse } from '@/lib/api/types';
import { getDb } from '@/lib/db';
import { type Migration, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { parseMigrationId } from '@/lib/migration/input';
import { settleFromStatuses } from '@/lib/migration/settlement';
import { FAILED_ON_CHAIN_PREFIX } from '@/lib/migration/transitions';

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

/**
 * Why a migration that did not land ended, from its row (DESIGN.md "The state machine of a
 * migration"): `declined` (the holder declined in the wallet), `not_signed` (never co-signed, the
 * offer ran out), `never_landed` (co-signed and sent, its blockhash expired with no trace on
 * chain), `failed_on_chain` (it landed with an error); null for `submitted`, `confirmed` and a
 * `built` one not declined.
 */
export function endReasonOf(row: Pick<Migration, 'state' | 'signature' | 'declinedAt'>): MigrationEndReason | null {
  if (row.state === MIGRATION_STATES.failed) return 'failed_on_chain';
  // A build the holder declined stays `built` (still theirs to submit until its offer runs out): its reason is known now.
  if (row.state === MIGRATION_STATES.built) return row.declinedAt ? 'declined' : null;
  if (row.state !== MIGRATION_STATES.expired) return null;
  if (row.signature) return 'never_landed';
  return row.declinedAt ? 'declined' : 'not_signed';
}

/** The chain's own error of a migration that landed and failed (as the runtime reported it), else null. */
export function chainErrorOf(row: Pick<Migration, 'state' | 'error'>): string | null {
  if (row.state !== MIGRATION_STATES.failed || !row.error) return null;
  return row.error.startsWith(FAILED_ON_CHAIN_PREFIX) ? row.error.slice(FAILED_ON_CHAIN_PREFIX.length) : row.error;
}

/** The public view of one migration row (`GET /api/v1/migrations/{id}`, the receipt, the wallet's history). */
export function toView(row: Migration): MigrationResponse {
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
    endReason: endReasonOf(row),
    chainError: chainErrorOf(row),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}
