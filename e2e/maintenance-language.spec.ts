/**
 * The maintenance reason in the reader's language: ops give a Korean reason, or Korean pages show
 * the English one marked as the English original (as incidents are), on the banner of the pages
 * that stay up and on the maintenance page that replaces /migrate.
 */
import { expect, test } from '@playwright/test';
import ko from '@/messages/ko.json';
import { axeViolations, untranslatedLines } from '@/e2e/i18n';
import { opsApi } from '@/e2e/ops/helpers';
import { screenshot } from '@/e2e/wallet/helpers';

test.describe.configure({ mode: 'serial' });

test.afterEach(async () => {
  await (await opsApi()).post('/api/v1/ops/maintenance', { on: false });
});

test('a Korean reason is shown on Korean pages, the English one on English pages', async ({ page }) => {
  const reason = 'We are investigating delayed confirmations.';
  const reasonKo = '전환 확정이 늦어지는 문제를 조사하고 있습니다.';
  await (await opsApi()).post('/api/v1/ops/maintenance', { on: true, reason, reasonKo });
  await page.goto('/ko/status');
  const banner = page.getByTestId('maintenance-reason');
  await expect(banner.locator('[lang="ko"]')).toHaveText(reasonKo);
  await expect(banner).not.toContainText(ko.incidentBanner.originalLanguage);
  await expect(page.getByTestId('maintenance-notice')).toContainText(/KST \(.*UTC\)/);
  expect(await untranslatedLines(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'maintenance-reason-ko');
  await expect.poll(async () => (await page.goto('/ko/migrate'))?.status(), { timeout: 10_000 }).toBe(503);
  await expect(page.getByTestId('maintenance-why')).toHaveText(reasonKo);
  await page.goto('/status');
  await expect(page.getByTestId('maintenance-reason')).toHaveText(reason);
});

test('without a Korean reason, Korean pages show the English one marked as the English original', async ({ page }) => {
  const reason = 'Planned database upgrade.';
  await (await opsApi()).post('/api/v1/ops/maintenance', { on: true, reason });
  await page.goto('/ko/support');
  const banner = page.getByTestId('maintenance-reason');
  await expect(banner.locator('[lang="en"]')).toHaveText(reason);
  await expect(banner).toContainText(ko.incidentBanner.originalLanguage);
  expect(await untranslatedLines(page)).toEqual([]);
  await screenshot(page, 'maintenance-reason-english-original-ko');
  await expect.poll(async () => (await page.goto('/ko/migrate'))?.status(), { timeout: 10_000 }).toBe(503);
  await expect(page.getByTestId('maintenance-why')).toContainText(ko.incidentBanner.originalLanguage);
});
