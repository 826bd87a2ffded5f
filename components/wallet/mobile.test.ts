import { describe, expect, it } from 'vitest';
import { isNoWalletAppError, walletFailure } from '@/components/wallet/errors';
import { mwaChain } from '@/components/wallet/mobile';

describe('mwaChain', () => {
  it('names the wallet-standard chain of each cluster', () => {
    expect(mwaChain('mainnet-beta')).toBe('solana:mainnet');
    expect(mwaChain('devnet')).toBe('solana:devnet');
    expect(mwaChain('localnet')).toBe('solana:localnet');
  });
});

describe('Mobile Wallet Adapter errors', () => {
  it('tells "no wallet app answered" apart, however deep wallet-adapter and MWA wrapped it', () => {
    const mwa = Object.assign(new Error('Found no installed wallet that supports the mobile wallet protocol.'), { name: 'SolanaMobileWalletAdapterError', code: 'ERROR_WALLET_NOT_FOUND' });
    const wrapped = Object.assign(new Error(mwa.message), { name: 'WalletConnectionError', error: new Error(mwa.message, { cause: new Error(mwa.message, { cause: mwa }) }) });
    expect(isNoWalletAppError(wrapped)).toBe(true);
    expect(walletFailure(wrapped)).toBe('no-wallet-app');
    const timedOut = Object.assign(new Error('Wallet connection timed out'), { name: 'WalletConnectionError', error: { code: 'ERROR_ASSOCIATION_CANCELLED' } });
    expect(walletFailure(timedOut)).toBe('connect-failed');
  });

  it('reads a connect deadline as a failed connect', () => {
    expect(walletFailure(Object.assign(new Error('Ledger did not answer within 30 s'), { name: 'WalletConnectTimeoutError' }))).toBe('connect-failed');
  });
});
