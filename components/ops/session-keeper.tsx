'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiRequestError } from '@/lib/api/client';
import { fetchOpsSession } from '@/lib/api/ops-client';

/**
 * Counts opening the console as activity (the session's idle limit slides with every API call) and
 * shows when the session ends; once it has ended the page refreshes into the sign-in screen.
 */
export function SessionKeeper({ initialExpiry }: { initialExpiry: string }) {
  const router = useRouter();
  const [expiresAt, setExpiresAt] = useState(initialExpiry);
  useEffect(() => {
    let stopped = false;
    fetchOpsSession().then(
      (session) => {
        if (!stopped) setExpiresAt(session.expiresAt);
      },
      (error: unknown) => {
        // Signed out or not allowed any more: the refresh shows the sign-in. Anything else: the
        // expiry shown stays, and the timer below refreshes then.
        if (!stopped && error instanceof ApiRequestError && (error.status === 401 || error.status === 403)) router.refresh();
      },
    );
    return () => {
      stopped = true;
    };
  }, [router]);
  useEffect(() => {
    const wait = Date.parse(expiresAt) - Date.now();
    const timer = setTimeout(() => router.refresh(), Math.max(1_000, wait + 1_000));
    return () => clearTimeout(timer);
  }, [expiresAt, router]);
  return (
    <span className="text-sm text-slate-600" data-testid="ops-session-expiry">
      Session ends at <time dateTime={expiresAt}>{new Date(expiresAt).toISOString().slice(11, 16)} UTC</time> without activity.
    </span>
  );
}
