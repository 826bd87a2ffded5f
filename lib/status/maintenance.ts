import 'server-only';
import { eq } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { type Db, getControlDb } from '@/lib/db';
import { maintenanceFlag } from '@/lib/db/schema';

/**
 * The maintenance kill switch (DESIGN.md "Maintenance kill switch"): two layers.
 * - deploy: `MIGRATION_KILL_SWITCH=on` in the environment; the console cannot lift it.
 * - ops: the runtime flag in the `maintenance_flag` row, set by signed-in ops with a reason.
 * When the flag cannot be read, the answer is "on" (`source: 'unreadable'`): the wallet flow
 * fails closed.
 */
export type MaintenanceState = {
  /** True when either layer is on, or when the flag cannot be read (fail closed). */
  on: boolean;
  /** deploy = MIGRATION_KILL_SWITCH=on; ops = runtime flag. Deploy wins when both are on. */
  source: 'deploy' | 'ops' | 'unreadable' | null;
  /** Ops-written plain text (never HTML). */
  reason: string | null;
  since: Date | null;
};

/** The runtime flag as stored (ops layer only). */
export type OpsMaintenanceFlag = { on: boolean; reason: string | null; since: Date | null; setBy: string | null; updatedAt: Date };

/** Any drizzle handle that can run queries: the database or an open transaction. */
type Queryable = Pick<Db, 'select' | 'update'>;

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
  return { on: row.on, reason: row.reason, since: row.since, setBy: row.setBy, updatedAt: row.updatedAt };
}

/** Combines the deploy layer and a read of the runtime flag (or its failure) into one state. */
export function combineMaintenance(deployOn: boolean, flag: OpsMaintenanceFlag | null): MaintenanceState {
  if (deployOn) return { on: true, source: 'deploy', reason: flag?.on ? flag.reason : null, since: flag?.on ? flag.since : null };
  if (flag === null) return { on: true, source: 'unreadable', reason: null, since: null };
  if (flag.on) return { on: true, source: 'ops', reason: flag.reason, since: flag.since };
  return { on: false, source: null, reason: null, since: null };
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
    console.error('[maintenance] the runtime flag could not be read; the wallet flow stays closed:', error instanceof Error ? error.message : error);
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
  input: { on: true; reason: string; by: string; now: Date } | { on: false; by: string; now: Date },
): Promise<{ before: OpsMaintenanceFlag; after: OpsMaintenanceFlag }> {
  const before = await readOpsMaintenanceFlag(tx);
  const values = input.on
    ? { on: true, reason: input.reason, since: before.on && before.since ? before.since : input.now, setBy: input.by, updatedAt: input.now }
    : { on: false, reason: null, since: null, setBy: input.by, updatedAt: input.now };
  await tx.update(maintenanceFlag).set(values).where(eq(maintenanceFlag.id, 1));
  return { before, after: { ...values } };
}

/** The JSON shape of a {@link MaintenanceState} (internal route, public status API). */
export type MaintenanceJson = { on: boolean; source: MaintenanceState['source']; reason: string | null; since: string | null };

export function maintenanceToJson(state: MaintenanceState): MaintenanceJson {
  return { on: state.on, source: state.source, reason: state.reason, since: state.since?.toISOString() ?? null };
}
