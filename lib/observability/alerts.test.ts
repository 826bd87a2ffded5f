import { describe, expect, it } from 'vitest';
import { type AlertInputs, type AlertName, type AlertThresholds, ALERT_NAMES, alertsAnswer, evaluateAlerts, FIGURES_STALE_MS, formatAlerts } from '@/lib/observability/alerts';
import type { OpsFigures } from '@/lib/observability/figures';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const THRESHOLDS: AlertThresholds = { allowanceHours: 72, failureRatePercent: 10, failureMinSettled: 20, cspReportsPerHour: 50, submittedStuckMinutes: 10 };
const E = 10n ** 9n; // one ELIZAOS in base units (9 decimals)
const fresh = <T>(value: T) => ({ value, at: NOW });

/** A healthy deployment: allowance and treasury last 240 h at 100 ELIZAOS per day, nothing late. */
function healthy(): AlertInputs {
  const figures: OpsFigures = {
    chain: fresh({ treasuryElizaos: 2_000n * E, delegateAllowance: 1_000n * E, vaultAi16z: 0n } as NonNullable<OpsFigures['chain']>['value']),
    chainError: null,
    outflow24h: fresh({ elizaos: 100n * E, count: 10 }),
    settledLastHour: fresh({ confirmed: 30, failed: 0, expired: 0 }),
    rows: fresh({ confirmed: 30 }),
    depositRows: fresh({}),
    oldestSubmittedAt: fresh(null),
    overdueIncidents: fresh(0),
    databaseError: null,
    maintenance: fresh({ on: false, source: null, reason: null, reasonKo: null, since: null } as unknown as NonNullable<OpsFigures['maintenance']>['value']),
  };
  return { figures, endpoints: [{ label: 'primary', state: 'up' }, { label: 'fallback-1', state: 'up' }], cspReportsLastHour: 0 };
}

function firing(inputs: AlertInputs, thresholds = THRESHOLDS): AlertName[] {
  return evaluateAlerts(inputs, thresholds, NOW)
    .filter((a) => a.firing)
    .map((a) => a.name);
}
function alert(inputs: AlertInputs, name: AlertName) {
  const found = evaluateAlerts(inputs, THRESHOLDS, NOW).find((a) => a.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}
function withChain(inputs: AlertInputs, chain: Partial<NonNullable<OpsFigures['chain']>['value']>): AlertInputs {
  const current = inputs.figures.chain;
  if (!current) throw new Error('no chain figures');
  return { ...inputs, figures: { ...inputs.figures, chain: { ...current, value: { ...current.value, ...chain } } } };
}
const withFigures = (inputs: AlertInputs, figures: Partial<OpsFigures>): AlertInputs => ({ ...inputs, figures: { ...inputs.figures, ...figures } });

describe('evaluateAlerts', () => {
  it('lists every alert, in order, and none fires on a healthy deployment', () => {
    const alerts = evaluateAlerts(healthy(), THRESHOLDS, NOW);
    expect(alerts.map((a) => a.name)).toEqual([...ALERT_NAMES]);
    expect(alerts.filter((a) => a.firing)).toEqual([]);
  });

  it('allowance: quiet at exactly ALERT_ALLOWANCE_HOURS, warns below it, critical at 0', () => {
    // 100 ELIZAOS per 24 h: 300 ELIZAOS last exactly 72 h.
    expect(alert(withChain(healthy(), { delegateAllowance: 300n * E }), 'MigrationAllowanceLow')).toMatchObject({ firing: false, value: 72, threshold: 72 });
    expect(firing(withChain(healthy(), { delegateAllowance: 300n * E - 1n }))).toEqual(['MigrationAllowanceLow']);
    expect(firing(withChain(healthy(), { delegateAllowance: 0n }))).toEqual(['MigrationAllowanceExhausted', 'MigrationAllowanceLow']);
    expect(alert(withChain(healthy(), { delegateAllowance: 1n }), 'MigrationAllowanceExhausted').firing).toBe(false);
  });

  it('allowance: no outflow in 24 h runs nothing down, whatever is left', () => {
    const idle = withFigures(withChain(healthy(), { delegateAllowance: 1n }), { outflow24h: fresh({ elizaos: 0n, count: 0 }) });
    expect(alert(idle, 'MigrationAllowanceLow')).toMatchObject({ firing: false, value: null });
  });

  it('the threshold comes from the configuration', () => {
    const inputs = withChain(healthy(), { delegateAllowance: 300n * E });
    expect(firing(inputs, { ...THRESHOLDS, allowanceHours: 73 })).toEqual(['MigrationAllowanceLow']);
    expect(firing(inputs, { ...THRESHOLDS, allowanceHours: 72 })).toEqual([]);
  });

  it('treasury: quiet at the threshold, warns below, critical when empty', () => {
    expect(firing(withChain(healthy(), { treasuryElizaos: 300n * E }))).toEqual([]);
    expect(firing(withChain(healthy(), { treasuryElizaos: 299n * E }))).toEqual(['MigrationTreasuryLow']);
    expect(firing(withChain(healthy(), { treasuryElizaos: 0n }))).toEqual(['MigrationTreasuryEmpty', 'MigrationTreasuryLow']);
  });

  it('RPC: one endpoint down warns, all down is critical, trying (half-open) counts as usable', () => {
    expect(firing({ ...healthy(), endpoints: [{ label: 'primary', state: 'down' }, { label: 'fallback-1', state: 'up' }] })).toEqual(['MigrationRpcEndpointDown']);
    expect(firing({ ...healthy(), endpoints: [{ label: 'primary', state: 'trying' }, { label: 'fallback-1', state: 'up' }] })).toEqual([]);
    expect(firing({ ...healthy(), endpoints: [{ label: 'primary', state: 'down' }, { label: 'fallback-1', state: 'down' }] })).toEqual(['MigrationRpcUnavailable', 'MigrationRpcEndpointDown']);
  });

  it('chain and database figures: stale after 5 minutes without a good read, not at exactly 5', () => {
    const at = (ms: number) => new Date(NOW.getTime() - ms);
    const inputs = healthy();
    const chain = inputs.figures.chain;
    const rows = inputs.figures.rows;
    if (!chain || !rows) throw new Error('fixture');
    expect(firing(withFigures(inputs, { chain: { ...chain, at: at(FIGURES_STALE_MS) } }))).toEqual([]);
    expect(firing(withFigures(inputs, { chain: { ...chain, at: at(FIGURES_STALE_MS + 1) }, chainError: 'fetch failed' }))).toEqual(['MigrationChainFiguresStale']);
    expect(alert(withFigures(inputs, { chain: { ...chain, at: at(FIGURES_STALE_MS + 1) }, chainError: 'fetch failed' }), 'MigrationChainFiguresStale').message).toContain('fetch failed');
    expect(firing(withFigures(inputs, { rows: { ...rows, at: at(FIGURES_STALE_MS) } }))).toEqual([]);
    expect(firing(withFigures(inputs, { rows: { ...rows, at: at(FIGURES_STALE_MS + 1) }, databaseError: 'connection refused' }))).toEqual(['MigrationDatabaseUnreadable']);
  });

  it('never read: the staleness alerts fire, the alerts about the unread figures stay quiet', () => {
    const empty: AlertInputs = {
      figures: { chain: null, chainError: null, outflow24h: null, settledLastHour: null, rows: null, depositRows: null, oldestSubmittedAt: null, overdueIncidents: null, databaseError: null, maintenance: null },
      endpoints: [{ label: 'primary', state: 'up' }],
      cspReportsLastHour: 0,
    };
    expect(firing(empty)).toEqual(['MigrationChainFiguresStale', 'MigrationDatabaseUnreadable']);
  });

  it('failure rate: quiet at exactly ALERT_FAILURE_RATE_PERCENT, fires above it, never under ALERT_FAILURE_MIN_SETTLED settled', () => {
    const settled = (confirmed: number, failed: number, expired: number) => withFigures(healthy(), { settledLastHour: fresh({ confirmed, failed, expired }) });
    expect(alert(settled(27, 2, 1), 'MigrationFailureRateHigh')).toMatchObject({ firing: false, value: 10 }); // 3 of 30 = 10 %
    expect(firing(settled(26, 2, 2))).toEqual(['MigrationFailureRateHigh']); // 4 of 30
    expect(firing(settled(10, 5, 4))).toEqual([]); // 19 settled: too few to judge
    expect(firing(settled(10, 5, 5))).toEqual(['MigrationFailureRateHigh']); // 20 settled, 50 %
    expect(firing(settled(0, 0, 0))).toEqual([]);
  });

  it('stuck submitted: quiet at exactly ALERT_SUBMITTED_STUCK_MINUTES, fires after', () => {
    const sent = (minutesAgo: number) => withFigures(healthy(), { oldestSubmittedAt: fresh(new Date(NOW.getTime() - minutesAgo * 60_000)) });
    expect(alert(sent(10), 'MigrationSubmittedStuck')).toMatchObject({ firing: false, value: 10, threshold: 10 });
    expect(firing(sent(10.1))).toEqual(['MigrationSubmittedStuck']);
    expect(alert(sent(10.1), 'MigrationSubmittedStuck').message).toContain('migration reconcile');
  });

  it('incident update overdue: fires with one late update', () => {
    expect(firing(withFigures(healthy(), { overdueIncidents: fresh(1) }))).toEqual(['MigrationIncidentUpdateOverdue']);
  });

  it('CSP spike: quiet at exactly ALERT_CSP_REPORTS_PER_HOUR, fires above it', () => {
    expect(firing({ ...healthy(), cspReportsLastHour: 50 })).toEqual([]);
    expect(firing({ ...healthy(), cspReportsLastHour: 51 })).toEqual(['MigrationCspReportSpike']);
  });

  it('kill switch: fires while the wallet flow is stopped, with the layer and reason', () => {
    const stopped = withFigures(healthy(), { maintenance: fresh({ on: true, source: 'ops', reason: 'drainer wave', reasonKo: null, since: NOW } as unknown as NonNullable<OpsFigures['maintenance']>['value']) });
    expect(firing(stopped)).toEqual(['MigrationKillSwitchOn']);
    expect(alert(stopped, 'MigrationKillSwitchOn').message).toBe('the wallet flow is stopped (ops: drainer wave)');
  });
});

describe('formatAlerts', () => {
  it('prints firing alerts first, critical before warning, and counts them', () => {
    const inputs = withChain({ ...healthy(), cspReportsLastHour: 99 }, { delegateAllowance: 0n });
    const text = formatAlerts(alertsAnswer(evaluateAlerts(inputs, THRESHOLDS, NOW), NOW));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^FIRING critical MigrationAllowanceExhausted/);
    expect(lines.slice(0, 3).every((l) => l.startsWith('FIRING'))).toBe(true);
    expect(lines[3]).toMatch(/^ok /);
    expect(lines.at(-1)).toBe(`3 alert(s) firing (${NOW.toISOString()})`);
  });
});
