/** Where the migration window stands at a given moment. */
export const WINDOW_STATES = { scheduled: 'scheduled', open: 'open', closed: 'closed' } as const;
export type WindowState = (typeof WINDOW_STATES)[keyof typeof WINDOW_STATES];

/**
 * The window state at `now`: `scheduled` before `opensAt`, `open` from `opensAt` (inclusive)
 * until `closesAt` (exclusive), `closed` from `closesAt` on.
 */
export function windowStateAt(now: Date, window: { opensAt: Date; closesAt: Date }): WindowState {
  if (now < window.opensAt) return WINDOW_STATES.scheduled;
  if (now < window.closesAt) return WINDOW_STATES.open;
  return WINDOW_STATES.closed;
}
