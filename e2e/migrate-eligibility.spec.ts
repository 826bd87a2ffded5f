import { expect, test } from '@playwright/test';
import { formatBaseUnits, toUiString } from '@/lib/solana/amounts';
import { apiEligibility, connectOnMigratePage, e2eConfig, expectWalletNeverAsked, screenshot } from '@/e2e/wallet/helpers';

/** Each refusal names its own reason, tells the next step, and never opens the wallet. */
test.describe('wallets that cannot migrate (what they asked for) are told why, and the wallet is never asked', () => {
  test('more than the remaining allocation: AMOUNT_EXCEEDS_REMAINING with the remaining amount', async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.partial;
    const decimals = config.mints.ai16z.decimals;
    const eligibility = await apiEligibility(page.request, wallet.publicKey);
    expect(eligibility.eligible).toBe(true);
    expect(BigInt(eligibility.migrated)).toBeGreaterThan(0n);
    const remaining = BigInt(eligibility.remaining);
    const tooMuch = remaining + 10n ** BigInt(decimals);

    await connectOnMigratePage(page, wallet);
    await expect(page.getByTestId('migrated')).toHaveText(`${formatBaseUnits(BigInt(eligibility.migrated), decimals)} AI16Z`);
    // Told as it is typed: the field says why, the button too, and nothing can be built.
    await page.getByTestId('amount-input').fill(toUiString(tooMuch, decimals));
    const error = page.getByTestId('amount-error');
    await expect(error).toHaveAttribute('data-error-code', 'AMOUNT_EXCEEDS_REMAINING');
    await expect(error).toContainText(`at most ${formatBaseUnits(remaining, decimals)} AI16Z`);
    await expect(page.getByTestId('review-button')).toHaveText(`More than your remaining ${formatBaseUnits(remaining, decimals)} AI16Z`);
    await expect(page.getByTestId('review-button')).toBeDisabled();
    await expect(page.getByTestId('preview')).toHaveCount(0);
    await expectWalletNeverAsked(page);
    await screenshot(page, 'migrate-exceeds-remaining');

    // The server refuses it too, with the same code and the remaining amount in its details.
    const answer = await page.request.post('/api/v1/migrations', { data: { wallet: wallet.publicKey, amount: tooMuch.toString() } });
    expect(answer.status()).toBe(409);
    const body = (await answer.json()) as { error: { code: string; details: { remaining?: string } } };
    expect(body.error.code).toBe('AMOUNT_EXCEEDS_REMAINING');
    expect(body.error.details.remaining).toBe(remaining.toString());
  });

  test('not in the snapshot: NOT_IN_SNAPSHOT, no amount form', async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.notInSnapshot;
    await connectOnMigratePage(page, wallet);
    const error = page.getByTestId('eligibility').getByTestId('error');
    await expect(error).toHaveAttribute('data-error-code', 'NOT_IN_SNAPSHOT');
    await expect(error).toContainText('not in the snapshot');
    await expect(error).toContainText('Tokens bought after the snapshot are not eligible');
    await expect(page.getByTestId('allocation')).toHaveText('Not in the snapshot');
    await expect(page.getByTestId('amount-form')).toHaveCount(0);
    await expectWalletNeverAsked(page);
    await screenshot(page, 'migrate-not-in-snapshot');

    const answer = await page.request.post('/api/v1/migrations', { data: { wallet: wallet.publicKey, amount: '1' } });
    expect(answer.status()).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('NOT_IN_SNAPSHOT');
  });

  test('bought after the snapshot: more than the allocation but within the balance is AMOUNT_EXCEEDS_REMAINING', async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.postSnapshot;
    const decimals = config.mints.ai16z.decimals;
    const eligibility = await apiEligibility(page.request, wallet.publicKey);
    const remaining = BigInt(eligibility.remaining);
    const balance = BigInt(eligibility.balance ?? '0');
    expect(balance).toBeGreaterThan(remaining);
    // Above what remains of the allocation, at most what the wallet holds.
    const amount = remaining + (balance - remaining + 1n) / 2n;
    expect(amount).toBeGreaterThan(remaining);
    expect(amount).toBeLessThanOrEqual(balance);

    await connectOnMigratePage(page, wallet);
    await expect(page.getByTestId('balance')).toHaveText(`${formatBaseUnits(balance, decimals)} AI16Z`);
    await expect(page.getByTestId('max-amount')).toHaveText(`${formatBaseUnits(remaining, decimals)} AI16Z`);
    await page.getByTestId('amount-input').fill(toUiString(amount, decimals));
    const error = page.getByTestId('amount-error');
    await expect(error).toHaveAttribute('data-error-code', 'AMOUNT_EXCEEDS_REMAINING');
    await expect(error).toContainText(`at most ${formatBaseUnits(remaining, decimals)} AI16Z`);
    await expect(error).toContainText('tokens bought after it are not eligible');
    await expect(page.getByTestId('review-button')).toBeDisabled();
    await expectWalletNeverAsked(page);
    await screenshot(page, 'migrate-post-snapshot');

    // Max fills in what may be migrated: the allocation, not the balance.
    await page.getByTestId('max-button').click();
    await expect(page.getByTestId('amount-input')).toHaveValue(toUiString(remaining, decimals));
  });

  test('no SOL for the fee: INSUFFICIENT_SOL before any wallet prompt (and before any build)', async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.noSol;
    const decimals = config.mints.ai16z.decimals;
    const eligibility = await apiEligibility(page.request, wallet.publicKey);
    expect(eligibility.eligible).toBe(true);
    const amount = BigInt(eligibility.maxAmount);
    expect(amount).toBeGreaterThan(0n);

    await connectOnMigratePage(page, wallet);
    await page.getByTestId('amount-input').fill(toUiString(amount, decimals));
    const error = page.getByTestId('sol-needed');
    await expect(error).toHaveAttribute('data-error-code', 'INSUFFICIENT_SOL');
    await expect(error).toContainText('Not enough SOL for the network fee');
    await expect(error).toContainText('Add at least');
    await expect(page.getByTestId('review-button')).toBeDisabled();
    await expect(page.getByTestId('progress')).toHaveCount(0);
    await expect(page.getByTestId('preview')).toHaveCount(0);
    await expectWalletNeverAsked(page);
    await screenshot(page, 'migrate-no-sol');
  });
});
