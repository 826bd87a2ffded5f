/**
 * Stray delegations (README "Stray delegations (Revoke)") against the real chain: the seeded `delegated` wallet's AI16Z
 * account has a delegate and a close authority set to a known-drainer address. The holder sees the
 * warning naming the drainer (in Korean on /ko/migrate too), reviews and signs a Revoke, and the
 * chain then shows no delegate (the close authority stays: only it can change itself, as the page
 * says). The RPC proxy sends nothing but such a Revoke.
 */
import { expect, test } from '@playwright/test';
import { TOKEN_2022_PROGRAM_ID, getAccount, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import { opsApi } from '@/e2e/ops/helpers';
import { chain, connectOnMigratePage, e2eConfig, screenshot } from '@/e2e/wallet/helpers';
import { readTestWallet } from '@/e2e/wallet/test-wallet';
import { OpsCliError } from '@/scripts/lib/ops-client';

/** Lists the seeded stray authority as a known drainer (once; a second run finds it listed). */
async function listStrayAsDrainer(): Promise<void> {
  const stray = e2eConfig().strayAuthority;
  const ops = await opsApi();
  await ops.post('/api/v1/ops/drainers', { address: stray.address, label: stray.label }).catch((error: unknown) => {
    if (!(error instanceof OpsCliError && error.status === 409)) throw error;
  });
}

// Before the English test below revokes the delegate: the Korean panel is seen with both authorities.
test('in Korean, the panel and the Revoke preview say the same, with no English left', async ({ page }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.delegated;
  const stray = config.strayAuthority;
  await listStrayAsDrainer();
  const account = getAssociatedTokenAddressSync(new PublicKey(config.mints.ai16z.address), new PublicKey(wallet.publicKey), false, TOKEN_2022_PROGRAM_ID);

  await connectOnMigratePage(page, wallet, { path: '/ko/migrate' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  const panel = page.getByTestId('stray-delegations');
  await expect(panel).toHaveAttribute('data-state', 'found');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('다른 키가 회원님의 토큰에 대한 권한을 갖고 있습니다');
  // Which order protects the holder, and why, before any prompt.
  await expect(panel.getByTestId('delegation-order')).toContainText(ko.strayDelegations.orderTitle);
  await expect(panel.getByTestId('delegation-order')).toContainText(ko.strayDelegations.orderBody);
  const item = panel.getByTestId('stray-account');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`회원님의 AI16Z 계정 ${account.toBase58()}`);
  await expect(item.getByTestId('stray-delegate')).toContainText('위임 권한(delegate): 이 계정에서 최대 400 AI16Z를');
  await expect(item.getByTestId('stray-delegate').getByTestId('known-drainer')).toHaveText(`알려진 지갑 탈취범: ${stray.label}`);
  await expect(item.getByTestId('stray-close-authority')).toContainText('닫기 권한(close authority)');
  await expect(panel.getByTestId('close-authority-explain')).toContainText('권한 취소(Revoke)는 위임 권한만 없앱니다.');
  await expect(page.getByTestId('revoke-review-button')).toHaveText('권한 취소 트랜잭션 확인하기');
  expect(await untranslatedLines(page), 'untranslated text').toEqual([]);
  expect(await axeViolations(page), 'axe').toEqual([]);
  await screenshot(page, 'ko-stray-delegation-warning');

  await page.getByTestId('revoke-review-button').click();
  const preview = page.getByTestId('revoke-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('heading', { level: 3 })).toHaveText('서명하기 전에 권한 취소 트랜잭션을 확인하세요');
  await expect(preview.getByTestId('revoke-item')).toHaveText(`회원님의 AI16Z 계정 ${account.toBase58()}(Token-2022 (Token Extensions))에서 위임 권한을 없앱니다`);
  await expect(page.getByTestId('revoke-sign-button')).toHaveText('지갑에서 승인하기');
  expect(await untranslatedLines(page), 'untranslated text').toEqual([]);
  expect(await axeViolations(page), 'axe').toEqual([]);
  await screenshot(page, 'ko-stray-delegation-revoke-preview');
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await horizontalOverflow(page), 'horizontal overflow on a phone').toBe(0);
  await screenshot(page, 'ko-stray-delegation-revoke-preview-phone');
  if (desktop) await page.setViewportSize(desktop);
  // Nothing is signed here: the English test below signs the Revoke.
  await page.getByRole('button', { name: '취소', exact: true }).click();
  await expect(preview).toHaveCount(0);
  expect((await readTestWallet(page)).signTransactionCalls).toBe(0);
});

test('a holder with a stray delegate sees it named as a known drainer, revokes it, and the chain shows no delegate', async ({ page }) => {
  const config = e2eConfig();
  const wallet = config.demoWallets.delegated;
  const stray = config.strayAuthority;
  await listStrayAsDrainer();

  const connection = chain(config);
  const holder = new PublicKey(wallet.publicKey);
  const account = getAssociatedTokenAddressSync(new PublicKey(config.mints.ai16z.address), holder, false, TOKEN_2022_PROGRAM_ID);
  const before = await getAccount(connection, account, 'confirmed', TOKEN_2022_PROGRAM_ID);
  expect(before.delegate?.toBase58()).toBe(stray.address);
  expect(before.closeAuthority?.toBase58()).toBe(stray.address);

  await connectOnMigratePage(page, wallet);
  const panel = page.getByTestId('stray-delegations');
  await expect(panel).toHaveAttribute('data-state', 'found');
  await expect(panel.getByTestId('delegation-order')).toContainText(en.strayDelegations.orderTitle);
  const item = panel.getByTestId('stray-account');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-account', account.toBase58());
  await expect(item.getByTestId('stray-delegate')).toContainText(stray.address);
  await expect(item.getByTestId('stray-delegate')).toContainText('may move up to 400 AI16Z');
  await expect(item.getByTestId('stray-delegate').getByTestId('known-drainer')).toHaveText(`Known wallet drainer: ${stray.label}`);
  await expect(item.getByTestId('stray-close-authority')).toContainText(stray.address);
  await expect(panel.getByTestId('close-authority-explain')).toContainText('A Revoke removes delegates only');
  await screenshot(page, 'stray-delegation-warning');

  await page.getByTestId('revoke-review-button').click();
  const preview = page.getByTestId('revoke-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('revoke-item')).toHaveCount(1);
  await expect(preview.getByTestId('revoke-item')).toHaveText(`Removes the delegate of your AI16Z account ${account.toBase58()} (Token-2022 (Token Extensions))`);
  await expect(preview.getByTestId('revoke-fee')).toHaveText('0.000005 SOL');
  expect((await readTestWallet(page)).signTransactionCalls).toBe(0);
  await screenshot(page, 'stray-delegation-revoke-preview');

  await page.getByTestId('revoke-sign-button').click();
  await expect(panel.getByTestId('revoke-done')).toBeVisible({ timeout: 30_000 });
  await expect(panel).toHaveAttribute('data-state', 'found');
  await expect(panel.getByTestId('stray-delegate')).toHaveCount(0);
  await expect(panel.getByTestId('stray-close-authority')).toHaveCount(1);
  expect((await readTestWallet(page)).signTransactionCalls).toBe(1);
  await screenshot(page, 'stray-delegation-revoked');

  const after = await getAccount(connection, account, 'confirmed', TOKEN_2022_PROGRAM_ID);
  expect(after.delegate).toBeNull();
  expect(after.delegatedAmount).toBe(0n);
  expect(after.amount).toBe(before.amount);
  expect(after.closeAuthority?.toBase58()).toBe(stray.address);
});

test('a wallet without delegates is told so', async ({ page }) => {
  await connectOnMigratePage(page, e2eConfig().demoWallets.eligible);
  await expect(page.getByTestId('stray-delegations')).toHaveAttribute('data-state', 'clean');
});

test('the RPC proxy sends only a Revoke of the holder’s own accounts', async ({ request }) => {
  const config = e2eConfig();
  const holder = Keypair.fromSecretKey(bs58.decode(config.demoWallets.eligible.secretKey));
  const { blockhash } = await chain(config).getLatestBlockhash();
  const transfer = new Transaction({ feePayer: holder.publicKey, recentBlockhash: blockhash }).add(
    SystemProgram.transfer({ fromPubkey: holder.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1_000 }),
  );
  transfer.sign(holder);
  const call = (method: string, params: unknown[]) => ({ jsonrpc: '2.0', id: 1, method, params });
  const wire = transfer.serialize().toString('base64');

  const refused = await request.post('/api/v1/rpc', { data: call('sendTransaction', [wire, { encoding: 'base64' }]) });
  expect(refused.status()).toBe(422);
  const body = (await refused.json()) as { error: { code: string; details: { violations: { code: string }[] } } };
  expect(body.error.code).toBe('POLICY_VIOLATION');
  expect(body.error.details.violations.map((v) => v.code)).toEqual(expect.arrayContaining(['SYSTEM_TRANSFER', 'NO_REVOKE']));

  expect((await request.post('/api/v1/rpc', { data: [call('sendTransaction', [wire, { encoding: 'base64' }])] })).status()).toBe(403);
  expect((await request.post('/api/v1/rpc', { data: call('sendTransaction', [wire]) })).status()).toBe(400);
  expect((await request.post('/api/v1/rpc', { data: call('requestAirdrop', [holder.publicKey.toBase58(), 1]) })).status()).toBe(403);
});
