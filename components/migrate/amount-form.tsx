import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { EligibilityResponse } from '@/lib/api/types';
import { formatBaseUnits, parseUiAmount, toUiString } from '@/lib/solana/amounts';
import { EligibilityRefusal } from '@/components/migrate/errors';
import { amountOutFor, type OfficialParams } from '@/lib/solana/official-params';

/**
 * The amount to migrate, typed as a decimal string and parsed to base units (never a float), with
 * a Max button and what the holder receives at the fixed ratio.
 */
export function AmountForm({
  params,
  eligibility,
  disabled,
  locale,
  onSubmit,
  onInvalid,
}: {
  params: OfficialParams;
  eligibility: EligibilityResponse;
  disabled: boolean;
  locale?: string;
  onSubmit: (amountIn: bigint) => void;
  /** A problem the page can tell without asking the server (bad number, above what remains). */
  onInvalid: (error: unknown) => void;
}) {
  const inputId = useId();
  const t = useTranslations('flow');
  const hintId = useId();
  const [text, setText] = useState('');
  const { decimals } = params.ai16z;
  const maxAmount = BigInt(eligibility.maxAmount);
  const preview = receivePreview(text, params);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const amountIn = parseUiAmount(text.trim(), decimals);
      checkAgainstEligibility(amountIn, eligibility);
      // Throws (AmountError) when the amount cannot be converted exactly: better here than at build.
      amountOutFor(params, amountIn);
      onSubmit(amountIn);
    } catch (error) {
      onInvalid(error);
    }
  };

  return (
    <form onSubmit={submit} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby={`${inputId}-heading`} data-testid="amount-form" noValidate>
      <h2 id={`${inputId}-heading`} className="text-lg font-semibold">
        {t('amountHeading')}
      </h2>
      <label htmlFor={inputId} className="mt-3 block text-sm font-medium text-slate-800">
        {t('amountLabel')}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={inputId}
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="0.0"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={hintId}
          disabled={disabled}
          className="w-full rounded-lg border border-slate-300 px-3 py-2 font-mono tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand disabled:bg-slate-100"
          data-testid="amount-input"
        />
        <button
          type="button"
          onClick={() => setText(toUiString(maxAmount, decimals))}
          disabled={disabled || maxAmount === 0n}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-50"
          data-testid="max-button"
        >
          {t('max')}
        </button>
      </div>
      <p id={hintId} className="mt-1 text-sm text-slate-600">
        {t('atMost', { amount: formatBaseUnits(maxAmount, decimals, { locale }) })}
      </p>
      <p className="mt-3 text-slate-800" aria-live="polite" data-testid="receive-preview">
        {preview === null
          ? t('receiveRatio', { ratio: params.ratio })
          : t.rich('receiveAmount', { amount: formatBaseUnits(preview, params.elizaos.decimals, { locale }), b: (chunks) => <strong className="tabular-nums">{chunks}</strong> })}
      </p>
      <button
        type="submit"
        disabled={disabled}
        className="mt-4 rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-60"
        data-testid="review-button"
      >
        {t('reviewButton')}
      </button>
    </form>
  );
}

/** ELIZAOS for the text typed so far, or null while it is not a valid amount. */
function receivePreview(text: string, params: OfficialParams): bigint | null {
  if (text.trim() === '') return null;
  try {
    const amountIn = parseUiAmount(text.trim(), params.ai16z.decimals);
    return amountIn > 0n ? amountOutFor(params, amountIn) : null;
  } catch {
    return null;
  }
}

/** The same refusals the server would answer, told at once from the eligibility just read. */
function checkAgainstEligibility(amountIn: bigint, eligibility: EligibilityResponse): void {
  const remaining = BigInt(eligibility.remaining);
  const details: Record<string, string> = { remaining: eligibility.remaining, requested: amountIn.toString() };
  if (eligibility.snapshotBalance !== null) details.allocation = eligibility.snapshotBalance;
  if (amountIn > remaining) throw new EligibilityRefusal('AMOUNT_EXCEEDS_REMAINING', details);
  if (eligibility.balance !== null && amountIn > BigInt(eligibility.balance)) {
    throw new EligibilityRefusal('INSUFFICIENT_BALANCE', { ...details, balance: eligibility.balance });
  }
}
