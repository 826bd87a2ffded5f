/**
 * "Is this transaction official?" (`/check`, issue 7, part 6): an official migration, a tampered
 * one (violations in plain words), an official Revoke, garbage (a clear message), and signatures
 * looked up on the local validator through the RPC proxy (found and not found).
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { buildMigrationTransaction, type MigrationExpected } from '@/lib/solana/builder';
import { buildRevokeTransaction } from '@/lib/solana/revoke-policy';
import { e2eConfig, elizaosFor, screenshot } from '@/e2e/wallet/helpers';

function migrationBase64(overrides: Partial<MigrationExpected> = {}): { base64: string; expected: MigrationExpected } {
  const config = e2eConfig();
  const program = (id: string) => (id === TOKEN_2022_PROGRAM_ID.toBase58() ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID);
  const amountIn = 12n * 10n ** BigInt(config.mints.ai16z.decimals);
  const expected: MigrationExpected = {
    migrationId: randomUUID(),
    holder: new PublicKey(config.demoWallets.eligible.publicKey),
    ai16z: { mint: new PublicKey(config.mints.ai16z.address), decimals: config.mints.ai16z.decimals, programId: program(config.mints.ai16z.programId) },
    elizaos: { mint: new PublicKey(config.mints.elizaos.address), decimals: config.mints.elizaos.decimals, programId: program(config.mints.elizaos.programId) },
    vaultTokenAccount: new PublicKey(config.vault.tokenAccount),
    treasuryTokenAccount: new PublicKey(config.treasury.tokenAccount),
    treasuryDelegate: new PublicKey(config.treasury.delegate),
    amountIn,
    amountOut: elizaosFor(config, amountIn),
    ...overrides,
  };
  const tx = buildMigrationTransaction({ ...expected, recentBlockhash: Keypair.generate().publicKey.toBase58() });
  return { base64: tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'), expected };
}

async function check(page: Page, text: string): Promise<void> {
  await page.getByTestId('check-input').fill(text);
  await page.getByTestId('check-submit').click();
}

test.beforeEach(async ({ page }) => {
  // Reached from the home page, as a holder would find it.
  expect((await page.goto('/'))?.status()).toBe(200);
  await page.getByTestId('check-link').click();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
});

test('an official migration transaction is recognised and decoded', async ({ page }) => {
  const config = e2eConfig();
  const { base64, expected } = migrationBase64();
  await check(page, base64);
  const verdict = page.getByTestId('check-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'migration');
  await expect(page.getByTestId('check-verdict-title')).toHaveText('✓ Official migration transaction');
  await expect(page.getByTestId('check-sends')).toHaveText(`${formatBaseUnits(expected.amountIn, config.mints.ai16z.decimals)} AI16Z to the migration vault`);
  await expect(page.getByTestId('check-receives')).toHaveText(`${formatBaseUnits(expected.amountOut, config.mints.elizaos.decimals)} ELIZAOS from the migration treasury`);
  // The id in its memo was never built by this portal.
  await expect(page.getByTestId('check-record')).toHaveText(/none \(the portal did not build a migration with this id\)/);
  const instructions = page.getByTestId('check-instruction');
  await expect(instructions).toHaveCount(5);
  await expect(instructions.nth(2)).toContainText('Token transfer (checked)');
  await expect(instructions.nth(2)).toContainText(`${formatBaseUnits(expected.amountIn, config.mints.ai16z.decimals)} AI16Z`);
  await expect(instructions.nth(2)).toContainText('(the migration vault)');
  await expect(instructions.nth(4)).toContainText(`elizaos-migration:v1:${expected.migrationId}`);
  await screenshot(page, 'check-official');
});

test('a tampered transaction is NOT official, with each violation in plain words', async ({ page }) => {
  const config = e2eConfig();
  const attacker = Keypair.generate().publicKey;
  const { base64 } = migrationBase64({ vaultTokenAccount: attacker, amountOut: elizaosFor(config, 12n * 10n ** BigInt(config.mints.ai16z.decimals)) * 2n });
  await check(page, base64);
  await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'not-official');
  await expect(page.getByTestId('check-verdict-title')).toHaveText('✗ NOT an official transaction');
  await expect(page.getByTestId('check-violations').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('check-violations').locator('li[data-code="WRONG_DESTINATION"]')).toContainText(`sends to ${attacker.toBase58()}, not to the migration vault`);
  await expect(page.getByTestId('check-violations').locator('li[data-code="WRONG_AMOUNT"]')).toContainText('The ELIZAOS transfer moves');
  await expect(page.getByTestId('check-instruction')).toHaveCount(5);
  await screenshot(page, 'check-tampered');
});

test('an official Revoke is recognised', async ({ page }) => {
  const config = e2eConfig();
  const holder = new PublicKey(config.demoWallets.eligible.publicKey);
  const account = getAssociatedTokenAddressSync(new PublicKey(config.mints.ai16z.address), holder, false, TOKEN_2022_PROGRAM_ID);
  const tx = buildRevokeTransaction(holder, [{ address: account, programId: TOKEN_2022_PROGRAM_ID }], Keypair.generate().publicKey.toBase58());
  await check(page, tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'));
  await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'revoke');
  await expect(page.getByTestId('check-verdict')).toContainText(account.toBase58());
  await expect(page.getByTestId('check-instruction').nth(1)).toContainText('Revoke the delegate');
});

test('garbage gets a clear message, never a crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await check(page, 'this is not a transaction, just text!');
  await expect(page.getByTestId('check-error')).toHaveText(/neither a base64 transaction nor a transaction signature/);
  await screenshot(page, 'check-garbage');
  await check(page, 'AAAAAAAA');
  await expect(page.getByTestId('check-error')).toHaveText('These bytes are not a Solana transaction: it could not be decoded.');
  await check(page, '   ');
  await expect(page.getByTestId('check-error')).toHaveText('Paste a transaction (base64) or a transaction signature.');
  await expect(page.getByTestId('check-verdict')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a signature is looked up on the cluster and checked; an unknown one is reported', async ({ page }) => {
  const config = e2eConfig();
  const partial = config.demoWallets.partial;
  expect(partial.migrationSignature).toBeTruthy();
  await check(page, partial.migrationSignature ?? '');
  await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'migration', { timeout: 15_000 });
  await expect(page.getByTestId('check-onchain')).toHaveText(/^On chain: succeeded in slot \d+$/);
  await expect(page.getByTestId('check-sends')).toContainText(`${formatBaseUnits(BigInt(partial.migrated ?? '0'), config.mints.ai16z.decimals)} AI16Z`);
  // Signed by the holder and the delegate: the chain stores the signatures.
  await expect(page.getByTestId('check-decode')).toContainText('signed');
  await expect(page.getByTestId('check-decode')).not.toContainText('not signed yet');
  await screenshot(page, 'check-signature');

  await check(page, bs58.encode(new Uint8Array(64).fill(9)));
  await expect(page.getByTestId('check-error')).toHaveText('No transaction with this signature was found on localnet. Check that you copied all of it, and the network.');
});
