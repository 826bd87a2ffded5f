/**
 * The portal's metrics (prom-client), served at `GET /api/v1/metrics` in Prometheus text format
 * behind `Authorization: Bearer $METRICS_TOKEN` (README "Metrics", docs/DEPLOY.md "Metrics").
 * Names start with `migration_`, `deposit_`, `rpc_` or `http_` (DESIGN.md "Wallet history, health
 * and metrics"); the process's own figures (CPU, memory, event loop) are prom-client's default
 * metrics under `http_server_`.
 *
 * Each instance reports its own: counters and histograms are this process's since it started;
 * gauges marked "database-wide" or "chain" read the same value on every instance. Aggregate with
 * `sum by (…)` for counters and histogram buckets, `max` for the database-wide and chain gauges.
 *
 * One registry per process, on `globalThis` (Next may load this module once per route bundle;
 * server.ts loads it too); prom-client is a server external package (next.config.ts). While
 * metrics are off (no `METRICS_TOKEN`) the recording helpers do nothing.
 *
 * **Adding a metric** (e.g. deposits): one line in the module that records it,
 * `const depositsSeen = defineCounter({ name: 'deposit_seen_total', help: '…', labelNames: ['state'] });`
 * then `depositsSeen.inc({ state })`. `defineCounter`/`defineGauge`/`defineHistogram` are
 * idempotent by name, so a module loaded twice registers once.
 */
import { ApiError } from '@/lib/http/api-error';
import client, { type Counter, type CounterConfiguration, type Gauge, type GaugeConfiguration, type Histogram, type HistogramConfiguration, Registry } from 'prom-client';

/** Prefixes every metric name must start with (DESIGN.md). */
export const METRIC_PREFIXES = ['migration_', 'deposit_', 'rpc_', 'http_'] as const;

/** Seconds; from a fast RPC read to a slow build under a provider's timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const KEY = Symbol.for('elizaos-migration.metrics');
type State = { registry: Registry; enabled: boolean; defaults: boolean; metrics: Map<string, unknown> };
type Holder = { [KEY]?: State };

function state(): State {
  const holder = globalThis as Holder;
  holder[KEY] ??= { registry: new Registry(), enabled: false, defaults: false, metrics: new Map() };
  return holder[KEY];
}

function assertName(name: string): void {
  if (!METRIC_PREFIXES.some((p) => name.startsWith(p))) throw new Error(`metric ${name} must start with one of ${METRIC_PREFIXES.join(', ')}`);
}

function define<T>(name: string, make: (registry: Registry) => T): T {
  assertName(name);
  const s = state();
  const existing = s.metrics.get(name);
  if (existing) return existing as T;
  const metric = make(s.registry);
  s.metrics.set(name, metric);
  return metric;
}

/** A counter in the shared registry (idempotent by name). @throws Error when the name has no allowed prefix. */
export function defineCounter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return define(config.name, (registry) => new client.Counter<L>({ ...config, registers: [registry] }));
}
/** A gauge in the shared registry (idempotent by name). @throws Error when the name has no allowed prefix. */
export function defineGauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  return define(config.name, (registry) => new client.Gauge<L>({ ...config, registers: [registry] }));
}
/** A histogram in the shared registry (idempotent by name; default buckets: latency in seconds). @throws Error when the name has no allowed prefix. */
export function defineHistogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  return define(config.name, (registry) => new client.Histogram<L>({ buckets: LATENCY_BUCKETS, ...config, registers: [registry] }));
}

/**
 * Turns recording on (start-up, when `METRICS_TOKEN` is set) and adds prom-client's default
 * process metrics (prefix `http_server_`).
 */
export function enableMetrics(): void {
  const s = state();
  s.enabled = true;
  if (!s.defaults) {
    client.collectDefaultMetrics({ register: s.registry, prefix: 'http_server_' });
    s.defaults = true;
  }
}

/** Whether metrics are recorded in this process. */
export function metricsEnabled(): boolean {
  return state().enabled;
}

/** The text exposition of every metric (Prometheus format 0.0.4) and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = state();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

// ---------------------------------------------------------------------------------------------
// The portal's own metrics, each recorded at one place.

const m = {
  migrationRequests: () =>
    defineCounter({ name: 'migration_requests_total', help: 'Build and submit answers of this instance, by step and code (ok or the error code).', labelNames: ['step', 'code'] }),
  buildSeconds: () => defineHistogram({ name: 'migration_build_duration_seconds', help: 'Time to answer POST /api/v1/migrations, by code.', labelNames: ['code'] }),
  submitSeconds: () => defineHistogram({ name: 'migration_submit_duration_seconds', help: 'Time to answer POST /api/v1/migrations/{id}/submit, by code.', labelNames: ['code'] }),
  transitions: () => defineCounter({ name: 'migration_transitions_total', help: 'Migration state changes this instance made, by state left and state entered.', labelNames: ['from', 'to'] }),
  violations: () => defineCounter({ name: 'migration_policy_violations_total', help: 'Transaction policy violations refused by this instance, by policy and violation code.', labelNames: ['policy', 'code'] }),
  rpcRequests: () => defineCounter({ name: 'rpc_requests_total', help: 'JSON-RPC attempts of this instance, by endpoint, method and outcome.', labelNames: ['endpoint', 'method', 'outcome'] }),
  rpcSeconds: () => defineHistogram({ name: 'rpc_request_duration_seconds', help: 'JSON-RPC attempt latency, by endpoint and method.', labelNames: ['endpoint', 'method'] }),
  httpRequests: () => defineCounter({ name: 'http_requests_total', help: 'HTTP answers of this instance, by route, method and status.', labelNames: ['route', 'method', 'status'] }),
  httpSeconds: () => defineHistogram({ name: 'http_request_duration_seconds', help: 'HTTP answer time (until the response finished), by route and method.', labelNames: ['route', 'method'] }),
  rateLimited: () => defineCounter({ name: 'http_rate_limited_total', help: 'Requests refused with 429, by action and limit (client or subject).', labelNames: ['action', 'limit'] }),
  deposits: () =>
    defineCounter({
      name: 'deposit_events_total',
      help: 'Deposit-and-receive events of this instance: detected (recorded), paid (a payout landed), unpaid (nothing payable, by reason), refunded (a refund landed).',
      labelNames: ['event', 'reason'],
    }),
  cspReports: () => defineCounter({ name: 'http_csp_reports_total', help: 'Security violation reports received, by kind (csp, integrity) and directive.', labelNames: ['kind', 'directive'] }),
};

/** Every metric of this module, defined (the alert-rules test checks docs/alerts.rules.yml against the registry). */
export function definePortalMetrics(): void {
  for (const define of Object.values(m)) define();
}

/**
 * The series names the registry exposes: each metric's name, and a histogram's `_bucket`, `_sum`
 * and `_count` (what a PromQL expression names).
 */
export async function registeredSeriesNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await state().registry.getMetricsAsJSON()) {
    const type = String(metric.type);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    else names.add(metric.name);
  }
  return names;
}

/** Labels that name an error code are bounded by the code table; anything else becomes `other`. */
const CODE = /^[A-Z][A-Z0-9_]{1,48}$/;
const code = (value: string) => (value === 'ok' || CODE.test(value) ? value : 'other');

/** A build or submit answered `code` (`ok`, or the ApiError code) after `seconds`. */
export function observeMigrationStep(step: 'build' | 'submit', answer: string, seconds: number): void {
  if (!metricsEnabled()) return;
  const label = code(answer);
  m.migrationRequests().inc({ step, code: label });
  (step === 'build' ? m.buildSeconds() : m.submitSeconds()).observe({ code: label }, seconds);
}

/**
 * Runs one build or submit, recording its latency and its answer's code
 * (`migration_build_duration_seconds` / `migration_submit_duration_seconds`, `migration_requests_total`):
 * `ok`, the ApiError code it threw, `BAD_REQUEST` for a schema error, else `INTERNAL`. Rethrows.
 */
export async function timedMigrationStep<T>(step: 'build' | 'submit', work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    observeMigrationStep(step, 'ok', (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    const answer = error instanceof ApiError ? error.code : (error as { name?: string })?.name === 'ZodError' ? 'BAD_REQUEST' : 'INTERNAL';
    observeMigrationStep(step, answer, (performance.now() - started) / 1000);
    throw error;
  }
}

/** A guarded transition of a migration row succeeded (lib/migration/transitions.ts). */
export function countTransition(from: string, to: string): void {
  if (metricsEnabled()) m.transitions().inc({ from, to });
}

/** The policy refused a transaction with these violation codes. */
export function countPolicyViolations(policy: 'migration' | 'revoke', codes: readonly string[]): void {
  if (!metricsEnabled()) return;
  for (const c of codes) m.violations().inc({ policy, code: code(c) });
}

/** One JSON-RPC attempt (lib/chain/pool.ts `onCall`). */
export function countRpcCall(event: { endpoint: string; method: string; outcome: string; seconds: number }): void {
  if (!metricsEnabled()) return;
  const method = /^[A-Za-z]{1,48}$/.test(event.method) ? event.method : 'other';
  m.rpcRequests().inc({ endpoint: event.endpoint, method, outcome: event.outcome });
  m.rpcSeconds().observe({ endpoint: event.endpoint, method }, event.seconds);
}

/** One HTTP answer (server.ts), `route` from {@link routeLabel}. */
export function observeHttp(route: string, method: string, status: number, seconds: number): void {
  if (!metricsEnabled()) return;
  const verb = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method) ? method : 'OTHER';
  m.httpRequests().inc({ route, method: verb, status: String(status) });
  m.httpSeconds().observe({ route, method: verb }, seconds);
}

/** Deposit reasons are a closed list (lib/db/schema.ts `DEPOSIT_REASONS`); anything else is `other`. */
const REASON = /^[A-Z][A-Z_]{1,40}$/;

/**
 * A deposit event (lib/deposit/transitions.ts, at the guarded transition that made it):
 * `deposit_events_total{event, reason}`; `count` deposits at once (the watcher records a page).
 */
export function countDepositEvent(event: 'detected' | 'paid' | 'unpaid' | 'refunded', reason: string | null = null, count = 1): void {
  if (!metricsEnabled() || count <= 0) return;
  m.deposits().inc({ event, reason: reason === null ? 'none' : REASON.test(reason) ? reason : 'other' }, count);
}

/** A request refused by a rate limit. */
export function countRateLimited(action: string, limit: 'client' | 'subject'): void {
  if (metricsEnabled()) m.rateLimited().inc({ action, limit });
}

/** CSP directives (and `script` for integrity reports) a report may name; anything else is `other`. */
const DIRECTIVES = new Set([
  'default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr', 'img-src', 'font-src',
  'connect-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors', 'frame-src', 'child-src', 'worker-src', 'manifest-src', 'media-src',
  'require-trusted-types-for', 'trusted-types', 'script',
]);

/** A violation report received (app/api/v1/csp-report). */
export function countCspReport(kind: 'csp' | 'integrity', directive: string | null): void {
  if (!metricsEnabled()) return;
  const d = directive?.toLowerCase() ?? 'none';
  m.cspReports().inc({ kind, directive: DIRECTIVES.has(d) ? d : d === 'none' ? 'none' : 'other' });
}

// ---------------------------------------------------------------------------------------------
// Route labels: bounded, whatever path a client sends.

const LOCALE_PREFIX = /^\/(?:en|ko)(?=\/|$)/;
const PAGES = new Set(['/', '/check', '/faq', '/guides/ledger', '/maintenance', '/migrate', '/security', '/status', '/support']);
/** The API's route templates (app/**\/route.ts; lib/observability/metrics-routes.test.ts keeps this list complete). */
export const API_ROUTES = new Set([
  '/.well-known/migration-manifest.json',
  '/api/internal/maintenance',
  '/api/v1/csp-report',
  '/api/v1/deposits',
  '/api/v1/deposits/:id',
  '/api/v1/drainers',
  '/api/v1/eligibility/:id',
  '/api/v1/health',
  '/api/v1/health/live',
  '/api/v1/health/ready',
  '/api/v1/metrics',
  '/api/v1/migrations',
  '/api/v1/migrations/:id',
  '/api/v1/migrations/:id/decline',
  '/api/v1/migrations/:id/submit',
  '/api/v1/ops/alerts',
  '/api/v1/ops/audit',
  '/api/v1/ops/deposits',
  '/api/v1/ops/deposits/:id/refund',
  '/api/v1/ops/deposits/:id/refund/submit',
  '/api/v1/ops/deposits/:id/reject',
  '/api/v1/ops/auth/logout',
  '/api/v1/ops/auth/nonce',
  '/api/v1/ops/auth/verify',
  '/api/v1/ops/drainers',
  '/api/v1/ops/drainers/:id',
  '/api/v1/ops/exchanges',
  '/api/v1/ops/exchanges/:id',
  '/api/v1/ops/incidents',
  '/api/v1/ops/incidents/:id/next-update',
  '/api/v1/ops/incidents/:id/resolve',
  '/api/v1/ops/incidents/:id/updates',
  '/api/v1/ops/maintenance',
  '/api/v1/ops/migrations',
  '/api/v1/ops/migrations/reconcile',
  '/api/v1/ops/session',
  '/api/v1/ops/tickets',
  '/api/v1/ops/tickets/:id/status',
  '/api/v1/rpc',
  '/api/v1/status',
  '/api/v1/status/incidents.atom',
  '/api/v1/support/tickets',
  '/api/v1/support/tickets/:id',
  '/api/v1/wallets/:id/migrations',
]);

/** The templates by segment count, split once. */
const TEMPLATES_BY_LENGTH = (() => {
  const map = new Map<number, { template: string; segments: string[] }[]>();
  for (const template of API_ROUTES) {
    const segments = template.split('/');
    map.set(segments.length, [...(map.get(segments.length) ?? []), { template, segments }]);
  }
  return map;
})();

/** The API template a path matches (`:id` matches any one segment; a literal segment wins over it), or null. */
function apiTemplate(path: string): string | null {
  const segments = path.split('/');
  let best: { template: string; literals: number } | null = null;
  for (const candidate of TEMPLATES_BY_LENGTH.get(segments.length) ?? []) {
    let literals = 0;
    const matches = candidate.segments.every((s, i) => {
      if (s === ':id') return (segments[i] ?? '') !== '';
      literals += 1;
      return s === segments[i];
    });
    if (matches && (!best || literals > best.literals)) best = { template: candidate.template, literals };
  }
  return best?.template ?? null;
}

/**
 * The `route` label of a request path: an API route template (ids as `:id`), `page:<path>` for a
 * public page in any locale, `page:/receipt/:id`, `page:/support/tickets/:id`, `page:/ops`,
 * `static` for Next's assets, else `other`. Never the raw path: labels must stay few.
 */
export function routeLabel(url: string | undefined): string {
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  if (pathname.startsWith('/_next/')) return 'static';
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return 'other';
  }
  if (path.length > 300) return 'other';
  if (path.startsWith('/api/') || path.startsWith('/.well-known/')) return apiTemplate(path.replace(/\/+$/, '')) ?? 'other';
  const page = path.replace(LOCALE_PREFIX, '').replace(/\/+$/, '') || '/';
  if (PAGES.has(page)) return `page:${page}`;
  if (/^\/receipt\/[^/]+$/.test(page)) return 'page:/receipt/:id';
  if (/^\/deposit\/[^/]+$/.test(page)) return 'page:/deposit/:id';
  if (/^\/support\/tickets\/[^/]+$/.test(page)) return 'page:/support/tickets/:id';
  if (page === '/ops' || page.startsWith('/ops/')) return 'page:/ops';
  if (page === '/icon.svg' || page === '/robots.txt' || page === '/favicon.ico') return 'static';
  return 'other';
}
