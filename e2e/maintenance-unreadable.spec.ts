/**
 * Flag unreadable → wallet flow closed. A second server from the same production build, with the
 * middleware's flag URL (`MAINTENANCE_FLAG_URL`) pointed at a closed port: the flag in its database
 * is off and readable by the server, but the edge cannot read it, so `/migrate` and the migration
 * API must answer 503 while the rest of the portal stays up.
 */
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { E2E_APP_PORT } from '@/e2e/harness/ports';
import { type SecondApp, startSecondApp } from '@/e2e/harness/second-app';
import { e2eConfig, screenshot } from '@/e2e/wallet/helpers';

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

let app: SecondApp | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startSecondApp({ port: PORT, env: { MAINTENANCE_FLAG_URL: `http://127.0.0.1:${await deadPort()}/api/internal/maintenance` } });
});

test.afterAll(async () => {
  await app?.close();
});

test('the edge cannot read the flag: /migrate and the migration API fail closed, the rest stays up', async ({ page, request }) => {
  // The flag itself is off and readable by the server…
  const flag = await request.get(`${URL_}/api/internal/maintenance`);
  expect(await flag.json()).toEqual({ on: false, source: null, reason: null, reasonKo: null, since: null });

  // …but the middleware cannot fetch it, so the wallet flow is closed.
  const migrate = await page.goto(`${URL_}/migrate`);
  expect(migrate?.status()).toBe(503);
  expect(migrate?.headers()['retry-after']).toBe('300');
  await expect(page.getByTestId('maintenance-why')).toContainText('cannot confirm right now that it is safe to continue');
  await screenshot(page, 'maintenance-unreadable');
  // Every path of the wallet flow is gated, those outside the locale tree (a file-like name) too.
  for (const path of ['/ko/migrate', '/migrate/x.js']) expect((await request.get(`${URL_}${path}`, { maxRedirects: 0 })).status(), path).toBe(503);

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

test('a language switch on the maintenance page is remembered like anywhere else', async ({ page, context }) => {
  const migrate = await page.goto(`${URL_}/ko/migrate`);
  expect(migrate?.status()).toBe(503);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.getByRole('navigation', { name: '언어' }).getByRole('link', { name: 'English' }).click();
  // /en/migrate: the locale's redirect first (it sets the cookie), then the maintenance page at /migrate.
  await expect(page).toHaveURL(`${URL_}/migrate`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('maintenance-why')).toContainText('cannot confirm right now that it is safe to continue');
  expect((await context.cookies(URL_)).find((c) => c.name === 'NEXT_LOCALE')?.value).toBe('en');
  await page.goto(`${URL_}/status`);
  await expect(page).toHaveURL(`${URL_}/status`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
