import 'server-only';
import { countDistinct, eq, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { MIGRATION_STATES, migrations } from '@/lib/db/schema';
import { windowStateAt } from '@/lib/migration/window';
import { exchangeToJson, listExchanges } from '@/lib/status/exchanges';
import { activeIncidents, type Incident, incidentToJson, listIncidents } from '@/lib/status/incidents';
import type { ExchangeStatus } from '@/lib/status/exchanges';
import { type Known, lastKnown, staleSince } from '@/lib/status/last-known';
import { maintenanceToJson, readMaintenance } from '@/lib/maintenance/server';

/** Migration totals from the database (confirmed migrations only); amounts in base units. */
export async function readTotals(): Promise<{ ai16zMigrated: bigint; elizaosIssued: bigint; walletsMigrated: number }> {
  const db = await getDb();
  const [row] = await db
    .select({
      ai16z: sql<string>`coalesce(sum(${migrations.amountIn}), 0)::text`,
      elizaos: sql<string>`coalesce(sum(${migrations.amountOut}), 0)::text`,
      wallets: countDistinct(migrations.wallet),
    })
    .from(migrations)
    .where(eq(migrations.state, MIGRATION_STATES.confirmed));
  return { ai16zMigrated: BigInt(row?.ai16z ?? '0'), elizaosIssued: BigInt(row?.elizaos ?? '0'), walletsMigrated: Number(row?.wallets ?? 0) };
}

export type Totals = Awaited<ReturnType<typeof readTotals>>;

/** Every incident, newest first, or the last known list when the database cannot be read (lib/status/last-known.ts). @throws when it never could. */
export const knownIncidents = (): Promise<Known<Incident[]>> => lastKnown('incidents', () => listIncidents());
/** The unresolved incidents (the banner), live or last known. @throws when never read. */
export const knownActiveIncidents = (): Promise<Known<Incident[]>> => lastKnown('incidents-active', () => activeIncidents());
/** The exchanges, live or last known. @throws when never read. */
export const knownExchanges = (): Promise<Known<ExchangeStatus[]>> => lastKnown('exchanges', () => listExchanges());
/** The migration totals, live or last known. @throws when never read. */
export const knownTotals = (): Promise<Known<Totals>> => lastKnown('totals', () => readTotals());

/**
 * `GET /api/v1/status` (DESIGN.md "HTTP API v1"): the window, the ratio, the deposit address
 * (`deposit: {owner, tokenAccount}`, base58), maintenance (both
 * layers, fail closed), totals (base-unit decimal strings with their decimals), the latest 50
 * incidents with their updates (newest first), the exchanges, and when this was read. Through a
 * database outage the totals, incidents and exchanges are the last known ones: `stale: true` and
 * `asOf` (the oldest of their reads); maintenance then reads `on` (`source: unreadable`).
 *
 * @throws when the database cannot be read and nothing was ever kept.
 */
export async function readPublicStatus(now = new Date()) {
  const config = getConfig();
  const [maintenance, knownTotalsRead, knownIncidentsRead, knownExchangesRead] = await Promise.all([readMaintenance(), knownTotals(), knownIncidents(), knownExchanges()]);
  const totals = knownTotalsRead.value;
  const incidents = knownIncidentsRead.value.slice(0, 50);
  const exchanges = knownExchangesRead.value;
  const asOf = staleSince(knownTotalsRead, knownIncidentsRead, knownExchangesRead);
  return {
    window: { opensAt: config.window.opensAt.toISOString(), closesAt: config.window.closesAt.toISOString(), state: windowStateAt(now, config.window) },
    ratio: { ai16z: 1, elizaos: Number(config.ratio) },
    // The deposit address (DESIGN.md "Deposit and receive"), as the signed manifest states it.
    deposit: { owner: config.deposit.owner.toBase58(), tokenAccount: config.deposit.tokenAccount.toBase58() },
    maintenance: maintenanceToJson(maintenance),
    totals: {
      ai16zMigrated: totals.ai16zMigrated.toString(),
      elizaosIssued: totals.elizaosIssued.toString(),
      walletsMigrated: totals.walletsMigrated,
      decimals: { ai16z: config.mints.ai16z.decimals, elizaos: config.mints.elizaos.decimals },
    },
    incidents: incidents.map(incidentToJson),
    exchanges: exchanges.map(exchangeToJson),
    updatedAt: now.toISOString(),
    stale: asOf !== null,
    asOf: (asOf ?? now).toISOString(),
  };
}
export type PublicStatus = Awaited<ReturnType<typeof readPublicStatus>>;
