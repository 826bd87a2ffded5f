import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RICH_BASICS, richListItems } from '@/components/content/rich';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { HeadedSection, PageContents, PageHeader } from '@/components/layout/page-parts';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'ledger', '/guides/ledger');
}

const SECTIONS = ['connect', 'path', 'blind', 'cannotConnect', 'other'] as const;

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
      <PageHeader title={t('title')} intro={t('intro')} />
      <PageContents label={t('tocLabel')} entries={SECTIONS.map((s) => ({ id: s, title: t(`${s}.heading`) }))} />
      {SECTIONS.map((s) => (
        <HeadedSection key={s} name={s} heading={t(`${s}.heading`)} id={s} className="scroll-mt-4 space-y-2" testId={`ledger-${s}`}>
          {s !== 'connect' && <p className="text-slate-800">{t(`${s}.body`)}</p>}
          <ol className="list-decimal space-y-1 pl-5 text-slate-800">
            {richListItems(t.rich(`${s}.steps`, RICH_BASICS)).map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
          {s === 'connect' && <p className="text-sm text-slate-700">{t('connect.note')}</p>}
          {s === 'blind' && <p className="rounded-lg border-2 border-amber-400 bg-amber-50 p-3 font-medium text-amber-950">{t('blind.warning')}</p>}
        </HeadedSection>
      ))}
    </article>
  );
}
