/**
 * The signed deployment manifest and `npm run verify`, against the real production build:
 * a clean deployment verifies; a lazily loaded chunk tampered by a proxy in front of the app makes
 * verify fail and name the file; a wrong or missing key is refused; the manifest route carries the
 * API security headers and states what this server serves.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Keypair } from '@solana/web3.js';
import { E2E_APP_URL } from '@/e2e/harness/ports';
import { e2eConfig } from '@/e2e/wallet/helpers';
import { parseSnapshotCsv } from '@/lib/migration/snapshot';
import { MANIFEST_PATH, verifySignedManifest } from '@/lib/release/manifest';
import { merkleRoot } from '@/lib/snapshot/merkle';
import { parseWebpackRuntime } from '@/scripts/verify/webpack-runtime';

const ROOT = path.resolve(__dirname, '..');

/** Runs `npm run verify -- …` (the same entry: tsx scripts/verify/cli.ts) and collects its output. */
function runVerify(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', 'verify', '--', ...args], { cwd: ROOT, env: { ...process.env, RELEASE_PUBLIC_KEY: '', ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}

/**
 * A reverse proxy in front of the e2e app that flips one byte in the middle of one file: what a
 * compromised CDN or server would do to the wallet code.
 */
async function startTamperingProxy(target: string, tamperedPath: string): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    // Uncompressed from upstream, so the byte flipped is one of the script itself.
    const headers = { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' };
    const proxied = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.url?.split('?')[0] === tamperedPath && answer.statusCode === 200) {
          hits += 1;
          body = Buffer.from(body);
          const at = Math.floor(body.length / 2);
          body[at] = (body[at] as number) ^ 0x01;
        }
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    proxied.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The lazily loaded chunks of the running build, from its webpack runtime's chunk map. */
async function lazyChunks(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const html = await (await request.get('/migrate')).text();
  const runtimePath = /src="(\/_next\/static\/chunks\/webpack-[^"]+\.js)"/.exec(html)?.[1];
  expect(runtimePath).toBeTruthy();
  const runtime = parseWebpackRuntime(await (await request.get(runtimePath as string)).text());
  return [...runtime.scripts.values()].map((file) => `/_next/${file}`);
}

test.describe('signed deployment manifest', () => {
  test('is served with the API security headers, no-store, and describes this server', async ({ request }) => {
    const config = e2eConfig();
    const response = await request.get(MANIFEST_PATH);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['cache-control']).toMatch(/no-store/);
    expect(headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    for (const name of ['strict-transport-security', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'x-frame-options']) {
      expect(headers[name], name).toBeTruthy();
    }
    const check = verifySignedManifest(await response.json(), config.release.publicKey);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const { parameters, files } = check.signed.manifest;
    expect(parameters.origin).toBe(E2E_APP_URL);
    expect(parameters.ai16z).toEqual({ mint: config.mints.ai16z.address, decimals: config.mints.ai16z.decimals, tokenProgram: config.mints.ai16z.programId });
    expect(parameters.elizaos).toEqual({ mint: config.mints.elizaos.address, decimals: config.mints.elizaos.decimals, tokenProgram: config.mints.elizaos.programId });
    expect(parameters.vault).toEqual({ tokenAccount: config.vault.tokenAccount, owner: config.vault.owner });
    expect(parameters.treasury).toEqual({ tokenAccount: config.treasury.tokenAccount, delegate: config.treasury.delegate });
    expect(parameters.policyVersion).toBe('v1');
    // The root, recomputed here from the seed's CSV, independently of the server's database.
    const rows = parseSnapshotCsv(readFileSync(path.join(ROOT, config.snapshot.file), 'utf8'));
    expect(parameters.snapshot?.merkleRoot).toBe(merkleRoot(rows));
    expect(parameters.snapshot?.holders).toBe(rows.length);
    // Every listed file is served with exactly the listed bytes.
    for (const file of files.slice(0, 40)) {
      const body = await (await request.get(file.path)).body();
      expect(body.length, file.path).toBe(file.size);
    }
  });

  test('npm run verify: a clean deployment verifies (exit 0)', async () => {
    const config = e2eConfig();
    const result = await runVerify([E2E_APP_URL, '--public-key', config.release.publicKey]);
    console.log(`[verify] clean run: exit ${result.code} in ${result.ms} ms\n${result.output}`);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/VERIFIED/);
    expect(result.output).toMatch(/runtime \/_next\/static\/chunks\/webpack-[0-9a-f]+\.js: [1-9]\d* lazily loaded chunks/);
  });

  test('npm run verify: a lazily loaded chunk tampered by a proxy fails, and the file is named', async ({ request }) => {
    const config = e2eConfig();
    const lazy = await lazyChunks(request);
    expect(lazy.length).toBeGreaterThan(0);
    // Never referenced by the HTML: only the runtime's chunk map leads to it.
    const html = (await (await request.get('/migrate')).text()) + (await (await request.get('/')).text());
    const target = lazy.find((file) => !html.includes(file.replace('/_next/', ''))) as string;
    expect(target).toBeTruthy();
    const proxy = await startTamperingProxy(E2E_APP_URL, target);
    try {
      const result = await runVerify([proxy.url, '--public-key', config.release.publicKey, '--allow-other-origin']);
      console.log(`[verify] tampered ${target}: exit ${result.code}\n${result.output}`);
      expect(proxy.hits()).toBeGreaterThan(0);
      expect(result.code).toBe(1);
      expect(result.output).toContain(`FAIL ${target}  (mismatch, via webpack runtime chunk map`);
      expect(result.output).toContain(`ERROR ${target}: served bytes differ from the manifest`);
      // That file, and only that file, is reported.
      expect(result.output.match(/^FAIL /gm)).toHaveLength(1);
      expect(result.output).toMatch(/FAILED .*1 problem/);
    } finally {
      await proxy.close();
    }
  });

  test('npm run verify: a wrong key fails, no key is refused', async () => {
    const wrong = await runVerify([E2E_APP_URL, '--public-key', Keypair.generate().publicKey.toBase58()]);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/ERROR manifest: KEY_MISMATCH/);
    const none = await runVerify([E2E_APP_URL]);
    expect(none.code).toBe(2);
    expect(none.output).toMatch(/Refusing to verify without a pinned release public key/);
  });
});
