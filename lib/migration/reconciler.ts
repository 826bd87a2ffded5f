import 'server-only';
import { expireStaleBuilds, reconcileMigrations } from '@/lib/migration/service';

/**
 * Runs the reconciler on a timer (never two rounds at once). A failed round is logged and retried
 * on the next tick: an RPC outage delays settlement, it never loses a record.
 */
export function startReconciler(everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    Promise.all([reconcileMigrations(), expireStaleBuilds()])
      .catch((error: unknown) => console.warn('[reconciler] round failed:', error instanceof Error ? error.message : error))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
