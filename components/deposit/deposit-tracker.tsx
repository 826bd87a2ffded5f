'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, lazy, Suspense, useEffect, useId, useState } from 'react';
import type { DepositResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { TRANSACTION_SIGNATURE_SHAPE } from '@/lib/text/patterns';
import { addressProblemText } from '@/components/address-check/address-problem';

// What answers show (the error texts, the summaries, the history) and the API client load with the
// first lookup, not with the page: the forms are all a page renders at first.
const loadResults = () => import('@/components/deposit/deposit-track-results');
const TrackError = lazy(() => loadResults().then((m) => ({ default: m.TrackError })));
const TrackFound = lazy(() => loadResults().then((m) => ({ default: m.TrackFound })));
const AddressHistory = lazy(() => loadResults().then((m) => ({ default: m.AddressHistory })));

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

/**
 * Asks the portal about a deposit: `POST /api/v1/deposits` (the nudge: it looks on chain now) when
 * it has no record yet or the transaction was not final, else `GET /api/v1/deposits/{signature}`.
 */
async function look(signature: string, previous: DepositResponse | null): Promise<DepositResponse> {
  const [{ ApiRequestError, fetchDeposit, nudgeDeposit }] = await Promise.all([import('@/lib/api/client'), loadResults()]);
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
 * tracks that deposit at once. Rendered with the page; what answers need loads with the first lookup.
 */
export function DepositTracker({
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
    void Promise.all([import('@/lib/solana/address'), loadResults()]).then(([{ readAddressInput }]) => {
      const input = readAddressInput(current);
      setAddress(input.ok ? { wallet: input.address } : { problem: input.problem, length: input.length });
    });
  };

  const invalidSignature = tracking.status === 'invalid';
  const addressProblem = address && 'problem' in address ? addressProblemText(tAddress, address.problem, address.length) : null;
  return (
    <section aria-labelledby="deposit-track-heading" className="space-y-5" data-testid="deposit-tracker">
      <div>
        <Heading id="deposit-track-heading" className="text-base font-semibold">
          {t('heading')}
        </Heading>
        <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      </div>

      <LookupForm
        title={t('bySignature')}
        label={t('signatureLabel')}
        name="signature"
        value={signatureText}
        onChange={setSignatureText}
        onSubmit={trackSignature}
        submitLabel={tracking.status === 'looking' ? t('looking') : t('submit')}
        busy={tracking.status === 'looking'}
        hint={t('signatureHint')}
        error={invalidSignature ? t('signatureInvalid') : null}
        testId="deposit-signature"
      />

      <div aria-live="polite">
        <Suspense fallback={null}>
          {tracking.status === 'error' && <TrackError error={tracking.error} params={params} />}
          {tracking.status === 'found' && <TrackFound signature={tracking.signature} answer={tracking.answer} since={tracking.since} now={now} params={params} showPageLink={showPageLink} />}
        </Suspense>
      </div>

      <LookupForm
        title={t('byAddress')}
        label={t('addressLabel')}
        name="wallet"
        value={addressText}
        onChange={setAddressText}
        onSubmit={showAddress}
        submitLabel={t('addressSubmit')}
        busy={false}
        hint={null}
        error={addressProblem}
        testId="deposit-address"
      />
      {address && 'wallet' in address && (
        <Suspense fallback={null}>
          <AddressHistory key={address.wallet} wallet={address.wallet} params={params} />
        </Suspense>
      )}
    </section>
  );
}

/**
 * One lookup: a labelled text field and its button, the hint under it, and an inline error the
 * field is described by (testids `{testId}-input`, `-submit`, `-error`).
 */
function LookupForm(props: {
  title: string;
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (event: FormEvent) => void;
  submitLabel: string;
  busy: boolean;
  hint: string | null;
  error: string | null;
  testId: string;
}) {
  const ids = { input: useId(), hint: useId(), error: useId() };
  const describedBy = [props.hint ? ids.hint : null, props.error ? ids.error : null].filter(Boolean).join(' ') || undefined;
  return (
    <form onSubmit={props.onSubmit} noValidate aria-label={props.title}>
      <p className="text-sm font-semibold text-slate-900">{props.title}</p>
      <label htmlFor={ids.input} className="mt-1 block text-sm font-medium text-slate-900">
        {props.label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={ids.input}
          name={props.name}
          type="text"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
          className="min-w-0 flex-1 rounded-lg border border-slate-400 px-3 py-2 font-mono text-sm"
          data-testid={`${props.testId}-input`}
        />
        <button
          type="submit"
          disabled={props.busy}
          className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
          data-testid={`${props.testId}-submit`}
        >
          {props.submitLabel}
        </button>
      </div>
      {props.hint && (
        <p id={ids.hint} className="mt-1 text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={ids.error} className="mt-2 text-sm font-medium text-red-800" data-testid={`${props.testId}-error`}>
          {props.error}
        </p>
      )}
    </form>
  );
}
