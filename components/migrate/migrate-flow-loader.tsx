'use client';

import type { WalletName } from '@solana/wallet-adapter-base';
import { useTranslations } from 'next-intl';
import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowStart, MigrateFlowProps } from '@/components/migrate/migrate-flow';
import { setWalletConnected } from '@/components/wallet/connection-store';
import { lastWalletName, type WalletEnvironment } from '@/components/wallet/environment';
import { ShellPicker } from '@/components/wallet/shell-picker';

type Flow = ComponentType<MigrateFlowProps & { start: FlowStart }>;

/**
 * The wallet flow of `/migrate`, in two stages so a phone gets a usable page fast:
 *
 * 1. The shell (this file, a few kB): the wallet picker, rendered on the server as `expected` (the
 *    request's user agent read by `walletEnvironment`) and filled in on hydration from the
 *    wallet-standard registry (components/wallet/shell-picker.tsx). No wallet library runs yet.
 * 2. The wallet code (wallet-adapter, web3.js, Ledger, Mobile Wallet Adapter, the flow: ~250 kB
 *    gzip; components/migrate/migrate-flow.tsx), loaded when the holder picks a wallet, which it
 *    then connects; or at once when the page loads with a wallet to reconnect (the last one picked,
 *    wallet-adapter's `autoConnect`; never Ledger, whose WebHID needs a click).
 *
 * While the code loads, the picked wallet's button says it is connecting (Cancel returns to the
 * list); a reconnect shows a moving indicator drawn by CSS. A failed load (the connection dropped)
 * says so here, in plain words without the error texts, which are part of the code that did not
 * arrive, and the next pick tries again.
 */
export function MigrateFlowLoader({ params, expected }: MigrateFlowProps & { expected: WalletEnvironment }) {
  const t = useTranslations('flow');
  const [start, setStart] = useState<FlowStart | null>(null);
  const [Flow, setFlow] = useState<Flow | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const wanted = useRef<FlowStart | null>(null);
  const demoLabels = useMemo(() => params.demoWallets.map((k) => k.label), [params.demoWallets]);

  const begin = useCallback((next: FlowStart) => {
    wanted.current = next;
    setStart(next);
    setLoadFailed(false);
    import('@/components/migrate/migrate-flow').then(
      (module) => setFlow(() => module.default),
      () => {
        // Only the attempt still wanted reports (a cancelled pick stays cancelled).
        if (wanted.current !== next) return;
        wanted.current = null;
        setStart(null);
        setLoadFailed(true);
      },
    );
  }, []);
  const cancel = useCallback(() => {
    wanted.current = null;
    setStart(null);
  }, []);

  useEffect(() => {
    if (lastWalletName() !== null) begin({ kind: 'restore' });
    // No wallet to reconnect: the page is in its "no wallet connected" state from here on.
    else setWalletConnected(false);
  }, [begin]);

  if (Flow && start) return <Flow params={params} start={start} />;
  if (start?.kind === 'restore') return <FlowLoading />;
  return (
    <ShellPicker
      demoLabels={demoLabels}
      expected={expected}
      pending={start?.kind === 'pick' ? start.name : null}
      onPick={(name: WalletName, demoLabel?: string) => begin({ kind: 'pick', name, demoLabel })}
      onCancel={cancel}
      notice={
        loadFailed ? (
          <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="flow-code-failed">
            {t('codeLoadFailed')}
          </p>
        ) : undefined
      }
    />
  );
}

/**
 * While the wallet code loads to reconnect the last wallet: a moving indicator drawn by CSS alone
 * (it moves on a slow phone too), in a box the height of the wallet picker, so nothing below jumps.
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
