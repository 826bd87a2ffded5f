import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import type { MaintenanceState } from '@/lib/status/maintenance';

/** Where holders read updates while the wallet flow is stopped. */
export const STATUS_PAGE_PATH = '/status';

/**
 * The banner every page that stays up shows while the wallet flow is stopped (server component;
 * renders nothing when it is not). The reason is ops-written plain text, rendered as text.
 */
export function MaintenanceBanner({ state }: { state: MaintenanceState }) {
  if (!state.on) return null;
  return (
    <div role="alert" data-testid="maintenance-notice" data-source={state.source ?? ''} className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">The migration is paused{state.source === 'unreadable' ? '' : ' for maintenance'}.</p>
      <p className="mt-1">
        {state.reason ? <span data-testid="maintenance-reason">{state.reason} </span> : null}
        {state.since ? (
          <>
            Paused since <time dateTime={state.since.toISOString()}>{formatDateTime(state.since)}</time>.{' '}
          </>
        ) : null}
        Your allocation is safe and nothing is lost while the portal is paused. Updates are posted on the{' '}
        <Link href={STATUS_PAGE_PATH} className="font-medium underline">
          status page
        </Link>
        .
      </p>
    </div>
  );
}
