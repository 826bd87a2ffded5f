/**
 * State badges: beside a heading (the receipt's migration state, the home page's window state)
 * or in a list entry (the wallet history, a deposit). No hooks, so server and client components
 * both use it; the tones are whole Tailwind classes so Tailwind finds them.
 */
import type { ReactNode } from 'react';

/** Badge colours by meaning. */
export const BADGE_TONE = {
  neutral: 'bg-slate-200 text-slate-800 ring-slate-300',
  pending: 'bg-amber-100 text-amber-900 ring-amber-300',
  good: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  bad: 'bg-red-100 text-red-900 ring-red-300',
} as const;

/** The badge: its text, its tone, and `data-state` / `data-testid` for tests. */
export type Badge = { state: string; tone: keyof typeof BADGE_TONE; label: ReactNode; testId: string };

/**
 * `heading` as the card's `h1` (a page's title: the receipt) or `h2` (a card on a page: the
 * window), with `id` for the section's `aria-labelledby`, then the badge.
 */
export function HeadingWithState({ level, id, heading, badge }: { level: 1 | 2; id: string; heading: ReactNode; badge: Badge }) {
  const title =
    level === 1 ? (
      <h1 id={id} className="text-2xl font-bold tracking-tight">
        {heading}
      </h1>
    ) : (
      <h2 id={id} className="text-lg font-semibold">
        {heading}
      </h2>
    );
  return (
    <div className="flex flex-wrap items-center gap-3">
      {title}
      <StateBadge badge={badge} />
    </div>
  );
}

/** The badge alone: `large` beside a heading, `small` in a list entry (the wallet history, a deposit). */
export function StateBadge({ badge, size = 'large' }: { badge: Badge; size?: 'large' | 'small' }) {
  const shape = size === 'large' ? 'px-3 text-sm' : 'px-2.5 text-xs';
  return (
    <span data-testid={badge.testId} data-state={badge.state} className={`rounded-full py-0.5 font-medium ring-1 ${shape} ${BADGE_TONE[badge.tone]}`}>
      {badge.label}
    </span>
  );
}
