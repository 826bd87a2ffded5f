/**
 * Shared steps of the wallet-flow specs: the localnet config, on-chain balances read straight from
 * the validator (never through the app), and driving `/migrate` with the injected test wallet.
 */
import { expect, type APIRequestContext, type Page, type Response } from '@playwright/test';
import { getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, TokenAccountNotFoundError, getAccount } from '@solana/spl-token';
import { Connection, PublicKey } from '@solana/web3.js';
import { eligibilityResponseSchema, migrationResponseSchema, type EligibilityResponse, type MigrationResponse } from '@/lib/api/types';
import { readLocalnetConfig, type LocalnetConfig } from '@/scripts/localnet/config-schema';
import { E2E_CONFIG_PATH } from '@/e2e/harness/ports';
import { DEFAULT_TEST_WALLET_NAME, installTestWallet, readTestWallet, type TestWalletOptions } from '@/e2e/wallet/test-wallet';

export type DemoWalletKey = keyof LocalnetConfig['demoWallets'];
export type DemoWallet = LocalnetConfig['demoWallets'][DemoWalletKey];

export function e2eConfig(): LocalnetConfig {
  return readLocalnetConfig(E2E_CONFIG_PATH);
}

export function chain(config: LocalnetConfig): Connection {
  return new Connection(config.rpcUrl, 'confirmed');
}

function programOf(id: string): PublicKey {
  return id === TOKEN_2022_PROGRAM_ID.toBase58() ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID;
}

/** A token account's balance, 0 when the account does not exist (yet). */
export async function tokenBalance(connection: Connection, account: PublicKey, programId: string): Promise<bigint> {
  try {
    return (await getAccount(connection, account, 'confirmed', programOf(programId))).amount;
  } catch (error) {
    if (error instanceof TokenAccountNotFoundError) return 0n;
    throw error;
  }
}

export type MigrationBalances = { holderAi16z: bigint; holderElizaos: bigint; vault: bigint; treasury: bigint };

/** The four balances a migration moves, read from the validator. */
export async function readMigrationBalances(config: LocalnetConfig, holder: string): Promise<MigrationBalances> {
  const connection = chain(config);
  const owner = new PublicKey(holder);
  const { ai16z, elizaos } = config.mints;
  const holderAi16z = getAssociatedTokenAddressSync(new PublicKey(ai16z.address), owner, false, programOf(ai16z.programId));
  const holderElizaos = getAssociatedTokenAddressSync(new PublicKey(elizaos.address), owner, false, programOf(elizaos.programId));
  const [a, b, c, d] = await Promise.all([
    tokenBalance(connection, holderAi16z, ai16z.programId),
    tokenBalance(connection, holderElizaos, elizaos.programId),
    tokenBalance(connection, new PublicKey(config.vault.tokenAccount), ai16z.programId),
    tokenBalance(connection, new PublicKey(config.treasury.tokenAccount), elizaos.programId),
  ]);
  return { holderAi16z: a, holderElizaos: b, vault: c, treasury: d };
}

/**
 * The `index`-th fresh snapshot holder of the main e2e stack (E2E_LOAD_WALLETS of them: 100 AI16Z
 * each, 1 SOL, no ELIZAOS account yet). Each spec uses its own indexes, so every first migration
 * is one.
 */
export function freshHolder(config: LocalnetConfig, index: number): LocalnetConfig['loadWallets'][number] {
  const holder = config.loadWallets[index];
  if (!holder) throw new Error(`the e2e stack seeds no load wallet ${index} (E2E_LOAD_WALLETS in e2e/harness/ports.ts)`);
  return holder;
}

/** The holder's SOL balance and whether its ELIZAOS associated token account exists (and its lamports), from the validator. */
export async function readHolderSol(config: LocalnetConfig, holder: string): Promise<{ lamports: bigint; elizaosAccountLamports: bigint | null }> {
  const connection = chain(config);
  const owner = new PublicKey(holder);
  const elizaos = getAssociatedTokenAddressSync(new PublicKey(config.mints.elizaos.address), owner, false, programOf(config.mints.elizaos.programId));
  const [wallet, account] = await connection.getMultipleAccountsInfo([owner, elizaos], 'confirmed');
  return { lamports: BigInt(wallet?.lamports ?? 0), elizaosAccountLamports: account ? BigInt(account.lamports) : null };
}

/** ELIZAOS base units for `amountIn` AI16Z base units at 1 : 6 (what the page must show and the chain must move). */
export function elizaosFor(config: LocalnetConfig, amountIn: bigint): bigint {
  const { ai16z, elizaos } = config.mints;
  const diff = elizaos.decimals - ai16z.decimals;
  return diff >= 0 ? amountIn * 6n * 10n ** BigInt(diff) : (amountIn * 6n) / 10n ** BigInt(-diff);
}

export async function apiEligibility(request: APIRequestContext, wallet: string): Promise<EligibilityResponse> {
  const response = await request.get(`/api/v1/eligibility/${wallet}`);
  expect(response.status()).toBe(200);
  return eligibilityResponseSchema.parse(await response.json());
}

export async function apiMigration(request: APIRequestContext, id: string): Promise<MigrationResponse> {
  const response = await request.get(`/api/v1/migrations/${id}`);
  expect(response.status()).toBe(200);
  return migrationResponseSchema.parse(await response.json());
}

/**
 * Opens `/migrate` (or `options.path`, e.g. `/ko/migrate`) with the test wallet holding `wallet`'s
 * keypair and connects it; resolves once eligibility is shown. `computeBudget` makes the wallet
 * rewrite the compute budget before signing, as Phantom does under congestion. `restored`: the page
 * reconnects the wallet this browser picked last (another tab of the same browser did), so nothing
 * is clicked.
 */
export async function connectOnMigratePage(
  page: Page,
  wallet: Pick<DemoWallet, 'publicKey' | 'secretKey'>,
  options: { reject?: boolean; screenshot?: string; path?: string; computeBudget?: TestWalletOptions['computeBudget']; restored?: boolean } = {},
): Promise<void> {
  await installTestWallet(page, { publicKey: wallet.publicKey, secretKey: wallet.secretKey, reject: options.reject, computeBudget: options.computeBudget });
  const response = await page.goto(options.path ?? '/migrate');
  expect(response?.status()).toBe(200);
  if (!options.restored) {
    const button = page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) });
    await expect(button).toBeVisible();
    if (options.screenshot) await page.screenshot({ path: `e2e/screenshots/${options.screenshot}.png`, fullPage: true });
    await button.click();
  }
  await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
  await expect(page.getByTestId('eligibility')).toHaveAttribute('aria-busy', 'false');
}

/** Types an amount (a decimal string) and asks for the transaction. */
export async function requestMigration(page: Page, amount: string): Promise<void> {
  await page.getByTestId('amount-input').fill(amount);
  await page.getByTestId('review-button').click();
}

export async function expectWalletNeverAsked(page: Page): Promise<void> {
  expect((await readTestWallet(page)).signTransactionCalls).toBe(0);
}

/**
 * Opens a page; `/migrate` answers 503 while the middleware cannot read the kill-switch flag in
 * time (it fails closed, e.g. on a loaded machine), so a 503 there is retried for a few seconds.
 */
export async function gotoOpen(page: Page, url: string): Promise<Response | null> {
  let response = await page.goto(url);
  for (let i = 0; i < 10 && response?.status() === 503 && url.endsWith('/migrate'); i++) {
    await page.waitForTimeout(1_000);
    response = await page.goto(url);
  }
  return response;
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}
