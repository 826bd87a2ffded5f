/**
 * docs/alerts.rules.yml cannot drift from the portal: every metric its expressions name is one the
 * registry exports, every alert of `npm run ops -- alerts` has its rule, and each threshold is the
 * default of the ALERT_* variable the rule names (.env.example).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALERT_NAMES } from '@/lib/observability/alerts';
import { defineFigureGauges } from '@/lib/observability/figures';
import { definePortalMetrics, enableMetrics, registeredSeriesNames } from '@/lib/observability/metrics';

const ROOT = path.resolve(__dirname, '..', '..');
type Rule = { alert: string; expr: string; for?: string; labels: { severity: string }; annotations: Record<string, string> };
const file = parse(readFileSync(path.join(ROOT, 'docs', 'alerts.rules.yml'), 'utf8')) as { groups: { name: string; rules: Rule[] }[] };
const rules = file.groups.flatMap((g) => g.rules);

/** Series Prometheus itself provides, not the portal. */
const PROMETHEUS_SERIES = new Set(['up']);
const PROMQL_WORDS = new Set(['by', 'without', 'and', 'or', 'unless', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels, strings or durations. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings (label values)
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range selectors
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // label lists
  const names = new Set<string>();
  for (const match of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const after = bare.slice((match.index ?? 0) + word.length);
    if (/^\s*\(/.test(after) || PROMQL_WORDS.has(word.toLowerCase())) continue; // a function call or a keyword
    names.add(word);
  }
  return [...names];
}

function envExampleDefault(variable: string): string {
  const line = readFileSync(path.join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${variable}=`));
  if (!line) throw new Error(`${variable} is not in .env.example`);
  return line.slice(variable.length + 1).trim();
}

describe('docs/alerts.rules.yml', () => {
  let exported: Set<string>;
  beforeAll(async () => {
    enableMetrics();
    definePortalMetrics();
    defineFigureGauges();
    exported = await registeredSeriesNames();
  });

  it('reads metric names out of PromQL (the reader itself)', () => {
    expect(metricNames('sum by (instance) (increase(http_csp_reports_total{kind="csp"}[1h])) > 50')).toEqual(['http_csp_reports_total']);
    expect(metricNames('time() - max(a_b) > 300 and on () sum(max by (state) (c{state=~"x|y"})) >= 20')).toEqual(['a_b', 'c']);
    expect(metricNames('histogram_quantile(0.99, sum by (le) (rate(m_bucket[10m]))) > 5')).toEqual(['m_bucket']);
  });

  it('is a list of rules, each with an expression, a severity and what to do', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^Migration[A-Za-z]+$/);
      expect(typeof rule.expr).toBe('string');
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
      expect(rule.annotations.action, rule.alert).toBeTruthy();
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('names only metrics the portal exports', () => {
    const unknown = rules.flatMap((rule) => metricNames(rule.expr).filter((name) => !exported.has(name) && !PROMETHEUS_SERIES.has(name)).map((name) => `${rule.alert}: ${name}`));
    expect(unknown).toEqual([]);
  });

  it('has a rule for every alert of npm run ops -- alerts, with the same severity', async () => {
    const { evaluateAlerts } = await import('@/lib/observability/alerts');
    const empty = { chain: null, chainError: null, outflow24h: null, settledLastHour: null, rows: null, depositRows: null, oldestSubmittedAt: null, overdueIncidents: null, databaseError: null, maintenance: null };
    const cli = evaluateAlerts({ figures: empty, endpoints: [], cspReportsLastHour: 0 }, { allowanceHours: 1, failureRatePercent: 1, failureMinSettled: 1, cspReportsPerHour: 1, submittedStuckMinutes: 1 }, new Date());
    expect(cli.map((a) => a.name)).toEqual([...ALERT_NAMES]);
    for (const alert of cli) expect(rules.find((r) => r.alert === alert.name)?.labels.severity, alert.name).toBe(alert.severity);
  });

  it('uses the default of the ALERT_* variable each rule names as its threshold', () => {
    const withThreshold = rules.filter((r) => r.annotations.threshold);
    expect(withThreshold.map((r) => r.annotations.threshold).sort()).toEqual(
      ['ALERT_ALLOWANCE_HOURS', 'ALERT_ALLOWANCE_HOURS', 'ALERT_CSP_REPORTS_PER_HOUR', 'ALERT_FAILURE_RATE_PERCENT', 'ALERT_SUBMITTED_STUCK_MINUTES'].sort(),
    );
    for (const rule of rules) {
      for (const key of ['threshold', 'min_settled']) {
        const variable = rule.annotations[key];
        if (!variable) continue;
        const value = envExampleDefault(variable);
        expect(rule.expr, `${rule.alert}: ${variable}=${value}`).toMatch(new RegExp(`[<>]=?\\s*${value.replace('.', '\\.')}(?![\\d.])`));
      }
    }
  });
});
