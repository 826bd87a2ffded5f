import { createRequire } from 'node:module';
import { SolanaMobileWalletAdapterWalletName } from '@solana-mobile/wallet-standard-mobile';
import { describe, expect, it } from 'vitest';
import { inAppBrowserLinks, lastWalletName, LEDGER_ICON, LEDGER_WALLET_NAME, MOBILE_WALLET_ADAPTER_NAME, walletEnvironment } from '@/components/wallet/environment';

// The Ledger adapter's ES build does not load in Node (its transport imports without extensions): its CommonJS build does.
const { LedgerWalletAdapter, LedgerWalletName } = createRequire(import.meta.url)('@solana/wallet-adapter-ledger') as typeof import('@solana/wallet-adapter-ledger');

describe('the names and icon the shell shows before the wallet code loads', () => {
  it('are the libraries\' own', () => {
    expect(LEDGER_WALLET_NAME).toBe(LedgerWalletName);
    expect(MOBILE_WALLET_ADAPTER_NAME).toBe(SolanaMobileWalletAdapterWalletName);
    expect(LEDGER_ICON).toBe(new LedgerWalletAdapter().icon);
  });
});

// User agents as Playwright's device list (and the devices) send them.
const PIXEL_CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.8154.6 Mobile Safari/537.36';
const ANDROID_WEBVIEW = 'Mozilla/5.0 (Linux; Android 14; Pixel 7; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP_MODE = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const DESKTOP_CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

describe('walletEnvironment', () => {
  it('Android Chrome: a phone where Mobile Wallet Adapter works (in a secure context), no WebHID', () => {
    expect(walletEnvironment({ userAgent: PIXEL_CHROME, maxTouchPoints: 5 }, true)).toEqual({ phone: true, mobileWalletAdapter: true, webHid: false });
    expect(walletEnvironment({ userAgent: PIXEL_CHROME }, false).mobileWalletAdapter).toBe(false);
  });

  it('an Android WebView (a wallet in-app browser) and iOS have no Mobile Wallet Adapter', () => {
    expect(walletEnvironment({ userAgent: ANDROID_WEBVIEW }, true)).toEqual({ phone: true, mobileWalletAdapter: false, webHid: false });
    expect(walletEnvironment({ userAgent: IPHONE_SAFARI, maxTouchPoints: 5 }, true)).toEqual({ phone: true, mobileWalletAdapter: false, webHid: false });
    expect(walletEnvironment({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 5 }, true).phone).toBe(true);
  });

  it('a desktop browser is no phone; Ledger direct needs WebHID', () => {
    expect(walletEnvironment({ userAgent: DESKTOP_CHROME, maxTouchPoints: 0, hid: {} }, true)).toEqual({ phone: false, mobileWalletAdapter: false, webHid: true });
    expect(walletEnvironment({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 0 }, true).phone).toBe(false);
  });
});

describe('inAppBrowserLinks', () => {
  it("open the page (no query, no fragment) in Phantom's and Solflare's browsers, with the origin as ref", () => {
    expect(inAppBrowserLinks('https://migrate.example.org/ko/migrate?x=1#top')).toEqual([
      { wallet: 'Phantom', href: 'https://phantom.app/ul/browse/https%3A%2F%2Fmigrate.example.org%2Fko%2Fmigrate?ref=https%3A%2F%2Fmigrate.example.org' },
      { wallet: 'Solflare', href: 'https://solflare.com/ul/v1/browse/https%3A%2F%2Fmigrate.example.org%2Fko%2Fmigrate?ref=https%3A%2F%2Fmigrate.example.org' },
    ]);
  });

  it('refuses a relative URL', () => {
    expect(() => inAppBrowserLinks('/migrate')).toThrow(TypeError);
  });
});


describe('lastWalletName', () => {
  const storage = (value: string | null) => ({ getItem: () => value });

  it('reads the wallet wallet-adapter stored as a JSON string', () => {
    expect(lastWalletName(storage(JSON.stringify('Phantom')))).toBe('Phantom');
  });

  it('never reconnects Ledger (WebHID needs a click), nor anything that is not a name', () => {
    expect(lastWalletName(storage(JSON.stringify(LEDGER_WALLET_NAME)))).toBeNull();
    for (const value of [null, '', 'not json', '42', '{"name":"Phantom"}', '""']) expect(lastWalletName(storage(value))).toBeNull();
  });

  it('answers null where storage throws (blocked, private mode)', () => {
    expect(
      lastWalletName({
        getItem: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
      }),
    ).toBeNull();
  });
});
