import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { listItems } from '@/components/content/rich';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'ledger', '/guides/ledger');
}

const SECTIONS = ['connect', 'path', 'blind', 'cannotConnect'] as const;

/**
 * The hardware-wallet guide: connecting a Ledger (through Phantom/Solflare or directly), finding
 * the account that held AI16Z (derivation path), blind signing with the hash check (the Ledger
 * Solana app cannot clear-sign this transaction), and wallets that cannot connect.
 */
export default async function LedgerGuidePage({ params }: LocaleParams) {
  await pageLocale(params);
  const t = await getTranslations('ledger');
  return (
    <article className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
        <p className="mt-2 text-slate-700">{t('intro')}</p>
      </div>
      <nav aria-label={t('tocLabel')} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <ul className="space-y-1">
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#${s}`} className="text-brand underline underline-offset-4">
                {t(`${s}.heading`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map((s) => (
        <section key={s} id={s} aria-labelledby={`${s}-heading`} className="scroll-mt-4 space-y-2" data-testid={`ledger-${s}`}>
          <h2 id={`${s}-heading`} className="text-xl font-semibold">
            {t(`${s}.heading`)}
          </h2>
          {s !== 'connect' && <p className="text-slate-800">{t(`${s}.body`)}</p>}
          <ol className="list-decimal space-y-1 pl-5 text-slate-800">
            {listItems(t(`${s}.steps`)).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {s === 'connect' && <p className="text-sm text-slate-700">{t('connect.note')}</p>}
          {s === 'blind' && <p className="rounded-lg border-2 border-amber-400 bg-amber-50 p-3 font-medium text-amber-950">{t('blind.warning')}</p>}
        </section>
      ))}
    </article>
  );
}
