'use client';

import dynamic from 'next/dynamic';
import type { PublicMigrationParams } from '@/lib/migration/params';

// The tracker and what it imports (the API client and its schemas, the error texts) load after
// the page shell, as the address check does: the page stays light for phones.
const DepositTracker = dynamic(() => import('@/components/deposit/deposit-tracker'), { ssr: false });

/** Where a page shows "Track my deposit" (`initialSignature`: the deposit page tracks it at once). */
export function DepositTrackerSlot(props: { params: PublicMigrationParams; initialSignature?: string; showPageLink?: boolean; headingLevel?: 2 | 3 }) {
  return <DepositTracker {...props} />;
}
