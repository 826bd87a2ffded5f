import { expect, test, type Page } from '@playwright/test';
import { toUiString } from '@/lib/solana/amounts';
import { apiEligibility, apiMigration, connectOnMigratePage, e2eConfig, elizaosFor, readMigrationBalances, requestMigration, screenshot } from '@/e2e/wallet/helpers';
import { readTestWallet } from '@/e2e/wallet/test-wallet';

test('the same signed migration submitted twice lands once, and the second answer repeats the signature', async ({ page }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.partial;
  const { decimals } = config.mints.ai16z;
  const eligibility = await apiEligibility(page.request, wallet.publicKey);
  const amountIn = BigInt(eligibility.maxAmount) / 10n;
  expect(amountIn).toBeGreaterThan(0n);
  const before = await readMigrationBalances(config, wallet.publicKey);

  // Record the browser's submit exactly as sent, to replay it.
  let submitted: { url: string; body: string } | null = null;
  await page.route('**/api/v1/migrations/*/submit', async (route) => {
    submitted = { url: route.request().url(), body: route.request().postData() ?? '' };
    await route.continue();
  });
  await connectOnMigratePage(page, wallet);
  await requestMigration(page, toUiString(amountIn, decimals));
  await expect(page.getByTestId('sign-button')).toBeEnabled();
  const firstAnswer = page.waitForResponse((r) => /\/api\/v1\/migrations\/[^/]+\/submit$/.test(r.url()));
  await page.getByTestId('sign-button').click();
  const first = (await (await firstAnswer).json()) as { id: string; signature: string };
  await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });

  const replay = submitted as { url: string; body: string } | null;
  if (!replay) throw new Error('the submit was not intercepted');
  const again = await page.request.post(replay.url, { headers: { 'content-type': 'application/json' }, data: replay.body });
  expect(again.status()).toBe(202);
  const second = (await again.json()) as { id: string; state: string; signature: string };
  expect(second.id).toBe(first.id);
  expect(second.signature).toBe(first.signature);
  expect(second.state).toBe('confirmed');

  const after = await readMigrationBalances(config, wallet.publicKey);
  expect(after.vault - before.vault).toBe(amountIn);
  expect(after.holderAi16z - before.holderAi16z).toBe(-amountIn);
  expect(after.holderElizaos - before.holderElizaos).toBe(elizaosFor(config, amountIn));
  expect((await apiMigration(page.request, first.id)).state).toBe('confirmed');
});

/**
 * Holds every submit until `count` of them arrived, then lets them all through at once, so the
 * server sees truly concurrent submits for the same allocation.
 */
function submitBarrier(count: number) {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async (page: Page) => {
    await page.route('**/api/v1/migrations/*/submit', async (route) => {
      arrived += 1;
      if (arrived >= count) open();
      await opened;
      await route.continue();
    });
  };
}

test('two tabs racing for the last of an allocation: exactly one migration lands', async ({ context }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.dust;
  const { decimals } = config.mints.ai16z;
  const [tabA, tabB] = [await context.newPage(), await context.newPage()];
  const eligibility = await apiEligibility(tabA.request, wallet.publicKey);
  expect(eligibility.eligible).toBe(true);
  // Each tab asks for everything that remains: either fits alone, both together do not.
  const amountIn = BigInt(eligibility.maxAmount);
  expect(amountIn).toBeGreaterThan(0n);
  const before = await readMigrationBalances(config, wallet.publicKey);

  const hold = submitBarrier(2);
  for (const tab of [tabA, tabB]) {
    await hold(tab);
    // The second tab of the same browser reconnects the wallet the first one picked.
    await connectOnMigratePage(tab, wallet, { restored: tab === tabB });
    await requestMigration(tab, toUiString(amountIn, decimals));
    await expect(tab.getByTestId('sign-button')).toBeEnabled();
  }
  await Promise.all([tabA.getByTestId('sign-button').click(), tabB.getByTestId('sign-button').click()]);

  const outcome = async (tab: Page) => {
    const done = tab.getByTestId('done');
    const error = tab.getByTestId('flow-error').getByTestId('error');
    await expect(done.or(error)).toBeVisible({ timeout: 30_000 });
    return (await done.isVisible()) ? 'done' : ((await error.getAttribute('data-error-code')) ?? 'unknown');
  };
  const outcomes = await Promise.all([outcome(tabA), outcome(tabB)]);
  expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
  const loser = outcomes.find((o) => o !== 'done');
  expect(['AMOUNT_EXCEEDS_REMAINING', 'ALLOCATION_EXHAUSTED']).toContain(loser);
  for (const tab of [tabA, tabB]) expect((await readTestWallet(tab)).signTransactionCalls).toBe(1);
  const loserTab = outcomes[0] === 'done' ? tabB : tabA;
  await screenshot(loserTab, 'migrate-race-loser');

  const after = await readMigrationBalances(config, wallet.publicKey);
  expect(after.vault - before.vault).toBe(amountIn);
  expect(after.holderAi16z - before.holderAi16z).toBe(-amountIn);
  const settled = await apiEligibility(tabA.request, wallet.publicKey);
  expect(settled.remaining).toBe('0');
  expect(settled.reason).toBe('ALLOCATION_EXHAUSTED');
});

test('the wallet rejects: clear message, nothing recorded as submitted', async ({ page }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.eligible;
  const { decimals } = config.mints.ai16z;
  await connectOnMigratePage(page, wallet, { reject: true });
  const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
  await requestMigration(page, toUiString(10n ** BigInt(decimals), decimals));
  const { id } = (await (await built).json()) as { id: string };
  await expect(page.getByTestId('sign-button')).toBeEnabled();
  await page.getByTestId('sign-button').click();

  const error = page.getByTestId('flow-error').getByTestId('error');
  await expect(error).toHaveAttribute('data-error-code', 'WALLET_REJECTED');
  await expect(error).toContainText('You declined in your wallet');
  await expect(error).toContainText('Nothing was signed and nothing was sent');
  await expect(page.getByTestId('progress')).toHaveAttribute('data-step', 'failed:signing');
  expect((await readTestWallet(page)).signTransactionCalls).toBe(1);
  expect((await apiMigration(page.request, id)).state).toBe('built');
  await screenshot(page, 'migrate-wallet-rejected');
});
