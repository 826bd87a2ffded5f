import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pageLink, RICH_BASICS } from '@/components/content/rich';
import { getConfig } from '@/lib/config';
import { formatDate, formatDateTime } from '@/lib/format';
import { readerTimeZone } from '@/lib/i18n/reader-zone';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { solNeededForNewHolder } from '@/lib/solana/sol-needed';
import { type LocaleParams, pageLocale, pageMetadata } from '@/lib/i18n/page';
import { HeadedSection, PageContents, PageHeader } from '@/components/layout/page-parts';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  return pageMetadata(params, 'faq', '/faq');
}

const QUESTIONS = ['eligible', 'messages', 'ratio', 'fees', 'deadline', 'exchange', 'official', 'neverDm', 'ledger', 'phone', 'checkAddress', 'deposit', 'cli'] as const;
const MESSAGE_KINDS = ['eligible', 'notInSnapshot', 'exhausted', 'exceeds', 'balance', 'sol', 'notOpen'] as const;

/** The FAQ: eligibility and what each message means, ratio, fees, deadline, exchanges, staying safe. */
export default async function FaqPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const timeZone = await readerTimeZone(locale);
  const t = await getTranslations('faq');
  const config = getConfig();
  // The one SOL figure (lib/solana/sol-needed.ts): the build step's check and the migrate page give the same.
  const sol = solNeededForNewHolder(config.mints.elizaos.programId);
  const solText = (lamports: bigint) => `${formatBaseUnits(lamports, 9, { locale })} SOL`;
  const solValues = { needed: solText(sol.total), fee: solText(sol.networkFee), reserve: solText(sol.priorityFeeReserve), rent: solText(sol.ataRent), minimum: solText(sol.walletMinimum) };
  const values = {
    snapshot: formatDateTime(config.snapshotTakenAt, locale, { timeZone }),
    ratio: config.ratio.toString(),
    opens: formatDate(config.window.opensAt, locale, { timeZone }),
    closes: formatDateTime(config.window.closesAt, locale, { timeZone, withUtc: true }),
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
    phone: <p>{t.rich('phone.a', { link: pageLink('/guides/ledger') })}</p>,
    checkAddress: <p>{t('checkAddress.a')}</p>,
    deposit: (
      <p>
        {t.rich('deposit.a', {
          ratio: values.ratio,
          minutes: config.deposit.payoutWithinMinutes,
          owner: config.deposit.owner.toBase58(),
          link: pageLink('/security#deposit'),
          addr: (chunks) => (
            <code className="break-all font-mono text-sm" data-testid="faq-deposit-owner">
              {chunks}
            </code>
          ),
        })}
      </p>
    ),
    cli: <p>{t.rich('cli.a', RICH_BASICS)}</p>,
  };
  return (
    <div className="space-y-8">
      <PageHeader title={t('title')} intro={t('intro')} narrow />
      <PageContents label={t('tocLabel')} numbered entries={QUESTIONS.map((q) => ({ id: q, title: t(`${q}.q`) }))} />
      <div className="space-y-6">
        {QUESTIONS.map((q) => (
          <HeadedSection key={q} name={q} headingId={`${q}-q`} heading={t(`${q}.q`)} id={q} className="scroll-mt-4 max-w-3xl" testId={`faq-${q}`}>
            <div className="mt-2 text-slate-800">{answers[q]}</div>
          </HeadedSection>
        ))}
      </div>
    </div>
  );
}
