import { useTranslations } from 'next-intl';
import { useWallet } from '@solana/wallet-adapter-react';

/** The connected wallet and account, with a way out. */
export function ConnectedWallet({ busy }: { busy: boolean }) {
  const t = useTranslations('flow');
  const { wallet, publicKey, disconnect, disconnecting } = useWallet();
  if (!wallet || !publicKey) return null;
  const address = publicKey.toBase58();
  return (
    <section aria-label={t('connectedLabel')} className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="connected-wallet">
      {/* Wallet icons are data: URIs from the wallet itself; decorative next to its name. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={wallet.adapter.icon} alt="" width={28} height={28} className="h-7 w-7 rounded" />
      <div className="min-w-0 flex-1">
        <p className="text-sm text-slate-600">
          {t.rich('connectedWith', { wallet: wallet.adapter.name, b: (chunks) => <span className="font-medium text-slate-900">{chunks}</span> })}
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
  );
}
