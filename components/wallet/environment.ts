/**
 * What a browser offers for wallets, with no wallet library loaded: the `/migrate` shell lists the
 * wallets from this before any wallet code arrives (components/wallet/shell-picker.tsx), and the
 * wallet code uses the same answers. Names here are the ones the libraries give their wallets;
 * components/wallet/environment.test.ts checks them against the libraries.
 */
import type { Adapter, WalletName } from '@solana/wallet-adapter-base';

/** `LedgerWalletName` of @solana/wallet-adapter-ledger. */
export const LEDGER_WALLET_NAME = 'Ledger' as WalletName<'Ledger'>;

/** `SolanaMobileWalletAdapterWalletName` of @solana-mobile/wallet-standard-mobile, as wallet-adapter lists it. */
export const MOBILE_WALLET_ADAPTER_NAME = 'Mobile Wallet Adapter' as WalletName<'Mobile Wallet Adapter'>;

/** The Ledger adapter's own icon (`LedgerWalletAdapter#icon`), shown before the adapter is loaded. */
export const LEDGER_ICON =
  'data:image/svg+xml;base64,PHN2ZyB2aWV3Qm94PSIwIDAgMzUgMzUiIHhtbG5zPSJodHRwOi8vd3d3LnczLm9yZy8yMDAwL3N2ZyI+PGcgZmlsbD0iI2ZmZiI+PHBhdGggZD0ibTIzLjU4OCAwaC0xNnYyMS41ODNoMjEuNnYtMTZhNS41ODUgNS41ODUgMCAwIDAgLTUuNi01LjU4M3oiIHRyYW5zZm9ybT0idHJhbnNsYXRlKDUuNzM5KSIvPjxwYXRoIGQ9Im04LjM0MiAwaC0yLjc1N2E1LjU4NSA1LjU4NSAwIDAgMCAtNS41ODUgNS41ODV2Mi43NTdoOC4zNDJ6Ii8+PHBhdGggZD0ibTAgNy41OWg4LjM0MnY4LjM0MmgtOC4zNDJ6IiB0cmFuc2Zvcm09InRyYW5zbGF0ZSgwIDUuNzM5KSIvPjxwYXRoIGQ9Im0xNS4xOCAyMy40NTFoMi43NTdhNS41ODUgNS41ODUgMCAwIDAgNS41ODUtNS42di0yLjY3MWgtOC4zNDJ6IiB0cmFuc2Zvcm09InRyYW5zbGF0ZSgxMS40NzggMTEuNDc4KSIvPjxwYXRoIGQ9Im03LjU5IDE1LjE4aDguMzQydjguMzQyaC04LjM0MnoiIHRyYW5zZm9ybT0idHJhbnNsYXRlKDUuNzM5IDExLjQ3OCkiLz48cGF0aCBkPSJtMCAxNS4xOHYyLjc1N2E1LjU4NSA1LjU4NSAwIDAgMCA1LjU4NSA1LjU4NWgyLjc1N3YtOC4zNDJ6IiB0cmFuc2Zvcm09InRyYW5zbGF0ZSgwIDExLjQ3OCkiLz48L2c+PC9zdmc+';

/** The localnet demo wallet (components/wallet/demo-adapter.ts): its name says where it exists. */
export const DEMO_WALLET_NAME = 'Demo wallet (localnet only)' as WalletName<'Demo wallet (localnet only)'>;

export const DEMO_WALLET_ICON =
  'data:image/svg+xml;base64,' +
  btoa('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" rx="6" fill="#b45309"/><text x="16" y="21" font-size="11" text-anchor="middle" fill="#fff" font-family="sans-serif">DEMO</text></svg>');

/** Where wallet-adapter keeps the wallet picked last (`WalletProvider`'s `localStorageKey`), as a JSON string. */
export const LAST_WALLET_KEY = 'elizaos-migration:wallet';

/** Whether a wallet may be reconnected without a click when the page loads: any but Ledger (WebHID needs a user gesture). */
export function mayReconnect(name: string): boolean {
  return name !== LEDGER_WALLET_NAME;
}

/**
 * The wallet to reconnect when the page loads: the one picked last, if any, and never Ledger
 * (WebHID needs a click). `null` when storage is unreadable (private mode, blocked) or holds
 * something else.
 */
export function lastWalletName(storage?: Pick<Storage, 'getItem'>): WalletName | null {
  try {
    // Reading `window.localStorage` itself throws where storage is blocked.
    const value: unknown = JSON.parse((storage ?? window.localStorage).getItem(LAST_WALLET_KEY) ?? 'null');
    return typeof value === 'string' && value !== '' && mayReconnect(value) ? (value as WalletName) : null;
  } catch {
    return null;
  }
}

/** What the browser offers, read once from `navigator`. */
export type WalletEnvironment = {
  /** A phone or tablet (touch-first, no browser extensions). */
  phone: boolean;
  /** Android Chrome outside a WebView: Mobile Wallet Adapter can reach an installed wallet app. */
  mobileWalletAdapter: boolean;
  /** WebHID: the Ledger adapter can talk to a device over USB. */
  webHid: boolean;
};

type NavigatorLike = { userAgent: string; maxTouchPoints?: number; hid?: unknown };

// The same WebView test wallet-adapter-react and MWA use (their getEnvironment / isWebView).
const WEBVIEW = /(WebView|Version\/.+(Chrome)\/(\d+)\.(\d+)\.(\d+)\.(\d+)|; wv\).+(Chrome)\/(\d+)\.(\d+)\.(\d+)\.(\d+))/i;

/**
 * The wallet paths of a browser. An iPad says "Macintosh" and is told apart by its touch points.
 * @param nav `navigator` (or a stand-in in tests)
 * @param secureContext `window.isSecureContext`: MWA refuses to run without it (https or localhost)
 */
export function walletEnvironment(nav: NavigatorLike, secureContext: boolean): WalletEnvironment {
  const ua = nav.userAgent;
  const android = /android/i.test(ua);
  const ipad = /Macintosh/.test(ua) && (nav.maxTouchPoints ?? 0) > 1;
  const phone = android || ipad || /iPhone|iPad|iPod|Mobile/i.test(ua);
  return {
    phone,
    mobileWalletAdapter: android && !WEBVIEW.test(ua) && secureContext,
    webHid: nav.hid !== undefined && nav.hid !== null,
  };
}

/** The page in a wallet's in-app browser: where the wallet is injected, on iPhone and Android alike. */
export type InAppBrowserLink = { wallet: 'Phantom' | 'Solflare'; href: string };

/**
 * Universal links that open `pageUrl` inside Phantom's and Solflare's own browsers, with `ref` the
 * origin asking (their documented `browse` deeplinks:
 * `https://phantom.app/ul/browse/<url>?ref=<ref>`, `https://solflare.com/ul/v1/browse/<url>?ref=<ref>`,
 * both URL-encoded). Query and fragment are dropped: the link carries the page, nothing the
 * reader typed.
 * @throws TypeError when `pageUrl` is not an absolute URL
 */
export function inAppBrowserLinks(pageUrl: string): InAppBrowserLink[] {
  const url = new URL(pageUrl);
  const page = encodeURIComponent(`${url.origin}${url.pathname}`);
  const ref = encodeURIComponent(url.origin);
  return [
    { wallet: 'Phantom', href: `https://phantom.app/ul/browse/${page}?ref=${ref}` },
    { wallet: 'Solflare', href: `https://solflare.com/ul/v1/browse/${page}?ref=${ref}` },
  ];
}

/**
 * One entry of the wallet list: a wallet injected into this browser (wallet-standard), the phone's
 * wallet app (Mobile Wallet Adapter), Ledger direct (WebHID), or the localnet demo wallet with its
 * keypairs.
 */
export type WalletOption =
  | { kind: 'browser' | 'mobile' | 'ledger'; name: WalletName; icon: string }
  | { kind: 'demo'; name: WalletName; icon: string; labels: readonly string[]; chosenLabel: string | null };

/**
 * The wallets this browser offers, read without wallet-adapter: the wallet-standard wallets that
 * wallet-adapter would list (its own `isWalletAdapterCompatibleStandardWallet` test), the phone's
 * wallet app where Mobile Wallet Adapter works, Ledger direct, and the demo wallet on localnet,
 * named as wallet-adapter names them (a standard wallet of the same name wins, as there).
 */
export function shellOptions(standard: readonly { name: string; icon: string }[], environment: WalletEnvironment, demoLabels: readonly string[]): WalletOption[] {
  const options: WalletOption[] = standard.map((w) => ({
    kind: w.name === MOBILE_WALLET_ADAPTER_NAME ? 'mobile' : 'browser',
    name: w.name as WalletName,
    icon: w.icon,
  }));
  const listed = (name: string) => options.some((o) => o.name === name);
  if (environment.mobileWalletAdapter && !listed(MOBILE_WALLET_ADAPTER_NAME)) options.push({ kind: 'mobile', name: MOBILE_WALLET_ADAPTER_NAME, icon: '' });
  if (!listed(LEDGER_WALLET_NAME)) options.push({ kind: 'ledger', name: LEDGER_WALLET_NAME, icon: LEDGER_ICON });
  if (demoLabels.length > 0 && !listed(DEMO_WALLET_NAME)) options.push({ kind: 'demo', name: DEMO_WALLET_NAME, icon: DEMO_WALLET_ICON, labels: demoLabels, chosenLabel: null });
  return options;
}

export function isMobileWalletAdapter(adapter: Pick<Adapter, 'name'>): boolean {
  return adapter.name === MOBILE_WALLET_ADAPTER_NAME;
}
