'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import type { AddressCheckAnswer } from '@/components/address-check/address-check-result';
import { addressProblemText } from '@/components/address-check/address-problem';
import type { PublicMigrationParams } from '@/lib/migration/params';
import type { AddressProblem } from '@/lib/solana/address';

type Check = { status: 'idle' } | { status: 'invalid'; problem: AddressProblem; length: number } | { status: 'loading'; address: string } | AddressCheckAnswer;

const loadResult = () => import('@/components/address-check/address-check-result');
const AddressCheckResult = lazy(loadResult);

/**
 * "Check an address without connecting" on `/migrate` (placed by `AddressCheckSlot`): any address
 * pasted, its eligibility read with `GET /api/v1/eligibility/{wallet}` (lib/api/client.ts) and its
 * allocation proven in this browser under the signed manifest's snapshot root, exactly as the
 * wallet flow does (components/migrate/verified-eligibility.ts). The form is rendered on the
 * server and is all the page loads: the address module (web3.js), the proof code and the answer's
 * texts (components/address-check/address-check-result.tsx) load on the first check. Bad input is
 * answered inline; a wallet is needed only to sign.
 */
export function AddressCheck({ params }: { params: PublicMigrationParams }) {
  const t = useTranslations('addressCheck');
  const [text, setText] = useState('');
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const ids = { input: useId(), hint: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCheck({ status: 'loading', address: text });
    const current = text;
    const latest = (c: Check) => c.status === 'loading' && c.address === current;
    // The answer's component loads beside the check, so it is there when the answer is.
    Promise.all([import('@/lib/solana/address'), import('@/components/migrate/verified-eligibility'), loadResult()])
      .then(([{ readAddressInput }, { fetchVerifiedEligibility }]) => {
        const input = readAddressInput(current);
        if (!input.ok) return setCheck((c) => (latest(c) ? { status: 'invalid', problem: input.problem, length: input.length } : c));
        return fetchVerifiedEligibility(input.address, params).then((data) => setCheck((c) => (latest(c) ? { status: 'loaded', data } : c)));
      })
      .catch((error: unknown) => setCheck((c) => (latest(c) ? { status: 'error', error } : c)));
  };
  const invalid = check.status === 'invalid' ? addressProblemText(t, check.problem, check.length) : null;
  return (
    <section aria-labelledby="address-check-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="address-check">
      <h2 id="address-check-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      <form onSubmit={submit} className="mt-4" noValidate>
        <label htmlFor={ids.input} className="block text-sm font-medium text-slate-900">
          {t('label')}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id={ids.input}
            name="address"
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={invalid ? `${ids.hint} ${ids.error}` : ids.hint}
            aria-invalid={invalid ? true : undefined}
            className="min-w-0 flex-1 rounded-lg border border-slate-400 px-3 py-2 font-mono text-sm"
            data-testid="address-input"
          />
          <button
            type="submit"
            disabled={check.status === 'loading'}
            className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
            data-testid="address-submit"
          >
            {check.status === 'loading' ? t('checking') : t('submit')}
          </button>
        </div>
        <p id={ids.hint} className="mt-1 text-xs text-slate-600">
          {t('hint')}
        </p>
        {invalid && (
          <p id={ids.error} className="mt-2 text-sm font-medium text-red-800" data-testid="address-error">
            {invalid}
          </p>
        )}
      </form>
      <div aria-live="polite">
        {(check.status === 'loaded' || check.status === 'error') && (
          <Suspense fallback={null}>
            <AddressCheckResult answer={check} params={params} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
