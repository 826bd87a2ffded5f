import { LedgerWalletAdapter, LedgerWalletName } from '@solana/wallet-adapter-ledger';
import { ConnectionProvider, useWallet, WalletProvider } from '@solana/wallet-adapter-react';
import type { Adapter, WalletName } from '@solana/wallet-adapter-base';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { DemoWalletAdapter, type DemoKey } from '@/components/wallet/demo-adapter';

/**
 * The wallet layer of the flow: a web3.js `Connection` to the same-origin RPC proxy (the CSP allows
 * no other origin, and no provider key reaches the browser), wallet-adapter with Ledger plus, on
 * localnet only, the demo wallet. Wallet-standard wallets (Phantom, Solflare, Backpack, the e2e
 * test wallet) register themselves and are listed without being named here.
 */
export function MigrationWalletProvider({ demoWallets, children }: { demoWallets: readonly DemoKey[]; children: ReactNode }) {
  // Absolute URL: web3.js rejects relative endpoints. The flow is client-only, so `window` exists.
  // Never subscribe through this Connection: web3.js would open a WebSocket the proxy does not serve.
  const endpoint = useMemo(() => new URL('/api/v1/rpc', window.location.origin).toString(), []);
  const wallets = useMemo<Adapter[]>(
    () => [new LedgerWalletAdapter(), ...(demoWallets.length > 0 ? [new DemoWalletAdapter(demoWallets)] : [])],
    [demoWallets],
  );
  // Reconnects the wallet the holder picked last time when the page loads (a reload keeps the
  // session and its history); never Ledger (WebHID needs a click), and never once the holder picks
  // a wallet on this page (ConnectController connects it, and reports its errors).
  const restoring = useRef(true);
  const autoConnect = useCallback(async (adapter: Adapter) => restoring.current && adapter.name !== LedgerWalletName, []);
  const onPick = useCallback(() => {
    restoring.current = false;
  }, []);
  return (
    <ConnectionProvider endpoint={endpoint} config={{ commitment: 'confirmed', disableRetryOnRateLimit: true }}>
      {/* autoConnect only restores the last wallet on load (see `restoring`); a disconnect forgets it.
          Errors are reported where the action was taken (picker, sign step), so the provider's own
          handler is silenced (a failed silent reconnect just leaves the picker). */}
      <WalletProvider wallets={wallets} autoConnect={autoConnect} localStorageKey="elizaos-migration:wallet" onError={ignoreWalletError}>
        <ConnectController onPick={onPick}>{children}</ConnectController>
      </WalletProvider>
    </ConnectionProvider>
  );
}

function ignoreWalletError(): void {
  // Intentionally empty: see the comment at the WalletProvider.
}

type ConnectState = {
  /** Selects a wallet and connects it once wallet-adapter has switched to it. */
  connectTo: (name: WalletName) => void;
  /** The wallet being connected, if any. */
  pending: WalletName | null;
  /** The last connection error (cleared by the next attempt). */
  error: unknown;
};

const ConnectContext = createContext<ConnectState | null>(null);

/**
 * wallet-adapter's `select()` takes effect on the next render, so `connect()` right after it would
 * connect the previously selected wallet. This waits for the switch, then connects.
 */
function ConnectController({ children, onPick }: { children: ReactNode; onPick: () => void }) {
  const { wallet, connect, select } = useWallet();
  const [pending, setPending] = useState<WalletName | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One connect() per pick, even when wallet-adapter re-renders with new wallet objects meanwhile.
  const attempted = useRef<WalletName | null>(null);

  const connectTo = useCallback(
    (name: WalletName) => {
      onPick();
      setError(null);
      setPending(name);
      select(name);
    },
    [select, onPick],
  );

  useEffect(() => {
    if (!pending || wallet?.adapter.name !== pending || attempted.current === pending) return;
    attempted.current = pending;
    connect()
      .catch((e: unknown) => setError(e))
      .finally(() => {
        attempted.current = null;
        setPending(null);
      });
  }, [pending, wallet, connect]);

  const value = useMemo(() => ({ connectTo, pending, error }), [connectTo, pending, error]);
  return <ConnectContext.Provider value={value}>{children}</ConnectContext.Provider>;
}

/** Connect actions of the flow; throws outside {@link MigrationWalletProvider}. */
export function useConnectWallet(): ConnectState {
  const state = useContext(ConnectContext);
  if (!state) throw new Error('useConnectWallet must be used inside <MigrationWalletProvider>');
  return state;
}
