/**
 * `/migrate` loads in two stages (components/migrate/migrate-flow-loader.tsx): a server-rendered
 * wallet picker filled in on hydration without any wallet library, and the wallet code
 * (wallet-adapter, web3.js, the flow) fetched only when the holder picks a wallet, or at once to
 * reconnect the last one. Phones in Korean and desktop in English.
 */
import { expect, type Page, test } from '@playwright/test';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import { connectOnMigratePage, e2eConfig, screenshot } from '@/e2e/wallet/helpers';
import { DEFAULT_TEST_WALLET_NAME, installTestWallet } from '@/e2e/wallet/test-wallet';

/** A string only web3.js's RPC client carries (a JSON-RPC method name, kept by any minifier). */
const WALLET_CODE_MARKER = 'getLatestBlockhash';

/** Records every script the page fetched, with its text. */
function recordScripts(page: Page): { urls: string[]; withWalletCode: () => Promise<string[]> } {
  const scripts = new Map<string, Promise<string>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok()) scripts.set(response.url(), response.text().catch(() => ''));
  });
  return {
    get urls() {
      return [...scripts.keys()];
    },
    async withWalletCode() {
      const found: string[] = [];
      for (const [url, text] of scripts) if ((await text).includes(WALLET_CODE_MARKER)) found.push(url);
      return found;
    },
  };
}

for (const [locale, device, viewport] of [
  ['en', 'desktop', { width: 1280, height: 900 }],
  ['ko', 'phone', { width: 375, height: 812 }],
] as const) {
  test(`${locale} ${device}: the wallet list works before any wallet code loads, which comes with the pick`, async ({ page }) => {
    const words = locale === 'en' ? en : ko;
    const wallet = e2eConfig().demoWallets.eligible;
    await page.setViewportSize(viewport);
    await installTestWallet(page, { publicKey: wallet.publicKey, secretKey: wallet.secretKey });
    const scripts = recordScripts(page);
    await page.goto(locale === 'en' ? '/migrate' : '/ko/migrate');
    const option = page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) });
    await expect(option).toBeVisible();
    await expect(page.getByTestId('wallet-list')).toBeVisible();
    await expect(page.getByTestId('address-check')).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Ready, marked for `npm run lighthouse`; and no wallet library fetched for it.
    expect(await page.evaluate(() => performance.getEntriesByName('wallet-picker-ready').length)).toBe(1);
    expect(await scripts.withWalletCode()).toEqual([]);
    if (locale === 'ko') expect(await untranslatedLines(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    if (device === 'phone') expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, `migrate-shell-${locale}-${device}`);

    await option.click();
    await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
    expect((await scripts.withWalletCode()).length).toBeGreaterThan(0);
    await expect(page.getByTestId('address-check')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: words.flow.pickerHeading, exact: true })).toHaveCount(0);
  });
}

test('the picker is in the page as served: the heading and the address check need no script', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/ko/migrate');
  await expect(page.getByRole('heading', { name: ko.flow.pickerHeading })).toBeVisible();
  await expect(page.getByTestId('address-check')).toBeVisible();
  await expect(page.getByTestId('deposit-tracker')).toBeVisible();
  // The list the server expects is drawn hidden: nothing unconfirmed is said before the browser is read.
  await expect(page.getByTestId('wallet-list-provisional')).toBeHidden();
  await context.close();
});

test('a wallet code load that fails says so in the reader’s language, and the next pick connects', async ({ page }) => {
  const wallet = e2eConfig().demoWallets.eligible;
  await page.setViewportSize({ width: 375, height: 812 });
  await installTestWallet(page, { publicKey: wallet.publicKey, secretKey: wallet.secretKey });
  await page.goto('/ko/migrate');
  const option = page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) });
  await expect(option).toBeVisible();
  await page.waitForLoadState('networkidle');
  // From here on the network drops every script: the wallet code cannot arrive.
  await page.route('**/_next/static/chunks/**', (route) => route.abort('internetdisconnected'));
  await option.click();
  const failed = page.getByTestId('flow-code-failed');
  await expect(failed).toHaveText(ko.flow.codeLoadFailed);
  await expect(option).toBeEnabled();
  await screenshot(page, 'migrate-shell-code-failed-ko-phone');
  await page.unroute('**/_next/static/chunks/**');
  await option.click();
  await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
});

test('a reload reconnects the last wallet: the wallet code loads at once, with a moving indicator meanwhile', async ({ page }) => {
  const wallet = e2eConfig().demoWallets.eligible;
  await connectOnMigratePage(page, wallet);
  await page.reload();
  await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
  await expect(page.getByTestId('wallet-picker')).toHaveCount(0);
});
