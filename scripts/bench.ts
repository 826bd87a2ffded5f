/**
 * `npm run bench`: figures, never assertions about time. Starts its own stack (local validator
 * seeded with load wallets, a fresh PGlite, the production build) on ports apart from the demo's
 * and the e2e suite's, then measures:
 *
 * - build: `POST /api/v1/migrations` latency p50/p99 and req/s (autocannon, fixed concurrency);
 * - submit: `POST /api/v1/migrations/{id}/submit` latency p50/p99 for holder-signed
 *   transactions sent concurrently, and the time until each is confirmed.
 *
 * Options: `--connections N` (build, default 50), `--duration S` (build, default 10),
 * `--submits N` (default 200), `--submit-concurrency N` (default 20), `--only build|submit`.
 * Every figure is printed with the command that produced it.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Keypair, Transaction } from '@solana/web3.js';
import autocannon from 'autocannon';
import bs58 from 'bs58';
import { buildResponseSchema, migrationResponseSchema, submitResponseSchema } from '@/lib/api/types';
import { ROOT, startStack } from '@/scripts/lib/stack';

const PORTS = { app: 3200, rpc: 28899, ws: 28900 };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(latenciesMs: number[]): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${sorted.length})`;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        if (item !== undefined) await task(item);
      }
    }),
  );
}

async function benchBuild(appUrl: string, wallet: string, amount: string, connections: number, duration: number, command: string): Promise<void> {
  const result = await autocannon({
    url: `${appUrl}/api/v1/migrations`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ wallet, amount }),
    connections,
    duration,
  });
  console.log(`\n$ ${command}`);
  console.log(
    `build  POST /api/v1/migrations  ${connections} connections, ${duration} s: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `${result.requests.average.toFixed(0)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
}

async function benchSubmit(appUrl: string, holders: { publicKey: string; secretKey: string }[], concurrency: number, command: string): Promise<void> {
  // Build and sign every transaction first (not timed), then submit them all concurrently.
  const signed: { id: string; transaction: string }[] = [];
  await pool(holders, 10, async (holder) => {
    const built = await postJson(`${appUrl}/api/v1/migrations`, { wallet: holder.publicKey, amount: '1000000000' });
    if (built.status !== 201) throw new Error(`build for ${holder.publicKey} answered ${built.status}: ${JSON.stringify(built.json)}`);
    const { id, transaction } = buildResponseSchema.parse(built.json);
    const tx = Transaction.from(Buffer.from(transaction, 'base64'));
    tx.partialSign(Keypair.fromSecretKey(bs58.decode(holder.secretKey)));
    signed.push({ id, transaction: tx.serialize({ requireAllSignatures: false }).toString('base64') });
  });
  const submitMs: number[] = [];
  const confirmMs: number[] = [];
  const started = performance.now();
  await pool(signed, concurrency, async ({ id, transaction }) => {
    const t0 = performance.now();
    const answer = await postJson(`${appUrl}/api/v1/migrations/${id}/submit`, { transaction });
    submitMs.push(performance.now() - t0);
    if (answer.status !== 202) throw new Error(`submit of ${id} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    submitResponseSchema.parse(answer.json);
    for (;;) {
      const view = migrationResponseSchema.parse(await (await fetch(`${appUrl}/api/v1/migrations/${id}`)).json());
      if (view.state === 'confirmed') break;
      if (view.state !== 'submitted') throw new Error(`migration ${id} ended ${view.state}: ${view.error ?? ''}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    confirmMs.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n$ ${command}`);
  console.log(`submit POST /api/v1/migrations/{id}/submit  ${signed.length} signed migrations, ${concurrency} at a time: ${summary(submitMs)}`);
  console.log(`       submit → confirmed (polling GET /api/v1/migrations/{id} every 50 ms): ${summary(confirmMs)}; ${(signed.length / seconds).toFixed(1)} migrations/s`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      submits: { type: 'string', default: '200' },
      'submit-concurrency': { type: 'string', default: '20' },
      only: { type: 'string' },
    },
  });
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const submits = Number(values.submits);
  const submitConcurrency = Number(values['submit-concurrency']);
  const dataDir = path.join(ROOT, '.data', 'bench');
  rmSync(dataDir, { recursive: true, force: true });
  const stack = await startStack({
    appPort: PORTS.app,
    rpcPort: PORTS.rpc,
    wsPort: PORTS.ws,
    localnetDir: path.join(ROOT, '.localnet', 'bench'),
    databaseUrl: `pglite://${dataDir}`,
    loadWallets: submits,
    // Benchmarks measure the work, not the per-IP and per-wallet limits.
    extraEnv: { RATE_LIMIT_SCALE: '100000' },
  });
  try {
    console.log(`\nbench: ${new Date().toISOString()}, Node ${process.version}, app ${stack.appUrl} (next start, PGlite), local validator ${stack.config.rpcUrl}`);
    if (values.only !== 'submit') {
      const eligible = stack.config.demoWallets.eligible;
      await benchBuild(stack.appUrl, eligible.publicKey, '1000000000', connections, duration, `npm run bench -- --only build --connections ${connections} --duration ${duration}`);
    }
    if (values.only !== 'build') {
      await benchSubmit(stack.appUrl, stack.config.loadWallets.slice(0, submits), submitConcurrency, `npm run bench -- --only submit --submits ${submits} --submit-concurrency ${submitConcurrency}`);
    }
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
