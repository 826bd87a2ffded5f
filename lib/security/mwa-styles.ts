/**
 * What Mobile Wallet Adapter's own dialogs need from the Content-Security-Policy of the wallet-flow
 * pages (DESIGN.md "Paths for every holder", Mobile Wallet Adapter row). Edge-safe constants only:
 * the middleware puts them into the policy of `/migrate`.
 *
 * `@solana-mobile/wallet-standard-mobile` (0.6.0) draws its dialogs for a local association (the
 * spinner while the wallet app answers, and Chrome's Local Network Access prompts) in a closed
 * shadow root, each with one inline `<style>` element (the shared modal CSS plus the dialog's own)
 * and two inline `style` attributes. Under our nonce policy those would be blocked and the dialog
 * would render unstyled, in the page's flow instead of over it. The policy allows exactly these
 * texts by their SHA-256 (CSP Level 3 hash sources; attributes need `'unsafe-hashes'`), nothing
 * else: no `'unsafe-inline'`. `lib/security/mwa-styles.test.ts` recomputes every hash from the
 * installed package and fails when an upgrade changes one.
 *
 * Not allowed, on purpose: the Google Fonts stylesheet the dialogs link (`fonts.googleapis.com`).
 * The browser reports it blocked (style-src-elem) and the dialogs fall back to their next font
 * (`"PT Sans", Calibri, sans-serif`): cosmetic only. No third-party origin joins the policy.
 * The "wallet not found" dialog is not used either: the portal answers that itself, in the
 * reader's language (components/wallet/mobile.ts).
 */

/** `<style>` texts: the spinner, and the local-connection and Local Network Access dialogs. */
export const MWA_STYLE_ELEMENT_HASHES = [
  // EmbeddedLoadingSpinner (shown while the wallet app is asked, every local association)
  "'sha256-9y+0omBcAXmVSpYuadfUp/k8GxCIDiw2wrEyqM1cQnc='",
  // LocalConnectionModal (after Chrome's Local Network Access permission was granted)
  "'sha256-sen7ZoAG9PuEEbYrzXrC+mgAQtKbEdz27Vl9VDk22b4='",
  // LoopbackPermissionModal (asks for Local Network Access)
  "'sha256-JL4jR/a9x8E6RvQBgmpjIKwquuV9zBrwhVjG11+WErU='",
  // LoopbackPermissionBlockedModal (Local Network Access was denied: how to allow it)
  "'sha256-a3+3UU0WYPDxSAQsmQ2ZP+l7uHX0qqkn0B97M/lHa2Y='",
] as const;

/** `style` attribute values in the same dialogs' markup (the backdrop, SVG masks). */
export const MWA_STYLE_ATTRIBUTE_HASHES = [
  // "position: absolute; width: 100%; height: 100%;" — the backdrop that closes a dialog on tap
  "'sha256-fpg83YZxyBh7zNCICwdKi5D7eUkxQ9wk3mpUiNPhP3g='",
  // "mask-type:alpha" — the icons' SVG masks
  "'sha256-QIjW/+aUzfg58HcITJNHkkCTGmLovNUIQbL+Zq2TsIE='",
] as const;

/**
 * Where a local association talks to the wallet app: `ws://localhost:<random port>/solana-wallet`
 * (`@solana-mobile/mobile-wallet-adapter-protocol` startScenario; the port is drawn per session
 * from 49152–65535, hence the wildcard). The one source the wallet-flow pages add to `connect-src`.
 */
export const MWA_CONNECT_SOURCE = 'ws://localhost:*';
