/**
 * Deposit and receive on `/migrate` (DESIGN.md "Deposit and receive"): "Can't connect your
 * wallet?" shows the rules before anything else, the deposit address and its token account (the
 * ones the status answer and the signed manifest state) with copy buttons, and a Solana Pay
 * transfer request as a QR code; "Track my deposit" follows a real transfer sent on the local
 * validator by its signature until it is paid (and a deposit from outside the snapshot until it
 * waits for its refund), and by address through the wallet history. In English and Korean, on a
 * desktop and a 375 px phone, with axe at 0.
 */
import { expect, type Page, test } from '@playwright/test';
import { createTransferCheckedInstruction, getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import { chain, e2eConfig, elizaosFor, freshHolder, gotoOpen, readMigrationBalances } from '@/e2e/wallet/helpers';
import { signInToConsole } from '@/e2e/ops/helpers';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';

const MESSAGES = { en, ko } as const;
type Locale = keyof typeof MESSAGES;
const at = (locale: Locale, p: string) => (locale === 'ko' ? `/ko${p}` : p);
const AI16Z = (config: LocalnetConfig) => 10n ** BigInt(config.mints.ai16z.decimals);

/** Sends `amount` AI16Z base units from `secretKey`'s own AI16Z account to the deposit token account: a plain transfer, as a wallet's "send" makes. */
async function sendDeposit(config: LocalnetConfig, secretKey: string, amount: bigint): Promise<string> {
  const sender = Keypair.fromSecretKey(bs58.decode(secretKey));
  const mint = new PublicKey(config.mints.ai16z.address);
  const program = config.mints.ai16z.programId === TOKEN_2022_PROGRAM_ID.toBase58() ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID;
  const from = getAssociatedTokenAddressSync(mint, sender.publicKey, false, program);
  const connection = chain(config);
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash('confirmed');
  const tx = new Transaction({ feePayer: sender.publicKey, blockhash, lastValidBlockHeight }).add(
    createTransferCheckedInstruction(from, mint, new PublicKey(config.deposit.tokenAccount), sender.publicKey, amount, config.mints.ai16z.decimals, [], program),
  );
  tx.sign(sender);
  const signature = await connection.sendRawTransaction(tx.serialize());
  await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight }, 'confirmed');
  return signature;
}

async function expectClean(page: Page, locale: Locale, what: string): Promise<void> {
  expect(await axeViolations(page), `axe: ${what}`).toEqual([]);
  if (locale === 'ko') expect(await untranslatedLines(page), `untranslated: ${what}`).toEqual([]);
}

async function trackBySignature(page: Page, signature: string): Promise<void> {
  await page.getByTestId('deposit-signature-input').fill(signature);
  await page.getByTestId('deposit-signature-submit').click();
}

for (const locale of ['en', 'ko'] as const) {
  const words = MESSAGES[locale].deposit;
  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ] as const) {
    test(`${locale}, ${device}: "Can't connect your wallet?" states the rules first, then the published deposit address, copyable, and its Solana Pay QR code`, async ({ page, context }) => {
      await page.setViewportSize(viewport);
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const config = e2eConfig();
      await gotoOpen(page, at(locale, '/migrate'));
      const section = page.getByTestId('deposit-section');
      await section.scrollIntoViewIfNeeded();
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(words.section.heading);

      // The rules, every one, before the address.
      const rules = section.getByTestId('deposit-rules').locator('li');
      await expect(rules).toHaveCount(words.section.rules.split('|').length);
      await expect(rules.first()).toContainText(locale === 'en' ? 'Send only AI16Z' : 'AI16Z만 보내세요');
      await expect(rules.nth(4)).toContainText(String(10));
      const rulesBox = await section.getByTestId('deposit-rules').boundingBox();
      const ownerBox = await section.getByTestId('deposit-owner').boundingBox();
      expect(rulesBox && ownerBox && rulesBox.y + rulesBox.height <= ownerBox.y, 'the rules come before the address').toBe(true);

      // The address is the one the status answer (and so the signed manifest) publishes.
      const status = (await (await page.request.get('/api/v1/status')).json()) as { deposit: { owner: string; tokenAccount: string } };
      expect(status.deposit).toEqual({ owner: config.deposit.owner, tokenAccount: config.deposit.tokenAccount });
      await expect(section.getByTestId('deposit-owner')).toHaveText(config.deposit.owner);
      await expect(section.getByTestId('deposit-token-account')).toHaveText(config.deposit.tokenAccount);
      await section.getByTestId('deposit-owner-copy').click();
      await expect(section.getByTestId('deposit-owner-copy')).toHaveAttribute('data-copied', 'true');
      await expect(section.getByTestId('deposit-owner-copy')).toHaveText(words.section.copied);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(config.deposit.owner);

      // The QR code: a Solana Pay transfer request to the owner for the AI16Z mint, no amount.
      const request = await section.getByTestId('deposit-qr').getAttribute('data-request');
      expect(request).toMatch(new RegExp(`^solana:${config.deposit.owner}\\?spl-token=${config.mints.ai16z.address}&label=[^&]+&message=[^&]+$`));
      expect(new URLSearchParams(request?.split('?')[1]).get('label')).toBe(words.section.payLabel);
      await expect(section.getByTestId('deposit-pay-link')).toHaveAttribute('href', request ?? '');
      await expect(section.getByTestId('deposit-qr')).toBeVisible();
      await expect(section.getByTestId('deposit-qr')).toHaveAttribute('aria-label', words.section.qrAlt);

      expect(await horizontalOverflow(page), 'no sideways scrolling').toBe(0);
      await expectClean(page, locale, `the deposit section (${device})`);
      await section.screenshot({ path: `e2e/screenshots/deposit-section-${locale}-${device}.png` });
    });
  }
}

test('tracking by signature: a snapshot holder’s transfer is paid 6× at the same wallet; then its page in Korean, and by address in the history', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 375, height: 812 });
  const config = e2eConfig();
  const holder = freshHolder(config, 7);
  const amount = 12n * AI16Z(config);
  const before = await readMigrationBalances(config, holder.publicKey);
  const signature = await sendDeposit(config, holder.secretKey, amount);

  await gotoOpen(page, '/migrate');
  const tracker = page.getByTestId('deposit-tracker');
  await tracker.scrollIntoViewIfNeeded();
  // Not a signature: answered inline, nothing asked.
  await trackBySignature(page, 'not-a-signature');
  await expect(page.getByTestId('deposit-signature-error')).toHaveText(en.deposit.tracker.signatureInvalid);
  await expect(page.getByTestId('deposit-signature-input')).toHaveAttribute('aria-invalid', 'true');

  await trackBySignature(page, signature);
  const result = page.getByTestId('deposit-result');
  // Confirmed, then final, then paid: the page looks again by itself.
  await expect(result).toHaveAttribute('data-state', 'paid', { timeout: 120_000 });
  const received = formatBaseUnits(elizaosFor(config, amount), config.mints.elizaos.decimals, { locale: 'en' });
  await expect(result.getByTestId('deposit-amounts')).toHaveText(`Sent 12 AI16Z, received ${received} ELIZAOS`);
  await expect(result.getByTestId('explorer-link')).toHaveCount(2); // the deposit and the payout
  await expect(result.getByTestId('deposit-refund')).toHaveCount(0);
  const after = await readMigrationBalances(config, holder.publicKey);
  expect(after.holderElizaos - before.holderElizaos, 'paid 6× to the sender’s own ELIZAOS account').toBe(elizaosFor(config, amount));
  expect(before.holderAi16z - after.holderAi16z).toBe(amount);
  await expectClean(page, 'en', 'a paid deposit');
  await result.screenshot({ path: 'e2e/screenshots/deposit-tracked-paid-en-phone.png' });

  // Its page, in Korean.
  await page.goto(`/ko/deposit/${signature}`);
  await expect(page.getByTestId('deposit-result')).toHaveAttribute('data-state', 'paid');
  await expect(page.getByTestId('deposit-state')).toHaveText(ko.deposit.state.paid);
  await expect(page.getByTestId('deposit-amounts')).toContainText(`${received} ELIZAOS`);
  await expectClean(page, 'ko', 'the deposit page');
  await page.screenshot({ path: 'e2e/screenshots/deposit-page-ko-phone.png', fullPage: true });

  // By address: the wallet's history lists it as a deposit.
  await gotoOpen(page, '/ko/migrate');
  await page.getByTestId('deposit-address-input').fill(holder.publicKey);
  await page.getByTestId('deposit-address-submit').click();
  const entry = page.locator('[data-testid="history-entry"][data-kind="deposit"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-outcome', 'paid');
  await expect(entry.getByTestId('history-receipt-link')).toHaveAttribute('href', `/ko/deposit/${signature}`);
  await page.getByTestId('history').screenshot({ path: 'e2e/screenshots/deposit-history-ko-phone.png' });
});

test('tracking by signature: a deposit from a wallet outside the snapshot is not paid and waits for its refund, said in Korean; ops refund it from the console and it comes back once', async ({ page }) => {
  test.setTimeout(180_000);
  const config = e2eConfig();
  const outsider = config.demoWallets.notInSnapshot;
  const amount = AI16Z(config) / 2n;
  const before = await readMigrationBalances(config, outsider.publicKey);
  const signature = await sendDeposit(config, outsider.secretKey, amount);
  await gotoOpen(page, '/ko/migrate');
  await page.getByTestId('deposit-tracker').scrollIntoViewIfNeeded();
  await trackBySignature(page, signature);
  const result = page.getByTestId('deposit-result');
  await expect(result).toHaveAttribute('data-state', 'refund_pending', { timeout: 120_000 });
  await expect(result.getByTestId('deposit-reason')).toHaveText(ko.deposit.reason.NOT_IN_SNAPSHOT);
  await expect(result.getByTestId('deposit-refund')).toHaveAttribute('data-refund', 'pending');
  await expect(result.getByTestId('deposit-refund')).toContainText('0.5 AI16Z');
  expect((await readMigrationBalances(config, outsider.publicKey)).holderElizaos, 'nothing paid').toBe(before.holderElizaos);
  await expectClean(page, 'ko', 'a deposit waiting for its refund');
  await result.screenshot({ path: 'e2e/screenshots/deposit-tracked-refund-ko.png' });

  // The ops console lists it; Refund (the e2e server holds the deposit owner's key) sends it back.
  await signInToConsole(page);
  const item = page.locator('[data-testid="ops-deposit"]', { hasText: signature });
  await expect(item).toHaveAttribute('data-refund', 'pending');
  await expect(item.getByTestId('ops-deposit-state')).toHaveText('refund_pending');
  await page.locator('#deposits').screenshot({ path: 'e2e/screenshots/deposit-ops-console.png' });
  await item.getByTestId('deposit-refund').getByRole('button', { name: 'Refund' }).click();
  await expect(page.locator('[data-testid="ops-deposit"]', { hasText: signature })).toHaveAttribute('data-refund', /submitted|refunded/, { timeout: 30_000 });
  // Settled by the reconciler: the deposit's page says refunded, and the AI16Z is back, once.
  await expect(async () => {
    await page.goto(`/ko/deposit/${signature}`);
    await expect(page.getByTestId('deposit-refund')).toHaveAttribute('data-refund', 'refunded', { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId('deposit-state')).toHaveText(ko.deposit.state.refunded);
  await expect(page.getByTestId('explorer-link')).toHaveCount(2); // the deposit and the refund
  const after = await readMigrationBalances(config, outsider.publicKey);
  expect(after.holderAi16z, 'the whole deposit back at its source account').toBe(before.holderAi16z);
  await page.screenshot({ path: 'e2e/screenshots/deposit-page-refunded-ko.png', fullPage: true });
});
