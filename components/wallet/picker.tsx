import { WalletReadyState, type WalletName } from '@solana/wallet-adapter-base';
import { useWallet, type Wallet } from '@solana/wallet-adapter-react';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { DemoWalletAdapter } from '@/components/wallet/demo-adapter';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useConnectWallet } from '@/components/wallet/provider';
import type { ErrorTextContext } from '@/components/errors/error-text';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';

const LEDGER = 'Ledger';

/** Our own wallet list (no wallet-adapter-react-ui: its CSS pulls Google Fonts, which the CSP blocks). */
export function WalletPicker({ errorContext }: { errorContext: ErrorTextContext }) {
  const t = useTranslations('flow');
  const { wallets } = useWallet();
  const { connectTo, pending, error } = useConnectWallet();
  const usable = wallets.filter((w) => w.readyState === WalletReadyState.Installed || w.readyState === WalletReadyState.Loadable);
  // Detected browser wallets first, then Ledger (direct, over WebHID), then the demo wallet.
  const rank = (w: Wallet) => (w.adapter instanceof DemoWalletAdapter ? 2 : w.adapter.name === LEDGER ? 1 : 0);
  const ordered = [...usable].sort((a, b) => rank(a) - rank(b));
  const detected = ordered.filter((w) => rank(w) === 0);

  return (
    <section aria-labelledby="picker-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="wallet-picker">
      <h2 id="picker-heading" className="text-lg font-semibold">
        {t('pickerHeading')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {t('pickerIntro')}
      </p>
      {detected.length === 0 && (
        <p className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="no-wallet-detected">
          {t('noWallet')}
        </p>
      )}
      <ul className="mt-4 grid gap-2 sm:grid-cols-2" aria-label={t('walletsLabel')}>
        {ordered.map((w) => (
          <li key={w.adapter.name}>
            {w.adapter instanceof DemoWalletAdapter ? (
              <DemoWalletOption adapter={w.adapter} busy={pending !== null} onConnect={connectTo} />
            ) : (
              <WalletButton wallet={w} busy={pending !== null} connecting={pending === w.adapter.name} onConnect={connectTo} />
            )}
          </li>
        ))}
      </ul>
      <LedgerHint />
      {error !== null && error !== undefined && (
        <div className="mt-4">
          <ErrorNotice error={error} context={errorContext} />
        </div>
      )}
    </section>
  );
}

function WalletButton({ wallet, busy, connecting, onConnect }: { wallet: Wallet; busy: boolean; connecting: boolean; onConnect: (name: WalletName) => void }) {
  const t = useTranslations('flow');
  const isLedger = wallet.adapter.name === LEDGER;
  return (
    <button
      type="button"
      onClick={() => onConnect(wallet.adapter.name)}
      disabled={busy}
      aria-busy={connecting}
      className="flex w-full items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-3 text-left hover:border-brand hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
    >
      <WalletIcon src={wallet.adapter.icon} />
      <span className="flex-1">
        <span className="block font-medium">{wallet.adapter.name}</span>
        <span className="block text-xs text-slate-600">
          {connecting ? t('connecting') : isLedger ? t('ledgerDirect') : t('detected')}
        </span>
      </span>
    </button>
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

function WalletIcon({ src }: { src: string }) {
  // Wallet icons are data: URIs supplied by the wallet itself; next/image adds nothing for those.
  // Decorative: the wallet's name is next to it.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt="" width={32} height={32} className="h-8 w-8 shrink-0 rounded" />;
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
