/**
 * Whether a wallet is connected on this page, for parts of the page outside the lazily loaded
 * wallet code (the `/migrate` shell's address check hides once a wallet is connected). No
 * dependencies: the shell imports it without pulling wallet-adapter in. Written only by
 * MigrationWalletProvider.
 */
let connected = false;
const listeners = new Set<() => void>();

export function subscribeWalletConnected(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isWalletConnected(): boolean {
  return connected;
}

/** Server render and first paint: nothing is connected before the wallet code runs. */
export function isWalletConnectedOnServer(): boolean {
  return false;
}

export function setWalletConnected(value: boolean): void {
  if (value === connected) return;
  connected = value;
  for (const listener of listeners) listener();
}
