/**
 * Checking an address without connecting (DESIGN.md "Paths for every holder"): on `/migrate`
 * before any wallet is connected (in the browser, proven against the signed manifest's snapshot
 * root) and on the home page (a plain form the server answers, no script). The figures are the
 * API's; bad input is answered inline; an off-curve address (a multisig vault) is told it cannot
 * sign in a browser and which path works for it. In English and Korean, on a 375 px phone.
 */
import { expect, type Page, test } from '@playwright/test';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { apiEligibility, e2eConfig, gotoOpen, screenshot } from '@/e2e/wallet/helpers';
import { DEFAULT_TEST_WALLET_NAME, installTestWallet } from '@/e2e/wallet/test-wallet';

const LOCALES = { en, ko } as const;
type Locale = keyof typeof LOCALES;

/** The words of `text` before its first placeholder: enough to name the path, whatever fills it. */
const lead = (text: string) => (text.split('{')[0] ?? text).trim();

async function check(page: Page, address: string): Promise<void> {
  await page.getByTestId('address-input').fill(address);
  await page.getByTestId('address-submit').click();
}

/** The result shows exactly the API's figures for `wallet`. */
async function expectApiFigures(page: Page, locale: Locale, wallet: string): Promise<void> {
  const words = LOCALES[locale].addressCheck;
  const api = await apiEligibility(page.request, wallet);
  const decimals = e2eConfig().mints.ai16z.decimals;
  const amount = (value: string) => `${formatBaseUnits(BigInt(value), decimals, { locale })} AI16Z`;
  const result = page.getByTestId('address-result');
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute('data-eligible', String(api.eligible));
  await expect(result.getByTestId('address-snapshot-balance')).toHaveText(api.snapshotBalance === null ? words.notInSnapshot : amount(api.snapshotBalance));
  await expect(result.getByTestId('address-migrated')).toHaveText(amount(api.migrated));
  await expect(result.getByTestId('address-remaining')).toHaveText(amount(api.remaining));
}

async function expectInlineErrors(page: Page, locale: Locale): Promise<void> {
  const words = LOCALES[locale].addressCheck;
  const input = page.getByTestId('address-input');
  await check(page, '');
  await expect(page.getByTestId('address-error')).toHaveText(words.errorEmpty);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await check(page, '0x52908400098527886E0F7030069857D2E4169EE7');
  await expect(page.getByTestId('address-error')).toHaveText(words.errorCharacters);
  await check(page, 'HeLp6NuQkmYB4pYWo2zYs22mESHXPQ');
  await expect(page.getByTestId('address-error')).toHaveText(words.errorLength.replace('{length}', '30'));
  await check(page, 'z'.repeat(44));
  await expect(page.getByTestId('address-error')).toHaveText(words.errorNotKey);
  await expect(page.getByTestId('address-result')).toHaveCount(0);
}

test.use({ viewport: { width: 375, height: 812 } });

for (const locale of ['en', 'ko'] as const) {
  const prefix = locale === 'en' ? '' : '/ko';
  const words = LOCALES[locale];

  test(`${locale}: /migrate checks any address before connecting: the API's figures, inline errors, the off-curve path; gone once a wallet is connected`, async ({ page }) => {
    const config = e2eConfig();
    const offCurve = config.offCurveHolder;
    expect(offCurve, 'the seed writes an off-curve holder').toBeDefined();
    const wallet = config.demoWallets.partial;
    await installTestWallet(page, { publicKey: wallet.publicKey, secretKey: wallet.secretKey });
    await gotoOpen(page, `${prefix}/migrate`);
    const section = page.getByTestId('address-check');
    await expect(section.getByLabel(words.addressCheck.label)).toBeVisible();

    await expectInlineErrors(page, locale);
    await screenshot(page, `address-check-migrate-error-${locale}`);

    // With the white space of a copy around it.
    await check(page, `  ${wallet.publicKey}\n`);
    await expectApiFigures(page, locale, wallet.publicKey);
    await expect(page.getByTestId('address-error')).toHaveCount(0);

    await check(page, config.demoWallets.notInSnapshot.publicKey);
    await expectApiFigures(page, locale, config.demoWallets.notInSnapshot.publicKey);

    await check(page, offCurve?.address ?? '');
    await expectApiFigures(page, locale, offCurve?.address ?? '');
    const reason = page.getByTestId('address-reason');
    await expect(reason).toHaveAttribute('data-error-code', 'WALLET_CANNOT_SIGN');
    await expect(reason).toContainText(words.errors.WALLET_CANNOT_SIGN.title);
    await expect(reason).toContainText(lead(words.errors.WALLET_CANNOT_SIGN.next));
    await screenshot(page, `address-check-migrate-off-curve-${locale}`);

    // A connection is needed only to sign: once a wallet is connected the check gives way to the flow.
    await page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) }).click();
    await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
    await expect(page.getByTestId('address-check')).toHaveCount(0);
  });

  test(`${locale}: the home page checks an address with no script: the API's figures, inline errors, the off-curve path`, async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.eligible;
    await page.goto(`${prefix}/`);
    await expect(page.getByTestId('address-check').getByLabel(words.addressCheck.label)).toBeVisible();

    await check(page, 'HeLp6NuQkmYB4pYWo2zYs22mESHXPQ');
    await expect(page.getByTestId('address-error')).toHaveText(words.addressCheck.errorLength.replace('{length}', '30'));
    await expect(page.getByTestId('address-input')).toHaveAttribute('aria-invalid', 'true');
    // What was typed stays in the field to be corrected.
    await expect(page.getByTestId('address-input')).toHaveValue('HeLp6NuQkmYB4pYWo2zYs22mESHXPQ');

    await check(page, wallet.publicKey);
    await expectApiFigures(page, locale, wallet.publicKey);
    await expect(page.getByTestId('address-reason')).toHaveText(words.addressCheck.eligibleNow);
    await screenshot(page, `address-check-home-${locale}`);

    const offCurve = config.offCurveHolder?.address ?? '';
    await check(page, offCurve);
    await expectApiFigures(page, locale, offCurve);
    await expect(page.getByTestId('address-reason')).toContainText(words.errors.WALLET_CANNOT_SIGN.title);
    await expect(page.getByTestId('address-reason')).toContainText(lead(words.errors.WALLET_CANNOT_SIGN.next));
    await screenshot(page, `address-check-home-off-curve-${locale}`);
  });
}
