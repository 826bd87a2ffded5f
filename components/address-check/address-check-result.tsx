'use client';

import { useTranslations } from 'next-intl';
import { AddressFigures } from '@/components/address-check/address-figures';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useMigrationErrorContext } from '@/components/errors/use-error-text';
import type { EligibilityResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';

/** What a check answered: the verified figures, or why there are none. */
export type AddressCheckAnswer = { status: 'loaded'; data: EligibilityResponse } | { status: 'error'; error: unknown };

/**
 * The answer of `/migrate`'s address check, in words (the one error-to-text path). Loaded with the
 * first check, not with the page (components/address-check/address-check.tsx).
 */
export default function AddressCheckResult({ answer, params }: { answer: AddressCheckAnswer; params: PublicMigrationParams }) {
  const t = useTranslations('addressCheck');
  const errorContext = useMigrationErrorContext(params);
  if (answer.status === 'loaded') return <AddressFigures data={answer.data} decimals={params.ai16z.decimals} errorContext={errorContext} note={t('verifiedNote', { wallet: answer.data.wallet })} />;
  return (
    <div className="mt-4">
      <ErrorNotice error={answer.error} context={errorContext} testId="address-check-error" />
    </div>
  );
}
