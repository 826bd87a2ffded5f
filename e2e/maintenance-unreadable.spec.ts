/**
 * Flag unreadable → wallet flow closed. A second server from the same production build, with the
 * middleware's flag URL (`MAINTENANCE_FLAG_URL`) pointed at a closed port: the flag in its database
 * is off and readable by the server, but the edge cannot read it, so `/migrate` and the migration
 * API must answer 503 while the rest of the portal stays up.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_APP_PORT, E2E_CONFIG_PATH } from '@/e2e/harness/ports';
import { e2eConfig, screenshot } from '@/e2e/wallet/helpers';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';

const ROOT = path.resolve(__dirname, '..');
const PORT = E2E_APP_PORT + 10;
const URL_ = `http://localhost:${PORT}`;

/** A port nobody listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let app: ChildProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const env = {
    ...appEnvForLocalnet(e2eConfig(), { appUrl: URL_, databaseUrl: 'memory://' }),
    LOCALNET_CONFIG_FILE: E2E_CONFIG_PATH,
    MAINTENANCE_FLAG_URL: `http://127.0.0.1:${await deadPort()}/api/internal/maintenance`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  app = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${URL_}/`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the second server did not start on ${URL_}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app?.once('exit', resolve));
    app.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
});

test('the edge cannot read the flag: /migrate and the migration API fail closed, the rest stays up', async ({ page, request }) => {
  // The flag itself is off and readable by the server…
  const flag = await request.get(`${URL_}/api/internal/maintenance`);
  expect(await flag.json()).toEqual({ on: false, source: null, reason: null, since: null });

  // …but the middleware cannot fetch it, so the wallet flow is closed.
  const migrate = await page.goto(`${URL_}/migrate`);
  expect(migrate?.status()).toBe(503);
  expect(migrate?.headers()['retry-after']).toBe('300');
  await expect(page.getByTestId('maintenance-why')).toContainText('cannot confirm right now that it is safe to continue');
  await screenshot(page, 'maintenance-unreadable');

  const build = await request.post(`${URL_}/api/v1/migrations`, { data: { wallet: e2eConfig().demoWallets.eligible.publicKey, amount: '1' } });
  expect(build.status()).toBe(503);
  expect(((await build.json()) as { error: { code: string; details: { source: string; checkedBy: string } } }).error).toMatchObject({
    code: 'MAINTENANCE',
    details: { source: 'unreadable', checkedBy: 'edge' },
  });
  const submit = await request.post(`${URL_}/api/v1/migrations/00000000-0000-4000-8000-000000000000/submit`, { data: { transaction: 'AA==' } });
  expect(submit.status()).toBe(503);

  for (const path of ['/', '/support', '/api/v1/status', '/maintenance']) expect((await request.get(`${URL_}${path}`)).status(), path).toBe(200);
});
