/**
 * Start-up, once per Node server: the environment must parse and the chain must match it, or the
 * server stops with a message naming what to fix before it answers a single request. The files
 * under .next/static must be the ones the build listed (they are what the signed manifest
 * describes). The database must open (on PostgreSQL: with no migration pending). Then the reconciler settles submitted migrations every 2 s.
 */
import { getConnection } from '@/lib/chain';
import { exitOnConfigError, getConfig } from '@/lib/config';
import { verifyDeploymentOnChain } from '@/lib/chain/startup';
import { getDbHandle } from '@/lib/db';
import { startReconciler } from '@/lib/migration/reconciler';
import { prepareRelease } from '@/lib/release/served';
import { warmSnapshotProofs } from '@/lib/snapshot/proofs';
import { log } from '@/lib/observability/log';
import { loopbackOrigin } from '@/lib/config/edge';
import { recordEmbeddedOwner } from '@/lib/db/client';
import { startOpsFigures } from '@/lib/observability/figures';
import { markReady } from '@/lib/observability/health';
import { enableMetrics } from '@/lib/observability/metrics';

const RECONCILE_EVERY_MS = 2_000;

export async function registerNode(): Promise<void> {
  try {
    await verifyDeploymentOnChain(getConnection(), getConfig());
    // PostgreSQL: reachable and fully migrated (`npm run db:migrate`), or no start; PGlite migrates here.
    await getDbHandle();
    const release = prepareRelease();
    if (release.fatal.length > 0) throw new Error(`the deployment manifest cannot describe this server:\n  - ${release.fatal.join('\n  - ')}`);
    for (const warning of release.warnings) log('release').warn({ event: 'release.warning', warning }, warning);
  } catch (error) {
    exitOnConfigError(error);
  }
  const config = getConfig();
  if (config.metricsToken) enableMetrics();
  // Doctor asks the running app, not the embedded database directory, while this process owns it.
  recordEmbeddedOwner(config.databaseUrl, loopbackOrigin());
  warmSnapshotProofs();
  startReconciler(RECONCILE_EVERY_MS);
  startOpsFigures();
  markReady();
}
