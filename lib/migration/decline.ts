import 'server-only';
import type { MigrationResponse } from '@/lib/api/types';
import { MIGRATION_STATES } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { declineUnsignedBuild } from '@/lib/migration/transitions';
import { findMigration, toView } from '@/lib/migration/view';

/**
 * `POST /api/v1/migrations/{id}/decline`: the holder declined this build in the wallet (the page
 * reports it, so the receipt and the history say "declined", not "expired"). Only a build that was
 * never co-signed can be declined; it reserved nothing, so nothing is released. A label, never a
 * transition: the report carries no signature, so the build stays `built` and the holder may still
 * submit it until its offer runs out (DESIGN.md "The state machine of a migration"). Idempotent.
 *
 * @returns the migration as it is now (`endReason: declined`; state `built`, or `expired` once its offer ran out).
 * @throws ApiError NOT_FOUND; MIGRATION_STATE when it was co-signed (submitted, confirmed, failed, or sent and expired).
 */
export async function declineMigration(id: string, now = new Date()): Promise<MigrationResponse> {
  const row = await findMigration(id);
  if (row.declinedAt && row.signature === null) return toView(row);
  if (row.signature === null && (row.state === MIGRATION_STATES.built || row.state === MIGRATION_STATES.expired)) await declineUnsignedBuild(row.id, now);
  const after = await findMigration(row.id);
  if (!after.declinedAt || after.signature !== null) {
    throw new ApiError('MIGRATION_STATE', 'This migration was already signed and sent, so it cannot be declined. Open its receipt to see where it stands.');
  }
  return toView(after);
}
