import { WalletReadyState, type WalletName } from '@solana/wallet-adapter-base';
import { LedgerWalletName } from '@solana/wallet-adapter-ledger';
import { useWallet, type Wallet } from '@solana/wallet-adapter-react';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { DemoWalletAdapter } from '@/components/wallet/demo-adapter';
import { ErrorNotice } from '@/components/errors/error-notice';
import { InAppBrowserLinks } from '@/components/wallet/in-app-links';
import { isMobileWalletAdapter, walletEnvironment } from '@/components/wallet/mobile';
import { useConnectWallet } from '@/components/wallet/provider';
import type { ErrorTextContext } from '@/components/errors/error-text';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';

/** Order in the list: wallets in this browser, the phone's wallet app (MWA), Ledger direct, the demo wallet. */
function rank(w: Wallet): number {
  if (w.adapter instanceof DemoWalletAdapter) return 3;
  if (w.adapter.name === LedgerWalletName) return 2;
  return isMobileWalletAdapter(w.adapter) ? 1 : 0;
}

/**
 * Our own wallet list (no wallet-adapter-react-ui: its CSS pulls Google Fonts, which the CSP blocks).
 * On a phone with no wallet in the browser it offers the phone's paths (DESIGN.md "Paths for every
 * holder"): the wallet app over Mobile Wallet Adapter on Android Chrome, and everywhere the links
 * that open this page in the wallet's own browser. Ledger direct is listed only where WebHID exists.
 */
export function WalletPicker({ errorContext }: { errorContext: ErrorTextContext }) {
  const t = useTranslations('flow');
  const tw = useTranslations('wallets');
  const { wallets } = useWallet();
  const { connectTo, cancel, pending, error } = useConnectWallet();
  const environment = useMemo(() => walletEnvironment(navigator, window.isSecureContext), []);
  const usable = wallets.filter(
    (w) => (w.readyState === WalletReadyState.Installed || w.readyState === WalletReadyState.Loadable) && (w.adapter.name !== LedgerWalletName || environment.webHid),
  );
  const ordered = [...usable].sort((a, b) => rank(a) - rank(b));
  // Wallets injected into this browser (an extension, or a wallet's in-app browser).
  const injected = ordered.filter((w) => rank(w) === 0);
  const mobileApp = ordered.some((w) => rank(w) === 1);

  return (
    <section aria-labelledby="picker-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="wallet-picker">
      <h2 id="picker-heading" className="text-lg font-semibold">
        {t('pickerHeading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('pickerIntro')}</p>
      {injected.length === 0 && (
        <p className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="no-wallet-detected">
          {mobileApp ? tw('noWalletAndroid') : environment.phone ? tw('noWalletPhone') : t('noWallet')}
        </p>
      )}
      <ul className="mt-4 grid gap-2 sm:grid-cols-2" aria-label={t('walletsLabel')}>
        {ordered.map((w) => (
          <li key={w.adapter.name}>
            {w.adapter instanceof DemoWalletAdapter ? (
              <DemoWalletOption adapter={w.adapter} busy={pending === w.adapter.name} onConnect={connectTo} />
            ) : (
              <WalletButton wallet={w} connecting={pending === w.adapter.name} onConnect={connectTo} onCancel={cancel} />
            )}
          </li>
        ))}
      </ul>
      {error !== null && error !== undefined && (
        <div className="mt-4">
          <ErrorNotice error={error} context={errorContext} />
        </div>
      )}
      {injected.length === 0 && environment.phone && <InAppBrowserLinks />}
      <LedgerHint />
    </section>
  );
}

/**
 * One wallet. While it connects it says so and offers Cancel; the other wallets stay usable (a pick
 * drops the connect under way, components/wallet/provider.tsx).
 */
function WalletButton({ wallet, connecting, onConnect, onCancel }: { wallet: Wallet; connecting: boolean; onConnect: (name: WalletName) => void; onCancel: () => void }) {
  const t = useTranslations('flow');
  const tw = useTranslations('wallets');
  const isLedger = wallet.adapter.name === LedgerWalletName;
  const isPhoneApp = isMobileWalletAdapter(wallet.adapter);
  const note = connecting ? (isLedger ? tw('ledgerNoAnswer') : t('connecting')) : isLedger ? t('ledgerDirect') : isPhoneApp ? tw('mobileWalletNote') : t('detected');
  return (
    <div className="flex w-full items-stretch gap-2">
      <button
        type="button"
        onClick={() => !connecting && onConnect(wallet.adapter.name)}
        aria-busy={connecting}
        aria-disabled={connecting}
        className="flex min-h-12 w-full items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-3 text-left hover:border-brand hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand aria-disabled:opacity-80"
        data-testid={`wallet-option-${isPhoneApp ? 'mobile' : isLedger ? 'ledger' : 'browser'}`}
      >
        <WalletIcon src={wallet.adapter.icon} dark={isLedger} />
        <span className="min-w-0 flex-1">
          <span className="block font-medium">{isPhoneApp ? tw('mobileWallet') : wallet.adapter.name}</span>
          <span className="block text-xs text-slate-600">{note}</span>
        </span>
      </button>
      {connecting && (
        <button
          type="button"
          onClick={onCancel}
          className="shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
          data-testid="cancel-connect"
        >
          {tw('cancel')}
        </button>
      )}
    </div>
  );
}

function DemoWalletOption({ adapter, busy, onConnect }: { adapter: DemoWalletAdapter; busy: boolean; onConnect: (name: WalletName) => void }) {
  const t = useTranslations('flow');
  const selectId = useId();
  const [label, setLabel] = useState(adapter.chosenLabel ?? '');
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3" data-testid="demo-wallet">
      <div className="flex items-center gap-3">
        <WalletIcon src={adapter.icon} />
        <span className="flex-1">
          <span className="block font-medium">{adapter.name}</span>
          <span className="block text-xs text-amber-900">{t('demoNote')}</span>
        </span>
      </div>
      <div className="mt-2 flex items-end gap-2">
        <label htmlFor={selectId} className="flex-1 text-xs text-amber-900">
          {t('demoKeypair')}
          <select
            id={selectId}
            value={label}
            onChange={(e) => {
              setLabel(e.target.value);
              adapter.choose(e.target.value);
            }}
            className="mt-1 block w-full rounded border border-amber-300 bg-white px-2 py-1 text-sm text-slate-900"
          >
            {adapter.labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            adapter.choose(label);
            onConnect(adapter.name);
          }}
          className="rounded-lg bg-amber-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700 disabled:opacity-60"
        >
          {t('demoConnect')}
        </button>
      </div>
    </div>
  );
}

/** `dark`: the icon is drawn in white (Ledger's is), so it sits on black instead of the white button. */
function WalletIcon({ src, dark = false }: { src: string; dark?: boolean }) {
  // Wallet icons are data: URIs supplied by the wallet itself; next/image adds nothing for those.
  // Decorative: the wallet's name is next to it.
  return (
    <span className={`flex h-8 w-8 shrink-0 items-center justify-center overflow-hidden rounded ${dark ? 'bg-black p-1.5' : ''}`} data-testid={dark ? 'wallet-icon-dark' : undefined}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt="" width={32} height={32} className="h-full w-full" />
    </span>
  );
}

/**
 * Hardware-wallet hints where people get stuck (README "Pages and languages": `/guides/ledger`): connecting through
 * Phantom/Solflare or directly, the derivation path when tokens are not visible, blind signing with
 * the hash check, and wallets that cannot connect; the guide has the details.
 */
function LedgerHint() {
  const t = useTranslations('pickerHints');
  return (
    <details className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="ledger-hint">
      <summary className="cursor-pointer font-medium text-slate-900">{t('summary')}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>{t('through')}</li>
        <li>{t('blind')}</li>
        <li>{t('path')}</li>
        <li>{t('cannotConnect')}</li>
      </ul>
      <p className="mt-2">
        <ClientLocaleLink href="/guides/ledger" className="font-medium text-brand underline underline-offset-4" data-testid="ledger-guide-link">
          {t('guide')}
        </ClientLocaleLink>
      </p>
    </details>
  );
}
