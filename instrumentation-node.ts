/**
 * Start-up, once per Node server: the environment must parse and the chain must match it, or the
 * server stops with a message naming what to fix before it answers a single request. Then the
 * reconciler settles submitted migrations every 2 s.
 */
import { getConnection } from '@/lib/chain';
import { exitOnConfigError, getConfig } from '@/lib/config';
import { verifyDeploymentOnChain } from '@/lib/chain/startup';
import { startReconciler } from '@/lib/migration/reconciler';

const RECONCILE_EVERY_MS = 2_000;

export async function registerNode(): Promise<void> {
  try {
    await verifyDeploymentOnChain(getConnection(), getConfig());
  } catch (error) {
    exitOnConfigError(error);
  }
  startReconciler(RECONCILE_EVERY_MS);
}
