/**
 * "Is this transaction official?" (`/check`, README "Is this transaction official? (`/check`)"): an official migration, a tampered
 * one (violations in plain words), an official Revoke, garbage (a clear message), and signatures
 * looked up on the local validator through the RPC proxy (found and not found); and the verdicts
 * in Korean on `/ko/check` (no English left, 0 axe violations, no overflow on a phone).
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { buildMigrationTransaction, type MigrationExpected } from '@/lib/solana/builder';
import { buildRevokeTransaction } from '@/lib/solana/revoke-builder';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
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

/** Opens the page from the home page of `locale`, as a holder would find it. */
async function openCheck(page: Page, locale: 'en' | 'ko' = 'en'): Promise<void> {
  expect((await page.goto(locale === 'en' ? '/' : '/ko'))?.status()).toBe(200);
  await page.getByTestId('check-link').click();
  await expect(page).toHaveURL(locale === 'en' ? /\/check$/ : /\/ko\/check$/);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

/** A migration transaction to an attacker's account, for twice the ELIZAOS: not official. */
function tamperedBase64(): { base64: string; attacker: PublicKey } {
  const config = e2eConfig();
  const attacker = Keypair.generate().publicKey;
  const { base64 } = migrationBase64({ vaultTokenAccount: attacker, amountOut: elizaosFor(config, 12n * 10n ** BigInt(config.mints.ai16z.decimals)) * 2n });
  return { base64, attacker };
}

test('an official migration transaction is recognised and decoded', async ({ page }) => {
  await openCheck(page);
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
  await openCheck(page);
  const { base64, attacker } = tamperedBase64();
  await check(page, base64);
  await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'not-official');
  await expect(page.getByTestId('check-verdict-title')).toHaveText('✗ NOT an official transaction');
  const violations = page.getByTestId('check-violations');
  await expect(violations.locator('li').first()).toBeVisible();
  // Worded by code, with the instruction it is about; the decode below names the account.
  await expect(violations.locator('li[data-code="WRONG_DESTINATION"]')).toHaveText(
    'A token transfer sends to another account than the official one (the migration vault, or your own ELIZAOS account). (instruction #3)',
  );
  await expect(violations.locator('li[data-code="WRONG_AMOUNT"]')).toContainText('A transfer moves another amount than the migration calls for');
  await expect(page.getByTestId('check-instruction')).toHaveCount(5);
  await expect(page.getByTestId('check-instruction').nth(2)).toContainText(attacker.toBase58());
  await screenshot(page, 'check-tampered');
});

test('an official Revoke is recognised', async ({ page }) => {
  await openCheck(page);
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
  await openCheck(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await check(page, 'this is not a transaction, just text!');
  await expect(page.getByTestId('check-error')).toHaveText(en.check.input.UNRECOGNISED);
  await screenshot(page, 'check-garbage');
  await check(page, 'AAAAAAAA');
  await expect(page.getByTestId('check-error')).toHaveText('These bytes are not a Solana transaction: it could not be decoded.');
  await check(page, '   ');
  await expect(page.getByTestId('check-error')).toHaveText(en.check.input.EMPTY);
  await expect(page.getByTestId('check-verdict')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a signature is looked up on the cluster and checked; an unknown one is reported', async ({ page }) => {
  await openCheck(page);
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
  await expect(page.getByTestId('check-error')).toHaveText('No transaction with this signature was found on the local test network. Check that you copied all of it, and the network.');
});

test.describe('in Korean (/ko/check)', () => {
  /** No English sentence, 0 axe violations, and no horizontal overflow on a phone. */
  async function expectKoreanPage(page: Page, name: string): Promise<void> {
    expect(await untranslatedLines(page), 'untranslated text').toEqual([]);
    expect(await axeViolations(page), 'axe').toEqual([]);
    await screenshot(page, name);
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await horizontalOverflow(page), 'horizontal overflow on a phone').toBe(0);
    await screenshot(page, `${name}-phone`);
    if (desktop) await page.setViewportSize(desktop);
  }

  test('an official migration: the verdict, the amounts and the decode in Korean', async ({ page }) => {
    await openCheck(page, 'ko');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('이 트랜잭션은 공식 트랜잭션인가요?');
    await expect(page.getByTestId('check-form')).toContainText('로컬 테스트 네트워크에서 조회');
    const config = e2eConfig();
    const { base64, expected } = migrationBase64();
    await check(page, base64);
    await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'migration');
    await expect(page.getByTestId('check-verdict-title')).toHaveText('✓ 공식 전환 트랜잭션입니다');
    await expect(page.getByTestId('check-sends')).toHaveText(`${formatBaseUnits(expected.amountIn, config.mints.ai16z.decimals, { locale: 'ko' })} AI16Z를 전환 보관소로`);
    await expect(page.getByTestId('check-receives')).toHaveText(`${formatBaseUnits(expected.amountOut, config.mints.elizaos.decimals, { locale: 'ko' })} ELIZAOS를 전환 재무 계정에서`);
    await expect(page.getByTestId('check-record')).toHaveText('없음(포털이 이 ID로 전환을 만든 적이 없습니다)');
    const instructions = page.getByTestId('check-instruction');
    await expect(instructions).toHaveCount(5);
    await expect(instructions.nth(0)).toContainText('컴퓨트 유닛 한도 설정');
    await expect(instructions.nth(2)).toContainText('토큰 전송(검증형)');
    await expect(instructions.nth(2)).toContainText('(전환 보관소)');
    await expect(instructions.nth(2)).toContainText('승인한 키');
    await expectKoreanPage(page, 'ko-check-official');
  });

  test('a tampered transaction: NOT official, each violation in Korean with its instruction', async ({ page }) => {
    await openCheck(page, 'ko');
    const { base64, attacker } = tamperedBase64();
    await check(page, base64);
    await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'not-official');
    await expect(page.getByTestId('check-verdict-title')).toHaveText('✗ 공식 트랜잭션이 아닙니다');
    await expect(page.getByTestId('check-verdict')).toContainText('서명하지 마세요.');
    const violations = page.getByTestId('check-violations');
    await expect(violations.locator('li[data-code="WRONG_DESTINATION"]')).toHaveText(
      '토큰 전송의 입금 계정이 공식 계정(전환 보관소 또는 회원님의 ELIZAOS 계정)이 아닙니다. (명령 #3)',
    );
    await expect(violations.locator('li[data-code="WRONG_AMOUNT"]')).toContainText('전환에 맞지 않는 수량을 옮깁니다');
    await expect(page.getByTestId('check-instruction').nth(2)).toContainText(attacker.toBase58());
    await expectKoreanPage(page, 'ko-check-tampered');

    // Garbage and an unknown signature are answered in Korean too.
    await check(page, 'this is not a transaction, just text!');
    await expect(page.getByTestId('check-error')).toHaveText(ko.check.input.UNRECOGNISED);
    await check(page, bs58.encode(new Uint8Array(64).fill(9)));
    await expect(page.getByTestId('check-error')).toHaveText(
      '로컬 테스트 네트워크에서 이 서명의 트랜잭션을 찾지 못했습니다. 서명을 빠짐없이 복사했는지, 네트워크가 맞는지 확인하세요.',
    );
  });
});

test.describe('what a phishing victim actually has', () => {
  for (const locale of ['en', 'ko'] as const) {
    const words = locale === 'en' ? en.check : ko.check;
    test(`${locale}: an explorer link of the transaction (Solana Explorer, Solscan, SolanaFM) is looked up like its signature`, async ({ page }) => {
      await openCheck(page, locale);
      const signature = e2eConfig().demoWallets.partial.migrationSignature ?? '';
      expect(signature).not.toBe('');
      for (const link of [`https://explorer.solana.com/tx/${signature}?cluster=custom`, `https://solscan.io/tx/${signature}`, `solana.fm/tx/${signature}`]) {
        await check(page, link);
        await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'migration', { timeout: 15_000 });
        await expect(page.getByTestId('check-onchain')).toBeVisible();
      }
      await check(page, `https://solscan.io/account/${e2eConfig().demoWallets.partial.publicKey}`);
      await expect(page.getByTestId('check-error')).toHaveText(words.input.EXPLORER_NOT_TRANSACTION);
      if (locale === 'ko') expect(await untranslatedLines(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    });

    test(`${locale}: a transaction in base58 is checked like base64`, async ({ page }) => {
      await openCheck(page, locale);
      const { base64 } = migrationBase64();
      await check(page, bs58.encode(Buffer.from(base64, 'base64')));
      await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'migration');
    });

    test(`${locale}: a site's address is compared with the official origin of the signed manifest; any other is "not the official portal", in red`, async ({ page, baseURL }) => {
      await openCheck(page, locale);
      const official = new URL(e2eConfig().appUrl).origin;
      await check(page, `${official}/migrate`);
      await expect(page.getByTestId('check-site')).toHaveAttribute('data-official', 'true');
      await expect(page.getByTestId('check-site-title')).toHaveText(`✓ ${words.site.official}`);
      for (const fake of ['https://elizaos-migration.app/claim?wallet=1', `${official.replace('localhost', 'localhost.evil.example')}/migrate`, 'airdrop-elizaos.xyz']) {
        await check(page, fake);
        const site = page.getByTestId('check-site');
        await expect(site).toHaveAttribute('data-official', 'false');
        await expect(page.getByTestId('check-site-title')).toHaveText(`✗ ${words.site.notOfficial}`);
        await expect(page.getByTestId('check-official-origin')).toHaveText(official);
        await expect(page.getByTestId('check-site-title')).toHaveClass(/text-red-800/);
      }
      expect(baseURL).toBeTruthy();
      if (locale === 'ko') expect(await untranslatedLines(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 375, height: 740 });
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, `check-site-not-official-${locale}-phone`);
    });

    test(`${locale}: a pasted recovery phrase raises the alarm at once; it is taken off the page and never looked up`, async ({ page }) => {
      await openCheck(page, locale);
      const rpc: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/rpc') || r.url().includes('/api/v1/migrations')) rpc.push(r.url());
      });
      await check(page, 'legal winner thank year wave sausage worth useful legal winner thank yellow');
      const alarm = page.getByTestId('check-secret-alarm');
      await expect(alarm).toHaveAttribute('data-kind', 'recovery-phrase');
      await expect(alarm).toContainText(words.secret.never);
      await expect(alarm).toContainText(words.secret.moveNow);
      await expect(alarm).toBeFocused();
      await expect(page.getByTestId('check-input')).toHaveValue('');
      expect(rpc).toEqual([]);
      if (locale === 'ko') expect(await untranslatedLines(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `check-secret-alarm-${locale}`);
    });

    test(`${locale}: a known drainer is the first reason shown`, async ({ page }) => {
      const listed = page.waitForResponse((r) => r.url().endsWith('/api/v1/drainers'));
      await openCheck(page, locale);
      await listed;
      const config = e2eConfig();
      const drainer = new PublicKey(config.strayAuthority.address);
      const { base64 } = migrationBase64({ vaultTokenAccount: drainer });
      await check(page, base64);
      await expect(page.getByTestId('check-verdict')).toHaveAttribute('data-verdict', 'not-official');
      await expect(page.getByTestId('check-violations').locator('li').first()).toHaveAttribute('data-code', 'KNOWN_DRAINER');
      await screenshot(page, `check-drainer-first-${locale}`);
    });
  }
});
