import { useTranslations } from 'next-intl';
import { describeError, type ErrorTextContext, type UserErrorText } from '@/components/errors/error-text';

/** Renders any error as its text from `describeError`, with the next step and, if offered, a button for it. */
export function ErrorNotice({
  error,
  context,
  actionLabel,
  onAction,
  testId,
}: {
  error: unknown;
  context: ErrorTextContext;
  /** Label of the next-step button (only shown with `onAction`). */
  actionLabel?: (text: UserErrorText) => string | null;
  onAction?: (text: UserErrorText) => void;
  testId?: string;
}) {
  const text = describeError(error, context);
  const label = actionLabel?.(text) ?? null;
  return <ErrorText text={text} actionLabel={label} onAction={onAction ? () => onAction(text) : undefined} testId={testId} />;
}

/**
 * The presentation of a {@link UserErrorText} (also used for eligibility reasons): title, message,
 * violations, next step, and the words that are not ours (a wallet's, the chain's, or for ops the
 * server's) apart, in their own language.
 */
export function ErrorText({
  text,
  actionLabel,
  onAction,
  tone = 'error',
  testId = 'error',
}: {
  text: UserErrorText;
  actionLabel?: string | null;
  onAction?: () => void;
  tone?: 'error' | 'info';
  testId?: string;
}) {
  const t = useTranslations('errors');
  const colours = tone === 'error' ? 'border-red-300 bg-red-50 text-red-950' : 'border-amber-300 bg-amber-50 text-amber-950';
  return (
    <div role="alert" data-testid={testId} data-error-code={text.code} className={`rounded-lg border p-4 ${colours}`}>
      <p className="font-semibold" data-testid="error-title">
        {text.title}
      </p>
      <p className="mt-1" data-testid="error-message">
        {text.message}
      </p>
      {text.violations.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm" data-testid="violations" aria-label={t('violationsLabel')}>
          {text.violations.map((v, i) => (
            <li key={i}>{v}</li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm" data-testid="error-next">
        <span className="font-medium">{t('nextStep')} </span>
        {text.next}
      </p>
      {text.detail && (
        <p className="mt-2 break-words text-xs opacity-80" data-testid="error-detail">
          <span className="font-medium">{t('detailLabel')} </span>
          <span lang="en">{text.detail}</span>
        </p>
      )}
      {actionLabel && onAction && (
        <button
          type="button"
          onClick={onAction}
          className="mt-3 rounded-lg border border-current px-3 py-1.5 text-sm font-medium hover:bg-white/60 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {actionLabel}
        </button>
      )}
    </div>
  );
}
