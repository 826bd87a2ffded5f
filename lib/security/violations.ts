import 'server-only';
import { log } from '@/lib/observability/log';
import { countCspReport } from '@/lib/observability/metrics';
import type { SecurityViolation } from '@/lib/security/csp';

/** Report times of the last hour on this instance (for `npm run ops -- alerts`); bounded. */
const WINDOW_MS = 3_600_000;
const MAX_KEPT = 10_000;
const KEY = Symbol.for('elizaos-migration.violations');
const holder = globalThis as { [KEY]?: number[] };

/**
 * One violation report a browser sent (app/api/v1/csp-report): one `security.violation` log line
 * (the report's truncated fields, lib/security/csp.ts), `http_csp_reports_total`, and its time
 * kept for the spike alert.
 */
export function recordViolation(violation: SecurityViolation, now = Date.now()): void {
  log('security').warn({ event: 'security.violation', ...violation }, `${violation.kind} violation reported`);
  countCspReport(violation.kind, violation.directive);
  const times = (holder[KEY] ??= []);
  times.push(now);
  if (times.length > MAX_KEPT) times.splice(0, times.length - MAX_KEPT);
}

/** Violation reports this instance received in the last hour (at most 10,000 are counted). */
export function violationsInLastHour(now = Date.now()): number {
  const times = (holder[KEY] ??= []);
  while (times.length > 0 && (times[0] ?? 0) < now - WINDOW_MS) times.shift();
  return times.length;
}
