import 'server-only';
import { sql } from 'drizzle-orm';
import { getRpcPool } from '@/lib/chain';
import { getConfig } from '@/lib/config';
import { getControlDb, getDbHandle } from '@/lib/db';
import { pendingMigrations } from '@/lib/db/client';
import { windowStateAt } from '@/lib/migration/window';
import { allowanceHoursLeft, opsFigures } from '@/lib/observability/figures';
import { errorMessage } from '@/lib/observability/log';
import { getServedManifest } from '@/lib/release/served';
import { snapshotStatus } from '@/lib/snapshot/proofs';

/**
 * `GET /api/v1/health` (readiness of the whole deployment as this instance sees it, for monitoring
 * and `npm run doctor`), `GET /api/v1/health/ready` and `GET /api/v1/health/live` (for the load
 * balancer). docs/DEPLOY.md "Health checks" says which to wire where:
 *
 * - **live**: the process answers (restart it when this fails);
 * - **ready**: start-up finished (configuration, chain, database and release checked) and the
 *   instance is not shutting down: send it traffic. It stays ready through a database or RPC
 *   outage, because the instance then still serves the status pages from their last known state
 *   and refuses the wallet flow itself (fail closed): taking every instance out of rotation would
 *   take the status page down with it;
 * - **health**: every check below; 503 when one fails (page someone), 200 with `warn` or `ok`.
 *
 * Cheap: the chain figures come from the background reader (lib/observability/figures.ts), the
 * database check is one `select 1`, and the whole answer is reused for {@link CACHE_MS}.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';
export type CheckResult = { status: CheckStatus; message: string } & Record<string, unknown>;
export type HealthCheck = (now: Date) => Promise<CheckResult>;
export type HealthAnswer = { status: CheckStatus; at: string; checks: Record<string, CheckResult> };

const CACHE_MS = 2_000;
const DB_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref())]);
}

async function checkDatabase(): Promise<CheckResult> {
  const started = performance.now();
  try {
    const handle = await withTimeout(getDbHandle(), DB_TIMEOUT_MS, 'open');
    await withTimeout((await getControlDb()).execute(sql`select 1`), DB_TIMEOUT_MS, 'select 1');
    const migrations = await withTimeout(pendingMigrations(handle), DB_TIMEOUT_MS, 'migrations');
    const snapshot = snapshotStatus();
    const ms = Math.round(performance.now() - started);
    if (migrations.pending > 0) return { status: 'fail', message: `${migrations.pending} of ${migrations.total} migrations not applied: run npm run db:migrate`, kind: handle.kind, ms, migrations, snapshot };
    if (snapshot.status === 'mismatch' || snapshot.status === 'empty' || snapshot.status === 'uncommitted') {
      return { status: 'fail', message: `snapshot ${snapshot.status}: no allocation can be proven (npm run doctor says what to do)`, kind: handle.kind, ms, migrations, snapshot };
    }
    return { status: 'ok', message: `reachable (${ms} ms), all ${migrations.total} migrations applied`, kind: handle.kind, ms, migrations, snapshot };
  } catch (error) {
    return { status: 'fail', message: `unreachable: ${errorMessage(error)}; status pages serve their last known state, the wallet flow answers 503`, ms: Math.round(performance.now() - started) };
  }
}

async function checkRpc(): Promise<CheckResult> {
  const endpoints = getRpcPool().health();
  const figures = opsFigures();
  const usable = endpoints.filter((e) => e.state !== 'down');
  const detail = { endpoints, lastChainReadAt: figures.chain?.at.toISOString() ?? null, lastChainError: figures.chainError };
  if (usable.length === 0) return { status: 'fail', message: 'every RPC endpoint is failing: builds and submits answer 503 RPC_UNAVAILABLE', ...detail };
  if (figures.chainError && !figures.chain) return { status: 'fail', message: `the chain could not be read: ${figures.chainError}`, ...detail };
  if (usable.length < endpoints.length) return { status: 'warn', message: `${endpoints.length - usable.length} of ${endpoints.length} RPC endpoints failing; served by ${usable[0]?.label}`, ...detail };
  return { status: 'ok', message: `${endpoints.length} endpoint(s) answering`, ...detail };
}

async function checkKillSwitch(): Promise<CheckResult> {
  const m = opsFigures().maintenance?.value;
  if (!m) return { status: 'warn', message: 'not read yet', on: null, source: null };
  if (m.source === 'unreadable') return { status: 'fail', message: 'the runtime flag cannot be read: the wallet flow is closed (fail closed)', on: true, source: m.source };
  if (m.on) return { status: 'warn', message: `on (${m.source}): the wallet flow is stopped${m.reason ? `: ${m.reason}` : ''}`, on: true, source: m.source, since: m.since?.toISOString() ?? null };
  return { status: 'ok', message: 'off', on: false, source: null };
}

async function checkWindow(now: Date): Promise<CheckResult> {
  const { window } = getConfig();
  const state = windowStateAt(now, window);
  const detail = { state, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() };
  return state === 'open' ? { status: 'ok', message: 'open', ...detail } : { status: 'warn', message: state === 'scheduled' ? 'not open yet' : 'closed', ...detail };
}

async function checkAllowance(): Promise<CheckResult> {
  const config = getConfig();
  const figures = opsFigures();
  if (!figures.chain) return { status: 'warn', message: 'the treasury has not been read yet', allowance: null };
  const { delegateAllowance, treasuryElizaos } = figures.chain.value;
  const hoursLeft = allowanceHoursLeft(figures);
  const detail = {
    allowance: delegateAllowance.toString(),
    treasury: treasuryElizaos.toString(),
    decimals: config.mints.elizaos.decimals,
    outflow24h: figures.outflow24h?.value.elizaos.toString() ?? null,
    migrations24h: figures.outflow24h?.value.count ?? null,
    hoursLeft,
    readAt: figures.chain.at.toISOString(),
  };
  if (delegateAllowance === 0n) return { status: 'fail', message: "the delegate's allowance is 0: no migration can be paid", ...detail };
  if (treasuryElizaos === 0n) return { status: 'fail', message: 'the treasury holds no ELIZAOS', ...detail };
  if (hoursLeft !== null && hoursLeft < config.alerts.allowanceHours) {
    return { status: 'warn', message: `the allowance lasts ≈ ${hoursLeft.toFixed(1)} h at the last 24 h's rate (< ${config.alerts.allowanceHours} h)`, ...detail };
  }
  return { status: 'ok', message: hoursLeft === null ? 'no outflow in the last 24 h' : `lasts ≈ ${hoursLeft.toFixed(1)} h at the last 24 h's rate`, ...detail };
}

async function checkManifest(): Promise<CheckResult> {
  try {
    const signed = await withTimeout(getServedManifest(), DB_TIMEOUT_MS, 'manifest');
    return { status: 'ok', message: 'signed and served', merkleRoot: signed.manifest.parameters.snapshot?.merkleRoot ?? null };
  } catch (error) {
    const reason = (error as { details?: { reason?: unknown } })?.details?.reason;
    return { status: 'fail', message: `not served: ${typeof reason === 'string' ? reason : errorMessage(error)}` };
  }
}

/**
 * Every check of `GET /api/v1/health`, by name (DESIGN.md: database, rpc, killSwitch, window,
 * allowance, manifest). **Adding one** (e.g. the deposit watcher) is one line here:
 * `deposit: checkDepositWatcher,` with a {@link HealthCheck} that never throws.
 */
export const HEALTH_CHECKS: Record<string, HealthCheck> = {
  database: checkDatabase,
  rpc: checkRpc,
  killSwitch: checkKillSwitch,
  window: checkWindow,
  allowance: checkAllowance,
  manifest: checkManifest,
};

const KEY = Symbol.for('elizaos-migration.health');
type State = { ready: boolean; startedAt: number; cached: { at: number; answer: Promise<HealthAnswer> } | null };
function state(): State {
  const holder = globalThis as { [KEY]?: State };
  holder[KEY] ??= { ready: false, startedAt: Date.now(), cached: null };
  return holder[KEY];
}

/** Start-up finished (instrumentation-node.ts): `/api/v1/health/ready` answers 200 from now on. */
export function markReady(): void {
  state().ready = true;
}

/** Whether this instance finished start-up (readiness). */
export function isReady(): boolean {
  return state().ready;
}

/** Seconds since this process loaded the health module (liveness detail). */
export function uptimeSeconds(): number {
  return Math.round((Date.now() - state().startedAt) / 1000);
}

/** The answer for a client off this machine: RPC endpoints by role only (which provider serves this portal is not public). */
export function publicHealth(answer: HealthAnswer): HealthAnswer {
  const rpc = answer.checks.rpc;
  if (!rpc || !Array.isArray(rpc.endpoints)) return answer;
  const endpoints = (rpc.endpoints as Record<string, unknown>[]).map((endpoint) => Object.fromEntries(Object.entries(endpoint).filter(([key]) => key !== 'host')));
  return { ...answer, checks: { ...answer.checks, rpc: { ...rpc, endpoints } } };
}

/** Runs every check (at most once per {@link CACHE_MS}); never throws. */
export async function readHealth(now = new Date()): Promise<HealthAnswer> {
  const s = state();
  if (s.cached && now.getTime() - s.cached.at < CACHE_MS) return s.cached.answer;
  const answer = (async () => {
    const entries = await Promise.all(
      Object.entries(HEALTH_CHECKS).map(async ([name, check]) => {
        try {
          return [name, await check(now)] as const;
        } catch (error) {
          return [name, { status: 'fail' as const, message: errorMessage(error) }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const statuses = entries.map(([, r]) => r.status);
    const status: CheckStatus = statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'ok';
    return { status, at: now.toISOString(), checks };
  })();
  s.cached = { at: now.getTime(), answer };
  return answer;
}
