import 'server-only';
import { getConfig } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';
import { formatDateTime } from '@/lib/format';
import { windowStateAt } from '@/lib/migration/window';

/** How long clients should wait before retrying while the wallet flow is stopped, seconds. */
const MAINTENANCE_RETRY_AFTER_S = 300;

/** Whether the wallet flow is stopped for maintenance (deploy-level kill switch). */
export function isMaintenanceOn(): boolean {
  return getConfig().killSwitch;
}

/**
 * Refuses wallet-flow requests (build, submit) while in maintenance or outside the window.
 * Called by the handlers themselves: the middleware is not the only guard.
 *
 * @throws ApiError MAINTENANCE | WINDOW_NOT_OPEN | WINDOW_CLOSED (503 with Retry-After).
 */
export function assertWalletFlowOpen(now = new Date()): void {
  const config = getConfig();
  if (isMaintenanceOn()) {
    throw new ApiError('MAINTENANCE', 'The migration is paused for maintenance. Nothing was signed or sent; check the status page for updates.', {}, MAINTENANCE_RETRY_AFTER_S);
  }
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
