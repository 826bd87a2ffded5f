/**
 * The server side of the manifest, wired as the route uses it: a build record in a temporary
 * `.next`, the configuration from the environment, the snapshot root from an in-memory database.
 * Covers both signing modes and the refusals that keep a server from serving a manifest that does
 * not describe it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const release = Keypair.generate();
const work = mkdtempSync(path.join(tmpdir(), 'served-'));
const nextDir = path.join(work, '.next');
const wallet = () => Keypair.generate().publicKey.toBase58();

function environment(extra: Record<string, string>): void {
  const base: Record<string, string> = {
    SOLANA_CLUSTER: 'localnet',
    SOLANA_RPC_URL: 'http://127.0.0.1:1',
    PUBLIC_APP_URL: 'http://portal.test',
    ELIZAOS_MINT: wallet(),
    MIGRATION_VAULT_OWNER: wallet(),
    MIGRATION_VAULT_TOKEN_ACCOUNT: wallet(),
    TREASURY_TOKEN_ACCOUNT: wallet(),
    MIGRATION_DEPOSIT_OWNER: wallet(),
    DEPOSIT_FEE_PAYER_SECRET_KEY: bs58.encode(Keypair.generate().secretKey),
    TREASURY_DELEGATE_SECRET_KEY: bs58.encode(Keypair.generate().secretKey),
    MIGRATION_OPENS_AT: '2026-12-01T00:00:00Z',
    MIGRATION_CLOSES_AT: '2027-03-01T00:00:00Z',
    SNAPSHOT_TAKEN_AT: '2026-11-20T00:00:00Z',
    DATABASE_URL: 'memory://',
  };
  for (const [k, v] of Object.entries({ ...base, ...extra })) vi.stubEnv(k, v);
}

/** Fresh modules and a fresh process-wide state (config, database, release state are cached). */
async function load() {
  vi.resetModules();
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (String(key).includes('elizaos-migration')) delete (globalThis as Record<symbol, unknown>)[key];
  }
  const served = await import('@/lib/release/served');
  const db = await import('@/lib/db');
  const snapshot = await import('@/lib/migration/snapshot');
  const manifest = await import('@/lib/release/manifest');
  return { served, db, snapshot, manifest };
}

beforeAll(async () => {
  mkdirSync(path.join(nextDir, 'static', 'chunks'), { recursive: true });
  writeFileSync(path.join(nextDir, 'BUILD_ID'), 'served-test');
  writeFileSync(path.join(nextDir, 'static', 'chunks', 'webpack-00.js'), 'runtime');
  const { writeBuildRecord } = await import('@/lib/release/build-files');
  writeBuildRecord(nextDir, { root: work });
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(work, { recursive: true, force: true });
});

describe('getServedManifest', () => {
  it('signs on the server: files, parameters and the committed snapshot root, and follows a new import', async () => {
    environment({ RELEASE_SIGNING_KEY: bs58.encode(release.secretKey) });
    const { served, db, snapshot, manifest } = await load();
    expect(served.prepareRelease(nextDir)).toEqual({ fatal: [], warnings: [] });
    const before = await served.getServedManifest(0);
    expect(manifest.verifySignedManifest(before, release.publicKey.toBase58()).ok).toBe(true);
    expect(before.manifest.parameters.snapshot).toBeNull();
    expect(before.manifest.files.map((f) => f.path)).toEqual(['/_next/static/chunks/webpack-00.js']);
    expect(before.manifest.parameters.origin).toBe('http://portal.test');

    const { merkleRoot } = await snapshot.importSnapshot(await db.getDb(), [{ wallet: wallet(), allocation: 5n }]);
    // Within the re-read interval the old manifest is kept; after it, the new root is signed.
    expect((await served.getServedManifest(1_000)).manifest.parameters.snapshot).toBeNull();
    const after = await served.getServedManifest(10_000);
    expect(after.manifest.parameters.snapshot?.merkleRoot).toBe(merkleRoot);
    expect(manifest.verifySignedManifest(after, release.publicKey.toBase58()).ok).toBe(true);
  });

  it('signs the deposit address (owner and its AI16Z ATA), the one GET /api/v1/status publishes and the page checks against the manifest', async () => {
    const owner = wallet();
    environment({ RELEASE_SIGNING_KEY: bs58.encode(release.secretKey), MIGRATION_DEPOSIT_OWNER: owner });
    const { served } = await load();
    const { getConfig } = await import('@/lib/config');
    const { readPublicStatus } = await import('@/lib/status/public-status');
    const { parameterMismatch } = await import('@/lib/snapshot/verify-eligibility');
    const { officialParamsFromConfig } = await import('@/lib/solana/official-params');
    expect(served.prepareRelease(nextDir).fatal).toEqual([]);
    const signed = (await served.getServedManifest(0)).manifest;
    const tokenAccount = getConfig().deposit.tokenAccount.toBase58();
    expect(tokenAccount).not.toBe(owner);
    expect(signed.parameters.deposit).toEqual({ owner, tokenAccount });
    expect((await readPublicStatus()).deposit).toEqual({ owner, tokenAccount });
    const page = officialParamsFromConfig(getConfig());
    expect(parameterMismatch(signed, page)).toBeNull();
    expect(parameterMismatch(signed, { ...page, deposit: { owner: wallet(), tokenAccount } })).toMatch(/^the page's deposit owner \(\w+\) is not the signed one/);
    expect(parameterMismatch(signed, { ...page, deposit: { owner, tokenAccount: wallet() } })).toMatch(/^the page's deposit token account/);
  });

  it('serves an offline-signed manifest only while it describes this server', async () => {
    environment({ RELEASE_SIGNING_KEY: '', RELEASE_PUBLIC_KEY: release.publicKey.toBase58() });
    const { served, manifest } = await load();
    // What the release machine signs: the same document the server would state (`npm run manifest`).
    const { readBuildRecord } = await import('@/lib/release/build-files');
    const { assembleManifest, manifestParameters } = await import('@/lib/release/parameters');
    const { getConfig } = await import('@/lib/config');
    const presigned = manifest.signManifest(assembleManifest(readBuildRecord(nextDir), manifestParameters(getConfig(), null)), release.secretKey);
    writeFileSync(path.join(nextDir, served.PRESIGNED_FILE), JSON.stringify(presigned));
    try {
      expect(served.prepareRelease(nextDir)).toEqual({ fatal: [], warnings: [] });
      expect(await served.getServedManifest(0)).toEqual(presigned);

      // The build on disk changes after start-up checks: a restart refuses to start.
      writeFileSync(path.join(nextDir, 'static', 'chunks', 'evil.js'), 'x');
      expect(served.prepareRelease(nextDir).fatal.join()).toMatch(/evil\.js unlisted/);
      rmSync(path.join(nextDir, 'static', 'chunks', 'evil.js'));

      // A snapshot imported after signing: the pre-signed manifest no longer describes the server.
      const reloaded = await load();
      reloaded.served.prepareRelease(nextDir);
      await reloaded.snapshot.importSnapshot(await reloaded.db.getDb(), [{ wallet: wallet(), allocation: 7n }]);
      const error = await reloaded.served.getServedManifest(0).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'MANIFEST_UNAVAILABLE', details: { reason: expect.stringMatching(/does not describe this server \(parameters\.snapshot/) } });
    } finally {
      rmSync(path.join(nextDir, served.PRESIGNED_FILE), { force: true });
    }
  });

  it('without any key: 503, and a start-up warning', async () => {
    environment({ RELEASE_SIGNING_KEY: '', RELEASE_PUBLIC_KEY: '' });
    const { served } = await load();
    expect(served.prepareRelease(nextDir).warnings.join()).toMatch(/no release key/);
    await expect(served.getServedManifest(0)).rejects.toMatchObject({ code: 'MANIFEST_UNAVAILABLE', status: 503 });
  });

  it('without a build record (a plain `next build`): 503 naming npm run build', async () => {
    environment({ RELEASE_SIGNING_KEY: bs58.encode(release.secretKey) });
    const { served } = await load();
    const bare = path.join(work, 'bare');
    mkdirSync(path.join(bare, 'static'), { recursive: true });
    writeFileSync(path.join(bare, 'BUILD_ID'), 'x');
    expect(served.prepareRelease(bare).warnings.join()).toMatch(/release-files\.json does not exist: build with `npm run build`/);
    await expect(served.getServedManifest(0)).rejects.toMatchObject({ code: 'MANIFEST_UNAVAILABLE' });
  });
});
