'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { MigrateFlowProps } from '@/components/migrate/migrate-flow';

// Wallet code (~140 kB gzip) is loaded only here, after the page shell, and never rendered on the
// server: wallet detection and keys exist only in the browser, and other pages stay light.
const MigrateFlow = dynamic(() => import('@/components/migrate/migrate-flow'), {
  ssr: false,
  loading: () => <FlowLoading />,
});

/**
 * Shown from the server-rendered HTML on until the wallet code has run: a moving indicator drawn by
 * CSS alone (it moves before any script arrives, on a slow phone connection too), in a box the
 * height of the wallet picker that replaces it, so nothing below jumps.
 */
function FlowLoading() {
  const t = useTranslations('flow');
  return (
    <div role="status" aria-live="polite" className="flex min-h-72 flex-col justify-center gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="flow-loading">
      <div className="flex items-center gap-3 text-slate-700">
        <span aria-hidden="true" className="h-6 w-6 shrink-0 rounded-full border-4 border-slate-200 border-t-brand motion-safe:animate-spin" />
        <span>{t('loading')}</span>
      </div>
      <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-slate-100">
        <div className="loading-bar h-full w-1/3 rounded-full bg-brand" />
      </div>
    </div>
  );
}

export function MigrateFlowLoader(props: MigrateFlowProps) {
  return <MigrateFlow {...props} />;
}
