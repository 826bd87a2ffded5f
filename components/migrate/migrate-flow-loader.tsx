'use client';

import dynamic from 'next/dynamic';
import type { MigrateFlowProps } from '@/components/migrate/migrate-flow';

// Wallet code (~140 kB gzip) is loaded only here, after the page shell, and never rendered on the
// server: wallet detection and keys exist only in the browser, and other pages stay light.
const MigrateFlow = dynamic(() => import('@/components/migrate/migrate-flow'), {
  ssr: false,
  loading: () => (
    <p role="status" className="rounded-xl border border-slate-200 bg-white p-6 text-slate-600 shadow-sm" data-testid="flow-loading">
      Loading the wallet connection…
    </p>
  ),
});

export function MigrateFlowLoader(props: MigrateFlowProps) {
  return <MigrateFlow {...props} />;
}
