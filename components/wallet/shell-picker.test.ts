import { describe, expect, it } from 'vitest';
import { DEMO_WALLET_NAME, LEDGER_WALLET_NAME, MOBILE_WALLET_ADAPTER_NAME, type WalletEnvironment } from '@/components/wallet/environment';
import { shellOptions } from '@/components/wallet/environment';

const DESKTOP: WalletEnvironment = { phone: false, mobileWalletAdapter: false, webHid: true };
const ANDROID: WalletEnvironment = { phone: true, mobileWalletAdapter: true, webHid: false };

describe('shellOptions: the list before the wallet code, as wallet-adapter will list it', () => {
  it('a desktop browser: its injected wallets, then Ledger direct', () => {
    const options = shellOptions([{ name: 'Phantom', icon: 'data:image/svg+xml;base64,AA==' }], DESKTOP, []);
    expect(options.map((o) => [o.kind, o.name])).toEqual([
      ['browser', 'Phantom'],
      ['ledger', LEDGER_WALLET_NAME],
    ]);
  });

  it("Android Chrome: the phone's wallet app; once Mobile Wallet Adapter registered itself, it is listed once", () => {
    expect(shellOptions([], ANDROID, []).map((o) => o.kind)).toEqual(['mobile', 'ledger']);
    const registered = shellOptions([{ name: MOBILE_WALLET_ADAPTER_NAME, icon: '' }], ANDROID, []);
    expect(registered.filter((o) => o.kind === 'mobile')).toHaveLength(1);
  });

  it('the localnet demo wallet with its keypairs, only when there are some', () => {
    const options = shellOptions([], DESKTOP, ['eligible', 'partial']);
    expect(options.find((o) => o.name === DEMO_WALLET_NAME)).toMatchObject({ kind: 'demo', labels: ['eligible', 'partial'] });
    expect(shellOptions([], DESKTOP, []).some((o) => o.kind === 'demo')).toBe(false);
  });
});
