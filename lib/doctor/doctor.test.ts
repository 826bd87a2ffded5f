/**
 * `npm run doctor` against a real seeded local validator (the project's litesvm JSON-RPC server):
 * healthy, then broken one way at a time. The database is an in-memory PGlite with the seed's
 * snapshot imported; the build is a tiny fake `.next` with its file list.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
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

  it('the command beside a portal that owns the embedded database: asks its health endpoint; --json is the whole stdout', { timeout: 120_000 }, async () => {
    const dataDir = path.join(work, 'pglite-owned');
    const server = http.createServer((req, res) => {
      if (req.url === '/api/v1/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', checks: { database: { status: 'ok', message: 'reachable (1 ms), all 5 migrations applied', snapshot: { status: 'ok', merkleRoot: 'cd'.repeat(32), holders: 200 } }, allowance: { outflow24h: '0', migrations24h: 0 } } }));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    // What a running portal writes beside its directory (lib/db/client.ts recordEmbeddedOwner); this test process is the live pid.
    writeFileSync(`${dataDir}.owner.json`, JSON.stringify({ pid: process.pid, url: `http://127.0.0.1:${port}`, since: new Date().toISOString() }));
    const envFile = path.join(work, 'owned.env');
    writeFileSync(envFile, Object.entries(env({ DATABASE_URL: `pglite://${dataDir}` })).map(([k, v]) => `${k}=${v ?? ''}`).join('\n'));
    try {
      const { status, stdout, stderr } = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts', '--env-file', envFile, '--next-dir', nextDir, '--json'], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ status: code, stdout: out, stderr: err }));
      });
      const lines = JSON.parse(stdout) as DoctorLine[];
      expect(line(lines, 'database')[0], stderr).toMatchObject({ status: 'OK', message: expect.stringContaining(`checked by the running portal at http://127.0.0.1:${port}`) });
      expect(lines.some((l) => /migrations not applied/.test(l.message))).toBe(false);
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false); // never opened (nor created)
      expect(status).toBe(1); // the fake portal serves no manifest: that ERROR is the only one
      expect(errorsOf(lines).map((l) => l.check)).toEqual(['manifest']);
      expect(stderr).toBe('');
    } finally {
      server.close();
    }
  });

  describe('beside a running portal: the database checks come from its health endpoint', () => {
    const ROOT_HEX = 'ab'.repeat(32);
    const healthAnswer = (database: Record<string, unknown>, outflow24h: string | null = '0') => ({
      status: database.status,
      at: new Date().toISOString(),
      checks: { database, allowance: { status: 'ok', message: 'x', outflow24h, migrations24h: 0 } },
    });
    /** A fake portal: health answers `health` (HTTP `status`), the manifest 404; records what was asked. */
    const portal = (health: unknown, status = 200) => {
      const asked: string[] = [];
      const fetcher = (async (input: string | URL | Request) => {
        const url = String(input);
        asked.push(new URL(url).pathname);
        if (url.endsWith('/api/v1/health')) return new Response(JSON.stringify(health), { status, headers: { 'content-type': 'application/json' } });
        return new Response('not here', { status: 404 });
      }) as typeof fetch;
      return { asked, fetcher };
    };
    const neverOpen = async (): Promise<DbHandle> => {
      throw new Error('the doctor opened the database');
    };
    const okDatabase = { status: 'ok', message: 'reachable (2 ms), all 5 migrations applied', migrations: { pending: 0, total: 5 }, snapshot: { status: 'ok', merkleRoot: ROOT_HEX, holders: 200 } };

    it('--url: reachable, migrated and the snapshot as the portal reports them, without opening the database', async () => {
      const { asked, fetcher } = portal(healthAnswer(okDatabase));
      const lines = await runDoctor({ env: env(), nextDir, rpcTimeoutMs: 5_000, appUrl: 'http://portal.test:3000', fetcher, openDb: neverOpen });
      expect(line(lines, 'database')).toEqual([{ status: 'OK', check: 'database', message: 'checked by the running portal at http://portal.test:3000 (GET /api/v1/health): reachable (2 ms), all 5 migrations applied' }]);
      expect(line(lines, 'snapshot')).toEqual([{ status: 'OK', check: 'snapshot', message: `200 holders; entries match the committed root ${ROOT_HEX} (as the running portal checked them)` }]);
      expect(line(lines, 'allowance')[0]).toMatchObject({ status: 'OK', message: expect.stringContaining('no confirmed migration in the last 24 h') });
      expect(line(lines, 'manifest')).toEqual([{ status: 'ERROR', check: 'manifest', message: expect.stringMatching(/migration-manifest\.json answered HTTP 404/) }]);
      expect(asked).toEqual(['/api/v1/health', '/.well-known/migration-manifest.json']);
    });

    it('--url: the runway uses the portal\'s last 24 h of outflow', async () => {
      const allowance = BigInt(config.treasury.allowance);
      const { fetcher } = portal(healthAnswer(okDatabase, (allowance / 5n).toString()));
      const lines = await runDoctor({ env: env(), nextDir, rpcTimeoutMs: 5_000, warnHours: 200, appUrl: 'http://portal.test', fetcher, openDb: neverOpen });
      expect(line(lines, 'allowance')[0]).toMatchObject({ status: 'WARN', message: expect.stringMatching(/lasts ≈ 5\.0 days at the last 24 h's rate .*less than 200 h/) });
    });

    it('--url: a failing database check (503) is an ERROR with the portal\'s own words', async () => {
      const failing = { status: 'fail', message: '2 of 5 migrations not applied: run npm run db:migrate', migrations: { pending: 2, total: 5 } };
      const { fetcher } = portal(healthAnswer(failing), 503);
      const lines = await runDoctor({ env: env(), nextDir, rpcTimeoutMs: 5_000, appUrl: 'http://portal.test', fetcher, openDb: neverOpen });
      expect(line(lines, 'database')).toEqual([{ status: 'ERROR', check: 'database', message: 'the running portal at http://portal.test reports: 2 of 5 migrations not applied: run npm run db:migrate' }]);
      expect(line(lines, 'snapshot')).toEqual([]);
    });

    it('an embedded database owned by a running portal is asked through that portal, never opened', async () => {
      const owner = () => ({ pid: 4242, url: 'http://127.0.0.1:3999' });
      const { asked, fetcher } = portal(healthAnswer(okDatabase));
      const lines = await runDoctor({ env: env({ DATABASE_URL: 'pglite://.data/pglite' }), nextDir, rpcTimeoutMs: 5_000, fetcher, owner, openDb: neverOpen });
      expect(line(lines, 'database')[0]).toMatchObject({ status: 'OK', message: expect.stringContaining('is in use by the running portal (pid 4242), so it is not opened here') });
      expect(asked[0]).toBe('/api/v1/health');
      // The owner does not answer: one ERROR that says who holds the directory and what to do.
      const silent = (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch;
      const down = await runDoctor({ env: env({ DATABASE_URL: 'pglite://.data/pglite' }), nextDir, rpcTimeoutMs: 5_000, fetcher: silent, owner, openDb: neverOpen });
      expect(line(down, 'database')).toEqual([
        { status: 'ERROR', check: 'database', message: 'the embedded database is in use by pid 4242, whose health endpoint http://127.0.0.1:3999/api/v1/health did not answer (fetch failed): stop that process to check the directory here, or make it answer' },
      ]);
    });
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
