/**
 * The maintenance kill switch (DESIGN.md "Maintenance kill switch"), its server half: two layers.
 * - deploy: `MIGRATION_KILL_SWITCH=on` in the environment; the console cannot lift it.
 * - ops: the runtime flag in the `maintenance_flag` row, set by signed-in ops with a reason.
 * When the flag cannot be read, the answer is "on" (`source: 'unreadable'`): the wallet flow
 * fails closed. Here: reading and writing the flag, the build/submit handlers' own checks (the
 * middleware is not the only guard), and the ops actions. The edge half (which requests are the
 * wallet flow, the middleware's cached read, the MAINTENANCE error) is lib/maintenance/edge.ts.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getControlDb, getDb, type Queryable } from '@/lib/db';
import { maintenanceFlag } from '@/lib/db/schema';
import { formatDateTime } from '@/lib/format';
import { ApiError } from '@/lib/http/errors';
import { type MaintenanceJson, type MaintenanceSource, maintenanceError } from '@/lib/maintenance/edge';
import { windowStateAt } from '@/lib/migration/window';
import { audited } from '@/lib/ops/audit';
import { optionalText, plainText } from '@/lib/text/plain';
import { errorMessage, log } from '@/lib/observability/log';

export type MaintenanceState = {
  /** True when either layer is on, or when the flag cannot be read (fail closed). */
  on: boolean;
  /** deploy = MIGRATION_KILL_SWITCH=on; ops = runtime flag. Deploy wins when both are on. */
  source: MaintenanceSource | null;
  /** Ops-written plain text (never HTML), English. */
  reason: string | null;
  /** The same reason in Korean, when ops wrote one (Korean pages show `reason` marked as English otherwise). */
  reasonKo: string | null;
  since: Date | null;
};

/** The runtime flag as stored (ops layer only). */
export type OpsMaintenanceFlag = { on: boolean; reason: string | null; reasonKo: string | null; since: Date | null; setBy: string | null; updatedAt: Date };

/** Any drizzle handle that can run queries: the database or an open transaction. */

/**
 * Reads the runtime flag row. Inside a transaction, `lockForShare` holds it against a concurrent
 * flip until the transaction ends (the submit path uses this so a flip waits for, or refuses, an
 * in-flight co-signature: never both).
 *
 * @throws Error when the row is missing (the migration inserts it) or the database fails.
 */
export async function readOpsMaintenanceFlag(db: Queryable, options: { lockForShare?: boolean } = {}): Promise<OpsMaintenanceFlag> {
  const query = db.select().from(maintenanceFlag).where(eq(maintenanceFlag.id, 1));
  const [row] = options.lockForShare ? await query.for('share') : await query;
  if (!row) throw new Error('the maintenance_flag row is missing');
  return { on: row.on, reason: row.reason, reasonKo: row.reasonKo, since: row.since, setBy: row.setBy, updatedAt: row.updatedAt };
}

/** Combines the deploy layer and a read of the runtime flag (or its failure) into one state. */
export function combineMaintenance(deployOn: boolean, flag: OpsMaintenanceFlag | null): MaintenanceState {
  if (deployOn) return { on: true, source: 'deploy', reason: flag?.on ? flag.reason : null, reasonKo: flag?.on ? flag.reasonKo : null, since: flag?.on ? flag.since : null };
  if (flag === null) return { on: true, source: 'unreadable', reason: null, reasonKo: null, since: null };
  if (flag.on) return { on: true, source: 'ops', reason: flag.reason, reasonKo: flag.reasonKo, since: flag.since };
  return { on: false, source: null, reason: null, reasonKo: null, since: null };
}

/**
 * The maintenance state now, read fresh from the database on every call (one primary-key read),
 * so a flip is seen by the very next request of every app instance sharing the database.
 * Never throws: a database failure reads as on (`source: 'unreadable'`).
 */
export async function readMaintenance(): Promise<MaintenanceState> {
  const deployOn = getConfig().killSwitch;
  try {
    return combineMaintenance(deployOn, await readOpsMaintenanceFlag(await getControlDb()));
  } catch (error) {
    log('maintenance').error({ event: 'maintenance.flag_unreadable', error: errorMessage(error) }, 'the runtime flag could not be read; the wallet flow stays closed');
    return combineMaintenance(deployOn, null);
  }
}

/**
 * Sets the runtime flag (call inside the audited ops transaction). Turning it on keeps the
 * original `since` when it was already on (the reason may change); turning it off clears reason
 * and since.
 *
 * @returns the flag before and after, for the audit log.
 */
export async function writeOpsMaintenanceFlag(
  tx: Queryable,
  input: { on: true; reason: string; reasonKo?: string | null; by: string; now: Date } | { on: false; by: string; now: Date },
): Promise<{ before: OpsMaintenanceFlag; after: OpsMaintenanceFlag }> {
  const before = await readOpsMaintenanceFlag(tx);
  const values = input.on
    ? { on: true, reason: input.reason, reasonKo: input.reasonKo ?? null, since: before.on && before.since ? before.since : input.now, setBy: input.by, updatedAt: input.now }
    : { on: false, reason: null, reasonKo: null, since: null, setBy: input.by, updatedAt: input.now };
  await tx.update(maintenanceFlag).set(values).where(eq(maintenanceFlag.id, 1));
  return { before, after: { ...values } };
}

/** The JSON of a {@link MaintenanceState} (internal flag route, public status API, the MAINTENANCE error). */
export function maintenanceToJson(state: MaintenanceState): MaintenanceJson {
  return { on: state.on, source: state.source, reason: state.reason, reasonKo: state.reasonKo, since: state.since?.toISOString() ?? null };
}

// ---------------------------------------------------------------------------------------------
// The handlers' own checks

/** Whether the wallet flow is stopped for maintenance: either layer on, or the flag unreadable. */
export async function isMaintenanceOn(): Promise<boolean> {
  return (await readMaintenance()).on;
}

/**
 * Refuses wallet-flow requests (build, submit) while in maintenance or outside the window.
 * Called by the handlers themselves: the middleware is not the only guard. Reads the flag fresh
 * from the database (no cache), so a flip is honoured by the very next request.
 *
 * @throws ApiError MAINTENANCE | WINDOW_NOT_OPEN | WINDOW_CLOSED (503 with Retry-After).
 */
export async function assertWalletFlowOpen(now = new Date()): Promise<void> {
  const config = getConfig();
  const maintenance = await readMaintenance();
  if (maintenance.on) throw maintenanceError(maintenanceToJson(maintenance));
  const state = windowStateAt(now, config.window);
  if (state === 'scheduled') {
    const wait = (config.window.opensAt.getTime() - now.getTime()) / 1000;
    throw new ApiError('WINDOW_NOT_OPEN', `The migration opens on ${formatDateTime(config.window.opensAt)}.`, { opensAt: config.window.opensAt.toISOString() }, wait);
  }
  if (state === 'closed') {
    throw new ApiError('WINDOW_CLOSED', `The migration closed on ${formatDateTime(config.window.closesAt)}. Contact support if you could not migrate in time.`, {
      closesAt: config.window.closesAt.toISOString(),
    }, 86_400);
  }
}

/**
 * The last check before the treasury delegate co-signs, inside the submit's database transaction:
 * reads the runtime flag with a share lock, so an ops flip either lands before this read (and the
 * submit is refused) or waits until this transaction has committed. A read failure refuses.
 *
 * @throws ApiError MAINTENANCE
 */
export async function assertMaintenanceOffInTransaction(tx: Queryable): Promise<void> {
  let state: MaintenanceState;
  try {
    state = combineMaintenance(getConfig().killSwitch, await readOpsMaintenanceFlag(tx, { lockForShare: true }));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    state = combineMaintenance(getConfig().killSwitch, null);
  }
  if (state.on) throw maintenanceError(maintenanceToJson(state));
}

// ---------------------------------------------------------------------------------------------
// The ops actions (console and CLI, `/api/v1/ops/maintenance`)

/** `POST /api/v1/ops/maintenance`: `{on: true, reason}` or `{on: false}`. */
export const maintenanceRequestSchema = z.discriminatedUnion('on', [
  // `reasonKo`: the reason in Korean; without it Korean pages show the English one, marked as the original.
  z.object({ on: z.literal(true), reason: plainText(500, 'reason'), reasonKo: optionalText(500, 'reason (Korean)') }).strict(),
  z.object({ on: z.literal(false), reason: z.unknown().optional() }).strict(),
]);
/** A parsed request; `reasonKo` may be left out by callers that have none (tests, scripts). */
export type MaintenanceRequest = { on: true; reason: string; reasonKo?: string | null } | { on: false; reason?: unknown };

/**
 * Turns the runtime kill switch on (with a reason) or off, audited. The deploy-level layer
 * (`MIGRATION_KILL_SWITCH=on`) is not touched: the answer's `effective` says the flow stays
 * stopped while it is on.
 */
export async function setMaintenance(actor: string, request: MaintenanceRequest, now = new Date()): Promise<{ flag: { on: boolean; reason: string | null; reasonKo: string | null; since: string | null }; effective: MaintenanceJson }> {
  const action = request.on ? 'maintenance.on' : 'maintenance.off';
  const flag = await audited(actor, action, null, async (tx) => {
    const { before, after } = request.on
      ? await writeOpsMaintenanceFlag(tx, { on: true, reason: request.reason, reasonKo: request.reasonKo, by: actor, now })
      : await writeOpsMaintenanceFlag(tx, { on: false, by: actor, now });
    return { before, after, result: after };
  });
  const effective = maintenanceToJson(await readMaintenance());
  return { flag: { on: flag.on, reason: flag.reason, reasonKo: flag.reasonKo, since: flag.since?.toISOString() ?? null }, effective };
}

/** `GET /api/v1/ops/maintenance`: the deploy layer, the runtime flag and the combined state. */
export async function getMaintenanceForOps() {
  const db = await getDb();
  const flag = await readOpsMaintenanceFlag(db);
  return {
    deployLayer: getConfig().killSwitch,
    flag: { on: flag.on, reason: flag.reason, reasonKo: flag.reasonKo, since: flag.since?.toISOString() ?? null, setBy: flag.setBy, updatedAt: flag.updatedAt.toISOString() },
    effective: maintenanceToJson(await readMaintenance()),
  };
}
