import { getLocale, getTranslations } from 'next-intl/server';
import { pageLink } from '@/components/content/rich';
import { LocaleLink } from '@/components/ui/locale-link';
import { HeadingWithState } from '@/components/ui/state-badge';
import type { MigrationResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { formatDateTime } from '@/lib/format';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { explorerTxUrl } from '@/components/migrate/explorer';
import { ReceiptRefresher } from '@/components/migrate/receipt-refresher';
import { SUPPORT_PATH } from '@/components/errors/error-text';

const STATE_TONE = { built: 'neutral', submitted: 'pending', confirmed: 'good', failed: 'bad', expired: 'neutral' } as const;

/** The canonical record of one migration (server component). */
export async function Receipt({ migration, params }: { migration: MigrationResponse; params: PublicMigrationParams }) {
  const [t, ta, locale] = await Promise.all([getTranslations('receipt'), getTranslations('amount'), getLocale()]);
  const signature = migration.signature;
  return (
    <section aria-labelledby="receipt-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="receipt">
      <HeadingWithState level={1} id="receipt-heading" heading={t('title')} badge={{ state: migration.state, tone: STATE_TONE[migration.state], label: t(`state.${migration.state}`), testId: 'receipt-state' }} />
      <p className="mt-3 text-slate-700" role="status" data-testid="receipt-state-text">
        {t(`stateText.${migration.state}`)}
        {migration.state === 'failed' && migration.error && <span className="mt-1 block text-sm text-slate-600">{t('reason', { reason: migration.error })}</span>}
      </p>
      {migration.state === 'submitted' && <ReceiptRefresher />}
      <dl className="mt-6 grid gap-4 sm:grid-cols-2">
        <Row term={t('sent')} testId="receipt-amount-in">
          {ta('ai16z', { amount: formatBaseUnits(BigInt(migration.amount), params.ai16z.decimals, { locale }) })}
        </Row>
        <Row term={t('received')} testId="receipt-amount-out">
          {ta('elizaos', { amount: formatBaseUnits(BigInt(migration.amountOut), params.elizaos.decimals, { locale }) })}
        </Row>
        <Row term={t('wallet')} testId="receipt-wallet" mono>
          {migration.wallet}
        </Row>
        <Row term={t('id')} testId="receipt-id" mono>
          {migration.id}
        </Row>
        <Row term={t('started')} testId="receipt-created">
          {formatDateTime(new Date(migration.createdAt), locale)}
        </Row>
        {migration.settledAt && (
          <Row term={t('settled')} testId="receipt-settled">
            {formatDateTime(new Date(migration.settledAt), locale)}
          </Row>
        )}
        {signature && (
          <div className="sm:col-span-2">
            <dt className="text-sm text-slate-600">{t('signature')}</dt>
            <dd className="mt-1 break-all font-mono text-sm" data-testid="receipt-signature">
              {signature}
            </dd>
            <dd className="mt-1">
              <a
                href={explorerTxUrl(signature, params.cluster, params.rpcUrlForExplorer)}
                target="_blank"
                rel="noopener noreferrer"
                className="text-sm font-medium text-brand underline"
                data-testid="explorer-link"
              >
                {params.cluster === 'mainnet-beta' ? t('explorer') : t('explorerCluster', { cluster: params.cluster })}
                <span className="sr-only"> {t('newTab')}</span>
              </a>
            </dd>
          </div>
        )}
      </dl>
      <p className="mt-6 text-sm text-slate-600">
        {t.rich('keep', { link: pageLink(SUPPORT_PATH) })}
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
