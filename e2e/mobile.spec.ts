/**
 * Phones (DESIGN.md "Paths for every holder"), in Chromium emulating the devices: Playwright's
 * 'Pixel 7' and 'iPhone 13' (user agent, viewport, touch). What desktop Chromium has and those
 * phones' browsers do not is taken away before any page script: WebHID on both (no phone browser
 * has it), WebUSB on the iPhone too.
 *
 * - Android Chrome: the phone's wallet app over Mobile Wallet Adapter (MWA), played by
 *   e2e/wallet/mobile-wallet-app.ts over a real `ws://localhost` socket under the page's real CSP,
 *   migrates with the wallet signing first; its app identity is the portal's; MWA's own dialog
 *   needs nothing the CSP blocks but its web font.
 * - iPhone: the in-app browser links for this page, no MWA, no Ledger.
 * - A desktop Ledger connect that never answers can be cancelled while the other wallets work.
 */
import { type Browser, type BrowserContext, devices, expect, type Page, test } from '@playwright/test';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { apiEligibility, apiMigration, e2eConfig, gotoOpen, readMigrationBalances, screenshot } from '@/e2e/wallet/helpers';
import { installMobileWalletApp } from '@/e2e/wallet/mobile-wallet-app';
import { DEFAULT_TEST_WALLET_NAME, installTestWallet } from '@/e2e/wallet/test-wallet';

// The device descriptors without their browser type: the suite runs in Chromium.
const withoutBrowserType = ({ defaultBrowserType, ...device }: (typeof devices)[string]) => (void defaultBrowserType, device);
const PIXEL_7 = withoutBrowserType(devices['Pixel 7']);
const IPHONE_13 = withoutBrowserType(devices['iPhone 13']);

type Violation = { directive: string; blocked: string; sample: string };
declare global {
  interface Window {
    __violations?: Violation[];
  }
}

/** Before any page script: the phone's missing APIs, and a record of every CSP violation (shadow roots included: the event is composed). */
function phoneInit({ removeUsb }: { removeUsb: boolean }): void {
  const violations: Violation[] = [];
  window.__violations = violations;
  document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }), true);
  delete (Navigator.prototype as { hid?: unknown }).hid;
  if (removeUsb) delete (Navigator.prototype as { usb?: unknown }).usb;
}

async function phone(browser: Browser, baseURL: string | undefined, device: 'android' | 'iphone', options: { localNetworkAccess?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...(device === 'android' ? PIXEL_7 : IPHONE_13), baseURL });
  // Chrome asks before a page reaches a loopback port (Local Network Access); granted, as a person would.
  if (options.localNetworkAccess !== false && baseURL) await context.grantPermissions(['local-network-access'], { origin: baseURL });
  await context.addInitScript(phoneInit, { removeUsb: device === 'iphone' });
  return { context, page: await context.newPage() };
}

const violations = (page: Page) => page.evaluate(() => window.__violations ?? []);
/** The one violation MWA's dialogs cause: their Google Fonts stylesheet (they fall back to the next font). */
const isMwaWebFont = (v: Violation) => v.directive === 'style-src-elem' && v.blocked.startsWith('https://fonts.googleapis.com/');

function inAppHref(wallet: 'phantom' | 'solflare', origin: string, path: string): string {
  const page = encodeURIComponent(`${origin}${path}`);
  const ref = encodeURIComponent(origin);
  return wallet === 'phantom' ? `https://phantom.app/ul/browse/${page}?ref=${ref}` : `https://solflare.com/ul/v1/browse/${page}?ref=${ref}`;
}

test.describe('Android Chrome (Pixel 7)', () => {
  test('the wallet app on the phone connects over Mobile Wallet Adapter and migrates, wallet first; the CSP lets exactly that through', async ({ browser, baseURL }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.eligible;
    const { ai16z } = config.mints;
    const amountIn = 10n ** BigInt(ai16z.decimals);
    const before = await readMigrationBalances(config, wallet.publicKey);
    const { context, page } = await phone(browser, baseURL, 'android');
    const app = await installMobileWalletApp(page, { secretKey: wallet.secretKey });
    try {
      const response = await gotoOpen(page, '/migrate');
      expect(response?.status()).toBe(200);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp.split('; ').find((d) => d.startsWith('connect-src '))).toBe("connect-src 'self' ws://localhost:*");

      const option = page.getByTestId('wallet-option-mobile');
      await expect(option).toContainText(en.wallets.mobileWallet);
      await expect(page.getByTestId('wallet-option-ledger')).toHaveCount(0);
      await expect(page.getByTestId('no-wallet-detected')).toHaveText(en.wallets.noWalletAndroid);
      await expect(page.getByTestId('open-in-phantom')).toHaveAttribute('href', inAppHref('phantom', new URL(baseURL ?? '').origin, '/migrate'));
      await screenshot(page, 'migrate-android');

      await option.click();
      await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
      await expect(page.getByTestId('eligibility')).toHaveAttribute('aria-busy', 'false');
      await expect(page.getByTestId('mwa-cannot-sign')).toHaveCount(0);
      // The wallet app saw the portal, not "Unknown app": its name, its origin, an icon it can load.
      const origin = new URL(page.url()).origin;
      expect(app.record.identities[0]).toEqual({ name: en.wallets.appName, uri: origin, icon: 'wallet-app-icon.png' });
      expect(app.record.chains[0]).toBe('solana:localnet');
      const icon = await page.request.get(new URL('wallet-app-icon.png', `${origin}/`).href);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toBe('image/png');

      const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
      await page.getByTestId('amount-input').fill('1');
      // After the association intent (a `solana-wallet:` navigation that headless Chromium hands to
      // an external-protocol handler it never closes) the emulated phone gets no more input events:
      // a click or tap waits forever. On a phone the wallet app returns to Chrome and the person
      // taps; here the button's click is dispatched to it directly (the same activation: it submits).
      await page.getByTestId('review-button').dispatchEvent('click');
      const { id } = (await (await built).json()) as { id: string };
      await expect(page.getByTestId('sign-button')).toBeEnabled();
      expect(app.record.requested).toHaveLength(0);
      await page.getByTestId('sign-button').dispatchEvent('click');
      await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });
      // The wallet signed once and sent nothing: the server re-verified, co-signed and sent.
      expect(app.record.calls.filter((c) => c === 'sign_transactions')).toHaveLength(1);
      expect(app.record.calls).not.toContain('sign_and_send_transactions');
      expect((await apiMigration(page.request, id)).state).toBe('confirmed');
      const after = await readMigrationBalances(config, wallet.publicKey);
      expect(after.holderAi16z - before.holderAi16z).toBe(-amountIn);
      await screenshot(page, 'migrate-android-done');

      // MWA's spinner styled itself by its hash; the only thing refused was its web font.
      const seen = await violations(page);
      console.log(`[mobile] CSP violations on /migrate over MWA: ${JSON.stringify(seen)}`);
      expect(seen.filter((v) => !isMwaWebFont(v))).toEqual([]);
    } finally {
      await app.close();
      await context.close();
    }
  });

  test("before Chrome's Local Network Access is granted, MWA's own dialog asks for it, styled under the CSP", async ({ browser, baseURL }) => {
    const { context, page } = await phone(browser, baseURL, 'android', { localNetworkAccess: false });
    try {
      await gotoOpen(page, '/ko/migrate');
      await page.getByTestId('wallet-option-mobile').click();
      // The dialog is in a closed shadow root: seen only as pixels and as violations (none but the font).
      await page.waitForTimeout(1_500);
      await screenshot(page, 'migrate-android-mwa-permission');
      const seen = await violations(page);
      console.log(`[mobile] CSP violations with MWA's permission dialog: ${JSON.stringify(seen)}`);
      expect(seen.filter((v) => !isMwaWebFont(v))).toEqual([]);
      // Closing the dialog cancels the connect: the picker is usable again and says why.
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('wallet-picker').getByTestId('error')).toBeVisible();
      await expect(page.getByTestId('wallet-option-mobile')).toBeEnabled();
    } finally {
      await context.close();
    }
  });

  test('a wallet app that offers no signTransaction over MWA is told apart before any build, with the in-app browser links', async ({ browser, baseURL }) => {
    const wallet = e2eConfig().demoWallets.partial;
    const { context, page } = await phone(browser, baseURL, 'android');
    const app = await installMobileWalletApp(page, { secretKey: wallet.secretKey, signTransactions: false });
    try {
      await gotoOpen(page, '/migrate');
      await page.getByTestId('wallet-option-mobile').click();
      await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
      const notice = page.getByTestId('mwa-cannot-sign');
      await expect(notice).toContainText(en.wallets.cannotSignHeading);
      const origin = new URL(page.url()).origin;
      await expect(notice.getByTestId('open-in-phantom')).toHaveAttribute('href', inAppHref('phantom', origin, '/migrate'));
      await expect(notice.getByTestId('open-in-solflare')).toHaveAttribute('href', inAppHref('solflare', origin, '/migrate'));
      await screenshot(page, 'migrate-android-no-sign');
      expect(app.record.calls).not.toContain('sign_transactions');
    } finally {
      await app.close();
      await context.close();
    }
  });

  test('when no wallet app answers, the picker says so in words and offers the in-app browser', async ({ browser, baseURL }) => {
    const { context, page } = await phone(browser, baseURL, 'android');
    try {
      await gotoOpen(page, '/migrate');
      await page.getByTestId('wallet-option-mobile').click();
      // MWA waits 3 s for the wallet app to take the focus.
      const error = page.getByTestId('wallet-picker').getByTestId('error');
      await expect(error).toHaveAttribute('data-error-code', 'WALLET_APP_NOT_FOUND', { timeout: 15_000 });
      await expect(error).toContainText(en.errors.WALLET_APP_NOT_FOUND.title);
      await expect(page.getByTestId('in-app-browser')).toBeVisible();
    } finally {
      await context.close();
    }
  });
});

test.describe('iPhone 13 (no injected wallet, no Mobile Wallet Adapter)', () => {
  for (const locale of ['en', 'ko'] as const) {
    test(`${locale}: /migrate offers Open in Phantom and Open in Solflare for this page, with the domain to check, and no Ledger over USB`, async ({ browser, baseURL }) => {
      const words = (locale === 'en' ? en : ko).wallets;
      const path = locale === 'en' ? '/migrate' : '/ko/migrate';
      const { context, page } = await phone(browser, baseURL, 'iphone');
      try {
        await gotoOpen(page, path);
        await expect(page.getByTestId('wallet-picker')).toBeVisible();
        await expect(page.getByTestId('no-wallet-detected')).toHaveText(words.noWalletPhone);
        await expect(page.getByTestId('wallet-option-mobile')).toHaveCount(0);
        await expect(page.getByTestId('wallet-option-ledger')).toHaveCount(0);
        const origin = new URL(page.url()).origin;
        await expect(page.getByTestId('open-in-phantom')).toHaveAttribute('href', inAppHref('phantom', origin, path));
        await expect(page.getByTestId('open-in-solflare')).toHaveAttribute('href', inAppHref('solflare', origin, path));
        await expect(page.getByTestId('open-in-phantom')).toHaveText(words.openIn.replace('{wallet}', 'Phantom'));
        await expect(page.getByTestId('check-domain')).toContainText(new URL(origin).host);
        await screenshot(page, `migrate-iphone${locale === 'ko' ? '-ko' : ''}`);
        if (locale === 'ko') {
          const android = await phone(browser, baseURL, 'android');
          await gotoOpen(android.page, path);
          await expect(android.page.getByTestId('wallet-option-mobile')).toContainText(ko.wallets.mobileWallet);
          await screenshot(android.page, 'migrate-android-ko');
          await android.context.close();
        }
        expect((await violations(page)).filter((v) => !isMwaWebFont(v))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

test.describe('desktop Ledger, directly over WebHID', () => {
  test('a connect that gets no answer shows Cancel, leaves the other wallets usable, and is dropped by another pick', async ({ page }) => {
    const wallet = e2eConfig().demoWallets.eligible;
    await installTestWallet(page, { publicKey: wallet.publicKey, secretKey: wallet.secretKey });
    await gotoOpen(page, '/migrate');
    const ledger = page.getByTestId('wallet-option-ledger');
    await expect(ledger).toBeVisible();
    // Ledger's white logo sits on black.
    await expect(ledger.getByTestId('wallet-icon-dark')).toBeVisible();
    await screenshot(page, 'migrate-picker-desktop');

    // No device ever answers here (no HID device, no chooser): the connect hangs, as a locked Ledger does.
    await ledger.click();
    await expect(ledger).toHaveAttribute('aria-busy', 'true');
    await expect(ledger).toContainText(en.wallets.ledgerNoAnswer);
    await page.getByTestId('cancel-connect').click();
    await expect(page.getByTestId('cancel-connect')).toHaveCount(0);
    await expect(ledger).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByTestId('wallet-picker').getByTestId('error')).toHaveCount(0);

    // Again, and this time another wallet is picked while the Ledger still hangs.
    await ledger.click();
    await expect(page.getByTestId('cancel-connect')).toBeVisible();
    const other = page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) });
    await expect(other).toBeEnabled();
    await other.click();
    await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
    const eligibility = await apiEligibility(page.request, wallet.publicKey);
    await expect(page.getByTestId('remaining')).toHaveText(`${formatBaseUnits(BigInt(eligibility.remaining), e2eConfig().mints.ai16z.decimals)} AI16Z`);
  });
});
