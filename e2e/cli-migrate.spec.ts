/**
 * `npm run migrate` (the command-line path, DESIGN.md "Paths for every holder") run as a real
 * process through its package bin (scripts/migrate/bin.mjs) against the real app over HTTP, no
 * browser. The stack is its own (scripts/lib/stack.ts: seeded local validator, PGlite, the same
 * production build) with funded snapshot load wallets, so the main e2e stack's demo wallets are
 * untouched; every migration is checked on the chain. A second instance of the build, configured
 * as `devnet`, serves a non-localnet manifest.
 *
 * Ports: app 3170, the devnet instance 3171, validator 18961/18962, all + E2E_PORT_OFFSET.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import type { MigrationResponse } from '@/lib/api/types';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import { spawnAppServer } from '@/scripts/lib/app-server';
import { keypairFromText, OpsClient } from '@/scripts/lib/ops-client';
import { ROOT, type Stack, startStack } from '@/scripts/lib/stack';
import { stopProcess } from '@/scripts/lib/stop-process';
import { chain, elizaosFor, type MigrationBalances, readMigrationBalances } from '@/e2e/wallet/helpers';

const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const PORTS = { app: 3170 + OFFSET, devnet: 3171 + OFFSET, rpc: 18961 + OFFSET, ws: 18962 + OFFSET };
const BIN = path.join(ROOT, 'scripts', 'migrate', 'bin.mjs');
const AI16Z = 1_000_000_000n; // 1 AI16Z in base units (9 decimals)

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let work: string;
let releaseKey: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  work = mkdtempSync(path.join(tmpdir(), 'cli-migrate-'));
  const dataDir = path.join(ROOT, '.data', `cli-e2e${OFFSET ? `-${OFFSET}` : ''}`);
  rmSync(dataDir, { recursive: true, force: true });
  stack = await startStack({
    appPort: PORTS.app,
    rpcPort: PORTS.rpc,
    wsPort: PORTS.ws,
    localnetDir: path.join(ROOT, '.localnet', `cli${OFFSET ? `-${OFFSET}` : ''}`),
    databaseUrl: `pglite://${dataDir}`,
    loadWallets: 6,
    appOutput: 'ignore',
  });
  releaseKey = stack.config.release.publicKey;
});

test.afterAll(async () => {
  await stack?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

type CliRun = { code: number | null; stdout: string; stderr: string };

/** Runs `elizaos-migrate …args` in the work directory (relative file names resolve there), `input` on stdin. */
function migrateCli(args: string[], input = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, RELEASE_PUBLIC_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Load wallet `i` of the seed (100 AI16Z in the snapshot and on chain, 1 SOL), its keypair file written as `holder-i.json`. */
function holder(i: number): { publicKey: string; keypair: Keypair; file: string } {
  const wallet = stack.config.loadWallets[i];
  if (!wallet) throw new Error(`the seed made no load wallet ${i}`);
  const keypair = Keypair.fromSecretKey(bs58.decode(wallet.secretKey));
  const file = `holder-${i}.json`;
  writeFileSync(path.join(work, file), JSON.stringify(Array.from(keypair.secretKey)));
  return { publicKey: wallet.publicKey, keypair, file };
}

async function migration(id: string): Promise<MigrationResponse> {
  return (await (await fetch(`${stack.appUrl}/api/v1/migrations/${id}`)).json()) as MigrationResponse;
}

/** Every migration the portal recorded for a wallet, built ones included (the ops search). */
async function recorded(wallet: string): Promise<{ id: string; state: string }[]> {
  const ops = stack.config.ops[0];
  if (!ops) throw new Error('no ops keypair');
  const client = new OpsClient(stack.appUrl);
  await client.signIn(keypairFromText(ops.secretKey, 'ops[0]'));
  return ((await client.get(`/api/v1/ops/migrations?q=${wallet}`)) as { migrations: { id: string; state: string }[] }).migrations;
}

const signatureOf = (stdout: string) => /Signature {2}([1-9A-HJ-NP-Za-km-z]{64,88})/.exec(stdout)?.[1];
const idOf = (stdout: string) => /Migration {7}([0-9a-f-]{36})/.exec(stdout)?.[1];

/** The chain's record of a confirmed migration: its memo names the id and the holder paid the fee. */
async function expectOnChain(signature: string, id: string, wallet: string): Promise<void> {
  const tx = await chain(stack.config).getTransaction(signature, { commitment: 'confirmed', maxSupportedTransactionVersion: 0 });
  expect(tx?.meta?.err).toBeNull();
  expect(tx?.meta?.logMessages?.join('\n')).toContain(`elizaos-migration:v1:${id}`);
  expect(tx?.transaction.message.staticAccountKeys[0]?.toBase58()).toBe(wallet);
}

/** The holder sent `amountIn` AI16Z to the vault and got its ELIZAOS from the treasury, nothing else moved. */
function expectMoved(before: MigrationBalances, after: MigrationBalances, amountIn: bigint): void {
  const amountOut = elizaosFor(stack.config, amountIn);
  expect({ holderAi16z: before.holderAi16z - after.holderAi16z, vault: after.vault - before.vault }).toEqual({ holderAi16z: amountIn, vault: amountIn });
  expect({ holderElizaos: after.holderElizaos - before.holderElizaos, treasury: before.treasury - after.treasury }).toEqual({ holderElizaos: amountOut, treasury: amountOut });
}

test('--yes: migrates without a prompt; preview, signature and explorer link printed; the chain moved exactly the amounts', async () => {
  test.setTimeout(120_000);
  const w = holder(0);
  const before = await readMigrationBalances(stack.config, w.publicKey);
  const run = await migrateCli(['--keypair', w.file, '--amount', '10', '--url', stack.appUrl, '--public-key', releaseKey, '--yes']);
  console.log(`[cli] $ elizaos-migrate --keypair ${w.file} --amount 10 --url ${stack.appUrl} --public-key ${releaseKey} --yes\n${run.stdout}${run.stderr}`);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(`signature OK (ed25519) with the pinned release key ${releaseKey}`);
  expect(run.stdout).toMatch(/Allocation +100 AI16Z in the snapshot of .* \(proven under the signed snapshot root\); 100 AI16Z remaining, 100 AI16Z held/);
  expect(run.stdout).toMatch(new RegExp(`You send +10 AI16Z to the migration vault ${stack.config.vault.tokenAccount}`));
  expect(run.stdout).toMatch(new RegExp(`You receive +60 ELIZAOS from the migration treasury ${stack.config.treasury.tokenAccount}`));
  expect(run.stdout).toMatch(/Created for you the first time: 0\.00203928 SOL of rent/);
  expect(run.stdout).toMatch(/Your balances, simulated on Solana \(read through http:\/\/localhost:\d+\/api\/v1\/rpc\):\n +AI16Z +100 → 90 +\(−10\)\n +ELIZAOS +0 → 60 +\(\+60\)/);
  expect(run.stdout).toMatch(/Message hash +[1-9A-HJ-NP-Za-km-z]{32,44}/);
  expect(run.stdout).toContain('Confirmed: you sent 10 AI16Z and received 60 ELIZAOS.');
  expect(run.stdout).toMatch(/Explorer {3}https:\/\/explorer\.solana\.com\/tx\/\w+\?cluster=custom&customUrl=/);
  const signature = signatureOf(run.stdout);
  const id = idOf(run.stdout);
  if (!signature || !id) throw new Error('no signature or id printed');
  expect(await migration(id)).toMatchObject({ state: 'confirmed', signature, wallet: w.publicKey, amount: (10n * AI16Z).toString() });
  await expectOnChain(signature, id, w.publicKey);
  expectMoved(before, await readMigrationBalances(stack.config, w.publicKey), 10n * AI16Z);
});

test('without --yes it asks: "no" signs nothing, "yes" migrates (the ELIZAOS account now exists: no rent)', async () => {
  test.setTimeout(120_000);
  const w = holder(0);
  const before = await readMigrationBalances(stack.config, w.publicKey);
  const declined = await migrateCli(['--keypair', w.file, '--amount', '1', '--url', stack.appUrl, '--public-key', releaseKey], 'no\n');
  expect(declined.code, declined.stderr).toBe(4);
  expect(declined.stdout).toContain('Type yes to continue');
  expect(declined.stderr).toContain('DECLINED: you did not confirm: nothing was signed.');
  const declinedId = idOf(declined.stdout);
  if (!declinedId) throw new Error('no id printed');
  expect((await migration(declinedId)).state).toMatch(/^(built|expired)$/);
  expect(await readMigrationBalances(stack.config, w.publicKey)).toEqual(before);

  const accepted = await migrateCli(['--keypair', w.file, '--amount', '1', '--url', stack.appUrl, '--public-key', releaseKey], 'yes\n');
  expect(accepted.code, accepted.stderr).toBe(0);
  expect(accepted.stdout).toMatch(/ELIZAOS account +\w+\n +Already exists: no rent\./);
  expect((await readMigrationBalances(stack.config, w.publicKey)).holderAi16z).toBe(before.holderAi16z - AI16Z);
});

test('offline: --unsigned-out, then --sign (no network) and --submit-signed; and a custody signer of its own', async () => {
  test.setTimeout(120_000);
  const w = holder(1);
  const before = await readMigrationBalances(stack.config, w.publicKey);
  const prepared = await migrateCli(['--wallet', w.publicKey, '--amount', '5', '--unsigned-out', 'unsigned.json', '--url', stack.appUrl, '--public-key', releaseKey]);
  console.log(`[cli] $ elizaos-migrate --wallet ${w.publicKey} --amount 5 --unsigned-out unsigned.json …\n${prepared.stdout}${prepared.stderr}`);
  expect(prepared.code, prepared.stderr).toBe(0);
  expect(prepared.stdout).toContain('deposit-and-receive path');
  const file = JSON.parse(readFileSync(path.join(work, 'unsigned.json'), 'utf8')) as Record<string, string>;
  expect(Object.keys(file)).toEqual(expect.arrayContaining(['id', 'transaction', 'expiresAt', 'messageHash']));
  expect((await migration(file.id as string)).state).toBe('built');

  const signing = await migrateCli(['--sign', 'unsigned.json', '--keypair', w.file, '--signed-out', 'signed.json', '--public-key', releaseKey, '--amount', '5', '--yes']);
  expect(signing.code, signing.stderr).toBe(0);
  const submitted = await migrateCli(['--submit-signed', 'signed.json', '--public-key', releaseKey]);
  console.log(`[cli] $ elizaos-migrate --submit-signed signed.json --public-key …\n${submitted.stdout}${submitted.stderr}`);
  expect(submitted.code, submitted.stderr).toBe(0);
  const signature = signatureOf(submitted.stdout);
  if (!signature) throw new Error('no signature printed');
  await expectOnChain(signature, file.id as string, w.publicKey);

  // A custody system signs the file's transaction with its own tooling (web3.js here), then submits.
  const custody = await migrateCli(['--wallet', w.publicKey, '--amount', '2', '--unsigned-out', 'custody.json', '--url', stack.appUrl, '--public-key', releaseKey]);
  expect(custody.code, custody.stderr).toBe(0);
  const custodyFile = JSON.parse(readFileSync(path.join(work, 'custody.json'), 'utf8')) as Record<string, unknown>;
  const transaction = Transaction.from(Buffer.from(custodyFile.transaction as string, 'base64'));
  transaction.partialSign(w.keypair);
  custodyFile.transaction = transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
  writeFileSync(path.join(work, 'custody-signed.json'), JSON.stringify(custodyFile));
  const custodySubmit = await migrateCli(['--submit-signed', 'custody-signed.json', '--public-key', releaseKey]);
  expect(custodySubmit.code, custodySubmit.stderr).toBe(0);

  expectMoved(before, await readMigrationBalances(stack.config, w.publicKey), 7n * AI16Z);
});

test('a tampered unsigned file is refused by --sign before signing, and its signed form by --submit-signed before sending', async () => {
  test.setTimeout(120_000);
  const w = holder(2);
  const before = await readMigrationBalances(stack.config, w.publicKey);
  const prepared = await migrateCli(['--wallet', w.publicKey, '--amount', '5', '--unsigned-out', 'to-tamper.json', '--url', stack.appUrl, '--public-key', releaseKey]);
  expect(prepared.code, prepared.stderr).toBe(0);
  const file = JSON.parse(readFileSync(path.join(work, 'to-tamper.json'), 'utf8')) as Record<string, string>;
  const bytes = Buffer.from(file.transaction as string, 'base64');
  const vault = new PublicKey(stack.config.vault.tokenAccount).toBuffer();
  Keypair.generate().publicKey.toBuffer().copy(bytes, bytes.indexOf(vault)); // the AI16Z goes elsewhere
  writeFileSync(path.join(work, 'tampered.json'), JSON.stringify({ ...file, transaction: bytes.toString('base64') }));

  const signing = await migrateCli(['--sign', 'tampered.json', '--keypair', w.file, '--signed-out', 'tampered-signed.json', '--public-key', releaseKey, '--yes']);
  expect(signing.code).toBe(3);
  expect(signing.stderr).toMatch(/NOT_VERIFIED: the transaction is not the official migration transaction for what you asked\. Nothing was signed or sent\.\n {2}- WRONG_DESTINATION: /);
  expect(existsSync(path.join(work, 'tampered-signed.json'))).toBe(false);

  // Signed anyway by an outside signer: --submit-signed refuses it before the portal sees it.
  const transaction = Transaction.from(bytes);
  transaction.partialSign(w.keypair);
  writeFileSync(path.join(work, 'tampered-signed.json'), JSON.stringify({ ...file, transaction: transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64') }));
  const submitting = await migrateCli(['--submit-signed', 'tampered-signed.json', '--public-key', releaseKey]);
  expect(submitting.code).toBe(3);
  expect(submitting.stderr).toMatch(/NOT_VERIFIED: the signed transaction is not the one the portal issued\. Nothing was sent\.\n {2}- WRONG_DESTINATION: /);
  expect((await migration(file.id as string)).state).toMatch(/^(built|expired)$/);
  expect(await readMigrationBalances(stack.config, w.publicKey)).toEqual(before);
});

test('a wrong --public-key is refused before anything is built', async () => {
  const w = holder(3);
  const run = await migrateCli(['--keypair', w.file, '--amount', '1', '--url', stack.appUrl, '--public-key', Keypair.generate().publicKey.toBase58(), '--yes']);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/MANIFEST_KEY_MISMATCH: the portal's signed manifest does not verify: the manifest says it is signed by \w+, not by the pinned release key/);
  expect(run.stderr).toContain('Nothing was built, signed or sent.');
  expect(await recorded(w.publicKey)).toEqual([]);
});

test('a non-localnet manifest without --public-key is refused before anything is built; pinned, the portal answers', async () => {
  test.setTimeout(180_000);
  // The same build configured as devnet (on the local validator: only the manifest's cluster matters here).
  const url = `http://localhost:${PORTS.devnet}`;
  const env = { ...appEnvForLocalnet(stack.config, { appUrl: url, databaseUrl: 'memory://' }), SOLANA_CLUSTER: 'devnet' };
  const app: ChildProcess = spawnAppServer({ cwd: ROOT, port: PORTS.devnet, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await expect.poll(async () => (await fetch(`${url}/`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [250] }).toBe(200);
    const manifest = (await (await fetch(`${url}/.well-known/migration-manifest.json`)).json()) as { manifest: { parameters: { cluster: string } } };
    expect(manifest.manifest.parameters.cluster).toBe('devnet');
    const w = holder(4);
    const run = await migrateCli(['--keypair', w.file, '--amount', '1', '--url', url, '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PUBLIC_KEY_REQUIRED: --public-key is required: this portal's manifest is for "devnet"/);
    expect(run.stderr).toContain('Nothing was built, signed or sent.');
    expect(run.stdout).not.toContain('Migration ');
    // With the key pinned the manifest verifies and the portal is asked (its fresh database has no snapshot).
    const pinned = await migrateCli(['--keypair', w.file, '--amount', '1', '--url', url, '--public-key', releaseKey, '--yes']);
    expect(pinned.stdout).toContain(`signature OK (ed25519) with the pinned release key ${releaseKey}`);
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toContain('NOT_IN_SNAPSHOT');
  } finally {
    await stopProcess(app);
  }
});
