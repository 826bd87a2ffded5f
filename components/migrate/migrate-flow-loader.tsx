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

function FlowLoading() {
  const t = useTranslations('flow');
  return (
    <p role="status" className="rounded-xl border border-slate-200 bg-white p-6 text-slate-600 shadow-sm" data-testid="flow-loading">
      {t('loading')}
    </p>
  );
}

export function MigrateFlowLoader(props: MigrateFlowProps) {
  return <MigrateFlow {...props} />;
}
