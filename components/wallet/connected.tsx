import { useTranslations } from 'next-intl';
import { useWallet } from '@solana/wallet-adapter-react';
import { InAppBrowserLinks } from '@/components/wallet/in-app-links';
import { isMobileWalletAdapter, LEDGER_WALLET_NAME } from '@/components/wallet/environment';
import { canSignTransactions } from '@/components/wallet/mobile';

/**
 * The connected wallet and account, with a way out. A wallet app connected over Mobile Wallet
 * Adapter that offers no `signTransaction` is told apart here, before any transaction is built:
 * the portal needs the wallet's signature back to verify it (DESIGN.md "Signing order"), so the
 * way that works is the wallet's in-app browser.
 */
export function ConnectedWallet({ busy }: { busy: boolean }) {
  const t = useTranslations('flow');
  const tw = useTranslations('wallets');
  const { wallet, publicKey, disconnect, disconnecting, connected } = useWallet();
  if (!wallet || !publicKey) return null;
  const address = publicKey.toBase58();
  const phoneAppCannotSign = connected && isMobileWalletAdapter(wallet.adapter) && !canSignTransactions(wallet.adapter);
  return (
    <>
      <section aria-label={t('connectedLabel')} className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="connected-wallet">
        {/* Wallet icons are data: URIs from the wallet itself; decorative next to its name. Ledger's is
            white: on black, like the picker's. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={wallet.adapter.icon} alt="" width={28} height={28} className={`h-7 w-7 rounded ${wallet.adapter.name === LEDGER_WALLET_NAME ? 'bg-black p-1' : ''}`} />
        <div className="min-w-0 flex-1">
          <p className="text-sm text-slate-600">
            {t.rich('connectedWith', { wallet: isMobileWalletAdapter(wallet.adapter) ? tw('mobileWallet') : wallet.adapter.name, b: (chunks) => <span className="font-medium text-slate-900">{chunks}</span> })}
          </p>
          <p className="break-all font-mono text-sm" data-testid="connected-address" title={address}>
            {address}
          </p>
        </div>
        <button
          type="button"
          onClick={() => void disconnect().catch(() => undefined)}
          disabled={busy || disconnecting}
          className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-50"
        >
          {t('disconnect')}
        </button>
      </section>
      {phoneAppCannotSign && (
        <section role="alert" aria-labelledby="phone-cannot-sign" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="mwa-cannot-sign">
          <h2 id="phone-cannot-sign" className="font-semibold">
            {tw('cannotSignHeading')}
          </h2>
          <p className="mt-1">{tw('cannotSign', { wallet: tw('mobileWallet') })}</p>
          <InAppBrowserLinks />
        </section>
      )}
    </>
  );
}
