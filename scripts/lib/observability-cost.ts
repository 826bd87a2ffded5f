/**
 * The direct cost of what a build request logs and records, in one process (run by
 * `npm run bench -- --only observability` with its stdout piped and drained, as a log shipper
 * reads the server's): per request, the two lines the server logs at `info` (`http.request` in
 * server.ts, `migration.built` in lib/migration/transitions.ts, inside the request's context) and
 * the metric updates (`observeHttp`, `observeMigrationStep`, `countTransition`, two
 * `countRpcCall`). Prints `{logUs, metricsUs, requests}` as JSON on stderr. `LOG_LEVEL` and
 * `METRICS_TOKEN` of the environment decide what is on, as in the server.
 */
import { log, withRequestContext } from '@/lib/observability/log';
import { countRpcCall, countTransition, enableMetrics, observeHttp, observeMigrationStep } from '@/lib/observability/metrics';

const REQUESTS = Number(process.argv[2] ?? 20_000);
if (process.env.METRICS_TOKEN) enableMetrics();
const migration = log('migration');
const server = log('server');
const wallet = 'DuMbhu7mvQvqQHGcnikDgb4XegXJRyhUBfdU22uELiZA';

function logs(i: number): void {
  withRequestContext({ requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }, () => {
    migration.info({ event: 'migration.built', id: '7d3c1a52-8a4e-4c1b-9f0e-3b2a1c0d9e8f', wallet, signature: null, from: null, amountIn: '1000000000', amountOut: '6000000000' }, 'new → built');
    server.info({ event: 'http.request', method: 'POST', route: '/api/v1/migrations', status: 201, ms: 12.3 }, 'request');
  });
}

function metrics(): void {
  observeHttp('/api/v1/migrations', 'POST', 201, 0.0123);
  observeMigrationStep('build', 'ok', 0.011);
  countTransition('new', 'built');
  countRpcCall({ endpoint: 'primary', method: 'getMultipleAccounts', outcome: 'ok', seconds: 0.002 });
  countRpcCall({ endpoint: 'primary', method: 'getLatestBlockhash', outcome: 'ok', seconds: 0.002 });
}

function time(work: (i: number) => void): number {
  for (let i = 0; i < 2_000; i += 1) work(i); // warm-up
  const started = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i += 1) work(i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / REQUESTS;
}

const logUs = time(logs);
const metricsUs = time(metrics);
process.stderr.write(`${JSON.stringify({ logUs, metricsUs, requests: REQUESTS })}\n`);
// Let the last log writes reach the pipe before exiting.
setTimeout(() => process.exit(0), 100);
