/**
 * Where the wallet code of this page stands, for parts of the page outside the lazily loaded
 * wallet code: the `/migrate` shell's address check appears once the wallet picker is on screen
 * (so it never moves under the reader when the picker replaces the loading box: no layout shift)
 * and hides once a wallet is connected. No dependencies: the shell imports it without pulling
 * wallet-adapter in. Written by MigrationWalletProvider, and by the `/migrate` shell when the page
 * loads with no wallet to reconnect (components/migrate/migrate-flow-loader.tsx).
 */
export type WalletCodeState = 'loading' | 'disconnected' | 'connected';

let state: WalletCodeState = 'loading';
const listeners = new Set<() => void>();

export function subscribeWalletState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function walletState(): WalletCodeState {
  return state;
}

/** Server render and first paint: the wallet code has not run yet. */
export function walletStateOnServer(): WalletCodeState {
  return 'loading';
}

/** The provider is mounted, with a wallet connected or not. */
export function setWalletConnected(value: boolean): void {
  const next: WalletCodeState = value ? 'connected' : 'disconnected';
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}
