import 'server-only';
import { getConfig } from '@/lib/config';
import type { Db } from '@/lib/db';
import { ApiError } from '@/lib/http/errors';
import { formatDateTime } from '@/lib/format';
import { windowStateAt } from '@/lib/migration/window';
import { combineMaintenance, type MaintenanceState, readMaintenance, readOpsMaintenanceFlag } from '@/lib/status/maintenance';

/** How long clients should wait before retrying while the wallet flow is stopped, seconds. */
export const MAINTENANCE_RETRY_AFTER_S = 300;

/** Whether the wallet flow is stopped for maintenance: either layer on, or the flag unreadable. */
export async function isMaintenanceOn(): Promise<boolean> {
  return (await readMaintenance()).on;
}

/** The 503 answered while the wallet flow is stopped; `checkedBy` says which guard refused. */
export function maintenanceError(state: MaintenanceState, checkedBy: 'server' | 'edge' = 'server'): ApiError {
  return new ApiError(
    'MAINTENANCE',
    state.source === 'unreadable'
      ? 'The migration is paused: the portal cannot confirm it is safe to continue right now. Nothing was signed or sent; check the status page for updates.'
      : 'The migration is paused for maintenance. Nothing was signed or sent; check the status page for updates.',
    { source: state.source, reason: state.reason, since: state.since?.toISOString() ?? null, checkedBy, status: '/status' },
    MAINTENANCE_RETRY_AFTER_S,
  );
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
  if (maintenance.on) throw maintenanceError(maintenance);
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
export async function assertMaintenanceOffInTransaction(tx: Pick<Db, 'select' | 'update'>): Promise<void> {
  let state: MaintenanceState;
  try {
    state = combineMaintenance(getConfig().killSwitch, await readOpsMaintenanceFlag(tx, { lockForShare: true }));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    state = combineMaintenance(getConfig().killSwitch, null);
  }
  if (state.on) throw maintenanceError(state);
}
