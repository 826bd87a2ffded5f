/**
 * `npm run doctor` against a real seeded local validator (the project's litesvm JSON-RPC server):
 * healthy, then broken one way at a time. The database is an in-memory PGlite with the seed's
 * snapshot imported; the build is a tiny fake `.next` with its file list.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { revoke } from '@solana/spl-token';
import { Keypair, LAMPORTS_PER_SOL, PublicKey } from '@solana/web3.js';
import bs58 from 'bs58';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DoctorLine, formatDoctor, runDoctor } from '@/lib/doctor';
import { type DbHandle, openDatabase } from '@/lib/db/client';
import { migrations, snapshotEntries } from '@/lib/db/schema';
import { importSnapshot, parseSnapshotCsv } from '@/lib/migration/snapshot';
import { writeBuildRecord } from '@/lib/release/build-files';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';
import { localnetKeypair, seedLocalnet } from '@/scripts/localnet/seed';
import { startTestValidator, type TestValidator } from '@/scripts/localnet/validator/test-support';

let chain: TestValidator;
let config: LocalnetConfig;
let work: string;
let nextDir: string;
const handles: DbHandle[] = [];

beforeAll(async () => {
  chain = await startTestValidator();
  work = mkdtempSync(path.join(tmpdir(), 'doctor-'));
  config = await seedLocalnet(chain.validator, { outDir: path.join(work, 'localnet'), root: work, appUrl: 'http://localhost:3999', holders: 200 });
  // A minimal production build: two static files and Next's BUILD_ID, listed as `npm run build` lists them.
  nextDir = path.join(work, '.next');
  mkdirSync(path.join(nextDir, 'static', 'chunks'), { recursive: true });
  writeFileSync(path.join(nextDir, 'BUILD_ID'), 'doctor-test-build');
  writeFileSync(path.join(nextDir, 'static', 'chunks', 'webpack-0123456789abcdef.js'), '/* runtime */');
  writeFileSync(path.join(nextDir, 'static', 'chunks', 'main-0123456789abcdef.js'), '/* main */');
  writeBuildRecord(nextDir, { root: work });
}, 120_000);

afterAll(async () => {
  for (const h of handles) await h.close().catch(() => undefined);
  await chain?.validator.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The seeded snapshot in a fresh in-memory database (optionally left empty). */
async function database(options: { empty?: boolean } = {}): Promise<DbHandle> {
  const handle = await openDatabase('memory://');
  handles.push(handle);
  if (!options.empty) await importSnapshot(handle.db, parseSnapshotCsv(readFileSync(path.join(work, config.snapshot.file), 'utf8')));
  return handle;
}

function env(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...appEnvForLocalnet(config, { appUrl: 'http://localhost:3999', databaseUrl: 'memory://' }), ...overrides };
}

async function doctor(overrides: Record<string, string | undefined> = {}, db?: DbHandle, now?: Date): Promise<DoctorLine[]> {
  const handle = db ?? (await database());
  // Opening PGlite blocks this process for seconds, long enough for the validator (in this same
  // process) to time out the seed's idle keep-alive socket: yield once so that close is seen
  // before the doctor's first RPC call would reuse the socket (ECONNRESET, a test-only race).
  await new Promise((resolve) => setTimeout(resolve, 50));
  // The doctor closes what it opens; hand it a handle whose close leaves ours open for assertions.
  return runDoctor({ env: env(overrides), nextDir, now, rpcTimeoutMs: 5_000, openDb: async () => ({ ...handle, close: async () => undefined }) });
}

const errorsOf = (lines: DoctorLine[]) => lines.filter((l) => l.status === 'ERROR');
const line = (lines: DoctorLine[], check: string) => lines.filter((l) => l.check === check);

describe('npm run doctor', () => {
  it('a healthy localnet: every check OK, one line each', async () => {
    const lines = await doctor();
    console.log(`healthy localnet:\n${formatDoctor(lines)}`);
    expect(errorsOf(lines)).toEqual([]);
    expect(lines.filter((l) => l.status === 'WARN')).toEqual([]);
    expect(lines.map((l) => l.check)).toEqual(
      expect.arrayContaining(['config', 'window', 'ops', 'kill switch', 'release key', 'build', 'rpc', 'AI16Z mint', 'ELIZAOS mint', 'vault', 'database', 'snapshot', 'treasury', 'allowance']),
    );
    expect(line(lines, 'rpc')[0]?.message).toMatch(/reachable; genesis \w+ \(localnet: any cluster accepted\)/);
    expect(line(lines, 'snapshot')[0]?.message).toMatch(/^200 holders, \d+ AI16Z base units; entries match the committed root [0-9a-f]{64}/);
    expect(line(lines, 'allowance')[0]?.message).toMatch(/the delegate may move .* ELIZAOS; no confirmed migration in the last 24 h; covers all .* ELIZAOS still owed to the snapshot/);
  });

  it('wrong decimals: names ELIZAOS_DECIMALS', async () => {
    const lines = await doctor({ ELIZAOS_DECIMALS: '6' });
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'ELIZAOS mint', message: expect.stringMatching(/^ELIZAOS_DECIMALS: the mint \w+ has 9 decimals/) }]);
  });

  it('a missing vault account', async () => {
    const missing = Keypair.generate().publicKey.toBase58();
    const lines = await doctor({ MIGRATION_VAULT_TOKEN_ACCOUNT: missing });
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'vault', message: `MIGRATION_VAULT_TOKEN_ACCOUNT ${missing} does not exist` }]);
  });

  it('a vault owned by someone else', async () => {
    const lines = await doctor({ MIGRATION_VAULT_OWNER: Keypair.generate().publicKey.toBase58() });
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'vault', message: expect.stringMatching(/is owned by \w+, not MIGRATION_VAULT_OWNER/) }]);
  });

  it('an empty snapshot', async () => {
    const lines = await doctor({}, await database({ empty: true }));
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'snapshot', message: expect.stringMatching(/^no holder is loaded.*npm run snapshot:import/) }]);
  });

  it('snapshot entries changed after the commitment', async () => {
    const handle = await database();
    const [first] = await handle.db.select().from(snapshotEntries).limit(1);
    await handle.db.update(snapshotEntries).set({ allocation: (first?.allocation ?? 1n) + 1n }).where(eq(snapshotEntries.wallet, first?.wallet ?? ''));
    const lines = await doctor({}, handle);
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'snapshot', message: expect.stringMatching(/entries hash to [0-9a-f]{64}, not the committed root/) }]);
  });

  it('an unreachable RPC: one actionable line, the chain checks skipped, the rest still checked', async () => {
    const lines = await doctor({ SOLANA_RPC_URL: 'http://127.0.0.1:9' });
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'rpc', message: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9 is unreachable .*check SOLANA_RPC_URL/) }]);
    expect(line(lines, 'vault')).toEqual([]);
    expect(line(lines, 'snapshot')[0]?.status).toBe('OK');
  });

  it('window closed, kill switch on, no ops wallets, no release key', async () => {
    const now = new Date();
    const day = 86_400_000;
    const lines = await doctor({
      SNAPSHOT_TAKEN_AT: new Date(now.getTime() - 100 * day).toISOString(),
      MIGRATION_OPENS_AT: new Date(now.getTime() - 95 * day).toISOString(),
      MIGRATION_CLOSES_AT: new Date(now.getTime() - 5 * day).toISOString(),
      MIGRATION_KILL_SWITCH: 'on',
      OPS_WALLETS: '',
      RELEASE_SIGNING_KEY: '',
    });
    expect(errorsOf(lines).map((l) => l.check).sort()).toEqual(['ops', 'release key', 'window']);
    expect(line(lines, 'kill switch')[0]).toMatchObject({ status: 'WARN', message: expect.stringMatching(/MIGRATION_KILL_SWITCH=on/) });
  });

  it('a bad environment: one ERROR per variable, nothing else runs', async () => {
    const lines = await doctor({ ELIZAOS_MINT: 'nope', MIGRATION_RATIO: '1.5' });
    expect(lines).toEqual([
      { status: 'ERROR', check: 'config', message: expect.stringMatching(/^ELIZAOS_MINT must be the ELIZAOS mint/) },
      { status: 'ERROR', check: 'config', message: expect.stringMatching(/^MIGRATION_RATIO must be a positive integer/) },
    ]);
  });

  it('the build changed after it was listed', async () => {
    const file = path.join(nextDir, 'static', 'chunks', 'main-0123456789abcdef.js');
    writeFileSync(file, '/* main, changed */');
    try {
      const lines = await doctor();
      expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'build', message: expect.stringMatching(/main-0123456789abcdef\.js changed/) }]);
    } finally {
      writeFileSync(file, '/* main */');
    }
  });

  it('the allowance runs out soon at the last 24 h rate: WARN with how long it lasts', async () => {
    const handle = await database();
    const allowance = BigInt(config.treasury.allowance);
    const now = new Date();
    // Confirmed migrations that paid out a fifth of the allowance in the last 24 h: ≈ 5 days left.
    const wallet = config.demoWallets.eligible.publicKey;
    await handle.db.insert(migrations).values({
      id: '00000000-0000-4000-8000-000000000001',
      wallet,
      amountIn: 1n,
      amountOut: allowance / 5n,
      state: 'confirmed',
      recentBlockhash: '11111111111111111111111111111111',
      lastValidBlockHeight: 0n,
      unsignedTransaction: '',
      signature: bs58.encode(Keypair.generate().secretKey),
      expiresAt: now,
      submittedAt: now,
      settledAt: new Date(now.getTime() - 3_600_000),
    });
    const ok = await runDoctor({ env: env(), nextDir, now, warnHours: 72, openDb: async () => ({ ...handle, close: async () => undefined }) });
    expect(line(ok, 'allowance')[0]).toMatchObject({ status: 'OK', message: expect.stringMatching(/lasts ≈ 5\.0 days at the last 24 h's rate \(.* in 1 migrations\)/) });
    const warn = await runDoctor({ env: env(), nextDir, now, warnHours: 200, openDb: async () => ({ ...handle, close: async () => undefined }) });
    expect(line(warn, 'allowance')[0]).toMatchObject({ status: 'WARN', message: expect.stringMatching(/less than 200 h\. The treasury owner must ApproveChecked a new allowance/) });
  });

  it('the command: exit 0 when healthy, 1 on any ERROR (npm run doctor -- --env-file …)', { timeout: 120_000 }, async () => {
    // An embedded database on disk, as a deployment has it; the command opens it itself.
    const dataDir = path.join(work, 'pglite');
    const seeded = await openDatabase(`pglite://${dataDir}`);
    await importSnapshot(seeded.db, parseSnapshotCsv(readFileSync(path.join(work, config.snapshot.file), 'utf8')));
    await seeded.close();
    const envFile = path.join(work, 'app.env');
    writeFileSync(envFile, Object.entries(env({ DATABASE_URL: `pglite://${dataDir}` })).map(([k, v]) => `${k}=${v ?? ''}`).join('\n'));
    // Asynchronous: the validator answers from this very process.
    const run = (extra: Record<string, string>) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts', '--env-file', envFile, '--next-dir', nextDir], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...extra } });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', (status) => resolve({ status, stdout }));
      });
    const healthy = await run({});
    expect(healthy.stdout, healthy.stdout).toMatch(/\n\d+ OK, 0 WARN, 0 ERROR\n/);
    expect(healthy.status).toBe(0);
    const broken = await run({ ELIZAOS_DECIMALS: '6' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^ERROR ELIZAOS mint +ELIZAOS_DECIMALS: /m);
  });

  // Last: it changes the chain for good.
  it('a treasury without allowance (revoked on chain)', async () => {
    const owner = localnetKeypair('treasury-owner');
    await chain.connection.confirmTransaction(await chain.connection.requestAirdrop(owner.publicKey, LAMPORTS_PER_SOL), 'confirmed');
    await revoke(chain.connection, owner, new PublicKey(config.treasury.tokenAccount), owner, [], { commitment: 'confirmed' }, new PublicKey(config.mints.elizaos.programId));
    const lines = await doctor();
    expect(errorsOf(lines)).toEqual([{ status: 'ERROR', check: 'treasury', message: expect.stringMatching(/has no allowance for the delegate .* the treasury owner must ApproveChecked it/) }]);
    console.log(`treasury revoked:\n${formatDoctor(lines)}`);
  });
});
