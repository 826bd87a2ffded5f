/**
 * The whole local stack in one process tree: the local validator (seeded), a production build of
 * the app, and the app's server (server.ts, as `npm start` runs it) against them. Used by
 * `npm run demo` and by the Playwright harness.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_RECORD_FILE, writeBuildRecord } from '@/lib/release/build-files';
import { startLocalnet } from '@/scripts/localnet/index';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import { compileServer, spawnAppServer } from '@/scripts/lib/app-server';
import { seedDatabase } from '@/scripts/lib/seed-database';
import { stopProcess } from '@/scripts/lib/stop-process';

export const ROOT = path.resolve(__dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

export type StackOptions = {
  appPort: number;
  rpcPort: number;
  wsPort: number;
  /** Where the seed step writes config.json and snapshot.csv. */
  localnetDir: string;
  databaseUrl: string;
  /** Build even when `.next/BUILD_ID` exists. */
  forceBuild?: boolean;
  extraEnv?: Record<string, string>;
  /** Extra funded snapshot wallets (benchmarks, load tests). */
  loadWallets?: number;
  /**
   * More instances of the same build, environment and database on these ports (the
   * database must be PostgreSQL: an embedded PGlite belongs to one process).
   */
  extraAppPorts?: number[];
  /**
   * `inherit` (default) or `ignore` the apps' output (load tests: thousands of lines), or `pipe`:
   * read and dropped, as a log shipper reads it (the observability benchmark).
   */
  appOutput?: 'inherit' | 'ignore' | 'pipe';
};

export type Stack = {
  config: LocalnetConfig;
  /** The first instance. */
  appUrl: string;
  /** Every instance, first one first; `appPids` in the same order. */
  appUrls: string[];
  appPids: number[];
  env: Record<string, string>;
  close: () => Promise<void>;
};

/**
 * Runs `next build` (webpack) unless a build exists and `force` is false, then (as `npm run build`
 * does) writes the file list of the signed deployment manifest (lib/release/build-files.ts) and
 * compiles server.ts (always: it takes well under a second, and an existing build may predate a change to it).
 */
export async function buildApp(force: boolean): Promise<void> {
  const nextDir = path.join(ROOT, '.next');
  if (!force && existsSync(path.join(nextDir, 'BUILD_ID'))) {
    console.log('[stack] using the existing production build (.next/)');
    if (!existsSync(path.join(nextDir, BUILD_RECORD_FILE))) writeBuildRecord(nextDir, { root: ROOT });
    compileServer(ROOT);
    return;
  }
  console.log('[stack] building the app (next build)…');
  const started = Date.now();
  await run(process.execPath, [NEXT_BIN, 'build'], { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
  const record = writeBuildRecord(nextDir, { root: ROOT });
  compileServer(ROOT);
  console.log(`[stack] built in ${((Date.now() - started) / 1000).toFixed(1)} s; ${record.files.length} static files listed for the signed manifest`);
}

/** Starts validator + seed, then the built app (one instance, or several on PostgreSQL); resolves once every home page answers 200. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const appUrl = `http://localhost:${options.appPort}`;
  const localnet = await startLocalnet({ rpcPort: options.rpcPort, wsPort: options.wsPort, outDir: options.localnetDir, appUrl, loadWallets: options.loadWallets });
  const env = {
    ...appEnvForLocalnet(localnet.config, { appUrl, databaseUrl: options.databaseUrl }),
    LOCALNET_CONFIG_FILE: path.join(options.localnetDir, 'config.json'),
    ...options.extraEnv,
  };
  // The app's environment, for commands run against this stack (`npm run doctor -- --env-file …`).
  writeFileSync(path.join(options.localnetDir, 'app.env'), `# localnet only: written by scripts/lib/stack.ts\n${Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  // PGlite is single-process: the snapshot goes in before the app opens the database.
  await seedDatabase(options.databaseUrl, localnet.config, ROOT);
  await buildApp(options.forceBuild ?? false);
  if ((options.extraAppPorts?.length ?? 0) > 0 && !/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    await localnet.close();
    throw new Error('several app instances need a PostgreSQL DATABASE_URL (an embedded PGlite belongs to one process)');
  }
  const ports = [options.appPort, ...(options.extraAppPorts ?? [])];
  const apps = ports.map((port) => {
    const app = spawnAppServer({ cwd: ROOT, port, env: { ...process.env, ...env }, stdio: ['ignore', options.appOutput ?? 'inherit', 'inherit'] });
    app.stdout?.resume();
    return app;
  });
  const appUrls = ports.map((port) => `http://localhost:${port}`);
  const readiness = await Promise.all(
    apps.map((app, index) => {
      const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
      return Promise.race([waitForHttp(`${appUrls[index]}/`, 60_000), exited.then((code) => `the app exited with code ${code}`)]);
    }),
  );
  const failed = readiness.find((ready) => ready !== true);
  if (failed !== undefined) {
    await Promise.all(apps.map((app) => stopProcess(app)));
    await localnet.close();
    throw new Error(`the app did not start on ${appUrls.join(', ')}: ${failed}`);
  }
  // What a load balancer's readiness check should do too: load the wallet-flow page once, so the
  // middleware has read the maintenance flag (its first read gets a long deadline) before a crowd arrives.
  await Promise.all(appUrls.map((url) => fetch(`${url}/migrate`).then((r) => r.arrayBuffer()).catch(() => undefined)));
  return {
    config: localnet.config,
    appUrl,
    appUrls,
    appPids: apps.map((app) => app.pid ?? -1),
    env,
    close: async () => {
      await Promise.all(apps.map((app) => stopProcess(app)));
      await localnet.close();
    },
  };
}

/** Resolves `true` once `url` answers 2xx, or a reason: a 5xx (the app is up but broken) or the timeout. */
async function waitForHttp(url: string, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
      if (response.status >= 500) return `${url} answered ${response.status} (see the server log above)`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return `${url} did not answer within ${timeoutMs / 1000} s`;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}
