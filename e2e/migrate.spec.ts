import { expect, test } from '@playwright/test';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { formatBaseUnits, toUiString } from '@/lib/solana/amounts';
import { CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS, MAX_PRIORITY_FEE_LAMPORTS, priorityFeeLamports } from '@/lib/solana/constants';
import { horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import { apiEligibility, apiMigration, chain, connectOnMigratePage, e2eConfig, elizaosFor, readMigrationBalances, requestMigration, screenshot } from '@/e2e/wallet/helpers';
import { readTestWallet } from '@/e2e/wallet/test-wallet';

test('an eligible holder migrates part of the allocation, and the chain moves exactly that', async ({ page }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.eligible;
  const { ai16z, elizaos } = config.mints;
  const eligibility = await apiEligibility(page.request, wallet.publicKey);
  expect(eligibility.eligible).toBe(true);
  const allocation = BigInt(eligibility.snapshotBalance ?? '0');
  // A quarter of what remains, in whole tokens when there are any: strictly less than the allocation.
  const unit = 10n ** BigInt(ai16z.decimals);
  const quarter = BigInt(eligibility.maxAmount) / 4n;
  const amountIn = quarter >= unit ? (quarter / unit) * unit : quarter;
  expect(amountIn).toBeGreaterThan(0n);
  expect(amountIn).toBeLessThan(allocation);
  const amountOut = elizaosFor(config, amountIn);
  const before = await readMigrationBalances(config, wallet.publicKey);

  await connectOnMigratePage(page, wallet, { screenshot: 'migrate-picker' });
  await expect(page.getByTestId('allocation')).toHaveText(`${formatBaseUnits(allocation, ai16z.decimals)} AI16Z`);
  await expect(page.getByTestId('remaining')).toHaveText(`${formatBaseUnits(BigInt(eligibility.remaining), ai16z.decimals)} AI16Z`);
  await expect(page.getByTestId('balance')).toHaveText(`${formatBaseUnits(before.holderAi16z, ai16z.decimals)} AI16Z`);
  await expect(page.getByTestId('error')).toHaveCount(0);

  await page.getByTestId('amount-input').fill(toUiString(amountIn, ai16z.decimals));
  await expect(page.getByTestId('receive-preview')).toHaveText(`You receive ${formatBaseUnits(amountOut, elizaos.decimals)} ELIZAOS`);
  await screenshot(page, 'migrate-amount');

  const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
  await requestMigration(page, toUiString(amountIn, ai16z.decimals));
  const { id } = (await (await built).json()) as { id: string };
  const preview = page.getByTestId('preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('preview-send')).toContainText(`${formatBaseUnits(amountIn, ai16z.decimals)} AI16Z`);
  await expect(page.getByTestId('preview-accounts')).toContainText(config.vault.tokenAccount);
  await expect(page.getByTestId('preview-receive')).toContainText(`${formatBaseUnits(amountOut, elizaos.decimals)} ELIZAOS`);
  await expect(page.getByTestId('preview-memo')).toHaveText(`elizaos-migration:v1:${id}`);
  await expect(page.getByTestId('preview-nothing-else')).toContainText('No approvals, no authority changes, nothing else');
  // The chain's own dry run: AI16Z down by X, ELIZAOS up by 6X.
  await expect(page.getByTestId('balance-ai16z').getByTestId('delta')).toHaveText(`−${formatBaseUnits(amountIn, ai16z.decimals)}`);
  await expect(page.getByTestId('balance-elizaos').getByTestId('delta')).toHaveText(`+${formatBaseUnits(amountOut, elizaos.decimals)}`);
  await expect(page.getByTestId('sign-button')).toBeEnabled();
  expect((await readTestWallet(page)).signTransactionCalls).toBe(0);
  await screenshot(page, 'migrate-preview');

  await page.getByTestId('sign-button').click();
  await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('progress')).toHaveAttribute('data-step', 'done');
  expect((await readTestWallet(page)).signTransactionCalls).toBe(1);
  await screenshot(page, 'migrate-done');

  await page.getByTestId('receipt-link').click();
  await expect(page).toHaveURL(new RegExp(`/receipt/${id}$`));
  await expect(page.getByTestId('receipt-state')).toHaveText('Confirmed');
  await expect(page.getByTestId('receipt-amount-in')).toHaveText(`${formatBaseUnits(amountIn, ai16z.decimals)} AI16Z`);
  await expect(page.getByTestId('receipt-amount-out')).toHaveText(`${formatBaseUnits(amountOut, elizaos.decimals)} ELIZAOS`);
  await expect(page.getByTestId('receipt-wallet')).toHaveText(wallet.publicKey);
  const migration = await apiMigration(page.request, id);
  expect(migration.state).toBe('confirmed');
  expect(migration.signature).toBeTruthy();
  await expect(page.getByTestId('receipt-signature')).toHaveText(migration.signature ?? '');
  const explorer = new URL((await page.getByTestId('explorer-link').getAttribute('href')) ?? '');
  expect(explorer.pathname).toBe(`/tx/${migration.signature}`);
  expect(explorer.searchParams.get('cluster')).toBe('custom');
  expect(explorer.searchParams.get('customUrl')).toBe(config.rpcUrl);
  await screenshot(page, 'receipt');

  const after = await readMigrationBalances(config, wallet.publicKey);
  expect(after.holderAi16z - before.holderAi16z).toBe(-amountIn);
  expect(after.holderElizaos - before.holderElizaos).toBe(amountOut);
  expect(after.vault - before.vault).toBe(amountIn);
  expect(after.treasury - before.treasury).toBe(-amountOut);

  const later = await apiEligibility(page.request, wallet.publicKey);
  expect(BigInt(later.migrated) - BigInt(eligibility.migrated)).toBe(amountIn);
});

test('the receipt page answers 404 for unknown and malformed ids', async ({ page }) => {
  expect((await page.goto('/receipt/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404);
  expect((await page.goto('/receipt/not-a-migration'))?.status()).toBe(404);
});

test('on localnet the labelled demo wallet migrates and shows the receipt (what npm run demo offers a person)', async ({ page }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.eligible;
  const { ai16z } = config.mints;
  const amountIn = 10n ** BigInt(ai16z.decimals);
  const before = await readMigrationBalances(config, wallet.publicKey);

  await page.goto('/migrate');
  const demo = page.getByTestId('demo-wallet');
  await expect(demo).toContainText('Demo wallet (localnet only)');
  await demo.getByRole('combobox').selectOption('eligible');
  await demo.getByRole('button', { name: 'Connect demo wallet' }).click();
  await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
  await requestMigration(page, toUiString(amountIn, ai16z.decimals));
  await page.getByTestId('sign-button').click();
  await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('receipt-link').click();
  await expect(page.getByTestId('receipt-state')).toHaveText('Confirmed');
  await screenshot(page, 'demo-wallet-receipt');

  const after = await readMigrationBalances(config, wallet.publicKey);
  expect(after.holderAi16z - before.holderAi16z).toBe(-amountIn);
  expect(after.holderElizaos - before.holderElizaos).toBe(elizaosFor(config, amountIn));
});

/** Phantom's rewrite on a real origin during congestion: its own limit, 2,000,000 micro-lamports per unit. */
const CONGESTED = { units: 80_000, microLamports: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS };
const MESSAGES = { en, ko } as const;

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: a wallet that sets a congestion priority fee migrates; the preview shows the cap, then the fee the wallet set, on a phone`, async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.eligible;
    const { ai16z } = config.mints;
    const amountIn = 10n ** BigInt(ai16z.decimals);
    const sol = (lamports: bigint) => `${formatBaseUnits(lamports, 9, { locale })} SOL`;
    const words = MESSAGES[locale].flow;
    const fee = priorityFeeLamports(CONGESTED.units, CONGESTED.microLamports);
    await page.setViewportSize({ width: 375, height: 740 });
    await connectOnMigratePage(page, wallet, { path: locale === 'ko' ? '/ko/migrate' : '/migrate', computeBudget: CONGESTED });

    const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
    await requestMigration(page, toUiString(amountIn, ai16z.decimals));
    const { id } = (await (await built).json()) as { id: string };
    // Before the wallet: the server built no price; the preview says what a wallet may add.
    await expect(page.getByTestId('preview-priority-fee')).toHaveText(words.priorityFeeCap.replace('{cap}', sol(MAX_PRIORITY_FEE_LAMPORTS)));
    await expect(page.getByTestId('sign-button')).toBeEnabled();

    // The submit is held until the preview has been seen with what the wallet returned.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`**/api/v1/migrations/${id}/submit`, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('sign-button').click();
    await expect(page.getByTestId('progress')).toHaveAttribute('data-step', 'submitting');
    await expect(page.getByTestId('preview-priority-fee')).toHaveText(words.walletPriorityFee.replace('{fee}', sol(fee)));
    expect(await horizontalOverflow(page), 'horizontal overflow on a phone').toBe(0);
    if (locale === 'ko') expect(await untranslatedLines(page), 'untranslated text').toEqual([]);
    await page.getByTestId('preview-fee').scrollIntoViewIfNeeded();
    await screenshot(page, `migrate-priority-fee-${locale}-phone`);
    release();

    await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });
    const state = await readTestWallet(page);
    expect(state.signTransactionCalls).toBe(1);
    expect(state.signed[0]).not.toBe(state.requested[0]);
    // The chain charged what the preview showed: two signatures and the wallet's priority fee.
    const migration = await apiMigration(page.request, id);
    expect(migration.state).toBe('confirmed');
    const landed = await chain(config).getTransaction(migration.signature ?? '', { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
    expect(landed?.meta?.fee).toBe(Number(2n * 5_000n + fee));
    // The wallet's limit (and the builder's, above it) leaves room: what the migration really used.
    const used = landed?.meta?.computeUnitsConsumed ?? Infinity;
    console.log(`[migrate] unitsConsumed (${locale}, the holder's ELIZAOS account already created): ${used}`);
    expect(used).toBeLessThan(CONGESTED.units);
  });
}
