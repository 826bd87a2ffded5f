/**
 * The background figures the alerts and gauges read, against a real (in-memory) database: the
 * oldest migration still `submitted` and the unresolved incidents whose promised update is late,
 * then the alerts they fire and the gauges they set. The chain is unreachable here (the test
 * environment's RPC), so the chain figures stay unread and their staleness alert fires.
 */
import { randomUUID } from 'node:crypto';
import { Keypair } from '@solana/web3.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setTestAppEnv } from '@/test/app-env';
import { insertBuiltMigration } from '@/test/built-migration';

setTestAppEnv({ METRICS_TOKEN: 'figures-test-token-0123456789' });

const { getConfig } = await import('@/lib/config');
const { getDb } = await import('@/lib/db');
const { incidents, migrations } = await import('@/lib/db/schema');
const { refreshOpsFigures } = await import('@/lib/observability/figures');
const { evaluateAlerts } = await import('@/lib/observability/alerts');
const { enableMetrics, renderMetrics } = await import('@/lib/observability/metrics');

const MINUTE = 60_000;

async function incident(nextUpdateBy: Date | null, resolvedAt: Date | null = null): Promise<void> {
  const at = new Date(Date.now() - 60 * MINUTE);
  await (await getDb()).insert(incidents).values({ id: randomUUID(), severity: 'warning', titleEn: 'Slow confirmations', startedAt: at, updatedAt: at, resolvedAt, nextUpdateBy });
}

describe('ops figures from the database', () => {
  it('reads the oldest submitted migration and the overdue incident updates; the alerts and gauges follow', { timeout: 60_000 }, async () => {
    enableMetrics();
    const now = new Date();
    const db = await getDb();
    // Two submitted migrations, sent 11 and 3 minutes ago; one still built (never counted).
    for (const minutesAgo of [11, 3, null]) {
      const { id } = await insertBuiltMigration(Keypair.generate(), 1_000_000_000n);
      if (minutesAgo !== null) await db.update(migrations).set({ state: 'submitted', signature: `sig-${id}`, submittedAt: new Date(now.getTime() - minutesAgo * MINUTE) }).where(eq(migrations.id, id));
    }
    await incident(new Date(now.getTime() - MINUTE)); // late
    await incident(new Date(now.getTime() + 30 * MINUTE)); // promised for later
    await incident(new Date(now.getTime() - 30 * MINUTE), new Date(now.getTime() - 40 * MINUTE)); // resolved: never late
    await incident(null); // no update promised

    const figures = await refreshOpsFigures(now);
    expect(figures.databaseError).toBeNull();
    expect(figures.oldestSubmittedAt?.value?.getTime()).toBe(now.getTime() - 11 * MINUTE);
    expect(figures.overdueIncidents?.value).toBe(1);
    expect(figures.rows?.value).toMatchObject({ submitted: 2, built: 1 });
    expect(figures.chain).toBeNull(); // the chain is unreachable in this environment
    expect(figures.chainError).not.toBeNull();

    const firing = evaluateAlerts({ figures, endpoints: [{ label: 'primary', state: 'up' }], cspReportsLastHour: 0 }, getConfig().alerts, now)
      .filter((a) => a.firing)
      .map((a) => a.name);
    expect(firing).toEqual(['MigrationChainFiguresStale', 'MigrationSubmittedStuck', 'MigrationIncidentUpdateOverdue']);

    const { body } = await renderMetrics();
    expect(body).toMatch(/^migration_submitted_oldest_age_seconds 660$/m);
    expect(body).toMatch(/^migration_incident_updates_overdue 1$/m);
    expect(body).toMatch(/^migration_rows\{state="submitted"\} 2$/m);
    expect(body).toMatch(/^migration_database_figures_timestamp_seconds \d+/m);
  });
});
