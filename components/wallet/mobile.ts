/**
 * Phones (DESIGN.md "Paths for every holder"): which wallet paths this browser has, the links that
 * open the page in a wallet's own browser, and Mobile Wallet Adapter (MWA) for Android Chrome.
 *
 * - Android Chrome (not a WebView): MWA, registered here as a wallet-standard wallet with the
 *   portal's name and icon (`registerMwa` of `@solana-mobile/wallet-standard-mobile`, the way
 *   Solana Mobile documents for web apps). wallet-adapter-react then uses it instead of adding its
 *   own default adapter, whose identity is the bare origin ("Unknown app" in the wallet, no icon).
 *   The page talks to the wallet app over `ws://localhost:<port>`, which the wallet-flow pages' CSP
 *   allows (lib/security/mwa-styles.ts).
 * - iPhone, and any phone without an injected wallet: the wallet's in-app browser, opened by the
 *   universal links below. Inside it the wallet is injected and works as on desktop.
 * - Ledger directly: only where WebHID exists (the Ledger adapter's transport); no phone has it.
 *
 * Signing order on every path is the same (DESIGN.md "Signing order"): the wallet signs with
 * `signTransaction`, then the server re-verifies, co-signs and sends. A wallet app that offers only
 * sign-and-send over MWA cannot take part: {@link canSignTransactions} says so before any build.
 */
import type { Adapter, WalletName } from '@solana/wallet-adapter-base';
import { createDefaultAuthorizationCache, createDefaultChainSelector, registerMwa, SolanaMobileWalletAdapterWalletName } from '@solana-mobile/wallet-standard-mobile';
import type { Cluster } from '@/lib/config/env';

/** wallet-adapter's name of the Mobile Wallet Adapter wallet ("Mobile Wallet Adapter"). */
export const MOBILE_WALLET_ADAPTER_NAME = SolanaMobileWalletAdapterWalletName as WalletName;

/**
 * The MWA app icon, relative to the identity's `uri` (the wallet resolves it against the origin):
 * a PNG, which every wallet app can draw (public/wallet-app-icon.png, 192 × 192).
 */
export const MWA_APP_ICON_PATH = 'wallet-app-icon.png';

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

/** The wallet-standard chain of a cluster (`solana:mainnet`, …), as MWA asks the wallet to authorize it. */
export function mwaChain(cluster: Cluster): `solana:${string}` {
  return cluster === 'mainnet-beta' ? 'solana:mainnet' : `solana:${cluster}`;
}

let registered = false;

/**
 * Registers Mobile Wallet Adapter once per page, with the portal's identity, where it can work
 * (Android Chrome in a secure context; `registerMwa` itself does nothing elsewhere, and is given
 * no remote relay, so no QR-code flow exists on desktop). When no wallet app answers, MWA shows no
 * dialog of its own: the connect fails and the picker says why, in the reader's language, with the
 * in-app browser links.
 * @param appName the name the wallet app shows ("AI16Z → ELIZAOS migration")
 */
export function registerMobileWalletAdapter(appName: string, cluster: Cluster): void {
  if (registered || typeof window === 'undefined') return;
  registered = true;
  registerMwa({
    appIdentity: { name: appName, uri: window.location.origin, icon: MWA_APP_ICON_PATH },
    authorizationCache: createDefaultAuthorizationCache(),
    chains: [mwaChain(cluster)],
    chainSelector: createDefaultChainSelector(),
    onWalletNotFound: async () => undefined,
  });
}

export function isMobileWalletAdapter(adapter: Pick<Adapter, 'name'>): boolean {
  return adapter.name === MOBILE_WALLET_ADAPTER_NAME;
}

/**
 * Whether a connected wallet offers `signTransaction` (wallet-adapter removes the method from a
 * wallet-standard adapter whose wallet lacks `solana:signTransaction`; over MWA the wallet app
 * declares it in its capabilities, and MWA 2.x makes it optional).
 */
export function canSignTransactions(adapter: Adapter): boolean {
  return 'signTransaction' in adapter && typeof (adapter as { signTransaction?: unknown }).signTransaction === 'function';
}
