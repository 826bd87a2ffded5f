/**
 * The whole local stack in one process tree: the local validator (seeded), a production build of
 * the app, and `next start` against them. Used by `npm run demo` and by the Playwright harness.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_RECORD_FILE, writeBuildRecord } from '@/lib/release/build-files';
import { startLocalnet } from '@/scripts/localnet/index';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import { seedDatabase } from '@/scripts/lib/seed-database';

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
};

export type Stack = { config: LocalnetConfig; appUrl: string; env: Record<string, string>; close: () => Promise<void> };

/**
 * Runs `next build` (webpack) unless a build exists and `force` is false, then (as `npm run build`
 * does) writes the file list of the signed deployment manifest (lib/release/build-files.ts).
 */
export async function buildApp(force: boolean): Promise<void> {
  const nextDir = path.join(ROOT, '.next');
  if (!force && existsSync(path.join(nextDir, 'BUILD_ID'))) {
    console.log('[stack] using the existing production build (.next/)');
    if (!existsSync(path.join(nextDir, BUILD_RECORD_FILE))) writeBuildRecord(nextDir, { root: ROOT });
    return;
  }
  console.log('[stack] building the app (next build)…');
  const started = Date.now();
  await run(process.execPath, [NEXT_BIN, 'build'], { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
  const record = writeBuildRecord(nextDir, { root: ROOT });
  console.log(`[stack] built in ${((Date.now() - started) / 1000).toFixed(1)} s; ${record.files.length} static files listed for the signed manifest`);
}

/** Starts validator + seed, then the built app; resolves once the home page answers 200. */
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
  const app = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(options.appPort)], {
    cwd: ROOT,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
  const ready = await Promise.race([waitForHttp(`${appUrl}/`, 60_000), exited.then((code) => `the app exited with code ${code}`)]);
  if (ready !== true) {
    await stop(app);
    await localnet.close();
    throw new Error(`the app did not start on ${appUrl}: ${ready}`);
  }
  return {
    config: localnet.config,
    appUrl,
    env,
    close: async () => {
      await stop(app);
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

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
