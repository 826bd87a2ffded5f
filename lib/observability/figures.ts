import 'server-only';
import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { getRpcPool } from '@/lib/chain';
import { type ChainFigures, readChainFigures } from '@/lib/chain/figures';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { deposits, MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { DEPOSIT_STATE_VALUES } from '@/lib/api/types';
import { depositApiState } from '@/lib/deposit/view';
import { type MaintenanceState, readMaintenance } from '@/lib/maintenance/server';
import { activeIncidents, isUpdateOverdue } from '@/lib/status/incidents';
import { errorMessage, log } from '@/lib/observability/log';
import { defineGauge } from '@/lib/observability/metrics';

/**
 * What ops watch, read in the background every {@link REFRESH_MS} on each instance (one
 * `getMultipleAccounts` and a few indexed queries), so `/api/v1/health`, `/api/v1/metrics` and the
 * alerts answer from memory: the treasury and the delegate's allowance (chain), the last 24 h's
 * outflow and the last hour's settlements (database-wide), the kill switch. Each part keeps its
 * last good value and the time it was read; a failed read keeps the previous one and records why.
 */
export const REFRESH_MS = 15_000;
const HOUR_MS = 3_600_000;

export type Reading<T> = { value: T; at: Date } | null;

export type OpsFigures = {
  chain: Reading<ChainFigures>;
  chainError: string | null;
  /** ELIZAOS paid out by confirmed migrations settled in the last 24 h (base units), and how many. */
  outflow24h: Reading<{ elizaos: bigint; count: number }>;
  /** Co-signed migrations settled in the last hour, by final state. */
  settledLastHour: Reading<{ confirmed: number; failed: number; expired: number }>;
  /** Rows per state, database-wide. */
  rows: Reading<Record<string, number>>;
  /** When the oldest migration still `submitted` was co-signed and sent (null: none is). */
  oldestSubmittedAt: Reading<Date | null>;
  /** Unresolved incidents whose promised "next update by" has passed (lib/status/incidents.ts isUpdateOverdue). */
  overdueIncidents: Reading<number>;
  /** Deposits per state as holders read it (`pending`, `paid`, `partially_paid`, `refund_pending`, `refunded`, `rejected`), database-wide. */
  depositRows: Reading<Record<string, number>>;
  databaseError: string | null;
  maintenance: Reading<MaintenanceState>;
};

const KEY = Symbol.for('elizaos-migration.ops-figures');
type Holder = { [KEY]?: { figures: OpsFigures; timer: NodeJS.Timeout | null; running: Promise<void> | null } };

function holder() {
  const h = globalThis as Holder;
  h[KEY] ??= {
    figures: { chain: null, chainError: null, outflow24h: null, settledLastHour: null, rows: null, depositRows: null, oldestSubmittedAt: null, overdueIncidents: null, databaseError: null, maintenance: null },
    timer: null,
    running: null,
  };
  return h[KEY];
}

/** The figures as last read (never waits for a read). */
export function opsFigures(): OpsFigures {
  return holder().figures;
}

/** Hours the allowance lasts at the last 24 h's outflow; null without outflow (it lasts while nothing moves) or without figures. */
export function allowanceHoursLeft(figures: OpsFigures = opsFigures()): number | null {
  const allowance = figures.chain?.value.delegateAllowance;
  const out = figures.outflow24h?.value.elizaos;
  if (allowance === undefined || out === undefined || out === 0n) return null;
  return (Number(allowance) / Number(out)) * 24;
}

const uiUnits = (amount: bigint, decimals: number) => Number(amount) / 10 ** decimals;

const gauges = {
  treasury: () => defineGauge({ name: 'migration_treasury_balance_elizaos', help: 'ELIZAOS held by the treasury token account (chain; aggregate with max).' }),
  allowance: () => defineGauge({ name: 'migration_delegate_allowance_elizaos', help: "ELIZAOS the server's delegate may still move from the treasury (chain; aggregate with max)." }),
  vault: () => defineGauge({ name: 'migration_vault_balance_ai16z', help: 'AI16Z held by the migration vault (chain; aggregate with max).' }),
  hoursLeft: () => defineGauge({ name: 'migration_allowance_hours_left', help: "Hours the delegate's allowance lasts at the last 24 h's outflow (+Inf without outflow; aggregate with min)." }),
  outflow: () => defineGauge({ name: 'migration_outflow_24h_elizaos', help: 'ELIZAOS paid by migrations confirmed in the last 24 h (database-wide; aggregate with max).' }),
  figuresAge: () => defineGauge({ name: 'migration_chain_figures_timestamp_seconds', help: 'When the chain figures above were last read successfully (unix seconds).' }),
  databaseFiguresAge: () => defineGauge({ name: 'migration_database_figures_timestamp_seconds', help: 'When the database figures (rows, outflow, settlements, incidents) were last read successfully (unix seconds).' }),
  rows: () => defineGauge({ name: 'migration_rows', help: 'Migrations by state (database-wide; aggregate with max).', labelNames: ['state'] }),
  killSwitch: () => defineGauge({ name: 'migration_kill_switch', help: 'Kill switch, 1 = on, by layer: deploy (MIGRATION_KILL_SWITCH), ops (runtime flag), effective (either, or the flag unreadable).', labelNames: ['layer'] }),
  depositRows: () => defineGauge({ name: 'deposit_rows', help: 'Deposits by state as holders read it (database-wide; aggregate with max).', labelNames: ['state'] }),
  depositBalance: () => defineGauge({ name: 'deposit_account_balance_ai16z', help: 'AI16Z held by the deposit token account, waiting for a refund or kept as paid for (chain; aggregate with max).' }),
  feePayer: () => defineGauge({ name: 'deposit_fee_payer_balance_sol', help: 'SOL of the payout fee payer, a hot key kept bounded (chain; aggregate with max).' }),
  endpointUp: () => defineGauge({ name: 'rpc_endpoint_up', help: "1 while an RPC endpoint's circuit is closed (this instance's view), by endpoint.", labelNames: ['endpoint'] }),
  settledLastHour: () =>
    defineGauge({ name: 'migration_settled_last_hour', help: 'Co-signed migrations settled in the last hour, by final state (database-wide; aggregate with max).', labelNames: ['state'] }),
  oldestSubmittedAge: () =>
    defineGauge({ name: 'migration_submitted_oldest_age_seconds', help: 'Age of the oldest migration still submitted, 0 when none (database-wide; aggregate with max).' }),
  overdueIncidents: () => defineGauge({ name: 'migration_incident_updates_overdue', help: 'Unresolved incidents whose promised next update is late (database-wide; aggregate with max).' }),
  endpointInfo: () => defineGauge({ name: 'rpc_endpoint_info', help: 'The RPC endpoints of this instance (always 1), by endpoint and host.', labelNames: ['endpoint', 'host'] }),
};

/** Every gauge of this module, defined (the alert-rules test checks docs/alerts.rules.yml against the registry). */
export function defineFigureGauges(): void {
  for (const define of Object.values(gauges)) define();
}

function setGauges(f: OpsFigures, now: Date): void {
  const config = getConfig();
  if (f.chain) {
    gauges.treasury().set(uiUnits(f.chain.value.treasuryElizaos, config.mints.elizaos.decimals));
    gauges.allowance().set(uiUnits(f.chain.value.delegateAllowance, config.mints.elizaos.decimals));
    gauges.vault().set(uiUnits(f.chain.value.vaultAi16z, config.mints.ai16z.decimals));
    gauges.figuresAge().set(f.chain.at.getTime() / 1000);
    gauges.depositBalance().set(uiUnits(f.chain.value.depositAi16z, config.mints.ai16z.decimals));
    gauges.feePayer().set(uiUnits(f.chain.value.depositFeePayerLamports, 9));
  }
  if (f.rows) gauges.databaseFiguresAge().set(f.rows.at.getTime() / 1000);
  if (f.outflow24h) gauges.outflow().set(uiUnits(f.outflow24h.value.elizaos, config.mints.elizaos.decimals));
  gauges.hoursLeft().set(allowanceHoursLeft(f) ?? Number.POSITIVE_INFINITY);
  for (const state of Object.values(MIGRATION_STATES)) gauges.rows().set({ state }, f.rows?.value[state] ?? 0);
  if (f.settledLastHour) for (const [state, count] of Object.entries(f.settledLastHour.value)) gauges.settledLastHour().set({ state }, count);
  if (f.oldestSubmittedAt) gauges.oldestSubmittedAge().set(f.oldestSubmittedAt.value ? Math.max(0, (now.getTime() - f.oldestSubmittedAt.value.getTime()) / 1000) : 0);
  if (f.overdueIncidents) gauges.overdueIncidents().set(f.overdueIncidents.value);
  for (const state of DEPOSIT_STATE_VALUES) gauges.depositRows().set({ state }, f.depositRows?.value[state] ?? 0);
  if (f.maintenance) {
    const m = f.maintenance.value;
    gauges.killSwitch().set({ layer: 'deploy' }, config.killSwitch ? 1 : 0);
    gauges.killSwitch().set({ layer: 'ops' }, m.source === 'ops' || (m.source === 'deploy' && m.reason !== null) ? 1 : 0);
    gauges.killSwitch().set({ layer: 'effective' }, m.on ? 1 : 0);
  }
  for (const endpoint of getRpcPool().health()) {
    gauges.endpointUp().set({ endpoint: endpoint.label }, endpoint.state === 'up' ? 1 : 0);
    gauges.endpointInfo().set({ endpoint: endpoint.label, host: endpoint.host }, 1);
  }
}

/** One refresh of every figure (never throws). */
export async function refreshOpsFigures(now = new Date()): Promise<OpsFigures> {
  const f = holder().figures;
  const [chain, database, maintenance] = await Promise.allSettled([readChainFigures(), readDatabaseFigures(now), readMaintenance()]);
  if (chain.status === 'fulfilled') {
    f.chain = { value: chain.value, at: now };
    f.chainError = null;
  } else {
    f.chainError = errorMessage(chain.reason);
  }
  if (database.status === 'fulfilled') {
    f.outflow24h = { value: database.value.outflow, at: now };
    f.settledLastHour = { value: database.value.settled, at: now };
    f.rows = { value: database.value.rows, at: now };
    f.oldestSubmittedAt = { value: database.value.oldestSubmittedAt, at: now };
    f.overdueIncidents = { value: database.value.overdueIncidents, at: now };
    f.depositRows = { value: database.value.depositRows, at: now };
    f.databaseError = null;
  } else {
    f.databaseError = errorMessage(database.reason);
  }
  if (maintenance.status === 'fulfilled') f.maintenance = { value: maintenance.value, at: now };
  try {
    setGauges(f, now);
  } catch (error) {
    log('metrics').warn({ event: 'metrics.gauges_failed', error: errorMessage(error) }, 'gauges not updated');
  }
  return f;
}

async function readDatabaseFigures(now: Date) {
  const db = await getDb();
  const [[outflow], settled, rows, [oldest], incidents, depositRows] = await Promise.all([
    db
      .select({ out: sql<string>`coalesce(sum(${migrations.amountOut}), 0)::text`, count: sql<number>`count(*)::int` })
      .from(migrations)
      .where(and(eq(migrations.state, MIGRATION_STATES.confirmed), gte(migrations.settledAt, new Date(now.getTime() - 24 * HOUR_MS)))),
    db
      .select({ state: migrations.state, count: sql<number>`count(*)::int` })
      .from(migrations)
      .where(and(isNotNull(migrations.submittedAt), gte(migrations.settledAt, new Date(now.getTime() - HOUR_MS))))
      .groupBy(migrations.state),
    db.select({ state: migrations.state, count: sql<number>`count(*)::int` }).from(migrations).groupBy(migrations.state),
    db.select({ at: sql<Date | string | null>`min(${migrations.submittedAt})` }).from(migrations).where(eq(migrations.state, MIGRATION_STATES.submitted)),
    activeIncidents(),
    db.select({ state: deposits.state, refundState: deposits.refundState, count: sql<number>`count(*)::int` }).from(deposits).groupBy(deposits.state, deposits.refundState),
  ]);
  const by = (list: { state: string; count: number }[]) => Object.fromEntries(list.map((r) => [r.state, Number(r.count)]));
  const s = by(settled);
  return {
    outflow: { elizaos: BigInt(outflow?.out ?? '0'), count: Number(outflow?.count ?? 0) },
    settled: { confirmed: s.confirmed ?? 0, failed: s.failed ?? 0, expired: s.expired ?? 0 },
    rows: by(rows),
    oldestSubmittedAt: oldest?.at ? new Date(oldest.at) : null,
    overdueIncidents: incidents.filter((i) => isUpdateOverdue(i, now)).length,
    depositRows: depositRowsByApiState(depositRows),
  };
}

/** Refreshes now and then every {@link REFRESH_MS} (never two at once); idempotent. */
export function startOpsFigures(everyMs = REFRESH_MS): void {
  const h = holder();
  if (h.timer) return;
  const round = () => {
    h.running ??= refreshOpsFigures().then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      h.running = null;
    });
  };
  h.timer = setInterval(round, everyMs);
  h.timer.unref();
  round();
}

/** Deposit counts by (state, refund state) folded into the states holders read (lib/deposit/view.ts). */
function depositRowsByApiState(rows: { state: string; refundState: string; count: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) {
    const state = depositApiState(row as Parameters<typeof depositApiState>[0]);
    out[state] = (out[state] ?? 0) + Number(row.count);
  }
  return out;
}
