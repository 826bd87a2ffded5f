'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { ApiRequestError, fetchDeposit, nudgeDeposit } from '@/lib/api/client';
import type { DepositResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { TRANSACTION_SIGNATURE_SHAPE } from '@/lib/text/patterns';
import { addressProblemText } from '@/components/address-check/address-figures';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useErrorContext } from '@/components/errors/use-error-text';
import { WalletHistory } from '@/components/migrate/history';
import { ClientLocaleLink } from '@/components/ui/client-locale-link';
import { DepositSummary, factsOfTransfer } from '@/components/deposit/deposit-summary';

/** How often a pending deposit is looked at again, ms. */
const POLL_MS = 5_000;
/** …and once it has been pending longer than promised. */
const SLOW_POLL_MS = 30_000;

type Tracking =
  | { status: 'idle' }
  | { status: 'invalid' }
  | { status: 'looking'; signature: string }
  | { status: 'found'; signature: string; answer: DepositResponse; since: number }
  | { status: 'error'; signature: string; error: unknown };

/** The path of a deposit's tracking page (lib/history/wallet.ts `depositPath`, the same path). */
export function depositPagePath(signature: string): string {
  return `/deposit/${encodeURIComponent(signature)}`;
}

/**
 * Asks the portal about a deposit: `POST /api/v1/deposits` (the nudge: it looks on chain now) when
 * it has no record yet or the transaction was not final, else `GET /api/v1/deposits/{signature}`.
 */
async function look(signature: string, previous: DepositResponse | null): Promise<DepositResponse> {
  if (previous && previous.finalized) return fetchDeposit(signature);
  if (!previous) {
    try {
      return await fetchDeposit(signature);
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.code === 'DEPOSIT_NOT_FOUND')) throw error;
    }
  }
  return nudgeDeposit(signature);
}

/**
 * "Track my deposit" (DESIGN.md "Deposit and receive"): by the transaction's signature (the
 * nudge, then the deposit's state, looked at again while it is pending), or by the sending
 * wallet's address (its history: deposits and migrations). `initialSignature`: the deposit page
 * tracks that deposit at once.
 */
export default function DepositTracker({
  params,
  initialSignature,
  showPageLink = true,
  headingLevel = 3,
}: {
  params: PublicMigrationParams;
  initialSignature?: string;
  showPageLink?: boolean;
  /** 3 inside the migrate page's section (under its h2), 2 on the deposit page (under its h1). */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const t = useTranslations('deposit.tracker');
  const tAddress = useTranslations('addressCheck');
  const locale = useLocale();
  const extra = useMemo(() => ({ ai16zDecimals: params.ai16z.decimals, snapshotTakenAt: params.snapshotTakenAt }), [params.ai16z.decimals, params.snapshotTakenAt]);
  const errorContext = useErrorContext('migration', extra);
  const ids = { signature: useId(), signatureHint: useId(), signatureError: useId(), address: useId(), addressError: useId() };
  const [signatureText, setSignatureText] = useState(initialSignature ?? '');
  const [tracking, setTracking] = useState<Tracking>(initialSignature ? { status: 'looking', signature: initialSignature } : { status: 'idle' });
  const [addressText, setAddressText] = useState('');
  const [address, setAddress] = useState<{ wallet: string } | { problem: Parameters<typeof addressProblemText>[1]; length: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // A look: the first for a signature, then again while the deposit is pending.
  useEffect(() => {
    if (tracking.status !== 'looking' && !(tracking.status === 'found' && tracking.answer.state === 'pending')) return;
    const signature = tracking.signature;
    const previous = tracking.status === 'found' ? tracking.answer : null;
    const since = tracking.status === 'found' ? tracking.since : Date.now();
    const slow = Date.now() - since > params.depositPayoutWithinMinutes * 60_000;
    let live = true;
    const timer = setTimeout(
      () => {
        look(signature, previous).then(
          (answer) => live && setTracking({ status: 'found', signature, answer, since }),
          // A failed look again (network, rate limit) keeps what was found and tries again later.
          (error: unknown) => live && setTracking(previous ? { status: 'found', signature, answer: previous, since } : { status: 'error', signature, error }),
        );
        setNow(Date.now());
      },
      previous ? (slow ? SLOW_POLL_MS : POLL_MS) : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tracking, params.depositPayoutWithinMinutes]);

  const trackSignature = (event: FormEvent) => {
    event.preventDefault();
    const signature = signatureText.trim();
    if (!TRANSACTION_SIGNATURE_SHAPE.test(signature)) return setTracking({ status: 'invalid' });
    setTracking({ status: 'looking', signature });
  };

  const showAddress = (event: FormEvent) => {
    event.preventDefault();
    const current = addressText;
    // The address module brings web3.js: loaded on use, as the address check does.
    void import('@/lib/solana/address').then(({ readAddressInput }) => {
      const input = readAddressInput(current);
      setAddress(input.ok ? { wallet: input.address } : { problem: input.problem, length: input.length });
    });
  };

  const invalidSignature = tracking.status === 'invalid';
  const addressProblem = address && 'problem' in address ? addressProblemText(tAddress, address.problem, address.length) : null;
  const inputClass = 'min-w-0 flex-1 rounded-lg border border-slate-400 px-3 py-2 font-mono text-sm';
  const buttonClass =
    'rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60';
  return (
    <section aria-labelledby="deposit-track-heading" className="space-y-5" data-testid="deposit-tracker">
      <div>
        <Heading id="deposit-track-heading" className="text-base font-semibold">
          {t('heading')}
        </Heading>
        <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      </div>

      <form onSubmit={trackSignature} noValidate aria-label={t('bySignature')}>
        <p className="text-sm font-semibold text-slate-900">{t('bySignature')}</p>
        <label htmlFor={ids.signature} className="mt-1 block text-sm font-medium text-slate-900">
          {t('signatureLabel')}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id={ids.signature}
            name="signature"
            type="text"
            value={signatureText}
            onChange={(e) => setSignatureText(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={invalidSignature ? `${ids.signatureHint} ${ids.signatureError}` : ids.signatureHint}
            aria-invalid={invalidSignature ? true : undefined}
            className={inputClass}
            data-testid="deposit-signature-input"
          />
          <button type="submit" disabled={tracking.status === 'looking'} className={buttonClass} data-testid="deposit-signature-submit">
            {tracking.status === 'looking' ? t('looking') : t('submit')}
          </button>
        </div>
        <p id={ids.signatureHint} className="mt-1 text-xs text-slate-600">
          {t('signatureHint')}
        </p>
        {invalidSignature && (
          <p id={ids.signatureError} className="mt-2 text-sm font-medium text-red-800" data-testid="deposit-signature-error">
            {t('signatureInvalid')}
          </p>
        )}
      </form>

      <div aria-live="polite">
        {tracking.status === 'error' && <ErrorNotice error={tracking.error} context={errorContext} testId="deposit-track-error" />}
        {tracking.status === 'found' && (
          <div className="rounded-lg border border-slate-200 p-3" data-testid="deposit-result" data-state={tracking.answer.state}>
            <p className="break-all text-sm font-semibold">{t('resultHeading', { signature: tracking.signature })}</p>
            {!tracking.answer.finalized && (
              <p role="status" className="mt-2 text-sm text-amber-900" data-testid="deposit-not-final">
                {t('notFinal')}
              </p>
            )}
            {tracking.answer.finalized && tracking.answer.state === 'pending' && (
              <p role="status" className="mt-2 text-sm text-amber-900" data-testid="deposit-pending">
                {now - tracking.since > params.depositPayoutWithinMinutes * 60_000 ? t('stillPending', { minutes: params.depositPayoutWithinMinutes }) : t('pending')}
              </p>
            )}
            {tracking.answer.deposits.map((transfer) => (
              <div key={transfer.index} className="mt-3 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0" data-testid="deposit-transfer">
                <DepositSummary facts={factsOfTransfer(tracking.signature, transfer)} params={params} locale={locale} />
              </div>
            ))}
            {showPageLink && (
              <p className="mt-3 text-sm">
                <ClientLocaleLink href={depositPagePath(tracking.signature)} className="font-medium text-brand underline underline-offset-4" data-testid="deposit-page-link">
                  {t('pageLink')}
                </ClientLocaleLink>
              </p>
            )}
          </div>
        )}
      </div>

      <form onSubmit={showAddress} noValidate aria-label={t('byAddress')}>
        <p className="text-sm font-semibold text-slate-900">{t('byAddress')}</p>
        <label htmlFor={ids.address} className="mt-1 block text-sm font-medium text-slate-900">
          {t('addressLabel')}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id={ids.address}
            name="wallet"
            type="text"
            value={addressText}
            onChange={(e) => setAddressText(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={addressProblem ? ids.addressError : undefined}
            aria-invalid={addressProblem ? true : undefined}
            className={inputClass}
            data-testid="deposit-address-input"
          />
          <button type="submit" className={buttonClass} data-testid="deposit-address-submit">
            {t('addressSubmit')}
          </button>
        </div>
        {addressProblem && (
          <p id={ids.addressError} className="mt-2 text-sm font-medium text-red-800" data-testid="deposit-address-error">
            {addressProblem}
          </p>
        )}
      </form>
      {address && 'wallet' in address && <WalletHistory key={address.wallet} wallet={address.wallet} version={0} params={params} errorContext={errorContext} />}
    </section>
  );
}
