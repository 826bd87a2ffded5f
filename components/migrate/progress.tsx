import { useTranslations } from 'next-intl';
import { FLOW_STEPS, type FlowState, type FlowStep } from '@/components/migrate/use-migration-flow';

/** Where the migration stands, as an ordered list of steps (the current one is `aria-current="step"`). */
export function Progress({ state }: { state: FlowState }) {
  const t = useTranslations('flow');
  if (state.step === 'idle') return null;
  const current: FlowStep = state.step === 'failed' ? state.at : state.step;
  const currentIndex = FLOW_STEPS.indexOf(current);
  return (
    <nav aria-label={t('progressLabel')} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <ol className="flex flex-wrap gap-x-4 gap-y-2 text-sm" data-testid="progress" data-step={state.step === 'failed' ? `failed:${state.at}` : state.step}>
        {FLOW_STEPS.map((step, index) => {
          const status = state.step === 'failed' && index === currentIndex ? 'failed' : index < currentIndex || state.step === 'done' ? 'complete' : index === currentIndex ? 'current' : 'upcoming';
          return (
            <li key={step} aria-current={status === 'current' ? 'step' : undefined} className="flex items-center gap-1.5" data-status={status}>
              <StepMark status={status} index={index} waiting={step === 'review'} />
              <span className={status === 'upcoming' ? 'text-slate-500' : status === 'failed' ? 'font-medium text-red-800' : status === 'current' ? 'font-medium text-slate-900' : 'text-slate-700'}>
                {t(`steps.${step}`)}
                <span className="sr-only">{status === 'upcoming' ? '' : t(`stepStatus.${status}`)}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepMark({ status, index, waiting }: { status: 'complete' | 'current' | 'upcoming' | 'failed'; index: number; waiting: boolean }) {
  const tone = {
    complete: 'bg-emerald-600 text-white',
    // Pulses while something is under way; the review step waits for the holder, so it stays still.
    current: waiting ? 'bg-brand text-white' : 'bg-brand text-white motion-safe:animate-pulse',
    upcoming: 'bg-slate-200 text-slate-600',
    failed: 'bg-red-600 text-white',
  }[status];
  return (
    <span aria-hidden="true" className={`inline-flex h-5 w-5 items-center justify-center rounded-full text-xs font-semibold ${tone}`}>
      {status === 'complete' ? '✓' : status === 'failed' ? '!' : index + 1}
    </span>
  );
}
