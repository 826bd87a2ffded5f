import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { audited } from '@/lib/ops/audit';
import { plainText } from '@/lib/text/plain';
import { type MaintenanceJson, maintenanceToJson, readMaintenance, readOpsMaintenanceFlag, writeOpsMaintenanceFlag } from '@/lib/status/maintenance';

/** `POST /api/v1/ops/maintenance`: `{on: true, reason}` or `{on: false}`. */
export const maintenanceRequestSchema = z.discriminatedUnion('on', [
  z.object({ on: z.literal(true), reason: plainText(500, 'reason') }).strict(),
  z.object({ on: z.literal(false), reason: z.unknown().optional() }).strict(),
]);
export type MaintenanceRequest = z.infer<typeof maintenanceRequestSchema>;

/**
 * Turns the runtime kill switch on (with a reason) or off, audited. The deploy-level layer
 * (`MIGRATION_KILL_SWITCH=on`) is not touched: the answer's `effective` says the flow stays
 * stopped while it is on.
 */
export async function setMaintenance(actor: string, request: MaintenanceRequest, now = new Date()): Promise<{ flag: { on: boolean; reason: string | null; since: string | null }; effective: MaintenanceJson }> {
  const action = request.on ? 'maintenance.on' : 'maintenance.off';
  const flag = await audited(actor, action, null, async (tx) => {
    const { before, after } = request.on
      ? await writeOpsMaintenanceFlag(tx, { on: true, reason: request.reason, by: actor, now })
      : await writeOpsMaintenanceFlag(tx, { on: false, by: actor, now });
    return { before, after, result: after };
  });
  const effective = maintenanceToJson(await readMaintenance());
  return { flag: { on: flag.on, reason: flag.reason, since: flag.since?.toISOString() ?? null }, effective };
}

/** `GET /api/v1/ops/maintenance`: the deploy layer, the runtime flag and the combined state. */
export async function getMaintenanceForOps() {
  const db = await getDb();
  const flag = await readOpsMaintenanceFlag(db);
  return {
    deployLayer: getConfig().killSwitch,
    flag: { on: flag.on, reason: flag.reason, since: flag.since?.toISOString() ?? null, setBy: flag.setBy, updatedAt: flag.updatedAt.toISOString() },
    effective: maintenanceToJson(await readMaintenance()),
  };
}
