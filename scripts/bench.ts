/**
 * `npm run bench`: figures, never assertions about time. Every figure is printed with the command
 * that produced it. Sections (all by default; `--only a,b` picks some):
 *
 * - `build`: `POST /api/v1/migrations` p50/p99, req/s and the app's CPU time per request
 *   (autocannon, `--duration` s each) at 1, 50 and 200 connections (and the floor: the same route
 *   answering 400 to an empty body), with 0 ms and 50 ms added to every RPC request by a latency
 *   proxy in front of the local validator; and one RPC round trip through the proxy, for the ratio.
 * - `submit`: `POST /api/v1/migrations/{id}/submit` p50/p99 for holder-signed transactions sent
 *   concurrently, and the time until each is confirmed.
 * - `deposit`: deposit and receive (DESIGN.md "Deposit and receive"): `--deposits N` snapshot
 *   holders (50) send AI16Z to the deposit token account in plain transfers, `--deposit-concurrency
 *   N` (10) at a time, and nudge `POST /api/v1/deposits` as the tracking page does; the figure is
 *   detected-to-paid p50/p99 as the app recorded it (`detectedAt` → `paidAt` of
 *   `GET /api/v1/deposits/{signature}`: the payout signed, sent, landed and settled by the
 *   reconciler), and, for context, transfer-confirmed-to-paid as the holder sees it (the wait for
 *   `finalized` included).
 * - `status`: req/s of the status page (`/`) with the middleware, and the same page of the same
 *   commit built without `middleware.ts` (a copy of the tree in a temporary directory): ratio.
 * - `firstload`: first-load JS (gzip) of `/`, `/status`, `/migrate` against a bare Next.js page
 *   built in the same run with the same Next.
 * - `observability` (needs TEST_DATABASE_URL or BENCH_DATABASE_URL): the cost of metrics and
 *   logging on the build path: the app's CPU time per `POST /api/v1/migrations` (50 connections)
 *   of an instance with both on (`METRICS_TOKEN` set, scraped every 5 s; `LOG_LEVEL=info`, one
 *   JSON line per request and per migration event, to a pipe) against a second instance of the
 *   same build, database and validator with both off (no `METRICS_TOKEN`, `LOG_LEVEL=silent`),
 *   `--rounds` runs each in alternating order (default 4): medians and the overhead. Goal ≤ 5 %.
 * - `scale` (needs TEST_DATABASE_URL or BENCH_DATABASE_URL: a PostgreSQL role that may create a
 *   database): two instances on one PostgreSQL: 1,000 wallets migrating concurrently, then the
 *   RSS of one instance, then the kill switch flipped 10 times: worst time until both instances
 *   answer `/migrate` accordingly.
 *
 * Ports: 3200–3205 (3203: the observability section's second instance), validator 28899/28900 (scale 28909/28910), latency proxy 28901; all shifted by
 * E2E_PORT_OFFSET. Options: `--duration S` (default 10), `--submits N` (200),
 * `--submit-concurrency N` (20), `--deposits N` (50), `--deposit-concurrency N` (10), `--wallets N`
 * (scale, 1000), `--only LIST`, `--database postgres`
 * (build, submit, status and firstload on a scratch PostgreSQL database instead of PGlite; needs
 * TEST_DATABASE_URL or BENCH_DATABASE_URL).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { openDatabase } from '@/lib/db/client';
import { eq } from 'drizzle-orm';
import { maintenanceFlag } from '@/lib/db/schema';
import { buildSignSubmit, type Holder, inPool, migrateRestartingExpired, waitSettled } from '@/scripts/lib/load-client';
import { createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Connection, Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { startLatencyProxy } from '@/scripts/lib/latency-proxy';
import { createScratchDatabase } from '@/scripts/lib/postgres';
import { spawnAppServer } from '@/scripts/lib/app-server';
import { ROOT, type Stack, startStack } from '@/scripts/lib/stack';

const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const PORTS = {
  app: 3200 + OFFSET,
  noMiddleware: 3201 + OFFSET,
  bare: 3202 + OFFSET,
  observability: 3203 + OFFSET,
  scale: [3204 + OFFSET, 3205 + OFFSET],
  rpc: 28899 + OFFSET,
  ws: 28900 + OFFSET,
  proxy: 28901 + OFFSET,
  scaleRpc: 28909 + OFFSET,
  scaleWs: 28910 + OFFSET,
};
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const ENV_PREFIX = OFFSET ? `E2E_PORT_OFFSET=${OFFSET} ` : '';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(latenciesMs: number[]): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${sorted.length})`;
}

/**
 * One read of `/proc/PID/stat`, as a lookup of field `n` (1-based, as proc(5) numbers them: 4 ppid,
 * 14 utime, 15 stime). The command name (field 2) may hold spaces and parentheses, so fields are
 * counted from the last ")".
 */
function procStat(pid: number | string): (n: number) => number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (n) => Number(fields[n - 3]);
}

/** CPU time (user + system) the process `pid` has used so far, ms (100 ticks/s). */
function cpuMs(pid: number): number {
  const field = procStat(pid);
  return (field(14) + field(15)) * 10;
}

const figure = (command: string, line: string) => console.log(`\n$ ${ENV_PREFIX}${command}\n${line}`);
const goal = (met: boolean, text: string) => `${met ? 'goal met' : 'GOAL NOT MET'}: ${text}`;

async function benchBuild(stack: Stack, setDelay: (ms: number) => void, proxyUrl: string, duration: number, databaseOption: string): Promise<void> {
  const wallet = stack.config.demoWallets.eligible.publicKey;
  const command = `${databaseOption ? 'TEST_DATABASE_URL=… ' : ''}npm run bench -- --only build --duration ${duration}${databaseOption}`;
  // The floor: the same route refusing a body without a wallet (400 from the schema) passes the
  // middleware, the route and the error answer, and does no database, chain or transaction work.
  const pid = stack.appPids[0] ?? -1;
  const floorCpu = cpuMs(pid);
  const floor = await autocannon({ url: `${stack.appUrl}/api/v1/migrations`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', connections: 50, duration });
  const floorPerRequest = (cpuMs(pid) - floorCpu) / Math.max(1, floor.requests.total);
  figure(
    command,
    `floor  POST /api/v1/migrations with {} (400 before any work), 50 connections, ${duration} s: p50 ${floor.latency.p50} ms, ${floor.requests.average.toFixed(0)} req/s, ` +
      `app CPU ${floorPerRequest.toFixed(1)} ms per request (at most ${(1000 / floorPerRequest).toFixed(0)} req/s per instance for any request on this machine)`,
  );
  for (const delayMs of [0, 50]) {
    setDelay(delayMs);
    // One RPC round trip through the proxy (getLatestBlockhash, what a build needs fresh at most every 2 s).
    const trips: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const t0 = performance.now();
      await fetch(proxyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getLatestBlockhash', params: [{ commitment: 'confirmed' }] }) }).then((r) => r.json());
      trips.push(performance.now() - t0);
    }
    const roundTrip = percentile([...trips].sort((a, b) => a - b), 50);
    // 1 connection: what one holder waits when nothing queues (one getMultipleAccounts per build);
    // 50 and 200: a crowd, where the wait is mostly the queue for this instance's one JS thread.
    for (const connections of [1, 50, 200]) {
      const cpuBefore = cpuMs(pid);
      const result = await autocannon({
        url: `${stack.appUrl}/api/v1/migrations`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ wallet, amount: '1000000000' }),
        connections,
        duration,
      });
      const cpuPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total);
      const reqPerS = result.requests.average;
      const notes: string[] = [];
      if (delayMs === 50 && connections > 1) notes.push(goal(result.latency.p50 <= 1.2 * roundTrip, `p50 ${result.latency.p50} ms vs 1.2 × round trip ${roundTrip.toFixed(1)} ms = ${(1.2 * roundTrip).toFixed(1)} ms`));
      if (delayMs === 0 && connections > 1) notes.push(goal(reqPerS >= 300, `${reqPerS.toFixed(0)} req/s vs ≥ 300`));
      figure(
        command,
        `build  POST /api/v1/migrations  RPC +${delayMs} ms (one RPC round trip p50 ${roundTrip.toFixed(1)} ms), ${connections} connection${connections > 1 ? 's' : ''}, ${duration} s: ` +
          `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${reqPerS.toFixed(0)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors; ` +
          `app CPU ${cpuPerRequest.toFixed(1)} ms per request (at most ${(1000 / cpuPerRequest).toFixed(0)} req/s per instance)${notes.length ? `; ${notes.join('; ')}` : ''}`,
      );
    }
  }
  setDelay(0);
}

/**
 * Metrics and logging on vs off: two instances of the same build on one scratch PostgreSQL and
 * one validator, started once, one with both on (`METRICS_TOKEN`, scraped every 5 s;
 * `LOG_LEVEL=info` to a pipe that is read and dropped, as a log shipper reads stdout), one with
 * both off (no `METRICS_TOKEN`, `LOG_LEVEL=silent`). Runs alternate (on, off, off, on, …) so
 * drift on a shared machine hits both alike; the figure is the app's own CPU time per build
 * request (/proc; PostgreSQL and the validator are other processes), median over `rounds`.
 */
async function benchObservability(adminUrl: string, duration: number, rounds: number): Promise<void> {
  const database = await createScratchDatabase(adminUrl, 'bench_observability');
  let stack: Stack | undefined;
  let quiet: ChildProcess | undefined;
  try {
    stack = await startStack({
      appPort: PORTS.app,
      rpcPort: PORTS.rpc,
      wsPort: PORTS.ws,
      localnetDir: path.join(ROOT, '.localnet', `bench-observability${OFFSET ? `-${OFFSET}` : ''}`),
      databaseUrl: database.url,
      extraEnv: { RATE_LIMIT_SCALE: '100000', LOG_LEVEL: 'info' },
      appOutput: 'pipe',
    });
    const quietUrl = `http://localhost:${PORTS.observability}`;
    // Empty is unset (lib/config/env.ts): no METRICS_TOKEN, so metrics are off and nothing is recorded.
    quiet = spawnAppServer({ cwd: ROOT, port: PORTS.observability, env: { ...process.env, ...stack.env, LOG_LEVEL: 'silent', METRICS_TOKEN: '', PORT: String(PORTS.observability) }, stdio: ['ignore', 'pipe', 'inherit'] });
    quiet.stdout?.resume();
    for (let i = 0; (await fetch(`${quietUrl}/api/v1/health/ready`).then((r) => r.ok, () => false)) === false; i += 1) {
      if (i > 240) throw new Error(`the second instance did not become ready on ${quietUrl}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const token = stack.env.METRICS_TOKEN;
    const instances = { on: { url: stack.appUrl, pid: stack.appPids[0] ?? -1 }, off: { url: quietUrl, pid: quiet.pid ?? -1 } };
    const body = JSON.stringify({ wallet: stack.config.demoWallets.eligible.publicKey, amount: '1000000000' });
    const load = (url: string, seconds: number) => autocannon({ url: `${url}/api/v1/migrations`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 50, duration: seconds });
    // Warm-up: JIT, connection pools, PostgreSQL's caches (the first runs cost twice the later ones without it).
    for (const instance of Object.values(instances)) await load(instance.url, Math.max(10, duration));
    const samples = { on: [] as number[], off: [] as number[] };
    const rps = { on: [] as number[], off: [] as number[] };
    let scrapes = 0;
    for (let round = 0; round < rounds; round += 1) {
      for (const mode of round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        const { url, pid } = instances[mode];
        const scraper =
          mode === 'on'
            ? setInterval(() => {
                scrapes += 1;
                void fetch(`${url}/api/v1/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer(), () => undefined);
              }, 5_000)
            : null;
        const before = cpuMs(pid);
        const result = await load(url, duration);
        if (scraper) clearInterval(scraper);
        if (result.non2xx > 0 || result.errors > 0) console.log(`[bench] observability ${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        samples[mode].push((cpuMs(pid) - before) / Math.max(1, result.requests.total));
        rps[mode].push(result.requests.average);
      }
    }
    const median = (list: number[]) => percentile([...list].sort((a, b) => a - b), 50);
    const direct = directObservabilityCost(stack.env.METRICS_TOKEN ?? 'x'.repeat(24));
    const on = median(samples.on);
    const off = median(samples.off);
    const overhead = ((on - off) / off) * 100;
    const show = (list: number[]) => list.map((v) => v.toFixed(2)).join(', ');
    figure(
      `TEST_DATABASE_URL=… npm run bench -- --only observability --duration ${duration} --rounds ${rounds}`,
      `observability  POST /api/v1/migrations, 50 connections, ${rounds} runs of ${duration} s per instance, alternating: app CPU per request ` +
        `with metrics + logs ${on.toFixed(2)} ms (runs ${show(samples.on)}; median ${median(rps.on).toFixed(0)} req/s; ${scrapes} scrapes), ` +
        `without ${off.toFixed(2)} ms (runs ${show(samples.off)}; median ${median(rps.off).toFixed(0)} req/s): ` +
        `overhead ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} % (the runs of one instance spread ${spread(samples.on).toFixed(0)} % and ${spread(samples.off).toFixed(0)} % on this machine); ` +
        `${goal(overhead <= 5, 'overhead ≤ 5 % more CPU per request')}`,
    );
    const directMs = (direct.logUs + direct.metricsUs) / 1000;
    const directShare = (directMs / off) * 100;
    figure(
      `tsx scripts/lib/observability-cost.ts 20000 (stdout piped; run by npm run bench -- --only observability)`,
      `observability, direct: what a build request logs and records, timed in one process (${direct.requests} requests, CPU): the 2 log lines ${direct.logUs.toFixed(1)} µs, ` +
        `the 5 metric updates ${direct.metricsUs.toFixed(1)} µs: ${(directMs * 1000).toFixed(0)} µs = ${directShare.toFixed(2)} % of the ${off.toFixed(2)} ms a build costs without them; ` +
        `${goal(directShare <= 5, 'overhead ≤ 5 % more CPU per request')}`,
    );
  } finally {
    if (quiet) await new Promise<void>((resolve) => {
      quiet?.once('exit', () => resolve());
      quiet?.kill('SIGTERM');
      setTimeout(resolve, 5_000).unref();
    });
    await stack?.close();
    await database.drop();
  }
}

/** Largest minus smallest of a list, in % of its median (how far runs of the same setup spread). */
function spread(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return (((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)) / percentile(sorted, 50)) * 100;
}

/** scripts/lib/observability-cost.ts in a child whose stdout (the log lines) is piped and drained: µs of CPU per request. */
function directObservabilityCost(metricsToken: string): { logUs: number; metricsUs: number; requests: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'lib', 'observability-cost.ts'), '20000'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', METRICS_TOKEN: metricsToken },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`observability-cost.ts failed: ${run.stderr?.toString() ?? run.error?.message}`);
  return JSON.parse(run.stderr.toString().trim().split('\n').at(-1) ?? '{}') as { logUs: number; metricsUs: number; requests: number };
}

async function benchSubmit(appUrl: string, holders: Holder[], concurrency: number): Promise<void> {
  // Build and sign every transaction first (not timed), then submit them all concurrently.
  const submitMs: number[] = [];
  const confirmMs: number[] = [];
  const started = performance.now();
  await inPool(holders, concurrency, async (holder, i) => {
    const outcome = await buildSignSubmit({ buildUrl: appUrl, submitUrl: appUrl, holder, amount: 1_000_000_000n, ip: `10.3.${i >> 8}.${i & 255}` });
    if (!outcome.ok) throw new Error(`migration of ${holder.publicKey} refused at ${outcome.step}: ${outcome.code}`);
    submitMs.push(outcome.submitMs);
    const t0 = performance.now() - outcome.submitMs;
    const state = await waitSettled(appUrl, outcome.id, 120_000, 50);
    if (state !== 'confirmed') throw new Error(`migration ${outcome.id} ended ${state}`);
    confirmMs.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  const command = `npm run bench -- --only submit --submits ${holders.length} --submit-concurrency ${concurrency}`;
  figure(command, `submit POST /api/v1/migrations/{id}/submit  ${holders.length} holders, ${concurrency} at a time (each: build, sign, submit): ${summary(submitMs)}`);
  console.log(`       submit → confirmed (polling GET /api/v1/migrations/{id} every 50 ms): ${summary(confirmMs)}; ${(holders.length / seconds).toFixed(1)} migrations/s end to end`);
}

/** One deposit: a plain TransferChecked of `amount` AI16Z base units from the holder's ATA to the deposit token account, confirmed. */
async function sendDeposit(connection: Connection, stack: Stack, holder: Holder, amount: bigint): Promise<string> {
  const { ai16z } = stack.config.mints;
  const owner = Keypair.fromSecretKey(bs58.decode(holder.secretKey));
  const mint = new PublicKey(ai16z.address);
  const program = new PublicKey(ai16z.programId);
  const from = getAssociatedTokenAddressSync(mint, owner.publicKey, false, program);
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash('confirmed');
  const tx = new Transaction({ feePayer: owner.publicKey, blockhash, lastValidBlockHeight }).add(
    createTransferCheckedInstruction(from, mint, new PublicKey(stack.config.deposit.tokenAccount), owner.publicKey, amount, ai16z.decimals, [], program),
  );
  tx.sign(owner);
  const signature = await connection.sendRawTransaction(tx.serialize());
  const confirmed = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed');
  if (confirmed.value.err) throw new Error(`deposit ${signature} failed: ${JSON.stringify(confirmed.value.err)}`);
  return signature;
}

type DepositAnswer = { state: string; deposits: { detectedAt: string; paidAt: string | null }[] };

async function benchDeposit(stack: Stack, holders: Holder[], concurrency: number): Promise<void> {
  const connection = new Connection(stack.config.rpcUrl, 'confirmed');
  const detectedToPaid: number[] = [];
  const confirmedToPaid: number[] = [];
  const started = performance.now();
  await inPool(holders, concurrency, async (holder, i) => {
    const signature = await sendDeposit(connection, stack, holder, 1_000_000_000n);
    const t0 = performance.now();
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': `10.4.${i >> 8}.${i & 255}` };
    // As the tracking page does: nudge until the deposit is recorded (final), then read it until paid.
    for (let attempt = 0; ; attempt += 1) {
      if (performance.now() - t0 > 180_000) throw new Error(`deposit ${signature} not paid within 180 s`);
      const response = await fetch(`${stack.appUrl}/api/v1/deposits`, { method: 'POST', headers, body: JSON.stringify({ signature }) });
      const answer = (await response.json()) as DepositAnswer & { finalized?: boolean };
      if (response.status === 200 || (response.status === 202 && answer.finalized)) break;
      if (response.status !== 202) throw new Error(`nudge of ${signature}: HTTP ${response.status} ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (;;) {
      if (performance.now() - t0 > 180_000) throw new Error(`deposit ${signature} not paid within 180 s`);
      const response = await fetch(`${stack.appUrl}/api/v1/deposits/${signature}`, { headers });
      const answer = (await response.json()) as DepositAnswer;
      if (response.status === 200 && answer.state !== 'pending') {
        if (answer.state !== 'paid') throw new Error(`deposit ${signature} ended ${answer.state}`);
        confirmedToPaid.push(performance.now() - t0);
        for (const d of answer.deposits) if (d.paidAt) detectedToPaid.push(Date.parse(d.paidAt) - Date.parse(d.detectedAt));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const command = `npm run bench -- --only deposit --deposits ${holders.length} --deposit-concurrency ${concurrency}`;
  figure(command, `deposit detected → paid (the app's detectedAt → paidAt: payout signed, sent, landed, settled): ${summary(detectedToPaid)}`);
  console.log(`       transfer confirmed → paid, as the holder sees it (waiting for finalized, nudging every 500 ms, reading every 50 ms): ${summary(confirmedToPaid)}; ${(holders.length / seconds).toFixed(1)} deposits/s end to end`);
}

async function reqPerSecond(url: string, duration: number, connections = 50): Promise<{ rps: number; p50: number; non2xx: number }> {
  const result = await autocannon({ url, connections, duration });
  return { rps: result.requests.average, p50: result.latency.p50, non2xx: result.non2xx };
}

/** A copy of this tree (sources only; node_modules linked) in a temporary directory. */
function copyTree(label: string, omit: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${label}-`));
  const skip = new Set(['node_modules', '.next', '.data', '.localnet', '.git', 'test-results', 'playwright-report', ...omit]);
  for (const entry of readdirSync(ROOT)) if (!skip.has(entry)) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function nextBuild(dir: string): void {
  execFileSync(process.execPath, [NEXT_BIN, 'build'], { cwd: dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Starts a built tree on `port`: the app's own server (server.ts, as `npm start`), or `next start`
 * for a tree without one (the bare Next page the first-load figures compare with).
 */
async function startBuilt(dir: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const stdio: ['ignore', 'ignore', 'inherit'] = ['ignore', 'ignore', 'inherit'];
  const child = existsSync(path.join(dir, 'server.ts'))
    ? spawnAppServer({ cwd: dir, port, env: { ...process.env, ...env }, stdio })
    : spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port)], { cwd: dir, env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' }, stdio });
  for (let i = 0; i < 240; i += 1) {
    const ok = await fetch(`http://localhost:${port}/`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the build in ${dir} did not answer on :${port}`);
}

async function benchStatus(stack: Stack, duration: number): Promise<void> {
  const dir = copyTree('no-middleware', ['middleware.ts']);
  let server: ChildProcess | undefined;
  try {
    console.log(`\n[bench] building the same tree without middleware.ts in ${dir}…`);
    nextBuild(dir);
    // The release file list is not there: the server would refuse to start without it (lib/release/served.ts).
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'release', 'build-files.ts')], { cwd: dir, stdio: 'ignore' });
    server = await startBuilt(dir, PORTS.noMiddleware, stack.env);
    const withMw = await reqPerSecond(`${stack.appUrl}/`, duration);
    const without = await reqPerSecond(`http://localhost:${PORTS.noMiddleware}/`, duration);
    const ratio = withMw.rps / without.rps;
    figure(
      `npm run bench -- --only status --duration ${duration}`,
      `status page GET /  50 connections, ${duration} s: with middleware ${withMw.rps.toFixed(0)} req/s (p50 ${withMw.p50} ms, ${withMw.non2xx} non-2xx), ` +
        `without ${without.rps.toFixed(0)} req/s (p50 ${without.p50} ms): ratio ${ratio.toFixed(2)}; ${goal(ratio >= 0.85, 'ratio ≥ 0.85')}`,
    );
  } finally {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sum of the gzip sizes of the `<script src>` files a page loads before any interaction. */
async function firstLoadJs(origin: string, pagePath: string): Promise<{ status: number; bytes: number; files: number }> {
  const response = await fetch(`${origin}${pagePath}`);
  const html = await response.text();
  const sources = [...new Set([...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string))];
  let bytes = 0;
  for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src.replace(/&amp;/g, '&'), origin))).arrayBuffer()), { level: 9 }).length;
  return { status: response.status, bytes, files: sources.length };
}

async function benchFirstLoad(stack: Stack): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-bare-next-'));
  let server: ChildProcess | undefined;
  try {
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bare-next', private: true }));
    writeFileSync(path.join(dir, 'app', 'layout.tsx'), 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n');
    writeFileSync(path.join(dir, 'app', 'page.tsx'), 'export default function Page() {\n  return <main>Hello</main>;\n}\n');
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    console.log(`\n[bench] building a bare Next ${JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'next', 'package.json'), 'utf8')).version} page in ${dir}…`);
    nextBuild(dir);
    server = await startBuilt(dir, PORTS.bare, {});
    const bare = await firstLoadJs(`http://localhost:${PORTS.bare}`, '/');
    const lines = [`bare Next page /: ${(bare.bytes / 1024).toFixed(1)} kB gzip in ${bare.files} scripts`];
    for (const page of ['/', '/status', '/migrate']) {
      const ours = await firstLoadJs(stack.appUrl, page);
      const ratio = ours.bytes / bare.bytes;
      lines.push(`${page} (HTTP ${ours.status}): ${(ours.bytes / 1024).toFixed(1)} kB gzip in ${ours.files} scripts, ratio ${ratio.toFixed(3)}; ${goal(ratio <= 1.05, 'ratio ≤ 1.05')}`);
    }
    figure('npm run bench -- --only firstload', `first-load JS (sum of gzip -9 of every <script src> in the served HTML)\n  ${lines.join('\n  ')}`);
  } finally {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RSS of a process and its descendants, kB (Linux /proc). */
function rssKb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = procStat(entry)(4);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const visit = (p: number) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
    total += Number(match?.[1] ?? 0);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return total;
}

async function benchScale(adminUrl: string, wallets: number): Promise<void> {
  const database = await createScratchDatabase(adminUrl, 'bench');
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      appPort: PORTS.scale[0] as number,
      extraAppPorts: PORTS.scale.slice(1),
      rpcPort: PORTS.scaleRpc,
      wsPort: PORTS.scaleWs,
      localnetDir: path.join(ROOT, '.localnet', `bench-scale${OFFSET ? `-${OFFSET}` : ''}`),
      databaseUrl: database.url,
      loadWallets: wallets,
      extraEnv: { RATE_LIMIT_SCALE: '100000' },
      appOutput: 'ignore',
    });
    const urls = stack.appUrls;
    const started = performance.now();
    let restarts = 0;
    let rpcRetries = 0;
    const outcomes = await inPool(stack.config.loadWallets.slice(0, wallets), wallets, async (holder, i) => {
      const run = await migrateRestartingExpired({ buildUrl: urls[i % 2] as string, submitUrl: urls[(i + 1) % 2] as string, holder, amount: 1_000_000_000n, ip: `10.4.${i >> 8}.${i & 255}` });
      restarts += run.restarts;
    rpcRetries += run.rpcRetries;
      return run.outcome.ok ? waitSettled(urls[i % 2] as string, run.outcome.id, 300_000, 250) : `${run.outcome.step}:${run.outcome.code}`;
    });
    const seconds = (performance.now() - started) / 1000;
    const tally = Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]));
    const rss = rssKb(stack.appPids[0] as number);
    figure(
      `TEST_DATABASE_URL=… npm run bench -- --only scale --wallets ${wallets}`,
      `scale  2 instances, 1 PostgreSQL: ${wallets} wallets migrating at once (build on one instance, submit on the other): ${JSON.stringify(tally)} in ${seconds.toFixed(1)} s (${(wallets / seconds).toFixed(1)} migrations/s; ${restarts} started again after MIGRATION_EXPIRED, ${rpcRetries} builds retried after RPC_UNAVAILABLE)\n` +
        `       RSS of instance 1 (${urls[0]}, process tree) after the run: ${(rss / 1024).toFixed(0)} MB`,
    );

    // Kill switch: flip the flag in the database (what the ops API does) and time until both instances' /migrate agree.
    const handle = await openDatabase(database.url, { migrate: false });
    // The row the ops API writes (lib/maintenance/server.ts), written directly: no audit entry in this throwaway database.
    const setFlag = async (on: boolean) => {
      const now = new Date();
      await handle.db
        .update(maintenanceFlag)
        .set(on ? { on: true, reason: 'bench flip', since: now, setBy: 'bench', updatedAt: now } : { on: false, reason: null, since: null, setBy: 'bench', updatedAt: now })
        .where(eq(maintenanceFlag.id, 1));
    };
    const worst: number[] = [];
    try {
      for (let i = 0; i < 10; i += 1) {
        const on = i % 2 === 0;
        await new Promise((r) => setTimeout(r, 300 + Math.random() * 300));
        const t0 = performance.now();
        await setFlag(on);
        const seen = await Promise.all(
          urls.map(async (url) => {
            for (;;) {
              const status = (await fetch(`${url}/migrate`, { redirect: 'manual' }).then((r) => (void r.arrayBuffer(), r.status))) === 503;
              if (status === on) return performance.now() - t0;
              await new Promise((r) => setTimeout(r, 10));
            }
          }),
        );
        worst.push(Math.max(...seen));
      }
    } finally {
      await setFlag(false);
      await handle.close();
    }
    const max = Math.max(...worst);
    figure(
      `TEST_DATABASE_URL=… npm run bench -- --only scale`,
      `kill switch  10 flips (on/off) written to the database, time until /migrate on both instances answers accordingly (polled every 10 ms): ` +
        `worst ${max.toFixed(0)} ms, median ${percentile([...worst].sort((a, b) => a - b), 50).toFixed(0)} ms; ${goal(max <= 1000, 'worst ≤ 1 s')}`,
    );
  } finally {
    await stack?.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      submits: { type: 'string', default: '200' },
      'submit-concurrency': { type: 'string', default: '20' },
      deposits: { type: 'string', default: '50' },
      'deposit-concurrency': { type: 'string', default: '10' },
      wallets: { type: 'string', default: '1000' },
      only: { type: 'string' },
      database: { type: 'string', default: 'pglite' },
      rounds: { type: 'string', default: '4' },
    },
  });
  const sections = new Set((values.only ?? 'build,submit,deposit,status,firstload,observability,scale').split(','));
  const duration = Number(values.duration);
  const submits = Number(values.submits);
  const depositCount = sections.has('deposit') ? Number(values.deposits) : 0;
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  console.log(`bench: ${new Date().toISOString()}, Node ${process.version}, ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} CPUs; sections ${[...sections].join(', ')}`);

  if (['build', 'submit', 'deposit', 'status', 'firstload'].some((s) => sections.has(s))) {
    const onPostgres = values.database === 'postgres';
    if (onPostgres && !adminUrl) throw new Error('--database postgres needs TEST_DATABASE_URL or BENCH_DATABASE_URL');
    const dataDir = path.join(ROOT, '.data', `bench${OFFSET ? `-${OFFSET}` : ''}`);
    rmSync(dataDir, { recursive: true, force: true });
    const scratch = onPostgres && adminUrl ? await createScratchDatabase(adminUrl, 'bench') : undefined;
    const proxy = await startLatencyProxy(`http://127.0.0.1:${PORTS.rpc}`, PORTS.proxy);
    const stack = await startStack({
      appPort: PORTS.app,
      rpcPort: PORTS.rpc,
      wsPort: PORTS.ws,
      localnetDir: path.join(ROOT, '.localnet', `bench${OFFSET ? `-${OFFSET}` : ''}`),
      databaseUrl: scratch?.url ?? `pglite://${dataDir}`,
      loadWallets: submits + depositCount,
      // Benchmarks measure the work, not the per-IP and per-wallet limits; the app reads the chain through the latency proxy.
      extraEnv: { RATE_LIMIT_SCALE: '100000', SOLANA_RPC_URL: proxy.url },
      appOutput: 'ignore',
    });
    try {
      console.log(`app ${stack.appUrl} (server.ts, ${onPostgres ? 'PostgreSQL' : 'PGlite'}), local validator ${stack.config.rpcUrl} behind latency proxy ${proxy.url}`);
      const database = onPostgres ? ' --database postgres' : '';
      if (sections.has('build')) await benchBuild(stack, proxy.setDelay, proxy.url, duration, database);
      if (sections.has('submit')) await benchSubmit(stack.appUrl, stack.config.loadWallets.slice(0, submits), Number(values['submit-concurrency']));
      if (sections.has('deposit')) {
        proxy.setDelay(0);
        await benchDeposit(stack, stack.config.loadWallets.slice(submits, submits + depositCount), Number(values['deposit-concurrency']));
      }
      if (sections.has('status')) await benchStatus(stack, duration);
      if (sections.has('firstload')) await benchFirstLoad(stack);
    } finally {
      await stack.close();
      await proxy.close();
      await scratch?.drop();
    }
  }
  if (sections.has('observability')) {
    if (adminUrl) await benchObservability(adminUrl, Number(values.duration), Number(values.rounds));
    else console.log('\nobservability: SKIPPED (set TEST_DATABASE_URL or BENCH_DATABASE_URL: the two instances it compares share one PostgreSQL)');
  }
  if (sections.has('scale')) {
    if (adminUrl) await benchScale(adminUrl, Number(values.wallets));
    else console.log('\nscale: SKIPPED (set TEST_DATABASE_URL or BENCH_DATABASE_URL to a PostgreSQL role that may create databases)');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
