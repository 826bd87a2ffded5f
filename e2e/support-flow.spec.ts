/**
 * The support form where a holder needs it: the migration id filled in from a failure screen or a
 * receipt, the chosen exchange's status before the rest of the form (often: nothing to do, and
 * when the next update comes), Korean exchange names, the ticket number, the private link with a
 * copy button and a warning before the page is left without it. In English and Korean.
 */
import { expect, test } from '@playwright/test';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import { e2eConfig, screenshot } from '@/e2e/wallet/helpers';

test('from a receipt: the migration id is filled in; the ticket has a number; the link is copied before leaving, or the browser warns', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { migrationId } = e2eConfig().demoWallets.partial;
  expect(migrationId).toBeTruthy();
  await page.goto(`/receipt/${migrationId}`);
  await page.getByTestId('receipt-support-link').click();
  await expect(page).toHaveURL(new RegExp(`/support\\?migration=${migrationId}$`));
  await expect(page.locator('html[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByTestId('migration-id')).toHaveValue(migrationId ?? '');
  await expect(page.getByText(en.supportForm.migrationIdPrefilled)).toBeVisible();
  await page.getByLabel('What happened?').fill('My migration shows as confirmed but I want to double-check the amounts.');
  await page.getByTestId('support-submit').click();
  const created = page.getByTestId('ticket-created');
  await expect(created).toBeVisible();
  await expect(created.locator('h2')).toBeFocused();
  const number = ((await page.getByTestId('ticket-number').locator('strong').textContent()) ?? '').trim();
  expect(number).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  await expect(page.getByTestId('ticket-leave-warning')).toHaveText(en.supportForm.leaveWarning);
  await screenshot(page, 'support-ticket-created-warning');

  // Leaving before the link is kept: the browser asks; staying keeps the link on screen.
  // (`noWaitAfter` and a handler that dismisses at once: Playwright otherwise waits on the navigation the dismissal cancelled.)
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().click({ noWaitAfter: true });
  expect(await asked).toBe('beforeunload');
  await expect(created).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/support');

  const link = ((await page.getByTestId('ticket-link-text').textContent()) ?? '').trim();
  await page.getByTestId('copy-ticket-link').click();
  await expect(page.getByTestId('copy-ticket-link')).toHaveAttribute('data-copied', 'true');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByTestId('ticket-leave-warning')).toHaveCount(0);
  // Kept: the page may be left without a prompt.
  await page.goto(link);
  await expect(page.getByTestId('ticket-number')).toContainText(number);
  await expect(page.getByTestId('ticket-migration-id')).toHaveText(migrationId ?? '');
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'support-ticket-number');
});

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: choosing an exchange shows its status and next check-in before the form (Korean names on Korean pages)`, async ({ page }) => {
    const words = locale === 'en' ? en : ko;
    await page.setViewportSize({ width: 375, height: 900 });
    await page.goto(locale === 'en' ? '/support' : '/ko/support');
    await expect(page.locator('html[data-hydrated="true"]')).toBeAttached();
    await page.getByLabel(words.supportForm.locations.exchange, { exact: true }).check();
    const select = page.getByTestId('exchange-select');
    const bithumb = locale === 'ko' ? '빗썸' : 'Bithumb';
    await expect(select.locator('option', { hasText: bithumb })).toHaveCount(1);
    if (locale === 'ko') await expect(select.locator('option', { hasText: '업비트' })).toHaveCount(1);
    await select.selectOption('bithumb');
    const status = page.getByTestId('exchange-status');
    await expect(status).toContainText(words.supportForm.exchangeNothingToDo.replace('{name}', bithumb));
    await expect(page.getByTestId('exchange-next-check-in')).toContainText(words.supportForm.exchangeNextUpdate.split('{time}')[0] ?? '');
    await expect(page.getByTestId('exchange-next-check-in')).toContainText('UTC');
    expect(await horizontalOverflow(page)).toBe(0);
    if (locale === 'ko') expect(await untranslatedLines(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await status.scrollIntoViewIfNeeded();
    await screenshot(page, `support-exchange-status-${locale}-phone`);
  });
}
