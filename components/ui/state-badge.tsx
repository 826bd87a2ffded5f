/**
 * A heading with a state badge beside it (the receipt's migration state, the home page's window
 * state). Server component; the tones are whole Tailwind classes so Tailwind finds them.
 */
import type { ReactNode } from 'react';

/** Badge colours by meaning. */
export const BADGE_TONE = {
  neutral: 'bg-slate-200 text-slate-800 ring-slate-300',
  pending: 'bg-amber-100 text-amber-900 ring-amber-300',
  good: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  bad: 'bg-red-100 text-red-900 ring-red-300',
} as const;

/**
 * `heading` as an `h1` or `h2` (with `id` and `headingClassName`), then a badge reading `label`,
 * marked `data-state={state}` and `data-testid={testId}` for tests.
 */
export function HeadingWithState({
  level,
  id,
  headingClassName,
  heading,
  state,
  tone,
  label,
  testId,
}: {
  level: 1 | 2;
  id: string;
  headingClassName: string;
  heading: ReactNode;
  state: string;
  tone: keyof typeof BADGE_TONE;
  label: ReactNode;
  testId: string;
}) {
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Heading id={id} className={headingClassName}>
        {heading}
      </Heading>
      <span data-testid={testId} data-state={state} className={`rounded-full px-3 py-0.5 text-sm font-medium ring-1 ${BADGE_TONE[tone]}`}>
        {label}
      </span>
    </div>
  );
}
