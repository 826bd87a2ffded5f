import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pageLink, RICH_BASICS } from '@/components/content/rich';
import { getConfig } from '@/lib/config';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { solNeededForNewHolder } from '@/lib/solana/sol-needed';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'faq', '/faq');
}

const QUESTIONS = ['eligible', 'messages', 'ratio', 'fees', 'deadline', 'exchange', 'official', 'neverDm', 'ledger'] as const;
const MESSAGE_KINDS = ['eligible', 'notInSnapshot', 'exhausted', 'exceeds', 'balance', 'sol', 'notOpen'] as const;

/** The FAQ: eligibility and what each message means, ratio, fees, deadline, exchanges, staying safe. */
export default async function FaqPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = await getTranslations('faq');
  const config = getConfig();
  // The one SOL figure (lib/solana/sol-needed.ts): the build step's check and the migrate page give the same.
  const sol = solNeededForNewHolder(config.mints.elizaos.programId);
  const solText = (lamports: bigint) => `${formatBaseUnits(lamports, 9, { locale })} SOL`;
  const solValues = { needed: solText(sol.total), fee: solText(sol.networkFee), reserve: solText(sol.priorityFeeReserve), rent: solText(sol.ataRent), minimum: solText(sol.walletMinimum) };
  const values = {
    snapshot: formatDateTime(config.snapshotTakenAt, locale),
    ratio: config.ratio.toString(),
    opens: formatDate(config.window.opensAt, locale),
    closes: formatDateTime(config.window.closesAt, locale, { withUtc: true }),
  };
  const answers: Record<(typeof QUESTIONS)[number], ReactNode> = {
    eligible: <p>{t('eligible.a', values)}</p>,
    messages: (
      <>
        <p>{t('messages.intro')}</p>
        <ul className="mt-2 list-disc space-y-2 pl-5">
          {MESSAGE_KINDS.map((kind) => (
            <li key={kind}>{t.rich(`messages.${kind}`, { ...RICH_BASICS, ...solValues })}</li>
          ))}
        </ul>
      </>
    ),
    ratio: <p>{t('ratio.a', values)}</p>,
    fees: <p>{t('fees.a', solValues)}</p>,
    deadline: <p>{t('deadline.a', values)}</p>,
    exchange: <p>{t.rich('exchange.a', { link: pageLink('/status#exchanges') })}</p>,
    official: <p>{t.rich('official.a', { link: pageLink('/security') })}</p>,
    neverDm: <p className="font-medium">{t('neverDm.a')}</p>,
    ledger: <p>{t.rich('ledger.a', { link: pageLink('/guides/ledger') })}</p>,
  };
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">{t('title')}</h1>
        <p className="mt-2 max-w-2xl text-slate-700">{t('intro')}</p>
      </div>
      <nav aria-label={t('tocLabel')} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <ol className="list-decimal space-y-1 pl-5">
          {QUESTIONS.map((q) => (
            <li key={q}>
              <a href={`#${q}`} className="text-brand underline underline-offset-4">
                {t(`${q}.q`)}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="space-y-6">
        {QUESTIONS.map((q) => (
          <section key={q} id={q} aria-labelledby={`${q}-q`} className="scroll-mt-4 max-w-3xl" data-testid={`faq-${q}`}>
            <h2 id={`${q}-q`} className="text-xl font-semibold">
              {t(`${q}.q`)}
            </h2>
            <div className="mt-2 text-slate-800">{answers[q]}</div>
          </section>
        ))}
      </div>
    </div>
  );
}
