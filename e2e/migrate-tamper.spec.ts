import { expect, test, type Page } from '@playwright/test';
import { createApproveInstruction, getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction, type TransactionInstruction } from '@solana/web3.js';
import { toUiString } from '@/lib/solana/amounts';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';
import { connectOnMigratePage, e2eConfig, expectWalletNeverAsked, requestMigration, screenshot } from '@/e2e/wallet/helpers';

/** SPL Token's TransferChecked instruction tag. */
const TRANSFER_CHECKED = 12;

type Tamper = (tx: Transaction, ctx: { config: LocalnetConfig; holder: PublicKey; attacker: PublicKey; json: Record<string, unknown> }) => void;

function ai16zTransfer(tx: Transaction, config: LocalnetConfig): TransactionInstruction {
  const mint = new PublicKey(config.mints.ai16z.address);
  const ix = tx.instructions.find((i) => i.data[0] === TRANSFER_CHECKED && i.keys[1]?.pubkey.equals(mint));
  if (!ix) throw new Error('no AI16Z TransferChecked in the built transaction');
  return ix;
}

const cases: { name: string; screenshot: string; tamper: Tamper }[] = [
  {
    name: 'another destination for the AI16Z leg',
    screenshot: 'migrate-tampered-destination',
    tamper: (tx, { config, attacker }) => {
      const destination = ai16zTransfer(tx, config).keys[2];
      if (!destination) throw new Error('TransferChecked without a destination');
      destination.pubkey = getAssociatedTokenAddressSync(new PublicKey(config.mints.ai16z.address), attacker, false, programOf(config.mints.ai16z.programId));
    },
  },
  {
    name: 'another amount (and the server’s own description changed to match)',
    screenshot: 'migrate-tampered-amount',
    tamper: (tx, { config, json }) => {
      const ix = ai16zTransfer(tx, config);
      const amount = ix.data.readBigUInt64LE(1) * 10n;
      ix.data.writeBigUInt64LE(amount, 1);
      // A lying server would describe the bigger amount too: the page must not take its word.
      const expected = json.expected;
      if (expected && typeof expected === 'object' && 'amountIn' in expected) (expected as Record<string, unknown>).amountIn = amount.toString();
    },
  },
  {
    name: 'an added SPL Approve to another address',
    screenshot: 'migrate-tampered-approve',
    tamper: (tx, { config, holder, attacker }) => {
      const programId = programOf(config.mints.ai16z.programId);
      const holderAta = getAssociatedTokenAddressSync(new PublicKey(config.mints.ai16z.address), holder, false, programId);
      tx.add(createApproveInstruction(holderAta, attacker, holder, 18_446_744_073_709_551_615n, [], programId));
    },
  },
];

function programOf(id: string): PublicKey {
  return id === TOKEN_2022_PROGRAM_ID.toBase58() ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID;
}

/** Rewrites the build answer in flight: the real server's transaction, changed the way a compromised server or a proxy would. */
async function tamperBuildResponses(page: Page, config: LocalnetConfig, holder: PublicKey, tamper: Tamper): Promise<void> {
  const attacker = Keypair.generate().publicKey;
  await page.route('**/api/v1/migrations', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status() === 201 && typeof json.transaction === 'string') {
      const tx = Transaction.from(Buffer.from(json.transaction, 'base64'));
      tamper(tx, { config, holder, attacker, json });
      json.transaction = tx.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
    }
    await route.fulfill({ response, json });
  });
}

test.describe('a build answer tampered in flight is refused in the browser, before the wallet is asked', () => {
  for (const c of cases) {
    test(c.name, async ({ page }) => {
      const config = e2eConfig();
      const wallet = config.demoWallets.eligible;
      await tamperBuildResponses(page, config, new PublicKey(wallet.publicKey), c.tamper);
      await connectOnMigratePage(page, wallet);
      await requestMigration(page, toUiString(10n ** BigInt(config.mints.ai16z.decimals), config.mints.ai16z.decimals));

      const error = page.getByTestId('flow-error').getByTestId('error');
      await expect(error).toHaveAttribute('data-error-code', 'POLICY_VIOLATION');
      await expect(error).toContainText('This page refused the transaction');
      await expect(error).toContainText('did not ask your wallet to sign it');
      await expect(page.getByTestId('violations').locator('li').first()).toBeVisible();
      await expect(page.getByTestId('progress')).toHaveAttribute('data-step', 'failed:verifying');
      await expect(page.getByTestId('preview')).toHaveCount(0);
      await expect(page.getByTestId('sign-button')).toHaveCount(0);
      await expectWalletNeverAsked(page);
      await screenshot(page, c.screenshot);
    });
  }
});
