/**
 * The browser shows an allocation only when the eligibility answer's Merkle proof leads to the
 * snapshot root of the manifest signed by the release key. Answers changed on the way (simulated
 * with Playwright's request interception) show an error and no allocation, and the wallet is never asked.
 */
import { expect, type Page, test } from '@playwright/test';
import { apiEligibility, connectOnMigratePage, e2eConfig, expectWalletNeverAsked, screenshot } from '@/e2e/wallet/helpers';
import { MANIFEST_PATH } from '@/lib/release/manifest';
import { checkProof } from '@/lib/snapshot/merkle';
import { formatBaseUnits } from '@/lib/solana/amounts';

type Json = Record<string, unknown>;

/** Rewrites every answer of `pattern` with `change`. */
async function rewrite(page: Page, pattern: string, change: (body: Json) => Json): Promise<void> {
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Json;
    await route.fulfill({ response, json: change(body) });
  });
}

async function expectUnverified(page: Page, name: string): Promise<void> {
  const error = page.getByTestId('eligibility').getByTestId('error');
  await expect(error).toHaveAttribute('data-error-code', 'ALLOCATION_UNVERIFIED');
  await expect(error).toContainText('This allocation could not be verified');
  await expect(page.getByTestId('allocation')).toHaveCount(0);
  await expect(page.getByTestId('amount-form')).toHaveCount(0);
  await expectWalletNeverAsked(page);
  await screenshot(page, name);
}

test.describe('allocation proofs in the browser', () => {
  test('a genuine answer: the API proof checks against the signed root and the allocation is shown', async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.eligible;
    const eligibility = await apiEligibility(page.request, wallet.publicKey);
    expect(eligibility.proof).toBeTruthy();
    const manifest = (await (await page.request.get(MANIFEST_PATH)).json()) as { manifest: { parameters: { snapshot: { merkleRoot: string } } } };
    expect(eligibility.proof && checkProof({ wallet: wallet.publicKey, allocation: BigInt(wallet.snapshotBalance), proof: eligibility.proof, expectedRoot: manifest.manifest.parameters.snapshot.merkleRoot })).toBeNull();
    // Not in the snapshot: no proof, and nothing to prove.
    expect((await apiEligibility(page.request, config.demoWallets.notInSnapshot.publicKey)).proof).toBeNull();

    await connectOnMigratePage(page, wallet);
    await expect(page.getByTestId('allocation')).toHaveText(`${formatBaseUnits(BigInt(wallet.snapshotBalance), config.mints.ai16z.decimals)} AI16Z`);
    await expect(page.getByTestId('amount-form')).toBeVisible();
    await screenshot(page, 'eligibility-proof-verified');
  });

  test('an inflated allocation (the proof no longer matches) is refused', async ({ page }) => {
    const wallet = e2eConfig().demoWallets.eligible;
    await rewrite(page, '**/api/v1/eligibility/**', (body) => ({ ...body, snapshotBalance: (BigInt(String(body.snapshotBalance)) * 10n).toString(), remaining: (BigInt(String(body.remaining)) * 10n).toString() }));
    await connectOnMigratePage(page, wallet);
    await expectUnverified(page, 'eligibility-proof-inflated');
    await expect(page.getByTestId('eligibility')).toContainText('does not match the snapshot commitment');
  });

  test('a missing proof is refused', async ({ page }) => {
    await rewrite(page, '**/api/v1/eligibility/**', (body) => ({ ...body, proof: null }));
    await connectOnMigratePage(page, e2eConfig().demoWallets.eligible);
    await expectUnverified(page, 'eligibility-proof-missing');
  });

  test('a manifest with another snapshot root (signature no longer valid) is refused', async ({ page }) => {
    await rewrite(page, `**${MANIFEST_PATH}`, (body) => {
      const manifest = body.manifest as { parameters: { snapshot: { merkleRoot: string } } };
      manifest.parameters.snapshot.merkleRoot = 'ab'.repeat(32);
      return body;
    });
    await connectOnMigratePage(page, e2eConfig().demoWallets.eligible);
    await expectUnverified(page, 'eligibility-proof-manifest-changed');
    await expect(page.getByTestId('eligibility')).toContainText('signature does not verify');
  });
});
