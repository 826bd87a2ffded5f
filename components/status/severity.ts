import type { IncidentSeverity } from '@/lib/status/incidents';

/** Colours per severity (text ≥ 4.5:1 on its background, WCAG AA). */
export const SEVERITY_TONE: Record<IncidentSeverity, { box: string; badge: string }> = {
  info: { box: 'border-blue-300 bg-blue-50 text-blue-950', badge: 'bg-blue-700 text-white' },
  warning: { box: 'border-amber-400 bg-amber-50 text-amber-950', badge: 'bg-amber-800 text-white' },
  critical: { box: 'border-red-400 bg-red-50 text-red-950', badge: 'bg-red-700 text-white' },
};
