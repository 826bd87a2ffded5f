/**
 * The migrate flow tells the truth at every step, against the real chain: the countdown and the
 * fresh transactions (a preview left open, a wallet that signs too late), rent only when the
 * ELIZAOS account is created and every figure equal to what the chain moved, focus on each step's
 * heading, the explorer links while confirming, the history (kept over a reload), receipts of
 * attempts that never landed, a refused first send, the amount field, and the holders told before
 * any prompt (no SOL, dust, bought after the snapshot). In English and Korean, on a phone too,
 * with axe at 0. Times are driven with Playwright's clock, so nothing depends on the machine's speed.
 */
import { expect, type Page, test } from '@playwright/test';
import { createAssociatedTokenAccountIdempotentInstruction, createTransferCheckedInstruction, getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { formatBaseUnits, toUiString } from '@/lib/solana/amounts';
import { solNeededForNewHolder } from '@/lib/solana/sol-needed';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import {
  apiEligibility,
  apiMigration,
  chain,
  connectOnMigratePage,
  e2eConfig,
  elizaosFor,
  freshHolder,
  readHolderSol,
  readMigrationBalances,
  requestMigration,
  screenshot,
} from '@/e2e/wallet/helpers';
import { readTestWallet, releaseTestWallet, setTestWalletHolds } from '@/e2e/wallet/test-wallet';

const MESSAGES = { en, ko } as const;
type Locale = keyof typeof MESSAGES;
const path = (locale: Locale, p: string) => (locale === 'ko' ? `/ko${p}` : p);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sol = (lamports: bigint, locale: Locale = 'en') => `${formatBaseUnits(lamports, 9, { locale })} SOL`;

/** Counts the builds and submits the page makes from now on. */
function countRequests(page: Page) {
  const seen = { builds: 0, submits: 0, declines: 0 };
  page.on('request', (r) => {
    if (r.method() !== 'POST') return;
    if (r.url().endsWith('/api/v1/migrations')) seen.builds += 1;
    else if (r.url().endsWith('/submit')) seen.submits += 1;
    else if (r.url().endsWith('/decline')) seen.declines += 1;
  });
  return seen;
}

async function messageHash(page: Page): Promise<string> {
  return ((await page.getByTestId('preview-message-hash').locator('code').textContent()) ?? '').trim();
}

async function expectClean(page: Page, locale: Locale, what: string): Promise<void> {
  expect(await axeViolations(page), `axe: ${what}`).toEqual([]);
  if (locale === 'ko') expect(await untranslatedLines(page), `untranslated: ${what}`).toEqual([]);
}

test("a fresh holder's first migration: summary first, rent only because the account is created, every figure what the chain moved; focus on each step; explorer links while confirming; the history, kept over a reload", async ({ page }) => {
  const config = e2eConfig();
  const holder = freshHolder(config, 0);
  const { ai16z, elizaos } = config.mints;
  const amountIn = 12n * 10n ** BigInt(ai16z.decimals) + 5n * 10n ** BigInt(ai16z.decimals - 1);
  const amountOut = elizaosFor(config, amountIn);
  const rent = BigInt(await chain(config).getMinimumBalanceForRentExemption(165, 'confirmed'));
  const solBefore = await readHolderSol(config, holder.publicKey);
  expect(solBefore.elizaosAccountLamports, 'a fresh holder has no ELIZAOS account').toBeNull();
  const tokensBefore = await readMigrationBalances(config, holder.publicKey);

  await connectOnMigratePage(page, holder);
  await expect(page.getByTestId('history')).toContainText(en.history.empty);
  const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
  await requestMigration(page, '12.5');
  const { id } = (await (await built).json()) as { id: string };
  await expect(page.locator('#preview-heading')).toBeFocused();
  await expect(page.getByTestId('sign-button')).toBeEnabled();

  // The summary: send, receive, fee, and the rent, because this transaction creates the account.
  await expect(page.getByTestId('preview-send')).toHaveText(`${formatBaseUnits(amountIn, ai16z.decimals)} AI16Z to the migration vault`);
  await expect(page.getByTestId('preview-receive')).toHaveText(`${formatBaseUnits(amountOut, elizaos.decimals)} ELIZAOS from the migration treasury`);
  await expect(page.getByTestId('preview-fee')).toContainText(sol(10_000n));
  await expect(page.getByTestId('preview-rent')).toContainText(sol(rent));
  // Programs, memo and hash fold under Details; the Ledger hint stays in view.
  await expect(page.getByTestId('preview-message-hash')).toBeHidden();
  await expect(page.getByTestId('signing-ledger-hint')).toBeVisible();
  const seconds = Number(await page.getByTestId('countdown').getAttribute('data-seconds-left'));
  expect(seconds).toBeGreaterThan(40);
  expect(seconds).toBeLessThanOrEqual(60);
  await page.getByTestId('preview-details').locator('summary').click();
  await expect(page.getByTestId('preview-message-hash')).toBeVisible();
  await expect(page.getByTestId('preview-accounts')).toContainText(config.vault.tokenAccount);
  await expect(page.getByTestId('preview-memo')).toHaveText(`elizaos-migration:v1:${id}`);
  await expectClean(page, 'en', 'preview');
  await screenshot(page, 'migrate-preview-first');

  // The confirmation is held so the confirming step can be seen: explorer links, no stale Approve.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`**/api/v1/migrations/${id}`, async (route) => {
    if (route.request().method() === 'GET') await held;
    await route.continue();
  });
  await page.getByTestId('sign-button').click();
  const inFlight = page.getByTestId('in-flight');
  await expect(inFlight).toHaveAttribute('data-step', 'confirming');
  await expect(page.getByTestId('in-flight-heading')).toBeFocused();
  await expect(page.getByTestId('sign-button')).toHaveCount(0);
  await expect(page.getByTestId('countdown')).toHaveCount(0);
  const signature = ((await inFlight.locator('code').textContent()) ?? '').trim();
  expect(signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/);
  expect(new URL((await inFlight.getByTestId('explorer-link').getAttribute('href')) ?? '').pathname).toBe(`/tx/${signature}`);
  const solscan = new URL((await inFlight.getByTestId('solscan-link').getAttribute('href')) ?? '');
  expect(solscan.host).toBe('solscan.io');
  expect(solscan.pathname).toBe(`/tx/${signature}`);
  expect(solscan.searchParams.get('customUrl')).toBe(config.rpcUrl);
  await expectClean(page, 'en', 'confirming');
  await screenshot(page, 'migrate-confirming');
  release();

  await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#done-heading')).toBeFocused();

  // What the chain moved is what the preview said: the fee and the rent in SOL, the two tokens.
  const solAfter = await readHolderSol(config, holder.publicKey);
  expect(solAfter.elizaosAccountLamports).toBe(rent);
  expect(solBefore.lamports - solAfter.lamports).toBe(10_000n + rent);
  const landed = await chain(config).getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
  expect(BigInt(landed?.meta?.fee ?? 0)).toBe(10_000n);
  const tokensAfter = await readMigrationBalances(config, holder.publicKey);
  expect(tokensAfter.holderAi16z - tokensBefore.holderAi16z).toBe(-amountIn);
  expect(tokensAfter.holderElizaos - tokensBefore.holderElizaos).toBe(amountOut);

  // The history: the migration, its amounts, its receipt and explorers; a reload keeps the session.
  const entry = page.getByTestId('history-entry').filter({ has: page.locator(`[href$="/receipt/${id}"]`) });
  await expect(entry).toHaveAttribute('data-outcome', 'confirmed');
  await expect(entry.getByTestId('history-amounts')).toHaveText(`Sent ${formatBaseUnits(amountIn, ai16z.decimals)} AI16Z, received ${formatBaseUnits(amountOut, elizaos.decimals)} ELIZAOS`);
  await expect(entry.getByTestId('solscan-link')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('connected-address')).toHaveText(holder.publicKey);
  await expect(entry).toHaveAttribute('data-outcome', 'confirmed');
  expect((await readTestWallet(page)).connectCalls).toBe(1);
  await page.getByTestId('history').scrollIntoViewIfNeeded();
  await expectClean(page, 'en', 'history');
  await screenshot(page, 'migrate-history');

  // The next preview of the same wallet shows no rent: the account exists now.
  await requestMigration(page, '1');
  await expect(page.getByTestId('sign-button')).toBeEnabled();
  await expect(page.getByTestId('preview-rent')).toHaveCount(0);
  await page.getByTestId('preview-details').locator('summary').click();
  await expect(page.getByTestId('preview-token-account')).toHaveText(en.flow.rentExists);
});

test('ko, on a phone: the wallet signs after the transaction expired (a long Ledger check): nothing is sent, a fresh one for the same amount replaces it, and then it migrates', async ({ page }) => {
  const config = e2eConfig();
  const holder = freshHolder(config, 1);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.clock.install();
  const seen = countRequests(page);
  await connectOnMigratePage(page, holder, { path: '/ko/migrate' });
  await requestMigration(page, '3');
  await expect(page.getByTestId('sign-button')).toBeEnabled();
  const firstHash = await messageHash(page);
  expect(seen.builds).toBe(1);

  await setTestWalletHolds(page, true);
  await page.getByTestId('sign-button').click();
  await expect(page.getByTestId('in-flight-heading')).toHaveText(ko.flow.inFlight.signing);
  await expect(page.getByTestId('in-flight-heading')).toBeFocused();
  await expect(page.getByTestId('sign-button')).toHaveCount(0);
  await expect.poll(async () => (await readTestWallet(page)).holding).toBe(1);
  expect(await horizontalOverflow(page), 'overflow on a phone').toBe(0);
  await expectClean(page, 'ko', 'waiting for the wallet');
  await screenshot(page, 'migrate-ledger-waiting-ko-phone');

  // The person compares the hash for longer than the transaction lives, then approves.
  await page.clock.fastForward(65_000);
  await releaseTestWallet(page);
  const replaced = page.getByTestId('replaced');
  await expect(replaced).toHaveAttribute('data-reason', 'signedTooLate');
  await expect(replaced).toContainText(ko.flow.replaced.signedTooLate);
  await expect(replaced).toHaveAttribute('data-changes', '');
  await expect(replaced).toContainText(ko.flow.replaced.unchanged);
  expect(seen.submits, 'nothing signed too late is sent').toBe(0);
  expect(seen.builds).toBe(2);
  expect(await messageHash(page)).not.toBe(firstHash);
  await expect(page.getByTestId('preview-send')).toContainText('3 AI16Z');
  await expect(page.locator('#preview-heading')).toBeFocused();
  expect(await horizontalOverflow(page), 'overflow on a phone').toBe(0);
  await expectClean(page, 'ko', 'signed too late');
  await screenshot(page, 'migrate-signed-too-late-ko-phone');

  await setTestWalletHolds(page, false);
  await page.getByTestId('sign-button').click();
  await expect(page.getByTestId('done')).toBeVisible({ timeout: 30_000 });
  expect(seen.submits).toBe(1);
  expect((await readTestWallet(page)).signTransactionCalls).toBe(2);
});

for (const [locale, index] of [
  ['en', 2],
  ['ko', 3],
] as const) {
  test(`${locale}: a preview left open: a live countdown, a fresh transaction before it expires (and what changed), then, when none can be had, signing stops at expiry and one click gets a fresh one`, async ({ page }) => {
    const config = e2eConfig();
    const holder = freshHolder(config, index);
    const words = MESSAGES[locale].flow;
    await page.clock.install();
    const seen = countRequests(page);
    await connectOnMigratePage(page, holder, { path: path(locale, '/migrate') });
    await requestMigration(page, '2');
    await expect(page.getByTestId('sign-button')).toBeEnabled();
    const first = await messageHash(page);
    const countdown = page.getByTestId('countdown');
    const left = Number(await countdown.getAttribute('data-seconds-left'));
    await page.clock.fastForward(10_000);
    await expect.poll(async () => Number(await countdown.getAttribute('data-seconds-left'))).toBeLessThanOrEqual(left - 9);

    // 30 s before it expires, a fresh one replaces it: nothing changed but the hash.
    await page.clock.fastForward(21_000);
    const replaced = page.getByTestId('replaced');
    await expect(replaced).toHaveAttribute('data-reason', 'expiring');
    await expect(replaced).toHaveAttribute('data-changes', '');
    await expect(replaced).toContainText(words.replaced.newHash);
    expect(seen.builds).toBe(2);
    const second = await messageHash(page);
    expect(second).not.toBe(first);
    expect(Number(await countdown.getAttribute('data-seconds-left'))).toBeGreaterThan(50);
    await expectClean(page, locale, 'replaced');
    await screenshot(page, `migrate-replaced-${locale}`);

    // The portal cannot be reached: the old one stays until it expires, then signing stops.
    await page.route('**/api/v1/migrations', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await page.clock.fastForward(31_000);
    await expect.poll(() => seen.builds).toBe(3);
    await expect(page.getByTestId('sign-button')).toBeEnabled();
    await page.clock.fastForward(30_000);
    const expired = page.getByTestId('expired');
    await expect(expired).toBeVisible();
    await expect(expired).toContainText(words.expiredTitle);
    await expect(expired.getByTestId('refresh-error')).toHaveAttribute('data-error-code', 'NETWORK');
    await expect(page.getByTestId('sign-button')).toBeDisabled();
    await expect(page.getByTestId('countdown')).toHaveCount(0);
    await expectClean(page, locale, 'expired');
    await screenshot(page, `migrate-expired-${locale}`);

    await page.unroute('**/api/v1/migrations');
    await page.getByTestId('fresh-transaction').click();
    await expect(replaced).toHaveAttribute('data-reason', 'manual');
    await expect(page.getByTestId('sign-button')).toBeEnabled();
    await expect(page.locator('#preview-heading')).toBeFocused();
    expect(await messageHash(page)).not.toBe(second);
    expect((await readTestWallet(page)).signTransactionCalls).toBe(0);
  });
}

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}: a declined attempt says so in the flow, on its receipt and in the history: nothing was sent, the amounts are what it would have moved`, async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.eligible;
    const words = MESSAGES[locale];
    const seen = countRequests(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await connectOnMigratePage(page, wallet, { path: path(locale, '/migrate'), reject: true });
    const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
    await requestMigration(page, '4');
    const { id } = (await (await built).json()) as { id: string };
    await expect(page.getByTestId('sign-button')).toBeEnabled();
    const declined = page.waitForResponse((r) => r.url().endsWith(`/api/v1/migrations/${id}/decline`));
    await page.getByTestId('sign-button').click();
    expect((await declined).status()).toBe(200);
    const error = page.getByTestId('flow-error').getByTestId('error');
    await expect(error).toHaveAttribute('data-error-code', 'WALLET_REJECTED');
    await expect(error.getByTestId('error-title')).toHaveText(words.errors.WALLET_REJECTED.title);
    await expect(page.getByTestId('failure-support-link')).toHaveAttribute('href', new RegExp(`support\\?migration=${id}$`));
    expect(seen.submits).toBe(0);
    const migration = await apiMigration(page.request, id);
    // A label only: the build stays `built` (the report carries no signature, so it cannot end it) until its offer runs out.
    expect(migration).toMatchObject({ state: 'built', endReason: 'declined', signature: null });
    const entry = page.locator(`[data-testid="history-entry"][data-id="${id}"]`);
    await expect(entry).toHaveAttribute('data-outcome', 'declined');
    await expect(entry.getByTestId('history-state')).toHaveText(words.history.outcome.declined);
    await expectClean(page, locale, 'declined');
    await screenshot(page, `migrate-declined-${locale}-phone`);

    await page.getByTestId('failure-receipt-link').click();
    await expect(page).toHaveURL(new RegExp(`${locale === 'ko' ? '/ko' : ''}/receipt/${id}$`));
    await expect(page.getByTestId('receipt')).toHaveAttribute('data-outcome', 'declined');
    await expect(page.getByTestId('receipt-state')).toHaveText(words.receipt.outcome.declined);
    await expect(page.getByTestId('receipt-state-text')).toHaveText(words.receipt.outcomeText.declined);
    await expect(page.getByText(words.receipt.sent.not)).toBeVisible();
    await expect(page.getByText(words.receipt.received.not)).toBeVisible();
    await expect(page.getByText(words.receipt.sent.moved, { exact: true })).toHaveCount(0);
    await expect(page.getByTestId('receipt-support-link')).toHaveAttribute('href', `${locale === 'ko' ? '/ko' : ''}/support?migration=${id}`);
    expect(await horizontalOverflow(page)).toBe(0);
    await expectClean(page, locale, 'receipt of a declined attempt');
    await screenshot(page, `receipt-declined-${locale}-phone`);
  });
}

test("a refused first send (the AI16Z left the wallet after signing) is shown while confirming, in the node's own words apart; once it fails on chain, the receipt says what did not happen", async ({ page }) => {
  const config = e2eConfig();
  const holder = freshHolder(config, 6);
  const owner = Keypair.fromSecretKey(bs58.decode(holder.secretKey));
  const mint = new PublicKey(config.mints.ai16z.address);
  const source = getAssociatedTokenAddressSync(mint, owner.publicKey, false, TOKEN_2022_PROGRAM_ID);
  const elsewhere = Keypair.generate();
  const parking = getAssociatedTokenAddressSync(mint, elsewhere.publicKey, false, TOKEN_2022_PROGRAM_ID);
  const balance = BigInt(holder.snapshotBalance);
  const connection = chain(config);
  const move = async (from: PublicKey, to: PublicKey, authority: Keypair) => {
    const tx = new Transaction().add(
      createAssociatedTokenAccountIdempotentInstruction(owner.publicKey, parking, elsewhere.publicKey, mint, TOKEN_2022_PROGRAM_ID),
      createTransferCheckedInstruction(from, mint, to, authority.publicKey, balance, config.mints.ai16z.decimals, [], TOKEN_2022_PROGRAM_ID),
    );
    tx.feePayer = owner.publicKey;
    tx.recentBlockhash = (await connection.getLatestBlockhash('confirmed')).blockhash;
    tx.sign(...(authority === owner ? [owner] : [owner, authority]));
    await connection.confirmTransaction(await connection.sendRawTransaction(tx.serialize()), 'confirmed');
  };

  await connectOnMigratePage(page, holder);
  const built = page.waitForResponse((r) => r.url().endsWith('/api/v1/migrations') && r.request().method() === 'POST');
  await requestMigration(page, '5');
  const { id } = (await (await built).json()) as { id: string };
  await expect(page.getByTestId('sign-button')).toBeEnabled();
  await setTestWalletHolds(page, true);
  await page.getByTestId('sign-button').click();
  await expect.poll(async () => (await readTestWallet(page)).holding).toBe(1);
  // While the wallet is open, the AI16Z leaves the wallet (another app, another device).
  await move(source, parking, owner);
  const submitted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/migrations/${id}/submit`));
  await releaseTestWallet(page);
  const answer = (await (await submitted).json()) as { state: string; warning?: { code: string } };
  expect(answer.state).toBe('submitted');
  expect(answer.warning?.code).toBe('SEND_REFUSED');
  const warning = page.getByTestId('send-refused');
  await expect(warning).toHaveAttribute('data-error-code', 'SEND_REFUSED');
  await expect(warning.getByTestId('error-detail')).toBeVisible();
  await expect(page.getByTestId('in-flight').getByTestId('explorer-link')).toBeVisible();
  await expectClean(page, 'en', 'send refused');
  await screenshot(page, 'migrate-send-refused');

  // The node re-sends it without a dry run; it lands and fails (the AI16Z is gone): the receipt says
  // what did not happen, the fee that was charged, and the chain's own error, in Korean.
  await expect.poll(async () => (await apiMigration(page.request, id)).state, { timeout: 45_000 }).toMatch(/^(submitted|failed)$/);
  const receipt = await page.context().newPage();
  await expect
    .poll(async () => {
      await receipt.goto(`/ko/receipt/${id}`);
      return receipt.getByTestId('receipt').getAttribute('data-outcome');
    }, { timeout: 45_000 })
    .toBe('failed_on_chain');
  await expect(receipt.getByTestId('receipt-state')).toHaveText(ko.receipt.outcome.failed_on_chain);
  await expect(receipt.getByTestId('receipt-state-text')).toContainText(ko.receipt.outcomeText.failed_on_chain);
  await expect(receipt.getByTestId('receipt-chain-error').locator('[lang="en"]')).not.toBeEmpty();
  await expect(receipt.getByText(ko.receipt.sent.not)).toBeVisible();
  await expectClean(receipt, 'ko', 'receipt of a migration that failed on chain');
  await screenshot(receipt, 'receipt-failed-on-chain-ko');
  await receipt.close();
  // The AI16Z comes back: the same signed transaction may still land while its blockhash lives.
  await move(parking, source, elsewhere);
});

for (const locale of ['en', 'ko'] as const) {
  test(`${locale}, on a phone: the amount field reads what people type, says what is wrong as they type, and the button says why`, async ({ page }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.postSnapshot;
    const words = MESSAGES[locale];
    const eligibility = await apiEligibility(page.request, wallet.publicKey);
    const remaining = `${formatBaseUnits(BigInt(eligibility.remaining), config.mints.ai16z.decimals, { locale })} AI16Z`;
    await page.setViewportSize({ width: 375, height: 800 });
    await connectOnMigratePage(page, wallet, { path: path(locale, '/migrate') });
    // Bought after the snapshot: what happens to the tokens beyond the allocation.
    const beyond = BigInt(eligibility.balance ?? '0') - BigInt(eligibility.remaining);
    await expect(page.getByTestId('beyond-allocation')).toContainText(`${formatBaseUnits(beyond, config.mints.ai16z.decimals, { locale })} AI16Z`);

    const input = page.getByTestId('amount-input');
    const button = page.getByTestId('review-button');
    const problem = page.getByTestId('amount-error');
    await expect(button).toHaveText(words.flow.enterAmount);
    await expect(button).toBeDisabled();
    for (const [typed, out] of [
      ['.5', '3'],
      ['5.', '30'],
      ['１２．５', '75'],
      ['0,5', '3'],
      ['1,234.5', null],
    ] as const) {
      await input.fill(typed);
      if (out) {
        await expect(page.getByTestId('receive-preview')).toContainText(`${out} ELIZAOS`);
        await expect(input).toHaveAttribute('aria-invalid', 'false');
        await expect(button).toBeEnabled();
        // Small amounts are dust for a holder without an ELIZAOS account: the button then says "anyway".
        await expect(button).toHaveText(new RegExp(`^(${escape(words.flow.reviewButton)}|${escape(words.flow.reviewAnyway)})$`));
      }
    }
    // 1,234.5 is more than what remains.
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(button).toBeDisabled();
    await expect(button).toHaveText(words.errors.AMOUNT_EXCEEDS_REMAINING.short.replace('{remaining}', remaining));
    await expect(problem).toHaveAttribute('data-error-code', 'AMOUNT_EXCEEDS_REMAINING');
    await input.fill('1,234');
    await expect(problem).toHaveAttribute('data-error-code', 'AMOUNT_AMBIGUOUS_SEPARATOR');
    await expect(button).toHaveText(words.errors.AMOUNT.short.AMBIGUOUS_SEPARATOR.replace('{asThousands}', '1234').replace('{asDecimal}', '1.234'));
    await input.fill('0.0000000001');
    await expect(problem).toHaveText(words.errors.AMOUNT.TOO_MANY_DECIMALS.replace('{decimals}', '9'));
    await expect(button).toHaveText(words.errors.AMOUNT.short.TOO_MANY_DECIMALS.replace('{decimals}', '9'));
    await expect(page.locator('body')).not.toContainText(/u64|base units/);
    // Max and Half fit on a phone, beside the field.
    for (const id of ['half-button', 'max-button']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box && box.x + box.width, `${id} inside the screen`).toBeLessThanOrEqual(375);
    }
    expect(await horizontalOverflow(page)).toBe(0);
    await expectClean(page, locale, 'amount field');
    await page.getByTestId('amount-form').scrollIntoViewIfNeeded();
    await screenshot(page, `migrate-amount-invalid-${locale}-phone`);
    await page.getByTestId('half-button').click();
    await expect(input).toHaveValue(toUiString(BigInt(eligibility.maxAmount) / 2n, config.mints.ai16z.decimals));
    await expect(button).toBeEnabled();
  });

  test(`${locale}: a wallet without SOL is told before any prompt, with one figure (the same as the FAQ's and the server's) and the address to top up, with a copy button`, async ({ page, context }) => {
    const config = e2eConfig();
    const wallet = config.demoWallets.noSol;
    const words = MESSAGES[locale];
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const needed = solNeededForNewHolder(new PublicKey(config.mints.elizaos.programId)).total;
    const server = await page.request.post('/api/v1/migrations', { data: { wallet: wallet.publicKey, amount: '1000000000' } });
    expect(server.status()).toBe(409);
    expect(((await server.json()) as { error: { details: { lamportsNeeded: string } } }).error.details.lamportsNeeded).toBe(needed.toString());
    const seen = countRequests(page);
    await connectOnMigratePage(page, wallet, { path: path(locale, '/migrate') });
    await page.getByTestId('amount-input').fill('1');
    const notice = page.getByTestId('sol-needed');
    await expect(notice).toHaveAttribute('data-error-code', 'INSUFFICIENT_SOL');
    await expect(notice).toContainText(sol(needed, locale));
    await expect(page.getByTestId('top-up-address-text')).toHaveText(wallet.publicKey);
    await expect(page.getByTestId('review-button')).toHaveText(words.flow.addSolFirst);
    await expect(page.getByTestId('review-button')).toBeDisabled();
    await page.getByTestId('copy-address').click();
    await expect(page.getByTestId('copy-address')).toHaveAttribute('data-copied', 'true');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(wallet.publicKey);
    expect(seen.builds).toBe(0);
    expect((await readTestWallet(page)).signTransactionCalls).toBe(0);
    await expectClean(page, locale, 'no SOL');
    await screenshot(page, `migrate-no-sol-${locale}`);

    await page.goto(path(locale, '/faq'));
    await expect(page.getByTestId('faq-fees')).toContainText(sol(needed, locale));
  });

  test(`${locale}: a migration whose fee and rent are worth more than it brings is said so, in SOL and in ELIZAOS, and the holder decides`, async ({ page }) => {
    const config = e2eConfig();
    const holder = freshHolder(config, locale === 'en' ? 4 : 5);
    const words = MESSAGES[locale];
    const rent = BigInt(await chain(config).getMinimumBalanceForRentExemption(165, 'confirmed'));
    await connectOnMigratePage(page, holder, { path: path(locale, '/migrate') });
    await page.getByTestId('amount-input').fill('0.000001');
    const warning = page.getByTestId('dust-warning');
    await expect(warning).toContainText(words.flow.dustTitle);
    await expect(warning).toContainText(sol(10_000n + rent, locale));
    await expect(warning).toContainText('ELIZAOS');
    await expect(page.getByTestId('review-button')).toHaveText(words.flow.reviewAnyway);
    await expectClean(page, locale, 'dust');
    await screenshot(page, `migrate-dust-${locale}`);
    await page.getByTestId('review-button').click();
    await expect(page.getByTestId('preview-dust')).toBeVisible();
    await expect(page.getByTestId('sign-button')).toBeEnabled();
  });
}
