import { getLocale, getTranslations } from 'next-intl/server';
import { LocaleLink } from '@/components/ui/locale-link';
import { HeadingWithState } from '@/components/ui/state-badge';
import type { MigrationResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ExplorerLinks } from '@/components/migrate/explorer-links';
import { amountsMoved, OUTCOME_TONE, outcomeOf } from '@/components/migrate/receipt-outcome';
import { ReceiptRefresher } from '@/components/migrate/receipt-refresher';
import { SUPPORT_PATH } from '@/components/errors/error-text';

/**
 * The canonical record of one migration (server component). Attempts that never landed say what
 * did not happen (declined in the wallet, expired before it was signed, sent but expired, failed
 * on chain with the chain's own words) and show their amounts as "would have"; a migration still
 * confirming names a node's refused dry run, if any, and links the explorers as soon as it has a
 * signature.
 */
export async function Receipt({ migration, params }: { migration: MigrationResponse; params: PublicMigrationParams }) {
  const [t, ta, locale] = await Promise.all([getTranslations('receipt'), getTranslations('amount'), getLocale()]);
  const signature = migration.signature;
  const outcome = outcomeOf(migration);
  const moved = amountsMoved(outcome);
  const when = (iso: string) => formatDateTime(new Date(iso), locale);
  return (
    <section aria-labelledby="receipt-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="receipt" data-outcome={outcome}>
      <HeadingWithState level={1} id="receipt-heading" heading={t('title')} badge={{ state: migration.state, tone: OUTCOME_TONE[outcome], label: t(`outcome.${outcome}`), testId: 'receipt-state' }} />
      <div className="mt-3 text-slate-700" role="status" data-testid="receipt-state-text">
        <p>{t(`outcomeText.${outcome}`, { lastValidBlockHeight: migration.lastValidBlockHeight ?? '—' })}</p>
        {outcome === 'failed_on_chain' && migration.chainError && (
          <p className="mt-1 break-words text-sm text-slate-600" data-testid="receipt-chain-error">
            {t('chainError')} <code lang="en" className="font-mono text-xs">{migration.chainError}</code>
          </p>
        )}
        {outcome === 'submitted' && migration.sendError && (
          <p className="mt-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="receipt-send-error">
            {t('sendRefused', { lastValidBlockHeight: migration.lastValidBlockHeight ?? '—' })}{' '}
            <span className="opacity-80">
              {t('ownWords')} <span lang="en">{migration.sendError}</span>
            </span>
          </p>
        )}
      </div>
      {migration.state === 'submitted' && <ReceiptRefresher />}
      <dl className="mt-6 grid gap-4 sm:grid-cols-2">
        <Row term={t(`sent.${moved}`)} testId="receipt-amount-in">
          {ta('ai16z', { amount: formatBaseUnits(BigInt(migration.amount), params.ai16z.decimals, { locale }) })}
        </Row>
        <Row term={t(`received.${moved}`)} testId="receipt-amount-out">
          {ta('elizaos', { amount: formatBaseUnits(BigInt(migration.amountOut), params.elizaos.decimals, { locale }) })}
        </Row>
        <Row term={t('wallet')} testId="receipt-wallet" mono>
          {migration.wallet}
        </Row>
        <Row term={t('id')} testId="receipt-id" mono>
          {migration.id}
        </Row>
        <Row term={t('started')} testId="receipt-created">
          {when(migration.createdAt)}
        </Row>
        {migration.submittedAt && (
          <Row term={t('sentAt')} testId="receipt-submitted">
            {when(migration.submittedAt)}
          </Row>
        )}
        {migration.settledAt && (
          <Row term={t(`settled.${outcome === 'confirmed' ? 'confirmed' : outcome === 'failed_on_chain' ? 'failed' : 'ended'}`)} testId="receipt-settled">
            {when(migration.settledAt)}
          </Row>
        )}
        {signature && (
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t('signature')}</dt>
            <dd className="mt-1 break-all font-mono text-sm" data-testid="receipt-signature">
              {signature}
            </dd>
            <dd className="mt-1">
              <ExplorerLinks signature={signature} params={params} />
            </dd>
          </div>
        )}
      </dl>
      <p className="mt-6 text-sm text-slate-600">
        {t.rich('keep', {
          link: (chunks) => (
            <LocaleLink href={`${SUPPORT_PATH}?migration=${migration.id}`} className="font-medium text-brand underline underline-offset-4" data-testid="receipt-support-link">
              {chunks}
            </LocaleLink>
          ),
        })}
      </p>
      <p className="mt-2">
        <LocaleLink href="/migrate" className="text-sm font-medium text-brand underline">
          {t('back')}
        </LocaleLink>
      </p>
    </section>
  );
}

function Row({ term, testId, mono, children }: { term: string; testId: string; mono?: boolean; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className={`mt-1 break-all ${mono ? 'font-mono text-sm' : 'font-semibold tabular-nums'}`} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
