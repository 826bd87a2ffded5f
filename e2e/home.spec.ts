import { expect, test } from '@playwright/test';
import { getAccount, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Connection, PublicKey } from '@solana/web3.js';
import { readLocalnetConfig } from '@/scripts/localnet/config-schema';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { E2E_CONFIG_PATH } from '@/e2e/harness/ports';

test('the home page shows live figures read from the validator', async ({ page }) => {
  const config = readLocalnetConfig(E2E_CONFIG_PATH);
  const connection = new Connection(config.rpcUrl, 'confirmed');
  const programOf = (id: string) => (id === TOKEN_2022_PROGRAM_ID.toBase58() ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID);
  const vault = await getAccount(connection, new PublicKey(config.vault.tokenAccount), 'confirmed', programOf(config.mints.ai16z.programId));
  const treasury = await getAccount(connection, new PublicKey(config.treasury.tokenAccount), 'confirmed', programOf(config.mints.elizaos.programId));

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Migrate AI16Z to ELIZAOS');
  await expect(page.getByTestId('window-state')).toHaveText('Open');
  await expect(page.getByTestId('ratio')).toHaveText('1 AI16Z : 6 ELIZAOS');
  await expect(page.getByTestId('vault-balance')).toHaveText(
    `${formatBaseUnits(vault.amount, config.mints.ai16z.decimals, { maxFractionDigits: 2 })} AI16Z`,
  );
  await expect(page.getByTestId('treasury-balance')).toHaveText(
    `${formatBaseUnits(treasury.amount, config.mints.elizaos.decimals, { maxFractionDigits: 2 })} ELIZAOS`,
  );
  expect(treasury.delegatedAmount).toBeGreaterThan(0n);
  await expect(page.getByTestId('delegate-allowance')).toHaveText(
    `${formatBaseUnits(treasury.delegatedAmount, config.mints.elizaos.decimals, { maxFractionDigits: 2 })} ELIZAOS`,
  );
  await expect(page.getByText(config.mints.ai16z.address)).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/home.png', fullPage: true });
});
