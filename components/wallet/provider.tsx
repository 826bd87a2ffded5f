import { LedgerWalletAdapter } from '@solana/wallet-adapter-ledger';
import { ConnectionProvider, useWallet, WalletProvider } from '@solana/wallet-adapter-react';
import type { Adapter, WalletName } from '@solana/wallet-adapter-base';
import { useTranslations } from 'next-intl';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { setWalletConnected } from '@/components/wallet/connection-store';
import { DemoWalletAdapter, type DemoKey } from '@/components/wallet/demo-adapter';
import { LAST_WALLET_KEY, LEDGER_WALLET_NAME, mayReconnect } from '@/components/wallet/environment';
import { registerMobileWalletAdapter } from '@/components/wallet/mobile';
import { settleWithin, WalletConnectTimeoutError } from '@/components/wallet/timeout';
import type { Cluster } from '@/lib/config/env';

/**
 * How long a direct Ledger connect may go without an answer (the browser's device chooser, then
 * the device: unlocked, Solana app open) before the picker gives up and says what to check. A
 * person can cancel sooner; other wallets stay usable meanwhile.
 */
export const LEDGER_CONNECT_TIMEOUT_MS = 30_000;

/**
 * The wallet layer of the flow: a web3.js `Connection` to the same-origin RPC proxy (the CSP allows
 * no other origin, and no provider key reaches the browser), wallet-adapter with Ledger plus, on
 * localnet only, the demo wallet. Wallet-standard wallets (Phantom, Solflare, Backpack, the e2e
 * test wallet) register themselves and are listed without being named here; with `mobileCluster`,
 * so does Mobile Wallet Adapter on Android Chrome (components/wallet/mobile.ts), named with
 * `wallets.appName` of the page's messages: only on the pages whose CSP lets it reach the wallet
 * app (the `/migrate` pages).
 *
 * A connect that is cancelled, times out, or is replaced by another pick starts a fresh set of
 * adapters: an adapter whose connect never settles (a Ledger left at the device chooser) would
 * otherwise keep wallet-adapter "connecting" and swallow every later connect.
 */
export function MigrationWalletProvider({
  demoWallets,
  mobileCluster,
  restoreLastWallet = false,
  initialPick,
  children,
}: {
  demoWallets: readonly DemoKey[];
  mobileCluster?: Cluster;
  /** Reconnect the wallet picked last time on load (the migrate flow); never for the ops sign-in, where a sign-out must stay signed out. */
  restoreLastWallet?: boolean;
  /** The wallet the holder picked before the wallet code loaded (the `/migrate` shell): connected at once. */
  initialPick?: WalletPick;
  children: ReactNode;
}) {
  const tw = useTranslations('wallets');
  // Registered before the first render of WalletProvider, so wallet-adapter-react never adds its
  // own Mobile Wallet Adapter without the portal's identity. Idempotent; the browser only.
  useState(() => {
    if (mobileCluster) registerMobileWalletAdapter(tw('appName'), mobileCluster);
    return null;
  });
  // Absolute URL: web3.js rejects relative endpoints. The flow is client-only, so `window` exists.
  // Never subscribe through this Connection: web3.js would open a WebSocket the proxy does not serve.
  const endpoint = useMemo(() => new URL('/api/v1/rpc', window.location.origin).toString(), []);
  const [session, setSession] = useState<Session>({ generation: 0, error: null, next: initialPick?.name ?? null });
  const wallets = useMemo<Adapter[]>(
    () => [
      new LedgerWalletAdapter(),
      ...(demoWallets.length > 0 ? [new DemoWalletAdapter(demoWallets, session.generation === 0 ? initialPick?.demoLabel : undefined)] : []),
    ],
    // A new generation gets new adapter objects (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [demoWallets, session.generation],
  );
  const restart = useCallback((error: unknown, next: WalletName | null) => setSession((s) => ({ generation: s.generation + 1, error, next })), []);
  // Reconnects the wallet the holder picked last time when the page loads (a reload keeps the
  // session and its history); never Ledger (WebHID needs a click), and never once the holder picks
  // a wallet on this page (ConnectController connects it, and reports its errors).
  const restoring = useRef(restoreLastWallet);
  const autoConnect = useCallback(async (adapter: Adapter) => restoring.current && mayReconnect(adapter.name), []);
  const onPick = useCallback(() => {
    restoring.current = false;
  }, []);
  return (
    <ConnectionProvider endpoint={endpoint} config={{ commitment: 'confirmed', disableRetryOnRateLimit: true }}>
      {/* autoConnect only restores the last wallet on load (see `restoring`); a disconnect forgets it.
          Errors are reported where the action was taken (picker, sign step), so the provider's own
          handler is silenced (a failed silent reconnect just leaves the picker). */}
      <WalletProvider key={session.generation} wallets={wallets} autoConnect={autoConnect} localStorageKey={LAST_WALLET_KEY} onError={ignoreWalletError}>
        <ConnectController initialError={session.error} initialPick={session.next} restart={restart} onPick={onPick}>
          {children}
        </ConnectController>
      </WalletProvider>
    </ConnectionProvider>
  );
}

/** A wallet picked by name; `demoLabel`: the keypair picked for the demo wallet. */
export type WalletPick = { name: WalletName; demoLabel?: string };

/** One set of adapters: the error that ended the previous one, and the wallet to connect first. */
type Session = { generation: number; error: unknown; next: WalletName | null };

function ignoreWalletError(): void {
  // Intentionally empty: see the comment at the WalletProvider.
}

type ConnectState = {
  /** Selects a wallet and connects it once wallet-adapter has switched to it (a connect under way is dropped). */
  connectTo: (name: WalletName) => void;
  /** Stops waiting for the wallet being connected; nothing it answers later is used. */
  cancel: () => void;
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
function ConnectController({ initialError, initialPick, restart, onPick, children }: { initialError: unknown; initialPick: WalletName | null; restart: (error: unknown, next: WalletName | null) => void; onPick: () => void; children: ReactNode }) {
  const { wallet, connect, select, connected } = useWallet();
  useEffect(() => {
    setWalletConnected(connected);
    return () => setWalletConnected(false);
  }, [connected]);
  const [pending, setPending] = useState<WalletName | null>(null);
  const [error, setError] = useState<unknown>(initialError);
  // One connect() per pick, even when wallet-adapter re-renders with new wallet objects meanwhile.
  const attempted = useRef<WalletName | null>(null);
  const pendingRef = useRef<WalletName | null>(null);
  pendingRef.current = pending;

  const connectTo = useCallback(
    (name: WalletName) => {
      onPick();
      // A connect still under way may never settle: drop it with its adapters, then pick `name`.
      if (pendingRef.current !== null) return restart(null, name);
      setError(null);
      setPending(name);
      select(name);
    },
    [select, restart, onPick],
  );
  const cancel = useCallback(() => {
    if (pendingRef.current !== null) restart(null, null);
  }, [restart]);

  // The pick carried over from the previous set of adapters.
  const carried = useRef(initialPick);
  useEffect(() => {
    const name = carried.current;
    carried.current = null;
    if (name) connectTo(name);
  }, [connectTo]);

  // Results of an attempt arriving after this set of adapters was dropped (cancel, timeout, another pick) are ignored.
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!pending || wallet?.adapter.name !== pending || attempted.current === pending) return;
    attempted.current = pending;
    const timeoutMs = pending === LEDGER_WALLET_NAME ? LEDGER_CONNECT_TIMEOUT_MS : null;
    settleWithin(connect(), timeoutMs, pending)
      .then(
        () => alive.current && setPending(null),
        (e: unknown) => {
          if (!alive.current) return;
          // A connect that timed out may still be waiting on the device: start over without it.
          if (e instanceof WalletConnectTimeoutError) return restart(e, null);
          setError(e);
          setPending(null);
        },
      )
      .finally(() => {
        attempted.current = null;
      });
  }, [pending, wallet, connect, restart]);

  const value = useMemo(() => ({ connectTo, cancel, pending, error }), [connectTo, cancel, pending, error]);
  return <ConnectContext.Provider value={value}>{children}</ConnectContext.Provider>;
}

/** Connect actions of the flow; throws outside {@link MigrationWalletProvider}. */
export function useConnectWallet(): ConnectState {
  const state = useContext(ConnectContext);
  if (!state) throw new Error('useConnectWallet must be used inside <MigrationWalletProvider>');
  return state;
}
