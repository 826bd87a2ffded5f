'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const INTERVAL_MS = 2_000;
/** After this long the page stops refreshing itself; a manual reload still shows the latest state. */
const GIVE_UP_MS = 5 * 60_000;

/**
 * Re-renders the receipt from the server every 2 s while the migration is confirming. The server
 * stops rendering this leaf once the migration settles, which ends the refreshing.
 */
export function ReceiptRefresher() {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_MS) clearInterval(timer);
      else router.refresh();
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
