import { getLocale, getTranslations } from 'next-intl/server';
import { AddressFigures } from '@/components/address-check/address-figures';
import { addressProblemText } from '@/components/address-check/address-problem';
import { type ErrorTextContext, type ErrorTranslator, SUPPORT_PATH } from '@/components/errors/error-text';
import type { AddressCheckResult } from '@/lib/migration/address-check';
import { isLocale, localizedPath, routing } from '@/lib/i18n/routing';

/** The id the form's answer scrolls to (`/?address=…#address-check`). */
export const ADDRESS_CHECK_ID = 'address-check';

/**
 * The address check of the script-free home page: a plain GET form to the same page, answered by
 * the server (lib/migration/address-check.ts) with the figures the API gives. Works without any
 * JavaScript; an answer is one request like any other page view.
 */
export async function AddressCheckForm({ value, result, ai16zDecimals, snapshotTakenAt }: { value: string | null; result: AddressCheckResult | null; ai16zDecimals: number; snapshotTakenAt: string }) {
  const [t, tErrors, current] = await Promise.all([getTranslations('addressCheck'), getTranslations('errors'), getLocale()]);
  const locale = isLocale(current) ? current : routing.defaultLocale;
  const invalid = result?.kind === 'invalid' ? addressProblemText(t, result.problem, result.length) : null;
  const errorContext: ErrorTextContext = { t: tErrors as ErrorTranslator, locale, supportPath: localizedPath(locale, SUPPORT_PATH), ai16zDecimals, snapshotTakenAt };
  return (
    <section id={ADDRESS_CHECK_ID} aria-labelledby="address-check-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="address-check">
      <h2 id="address-check-heading" className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      <form method="get" action={`${localizedPath(locale, '/')}#${ADDRESS_CHECK_ID}`} className="mt-4" noValidate>
        <label htmlFor="address-input" className="block text-sm font-medium text-slate-900">
          {t('label')}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id="address-input"
            name="address"
            type="text"
            defaultValue={value ?? ''}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            inputMode="text"
            aria-describedby={invalid ? 'address-hint address-error' : 'address-hint'}
            aria-invalid={invalid ? true : undefined}
            className="min-w-0 flex-1 rounded-lg border border-slate-400 px-3 py-2 font-mono text-sm"
            data-testid="address-input"
          />
          <button type="submit" className="rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand" data-testid="address-submit">
            {t('submit')}
          </button>
        </div>
        <p id="address-hint" className="mt-1 text-xs text-slate-600">
          {t('hint')}
        </p>
        {invalid && (
          <p id="address-error" className="mt-2 text-sm font-medium text-red-800" data-testid="address-error">
            {invalid}
          </p>
        )}
      </form>
      {result?.kind === 'eligibility' && <AddressFigures data={result.data} decimals={ai16zDecimals} errorContext={errorContext} note={t('serverNote', { wallet: result.data.wallet })} />}
      {result?.kind === 'rateLimited' && (
        <p role="status" className="mt-4 text-amber-800" data-testid="address-unavailable">
          {t('rateLimited')}
        </p>
      )}
      {result?.kind === 'unavailable' && (
        <p role="status" className="mt-4 text-amber-800" data-testid="address-unavailable">
          {t('unavailable')}
        </p>
      )}
    </section>
  );
}
