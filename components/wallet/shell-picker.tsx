import { isWalletAdapterCompatibleStandardWallet, type WalletName } from '@solana/wallet-adapter-base';
import { getWallets } from '@wallet-standard/app';
import { type ReactNode, useEffect, useState } from 'react';
import { shellOptions, walletEnvironment, type WalletEnvironment } from '@/components/wallet/environment';
import { WalletPickerView } from '@/components/wallet/picker-view';

/** `performance.mark` set once the shell's wallet list is on screen and clickable (`npm run lighthouse` reads it). */
export const PICKER_READY_MARK = 'wallet-picker-ready';

/**
 * The `/migrate` wallet list before the wallet code has loaded: rendered on the server as the list
 * this kind of browser is expected to show (drawn hidden: wallets exist only in the browser), read
 * on hydration from the wallet-standard registry, kept current as wallets register. A pick is
 * handed to `onPick`, which loads the wallet code and connects that wallet
 * (components/migrate/migrate-flow-loader.tsx); the list then continues as `WalletPicker`
 * (components/wallet/picker.tsx) inside the wallet code, drawn by the same view.
 */
export function ShellPicker({
  demoLabels,
  expected,
  pending,
  onPick,
  onCancel,
  notice,
}: {
  demoLabels: readonly string[];
  /** What the server expects of this browser (its user agent: a phone, Android Chrome); no injected wallets. */
  expected: WalletEnvironment;
  pending: WalletName | null;
  onPick: (name: WalletName, demoLabel?: string) => void;
  onCancel: () => void;
  notice?: ReactNode;
}) {
  // The server render and hydration draw the expected list, hidden (WalletPickerView `provisional`).
  const [found, setFound] = useState(() => ({ environment: expected, options: shellOptions([], expected, demoLabels), provisional: true }));
  useEffect(() => {
    const environment = walletEnvironment(navigator, window.isSecureContext);
    const registry = getWallets();
    const read = () => setFound({ environment, options: shellOptions(registry.get().filter(isWalletAdapterCompatibleStandardWallet), environment, demoLabels), provisional: false });
    read();
    const off = [registry.on('register', read), registry.on('unregister', read)];
    return () => off.forEach((f) => f());
  }, [demoLabels]);
  useEffect(() => {
    if (!found.provisional && performance.getEntriesByName(PICKER_READY_MARK).length === 0) performance.mark(PICKER_READY_MARK);
  }, [found]);
  return <WalletPickerView {...found} pending={pending} onConnect={onPick} onCancel={onCancel} notice={notice} />;
}
