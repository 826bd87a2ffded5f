import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { EligibilityResponse } from '@/lib/api/types';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ErrorText } from '@/components/errors/error-notice';
import { describeEligibility, type ErrorTextContext } from '@/components/errors/error-text';

/**
 * The figures of an address check, the same on the server-rendered home page and on `/migrate`:
 * the API's snapshot allocation, what is migrated, what remains (and what is still confirming),
 * and why the wallet cannot migrate, in words (`describeEligibility`, components/errors/error-text.ts).
 * No client hooks: renders in a server component as well as in the browser.
 */
export function AddressFigures({ data, decimals, errorContext, note }: { data: EligibilityResponse; decimals: number; errorContext: ErrorTextContext; note: string }) {
  const t = useTranslations('addressCheck');
  const amount = (value: string) => `${formatBaseUnits(BigInt(value), decimals, { locale: errorContext.locale })} AI16Z`;
  const reason = describeEligibility(data, errorContext);
  return (
    <section aria-labelledby="address-result-heading" className="mt-4 rounded-lg border border-slate-200 p-4" data-testid="address-result" data-eligible={data.eligible} data-reason={data.reason ?? ''}>
      <h3 id="address-result-heading" className="break-all font-medium text-slate-900">
        {t('resultHeading', { address: data.wallet })}
      </h3>
      <dl className="mt-3 grid gap-4 sm:grid-cols-3">
        <Figure term={t('snapshotBalance')} testId="address-snapshot-balance">
          {data.snapshotBalance === null ? t('notInSnapshot') : amount(data.snapshotBalance)}
        </Figure>
        <Figure term={t('migrated')} testId="address-migrated">
          {amount(data.migrated)}
        </Figure>
        <Figure term={t('remaining')} testId="address-remaining">
          {amount(data.remaining)}
        </Figure>
        {BigInt(data.pending) > 0n && (
          <Figure term={t('pending')} testId="address-pending">
            {amount(data.pending)}
          </Figure>
        )}
      </dl>
      <div className="mt-4">
        {reason ? (
          <ErrorText text={reason} tone="info" testId="address-reason" />
        ) : (
          <p className="font-medium text-emerald-800" data-testid="address-reason">
            {t('eligibleNow')}
          </p>
        )}
      </div>
      <p className="mt-3 text-xs text-slate-600">{note}</p>
    </section>
  );
}

function Figure({ term, testId, children }: { term: string; testId: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-700">{term}</dt>
      <dd className="mt-1 font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
