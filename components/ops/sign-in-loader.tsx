'use client';

import dynamic from 'next/dynamic';

// Wallet code is loaded only on the sign-in screen, in the browser (as on /migrate).
const OpsSignIn = dynamic(() => import('@/components/ops/sign-in'), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-600" data-testid="ops-sign-in-loading">
      Loading the wallet connection…
    </p>
  ),
});

export function OpsSignInLoader() {
  return <OpsSignIn />;
}
