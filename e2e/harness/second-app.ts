/**
 * A second instance of the e2e build beside the main stack, on the same local validator but
 * with its own environment: for specs that need the portal configured differently (the edge unable
 * to read the maintenance flag, the migration window closed). Its database is a fresh in-memory one
 * unless the spec gives another.
 */
import path from 'node:path';
import { E2E_CONFIG_PATH } from '@/e2e/harness/ports';
import { e2eConfig } from '@/e2e/wallet/helpers';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import { spawnAppServer } from '@/scripts/lib/app-server';
import { stopProcess } from '@/scripts/lib/stop-process';

const ROOT = path.resolve(__dirname, '..', '..');

export type SecondApp = { url: string; close: () => Promise<void> };

/**
 * Starts the built app on `port` with the localnet environment (scripts/lib/app-env.ts) and `env`
 * on top, and resolves once its home page answers 200 (and `/migrate` was loaded once).
 * @throws Error when it exits or does not answer within `timeoutMs`, with the end of its stderr.
 */
export async function startSecondApp(options: { port: number; env?: Record<string, string>; databaseUrl?: string; timeoutMs?: number }): Promise<SecondApp> {
  const url = `http://localhost:${options.port}`;
  const env = {
    ...appEnvForLocalnet(e2eConfig(), { appUrl: url, databaseUrl: options.databaseUrl ?? 'memory://' }),
    LOCALNET_CONFIG_FILE: E2E_CONFIG_PATH,
    ...options.env,
  };
  const app = spawnAppServer({ cwd: ROOT, port: options.port, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  app.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const close = () => stopProcess(app);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (app.exitCode !== null) throw new Error(`the second app exited with code ${app.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${url}/`)).ok) {
        // As scripts/lib/stack.ts does: the middleware's first read of the maintenance flag gets a long deadline.
        await fetch(`${url}/migrate`).then((r) => r.arrayBuffer()).catch(() => undefined);
        return { url, close };
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`the second app did not answer on ${url}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
