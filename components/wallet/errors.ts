/**
 * What a wallet's error means, decided in one place (components/errors/error-text.ts turns it into
 * text). wallet-adapter wraps the wallet's own error in `.error`; wallet-standard wallets and
 * Phantom report a refusal by the person with code 4001 (EIP-1193 "User Rejected Request"), others
 * only in words. Recognised by name, not `instanceof`: wallet code may come from another bundle.
 */

/** What went wrong with the wallet, for the error text. */
export type WalletFailure = 'sign-rejected' | 'connect-rejected' | 'sign-failed' | 'connect-failed' | 'not-connected' | 'cannot-sign' | 'no-wallet-app' | 'other';

/** Words wallets use when the person declined (English: the wallets' own messages are English). */
const REJECTION_WORDS = /reject|denied|declin|cancel/i;
/** wallet-adapter's error names, by what they mean here. */
const SIGN_ERRORS = new Set(['WalletSignTransactionError', 'WalletSignMessageError', 'WalletSendTransactionError']);
const CONNECT_ERRORS = new Set(['WalletConnectionError', 'WalletNotReadyError', 'WalletWindowClosedError', 'WalletWindowBlockedError', 'WalletTimeoutError', 'WalletAccountError', 'WalletPublicKeyError', 'WalletLoadError', 'WalletConnectTimeoutError']);
const NOT_CONNECTED = new Set(['WalletNotConnectedError', 'WalletDisconnectedError', 'WalletNotSelectedError']);

/** This wallet lacks a feature the step needs (`signMessage` for a message sign-in, `signTransaction`). */
export class WalletCapabilityError extends Error {
  constructor(readonly feature: 'signMessage' | 'signTransaction') {
    super(`this wallet cannot ${feature === 'signMessage' ? 'sign messages' : 'sign transactions'}`);
    this.name = 'WalletCapabilityError';
  }
}

/** The error and the ones it wraps (`.error` of wallet-adapter, `.cause`), outermost first, at most 4. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current = error;
  while (current !== null && current !== undefined && out.length < 4) {
    out.push(current);
    const next = typeof current === 'object' ? ((current as { error?: unknown }).error ?? (current as { cause?: unknown }).cause) : undefined;
    current = next === current ? undefined : next;
  }
  return out;
}

/** Whether the person declined in their wallet (code 4001 or the wallet's words, anywhere in the chain). */
export function isWalletRejection(error: unknown): boolean {
  return chain(error).some((e) => {
    if (typeof e !== 'object' || e === null) return typeof e === 'string' && REJECTION_WORDS.test(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    return code === 4001 || (typeof message === 'string' && REJECTION_WORDS.test(message));
  });
}

/**
 * What a wallet error means, or null when `error` did not come from a wallet (its name starts
 * with `Wallet`, or it carries code 4001).
 */
export function walletFailure(error: unknown): WalletFailure | null {
  if (error instanceof WalletCapabilityError) return 'cannot-sign';
  if (!(error instanceof Error)) return null;
  // Mobile Wallet Adapter reached no wallet app on the phone (components/wallet/mobile.ts).
  if (isNoWalletAppError(error)) return 'no-wallet-app';
  const fromWallet = error.name.startsWith('Wallet');
  if (!fromWallet && !((error as { code?: unknown }).code === 4001)) return null;
  const rejected = isWalletRejection(error);
  if (CONNECT_ERRORS.has(error.name)) return rejected ? 'connect-rejected' : 'connect-failed';
  if (rejected) return 'sign-rejected';
  if (SIGN_ERRORS.has(error.name)) return 'sign-failed';
  if (NOT_CONNECTED.has(error.name)) return 'not-connected';
  return 'other';
}

/**
 * Mobile Wallet Adapter found no wallet app on this phone: its error code `ERROR_WALLET_NOT_FOUND`
 * anywhere in the chain (wallet-adapter's `.error`, MWA's `.cause`s).
 */
export function isNoWalletAppError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === 'ERROR_WALLET_NOT_FOUND') return true;
    const next = (current as { error?: unknown }).error ?? (current as { cause?: unknown }).cause;
    current = next === current ? null : next;
  }
  return false;
}
