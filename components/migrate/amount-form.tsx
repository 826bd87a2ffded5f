import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import type { EligibilityResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { AmountError, formatBaseUnits, parseTypedAmount, roundDownToConvertible, toUiString } from '@/lib/solana/amounts';
import { solWorthInElizaos } from '@/lib/solana/sol-needed';
import { amountProblemText, describeError, type ErrorTextContext } from '@/components/errors/error-text';
import { EligibilityRefusal } from '@/components/migrate/errors';
import { TopUpSol } from '@/components/migrate/top-up';
import type { HolderFundsState } from '@/components/migrate/use-holder-funds';
import { amountOutFor, type OfficialParams } from '@/lib/solana/official-params';

const SOL_DECIMALS = 9;

type AmountParams = OfficialParams & Pick<PublicMigrationParams, 'dustReference'>;

/** What the typed text means right now: nothing yet, a problem (said in the field and on the button), or an amount. */
type Verdict = { kind: 'empty' } | { kind: 'invalid'; error: unknown } | { kind: 'valid'; amountIn: bigint; amountOut: bigint };

/**
 * The amount to migrate, as people type it (`.5`, `5.`, full-width digits, `1,234.5`, an
 * unambiguous decimal comma; lib/solana/amounts.ts `parseTypedAmount`), parsed to base units
 * (never a float) and checked on every keystroke against the allocation, the balance and the
 * exact conversion: the field is marked invalid and the button says why. Max and Half fill in what
 * may be migrated. Before any transaction is built it also tells the holder who lacks the SOL for
 * the fee and the rent (`TopUpSol`), and the one whose costs exceed what the migration brings.
 */
export function AmountForm({
  params,
  eligibility,
  funds,
  disabled,
  errorContext,
  onSubmit,
  onRecheckFunds,
}: {
  params: AmountParams;
  eligibility: EligibilityResponse;
  funds: HolderFundsState;
  disabled: boolean;
  errorContext: ErrorTextContext;
  onSubmit: (amountIn: bigint) => void;
  onRecheckFunds: () => void;
}) {
  const inputId = useId();
  const t = useTranslations('flow');
  const { locale } = errorContext;
  const [text, setText] = useState('');
  const { decimals } = params.ai16z;
  const maxAmount = BigInt(eligibility.maxAmount);
  const verdict = useMemo(() => judge(text, params, eligibility), [text, params, eligibility]);
  const problem = verdict.kind === 'invalid' ? describeError(verdict.error, errorContext) : null;
  const shortProblem = verdict.kind === 'invalid' ? amountProblemText(verdict.error, errorContext) : null;
  const loadedFunds = funds.status === 'loaded' ? funds.funds : null;
  const lacksSol = loadedFunds !== null && loadedFunds.lamports < loadedFunds.sol.total;
  const dust = verdict.kind === 'valid' && loadedFunds ? dustCheck(verdict.amountOut, loadedFunds.sol.networkFee + loadedFunds.sol.ataRent, params) : null;
  const half = roundDownToConvertible(maxAmount / 2n, decimals, params.elizaos.decimals, BigInt(params.ratio));
  const sol = (lamports: bigint) => `${formatBaseUnits(lamports, SOL_DECIMALS, { locale })} SOL`;
  const elizaos = (amount: bigint) => `${formatBaseUnits(amount, params.elizaos.decimals, { locale, maxFractionDigits: 6 })} ELIZAOS`;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (verdict.kind === 'valid' && !lacksSol) onSubmit(verdict.amountIn);
  };
  const buttonText =
    verdict.kind === 'empty' ? t('enterAmount') : shortProblem ? shortProblem : lacksSol ? t('addSolFirst') : dust?.dust ? t('reviewAnyway') : t('reviewButton');
  const ready = verdict.kind === 'valid' && !lacksSol && !disabled;

  return (
    <form onSubmit={submit} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby={`${inputId}-heading`} data-testid="amount-form" noValidate>
      <h2 id={`${inputId}-heading`} className="text-lg font-semibold">
        {t('amountHeading')}
      </h2>
      <label htmlFor={inputId} className="mt-3 block text-sm font-medium text-slate-800">
        {t('amountLabel')}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
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
          aria-describedby={`${inputId}-hint ${inputId}-problem`}
          aria-invalid={verdict.kind === 'invalid'}
          disabled={disabled}
          className={`min-w-0 flex-1 basis-40 rounded-lg border px-3 py-2 font-mono tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 disabled:bg-slate-100 ${
            verdict.kind === 'invalid' ? 'border-red-600 bg-red-50 focus-visible:outline-red-700' : 'border-slate-300 focus-visible:outline-brand'
          }`}
          data-testid="amount-input"
        />
        <div className="flex gap-2">
          {(
            [
              ['half', half],
              ['max', maxAmount],
            ] as const
          ).map(([key, amount]) => (
            <button
              key={key}
              type="button"
              onClick={() => setText(toUiString(amount, decimals))}
              disabled={disabled || amount === 0n}
              className="whitespace-nowrap rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:opacity-50"
              data-testid={`${key}-button`}
            >
              {t(key)}
            </button>
          ))}
        </div>
      </div>
      <p id={`${inputId}-hint`} className="mt-1 text-sm text-slate-600">
        {t('atMost', { amount: formatBaseUnits(maxAmount, decimals, { locale }) })}
      </p>
      <p id={`${inputId}-problem`} className="mt-1 text-sm font-medium text-red-800" data-testid="amount-error" data-error-code={problem?.code ?? ''} aria-live="polite">
        {problem ? problem.message : null}
      </p>
      <p className="mt-3 text-slate-800" aria-live="polite" data-testid="receive-preview">
        {verdict.kind === 'valid'
          ? t.rich('receiveAmount', { amount: formatBaseUnits(verdict.amountOut, params.elizaos.decimals, { locale }), b: (chunks) => <strong className="tabular-nums">{chunks}</strong> })
          : t('receiveRatio', { ratio: params.ratio })}
      </p>
      {dust?.dust && (
        <div role="note" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="dust-warning">
          <p className="font-semibold">{t('dustTitle')}</p>
          <p className="mt-1">
            {t('dustBody', {
              cost: sol(dust.costLamports),
              worth: elizaos(dust.worth),
              receive: elizaos(verdict.kind === 'valid' ? verdict.amountOut : 0n),
              rate: formatBaseUnits(BigInt(dust.ratePerSol), params.elizaos.decimals, { locale }),
              date: dust.asOf ? new Intl.DateTimeFormat(locale ?? 'en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(dust.asOf)) : t('dustRateUndated'),
            })}
          </p>
          <p className="mt-1">{t('dustDecide')}</p>
        </div>
      )}
      {lacksSol && loadedFunds && (
        <div className="mt-3">
          <TopUpSol funds={loadedFunds} errorContext={errorContext} onRecheck={onRecheckFunds} />
        </div>
      )}
      <button
        type="submit"
        disabled={!ready}
        className="mt-4 rounded-lg bg-brand px-4 py-2 font-medium text-brand-ink hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:cursor-not-allowed disabled:opacity-60"
        data-testid="review-button"
        data-ready={ready ? 'true' : 'false'}
      >
        {buttonText}
      </button>
    </form>
  );
}

/** The typed text against the token's decimals, what may be migrated now, and the exact conversion. */
function judge(text: string, params: OfficialParams, eligibility: EligibilityResponse): Verdict {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    const amountIn = parseTypedAmount(text, params.ai16z.decimals);
    if (amountIn === 0n) throw new AmountError('ZERO', 'Enter an amount greater than zero.');
    checkAgainstEligibility(amountIn, eligibility);
    // Throws (AmountError NOT_EXACT) when the amount cannot be converted exactly: better here than at build.
    return { kind: 'valid', amountIn, amountOut: amountOutFor(params, amountIn) };
  } catch (error) {
    return { kind: 'invalid', error };
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

/**
 * Whether what the migration costs (the network fee and a new account's rent, lamports) is worth
 * more than the ELIZAOS it brings, at the deployment's reference rate; null without a rate.
 */
function dustCheck(amountOut: bigint, costLamports: bigint, params: AmountParams) {
  const reference = params.dustReference;
  if (!reference) return null;
  let worth: bigint;
  let ratePerSol: bigint;
  try {
    worth = solWorthInElizaos(costLamports, reference.elizaosPerSol, params.elizaos.decimals);
    ratePerSol = solWorthInElizaos(1_000_000_000n, reference.elizaosPerSol, params.elizaos.decimals);
  } catch {
    return null;
  }
  return { dust: worth > amountOut, costLamports, worth, ratePerSol, asOf: reference.asOf };
}
