import type { EndpointHealth } from '@/lib/chain/pool';
import type { AppConfig } from '@/lib/config/env';
import type { OpsFigures } from '@/lib/observability/figures';

/**
 * The conditions ops page on, evaluated against the live state of one instance: what
 * `npm run ops -- alerts` prints (through `GET /api/v1/ops/alerts`) and what the Prometheus rules
 * in docs/alerts.rules.yml express over the metrics (same names, same thresholds, README
 * "Alerts"). The thresholds are `ALERT_*` in the environment (lib/config/env.ts, .env.example).
 *
 * Figures come from the background reader (lib/observability/figures.ts): chain and database
 * figures are deployment-wide; RPC endpoint health and CSP reports are this instance's own view
 * (the Prometheus rules see every instance).
 *
 * Each comparison is strict: a figure exactly at its threshold does not fire.
 */

export type AlertSeverity = 'critical' | 'warning';

export type Alert = {
  /** Stable name, the `alert:` of the matching rule in docs/alerts.rules.yml. */
  name: AlertName;
  severity: AlertSeverity;
  firing: boolean;
  /** What is wrong (firing) or what was checked (quiet), with the figure. */
  message: string;
  /** The figure compared (hours, percent, reports, minutes, count), null when unknown. */
  value: number | null;
  /** The threshold it is compared with, null for a yes/no condition. */
  threshold: number | null;
};

export type AlertsAnswer = { at: string; firing: number; alerts: Alert[] };

export const ALERT_NAMES = [
  'MigrationAllowanceExhausted',
  'MigrationAllowanceLow',
  'MigrationTreasuryEmpty',
  'MigrationTreasuryLow',
  'MigrationRpcUnavailable',
  'MigrationRpcEndpointDown',
  'MigrationChainFiguresStale',
  'MigrationDatabaseUnreadable',
  'MigrationFailureRateHigh',
  'MigrationSubmittedStuck',
  'MigrationIncidentUpdateOverdue',
  'MigrationCspReportSpike',
  'MigrationKillSwitchOn',
] as const;
export type AlertName = (typeof ALERT_NAMES)[number];

export type AlertThresholds = AppConfig['alerts'];

export type AlertInputs = {
  figures: OpsFigures;
  /** This instance's RPC endpoints (lib/chain getRpcPool().health()). */
  endpoints: Pick<EndpointHealth, 'label' | 'state'>[];
  /** CSP and integrity reports this instance received in the last hour (lib/security/violations.ts). */
  cspReportsLastHour: number;
};

/** Chain or database figures older than this are stale (the reader refreshes every 15 s). */
export const FIGURES_STALE_MS = 5 * 60_000;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Hours an amount lasts at the last 24 h's outflow (base units / base units per 24 h); null without outflow. */
function hoursAtRate(amount: bigint, outflow24h: bigint | undefined): number | null {
  if (outflow24h === undefined || outflow24h === 0n) return null;
  return (Number(amount) / Number(outflow24h)) * 24;
}

/**
 * Every alert, firing or quiet, in {@link ALERT_NAMES} order. Pure: the same inputs give the same
 * answer. Unknown figures (not read yet) never fire the alert about them: the staleness alerts
 * ({@link FIGURES_STALE_MS}) fire instead.
 */
export function evaluateAlerts(inputs: AlertInputs, thresholds: AlertThresholds, now: Date): Alert[] {
  const { figures } = inputs;
  const alerts: Alert[] = [];
  const add = (name: AlertName, severity: AlertSeverity, firing: boolean, message: string, value: number | null = null, threshold: number | null = null) =>
    alerts.push({ name, severity, firing, message, value, threshold });

  const chain = figures.chain?.value;
  const outflow = figures.outflow24h?.value.elizaos;
  const runway = (label: string, amount: bigint | undefined, exhausted: AlertName, low: AlertName, fix: string) => {
    if (amount === undefined) {
      add(exhausted, 'critical', false, `${label}: not read yet`);
      add(low, 'warning', false, `${label}: not read yet`, null, thresholds.allowanceHours);
      return;
    }
    add(exhausted, 'critical', amount === 0n, amount === 0n ? `${label} is 0: no migration can be paid. ${fix}` : `${label} is above 0`, Number(amount), null);
    const hours = hoursAtRate(amount, outflow);
    const firing = hours !== null && hours < thresholds.allowanceHours;
    add(
      low,
      'warning',
      firing,
      hours === null
        ? `${label}: no confirmed migration in the last 24 h, nothing is running it down`
        : `${label} lasts ≈ ${round(hours)} h at the last 24 h's rate${firing ? ` (< ${thresholds.allowanceHours} h). ${fix} soon` : ` (threshold ${thresholds.allowanceHours} h)`}`,
      hours === null ? null : round(hours),
      thresholds.allowanceHours,
    );
  };
  runway("the delegate's allowance", chain?.delegateAllowance, 'MigrationAllowanceExhausted', 'MigrationAllowanceLow', 'The treasury owner must ApproveChecked a new allowance for the delegate');
  runway('the treasury balance', chain?.treasuryElizaos, 'MigrationTreasuryEmpty', 'MigrationTreasuryLow', 'Fund TREASURY_TOKEN_ACCOUNT from the cold treasury');

  const usable = inputs.endpoints.filter((e) => e.state !== 'down');
  const down = inputs.endpoints.filter((e) => e.state === 'down');
  add(
    'MigrationRpcUnavailable',
    'critical',
    inputs.endpoints.length > 0 && usable.length === 0,
    usable.length === 0 ? `every RPC endpoint is failing (${inputs.endpoints.map((e) => e.label).join(', ')}): builds and submits answer 503 RPC_UNAVAILABLE` : `${usable.length} of ${inputs.endpoints.length} RPC endpoint(s) usable`,
    usable.length,
    null,
  );
  add(
    'MigrationRpcEndpointDown',
    'warning',
    down.length > 0,
    down.length > 0 ? `RPC endpoint(s) failing, circuit open: ${down.map((e) => e.label).join(', ')}` : 'no RPC endpoint has an open circuit',
    down.length,
    null,
  );

  const stale = (reading: { at: Date } | null) => reading === null || now.getTime() - reading.at.getTime() > FIGURES_STALE_MS;
  const age = (reading: { at: Date } | null) => (reading ? `last read ${reading.at.toISOString()}` : 'never read');
  const chainStale = stale(figures.chain);
  add(
    'MigrationChainFiguresStale',
    'critical',
    chainStale,
    chainStale ? `the treasury and allowance could not be read for over ${FIGURES_STALE_MS / 60_000} min (${age(figures.chain)}${figures.chainError ? `; ${figures.chainError}` : ''})` : `chain figures fresh (${age(figures.chain)})`,
    figures.chain ? round((now.getTime() - figures.chain.at.getTime()) / 1000, 0) : null,
    FIGURES_STALE_MS / 1000,
  );
  const databaseStale = stale(figures.rows);
  add(
    'MigrationDatabaseUnreadable',
    'critical',
    databaseStale,
    databaseStale ? `the database could not be read for over ${FIGURES_STALE_MS / 60_000} min (${age(figures.rows)}${figures.databaseError ? `; ${figures.databaseError}` : ''}): the wallet flow answers 503` : `database figures fresh (${age(figures.rows)})`,
    figures.rows ? round((now.getTime() - figures.rows.at.getTime()) / 1000, 0) : null,
    FIGURES_STALE_MS / 1000,
  );

  const settled = figures.settledLastHour?.value;
  if (!settled) add('MigrationFailureRateHigh', 'critical', false, 'settlements: not read yet', null, thresholds.failureRatePercent);
  else {
    const total = settled.confirmed + settled.failed + settled.expired;
    const percent = total === 0 ? 0 : ((settled.failed + settled.expired) / total) * 100;
    const enough = total >= thresholds.failureMinSettled;
    const firing = enough && percent > thresholds.failureRatePercent;
    add(
      'MigrationFailureRateHigh',
      'critical',
      firing,
      `${settled.failed} failed and ${settled.expired} expired of ${total} co-signed migrations settled in the last hour (${round(percent)} %; ${enough ? `threshold ${thresholds.failureRatePercent} %` : `too few to judge: from ${thresholds.failureMinSettled} settled`})`,
      round(percent),
      thresholds.failureRatePercent,
    );
  }

  const oldest = figures.oldestSubmittedAt;
  if (!oldest) add('MigrationSubmittedStuck', 'warning', false, 'submitted migrations: not read yet', null, thresholds.submittedStuckMinutes);
  else {
    const minutes = oldest.value ? (now.getTime() - oldest.value.getTime()) / 60_000 : 0;
    const firing = minutes > thresholds.submittedStuckMinutes;
    add(
      'MigrationSubmittedStuck',
      'warning',
      firing,
      oldest.value
        ? `the oldest submitted migration was sent ${round(minutes)} min ago${firing ? ` (> ${thresholds.submittedStuckMinutes} min): the reconciler cannot settle it; check the RPC, then npm run ops -- migration reconcile` : ''}`
        : 'no migration is waiting in submitted',
      round(minutes),
      thresholds.submittedStuckMinutes,
    );
  }

  const overdue = figures.overdueIncidents?.value;
  add(
    'MigrationIncidentUpdateOverdue',
    'warning',
    (overdue ?? 0) > 0,
    overdue === undefined ? 'incidents: not read yet' : overdue > 0 ? `${overdue} open incident(s) promised an update that is late: post one (npm run ops -- incident update ID …)` : 'no promised incident update is late',
    overdue ?? null,
    null,
  );

  const csp = inputs.cspReportsLastHour;
  add(
    'MigrationCspReportSpike',
    'warning',
    csp > thresholds.cspReportsPerHour,
    `${csp} CSP / integrity violation report(s) in the last hour on this instance${csp > thresholds.cspReportsPerHour ? ` (> ${thresholds.cspReportsPerHour}): look for an injected script or a tampered asset in the logs (event security.violation)` : ` (threshold ${thresholds.cspReportsPerHour})`}`,
    csp,
    thresholds.cspReportsPerHour,
  );

  const m = figures.maintenance?.value;
  add(
    'MigrationKillSwitchOn',
    'warning',
    m?.on === true,
    !m ? 'kill switch: not read yet' : m.on ? `the wallet flow is stopped (${m.source}${m.reason ? `: ${m.reason}` : ''})` : 'the wallet flow is open',
    m ? (m.on ? 1 : 0) : null,
    null,
  );
  return alerts;
}

/** The answer of `GET /api/v1/ops/alerts` from the evaluated alerts. */
export function alertsAnswer(alerts: Alert[], now: Date): AlertsAnswer {
  return { at: now.toISOString(), firing: alerts.filter((a) => a.firing).length, alerts };
}

/** The lines `npm run ops -- alerts` prints: firing ones first (critical before warning), then the quiet ones. */
export function formatAlerts(answer: AlertsAnswer): string {
  const rank = (a: Alert) => (a.firing ? 0 : 2) + (a.severity === 'critical' ? 0 : 1);
  const width = Math.max(...answer.alerts.map((a) => a.name.length));
  const lines = [...answer.alerts]
    .sort((a, b) => rank(a) - rank(b))
    .map((a) => `${(a.firing ? 'FIRING' : 'ok').padEnd(6)} ${a.severity.padEnd(8)} ${a.name.padEnd(width)}  ${a.message}`);
  return [...lines, '', answer.firing === 0 ? `no alert firing (${answer.at})` : `${answer.firing} alert(s) firing (${answer.at})`].join('\n');
}
