/**
 * The migration window has closed (DESIGN.md "HTTP API v1": `WINDOW_CLOSED`; README "Tests"): a second server from the
 * same build with the window in the past. `/migrate` says the migration is closed, when it closed
 * (formatted for the reader's language) and where to get help, and offers no wallet to connect;
 * the API refuses to build a migration.
 */
import { expect, test } from '@playwright/test';
import { formatDateTime } from '@/lib/format';
import { E2E_APP_PORT } from '@/e2e/harness/ports';
import { type SecondApp, startSecondApp } from '@/e2e/harness/second-app';
import { e2eConfig, gotoOpen, screenshot } from '@/e2e/wallet/helpers';

const PORT = E2E_APP_PORT + 11;
const OPENS_AT = '2026-01-05T00:00:00Z';
const CLOSES_AT = '2026-03-31T15:00:00Z';

const LOCALES = {
  en: { prefix: '', heading: 'Migrate AI16Z to ELIZAOS', title: 'The migration is closed', support: 'support page' },
  ko: { prefix: '/ko', heading: 'AI16Z를 ELIZAOS로 전환하기', title: '전환이 종료되었습니다', support: '고객 지원 페이지' },
} as const;

let app: SecondApp | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startSecondApp({
    port: PORT,
    env: { MIGRATION_OPENS_AT: OPENS_AT, MIGRATION_CLOSES_AT: CLOSES_AT, SNAPSHOT_TAKEN_AT: '2026-01-04T00:00:00Z' },
  });
});

test.afterAll(async () => {
  await app?.close();
});

for (const [locale, text] of Object.entries(LOCALES) as [keyof typeof LOCALES, (typeof LOCALES)[keyof typeof LOCALES]][]) {
  test(`/migrate after the window (${locale}): closed, since when, the support path, no wallet`, async ({ page }) => {
    const base = app?.url ?? '';
    const response = await gotoOpen(page, `${base}${text.prefix}/migrate`);
    expect(response?.status()).toBe(200);
    // Hydrated: a wallet picker would have had every chance to appear.
    await expect(page.locator('html[data-hydrated="true"]')).toBeAttached({ timeout: 30_000 });
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.heading);

    const closed = page.getByTestId('flow-closed');
    await expect(closed.getByRole('heading', { level: 2 })).toHaveText(text.title);
    await expect(closed.getByTestId('flow-closed-when')).toContainText(formatDateTime(new Date(CLOSES_AT), locale));
    const support = closed.getByRole('link', { name: text.support });
    await expect(support).toHaveCount(2);
    for (const link of await support.all()) await expect(link).toHaveAttribute('href', `${text.prefix}/support`);

    const main = page.getByRole('main');
    await expect(page.getByTestId('wallet-picker')).toHaveCount(0);
    await expect(page.getByTestId('flow-loading')).toHaveCount(0);
    await expect(main.getByRole('button')).toHaveCount(0);
    await screenshot(page, `${locale}-migrate-closed`);

    await support.first().click();
    await expect(page).toHaveURL(new RegExp(`^https?://[^/]+${text.prefix}/support$`));
  });
}

test('the API refuses to build a migration after the window', async ({ request }) => {
  const build = await request.post(`${app?.url ?? ''}/api/v1/migrations`, { data: { wallet: e2eConfig().demoWallets.eligible.publicKey, amount: '1' } });
  expect(build.status()).toBe(503);
  expect(((await build.json()) as { error: { code: string } }).error.code).toBe('WINDOW_CLOSED');
});
