/**
 * A wallet connect that may never answer (a Ledger left at the browser's device chooser, a device
 * that is locked) is given a deadline, so the picker can say what to check instead of waiting.
 */

/** No answer from the wallet within the deadline; `wallet` is its name, `timeoutMs` the deadline. */
export class WalletConnectTimeoutError extends Error {
  constructor(
    readonly wallet: string,
    readonly timeoutMs: number,
  ) {
    super(`${wallet} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'WalletConnectTimeoutError';
  }
}

/**
 * `work`, or a rejection with {@link WalletConnectTimeoutError} once `timeoutMs` passed without it
 * settling (`null`: no deadline). The timer is cleared either way; `work` itself is not stopped
 * (wallet-adapter has no way to abort a connect): the caller drops its adapters.
 */
export function settleWithin<T>(work: Promise<T>, timeoutMs: number | null, wallet: string): Promise<T> {
  if (timeoutMs === null) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WalletConnectTimeoutError(wallet, timeoutMs)), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
