import { WalletReadyState } from '@solana/wallet-adapter-base';
import { useWallet, type Wallet } from '@solana/wallet-adapter-react';
import { useMemo } from 'react';
import { DemoWalletAdapter } from '@/components/wallet/demo-adapter';
import { ErrorNotice } from '@/components/errors/error-notice';
import { isMobileWalletAdapter, LEDGER_WALLET_NAME, walletEnvironment, type WalletOption } from '@/components/wallet/environment';
import { WalletPickerView } from '@/components/wallet/picker-view';
import { useConnectWallet } from '@/components/wallet/provider';
import type { ErrorTextContext } from '@/components/errors/error-text';

/** A wallet-adapter wallet as the list shows it. */
function optionOf(w: Wallet): WalletOption {
  const { adapter } = w;
  if (adapter instanceof DemoWalletAdapter) return { kind: 'demo', name: adapter.name, icon: adapter.icon, labels: adapter.labels, chosenLabel: adapter.chosenLabel };
  const kind = adapter.name === LEDGER_WALLET_NAME ? 'ledger' : isMobileWalletAdapter(adapter) ? 'mobile' : 'browser';
  return { kind, name: adapter.name, icon: adapter.icon };
}

/**
 * The wallet list once the wallet code runs (inside MigrationWalletProvider): wallet-adapter's
 * wallets that can connect here, drawn by {@link WalletPickerView}, with the last connect's error.
 */
export function WalletPicker({ errorContext }: { errorContext: ErrorTextContext }) {
  const { wallets } = useWallet();
  const { connectTo, cancel, pending, error } = useConnectWallet();
  const environment = useMemo(() => walletEnvironment(navigator, window.isSecureContext), []);
  const options = wallets.filter((w) => w.readyState === WalletReadyState.Installed || w.readyState === WalletReadyState.Loadable).map(optionOf);
  const onConnect = (name: WalletOption['name'], demoLabel?: string) => {
    const demo = wallets.find((w) => w.adapter.name === name)?.adapter;
    if (demoLabel !== undefined && demo instanceof DemoWalletAdapter) demo.choose(demoLabel);
    connectTo(name);
  };
  return (
    <WalletPickerView
      options={options}
      environment={environment}
      pending={pending}
      onConnect={onConnect}
      onCancel={cancel}
      notice={error !== null && error !== undefined ? <ErrorNotice error={error} context={errorContext} /> : undefined}
    />
  );
}
