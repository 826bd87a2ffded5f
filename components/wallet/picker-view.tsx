import type { WalletName } from '@solana/wallet-adapter-base';
import { useTranslations } from 'next-intl';
import { type ReactNode, useId, useState } from 'react';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import type { WalletEnvironment, WalletOption } from '@/components/wallet/environment';
import { InAppBrowserLinks } from '@/components/wallet/in-app-links';

/** Order in the list: wallets in this browser, the phone's wallet app, Ledger direct, the demo wallet. */
const RANK: Record<WalletOption['kind'], number> = { browser: 0, mobile: 1, ledger: 2, demo: 3 };

export type WalletPickerViewProps = {
  options: readonly WalletOption[];
  environment: WalletEnvironment;
  /**
   * The list is the server's expectation (from the request's user agent), not yet read in this
   * browser: drawn hidden, so it holds the list's place (nothing below moves when it is filled in)
   * without telling the reader anything unconfirmed.
   */
  provisional?: boolean;
  /** The wallet being connected, if any. */
  pending: WalletName | null;
  /** `demoLabel`: the keypair picked for the demo wallet. */
  onConnect: (name: WalletName, demoLabel?: string) => void;
  onCancel: () => void;
  /** Why the last connect failed, already in words (components/errors/error-notice.tsx). */
  notice?: ReactNode;
};

/**
 * The wallet list, drawn the same before the wallet code has loaded (the `/migrate` shell:
 * components/wallet/shell-picker.tsx) and after it (components/wallet/picker.tsx). Our own list:
 * wallet-adapter-react-ui's CSS pulls Google Fonts, which the CSP blocks. On a phone with no wallet
 * in the browser it offers the phone's paths (DESIGN.md "Paths for every holder"): the wallet app
 * over Mobile Wallet Adapter on Android Chrome, and everywhere the links that open this page in the
 * wallet's own browser. Ledger direct is listed only where WebHID exists.
 */
export function WalletPickerView({ options, environment, provisional = false, pending, onConnect, onCancel, notice }: WalletPickerViewProps) {
  const t = useTranslations('flow');
  const tw = useTranslations('wallets');
  const ordered = options.filter((o) => o.kind !== 'ledger' || environment.webHid).sort((a, b) => RANK[a.kind] - RANK[b.kind]);
  const injected = ordered.some((o) => o.kind === 'browser');
  const mobileApp = ordered.some((o) => o.kind === 'mobile');
  return (
    <section aria-labelledby="picker-heading" className="min-h-72 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="wallet-picker" aria-busy={provisional}>
      <h2 id="picker-heading" className="text-lg font-semibold">
        {t('pickerHeading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('pickerIntro')}</p>
      <div className={provisional ? 'invisible' : undefined} data-testid={provisional ? 'wallet-list-provisional' : 'wallet-list'}>
        {!injected && (
          <p className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="no-wallet-detected">
            {mobileApp ? tw('noWalletAndroid') : environment.phone ? tw('noWalletPhone') : t('noWallet')}
          </p>
        )}
        <ul className="mt-4 grid gap-2 sm:grid-cols-2" aria-label={t('walletsLabel')}>
          {ordered.map((o) => (
            <li key={o.name}>
              {o.kind === 'demo' ? (
                <DemoWalletOption option={o} busy={pending === o.name} onConnect={onConnect} />
              ) : (
                <WalletButton option={o} connecting={pending === o.name} onConnect={onConnect} onCancel={onCancel} />
              )}
            </li>
          ))}
        </ul>
        {notice && <div className="mt-4">{notice}</div>}
        {!injected && environment.phone && <InAppBrowserLinks />}
      </div>
      <LedgerHint />
    </section>
  );
}

/**
 * One wallet. While it connects it says so and offers Cancel; the other wallets stay usable (a pick
 * drops the connect under way, components/wallet/provider.tsx).
 */
function WalletButton({ option, connecting, onConnect, onCancel }: { option: WalletOption; connecting: boolean; onConnect: (name: WalletName) => void; onCancel: () => void }) {
  const t = useTranslations('flow');
  const tw = useTranslations('wallets');
  const isLedger = option.kind === 'ledger';
  const isPhoneApp = option.kind === 'mobile';
  const note = connecting ? (isLedger ? tw('ledgerNoAnswer') : t('connecting')) : isLedger ? t('ledgerDirect') : isPhoneApp ? tw('mobileWalletNote') : t('detected');
  return (
    <div className="flex w-full items-stretch gap-2">
      <button
        type="button"
        onClick={() => !connecting && onConnect(option.name)}
        aria-busy={connecting}
        aria-disabled={connecting}
        className="flex min-h-12 w-full items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-3 text-left hover:border-brand hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand aria-disabled:opacity-80"
        data-testid={`wallet-option-${option.kind}`}
      >
        {isPhoneApp ? <PhoneIcon /> : <WalletIcon src={option.icon} dark={isLedger} />}
        <span className="min-w-0 flex-1">
          <span className="block font-medium">{isPhoneApp ? tw('mobileWallet') : option.name}</span>
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

function DemoWalletOption({ option, busy, onConnect }: { option: Extract<WalletOption, { kind: 'demo' }>; busy: boolean; onConnect: (name: WalletName, demoLabel?: string) => void }) {
  const t = useTranslations('flow');
  const selectId = useId();
  const [label, setLabel] = useState(option.chosenLabel ?? option.labels[0] ?? '');
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3" data-testid="demo-wallet">
      <div className="flex items-center gap-3">
        <WalletIcon src={option.icon} />
        <span className="flex-1">
          <span className="block font-medium">{option.name}</span>
          <span className="block text-xs text-amber-900">{t('demoNote')}</span>
        </span>
      </div>
      <div className="mt-2 flex items-end gap-2">
        <label htmlFor={selectId} className="flex-1 text-xs text-amber-900">
          {t('demoKeypair')}
          <select id={selectId} value={label} onChange={(e) => setLabel(e.target.value)} className="mt-1 block w-full rounded border border-amber-300 bg-white px-2 py-1 text-sm text-slate-900">
            {option.labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() => onConnect(option.name, label)}
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

/** The phone's wallet app: whichever app answers Mobile Wallet Adapter, so a phone, not one wallet's logo. Decorative. */
function PhoneIcon() {
  return (
    <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded bg-slate-100 text-slate-700">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <rect x="6" y="2" width="12" height="20" rx="2" />
        <path d="M11 18h2" />
      </svg>
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
