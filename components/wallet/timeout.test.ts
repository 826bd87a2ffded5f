import { afterEach, describe, expect, it, vi } from 'vitest';
import { settleWithin, WalletConnectTimeoutError } from '@/components/wallet/timeout';

describe('settleWithin', () => {
  afterEach(() => vi.useRealTimers());

  it('rejects with WalletConnectTimeoutError when the wallet never answers', async () => {
    vi.useFakeTimers();
    const never = new Promise<void>(() => undefined);
    const settled = settleWithin(never, 30_000, 'Ledger');
    const outcome = settled.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(29_999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(WalletConnectTimeoutError);
    expect(error).toMatchObject({ wallet: 'Ledger', timeoutMs: 30_000, message: 'Ledger did not answer within 30 s' });
  });

  it("passes the wallet's own answer through and clears its timer", async () => {
    vi.useFakeTimers();
    await expect(settleWithin(Promise.resolve('ok'), 30_000, 'Ledger')).resolves.toBe('ok');
    await expect(settleWithin(Promise.reject(new Error('locked')), 30_000, 'Ledger')).rejects.toThrow('locked');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sets no deadline when given none', async () => {
    vi.useFakeTimers();
    const work = new Promise<void>(() => undefined);
    expect(settleWithin(work, null, 'Phantom')).toBe(work);
    expect(vi.getTimerCount()).toBe(0);
  });
});
