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
 *   universal links of components/wallet/environment.ts. Inside it the wallet is injected and works as on desktop.
 * - Ledger directly: only where WebHID exists (the Ledger adapter's transport); no phone has it.
 *
 * Signing order on every path is the same (DESIGN.md "Signing order"): the wallet signs with
 * `signTransaction`, then the server re-verifies, co-signs and sends. A wallet app that offers only
 * sign-and-send over MWA cannot take part: {@link canSignTransactions} says so before any build.
 */
import type { Adapter } from '@solana/wallet-adapter-base';
import { createDefaultAuthorizationCache, createDefaultChainSelector, registerMwa } from '@solana-mobile/wallet-standard-mobile';
import type { Cluster } from '@/lib/config/env';

/**
 * The MWA app icon, relative to the identity's `uri` (the wallet resolves it against the origin):
 * a PNG, which every wallet app can draw (public/wallet-app-icon.png, 192 × 192).
 */
export const MWA_APP_ICON_PATH = 'wallet-app-icon.png';

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

/**
 * Whether a connected wallet offers `signTransaction` (wallet-adapter removes the method from a
 * wallet-standard adapter whose wallet lacks `solana:signTransaction`; over MWA the wallet app
 * declares it in its capabilities, and MWA 2.x makes it optional).
 */
export function canSignTransactions(adapter: Adapter): boolean {
  return 'signTransaction' in adapter && typeof (adapter as { signTransaction?: unknown }).signTransaction === 'function';
}
