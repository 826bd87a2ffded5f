/**
 * Mozilla HTTP Observatory against the production build behind a local TLS front, as a browser on
 * the real domain would reach it: `https://localhost` (self-signed certificate, trusted through
 * NODE_EXTRA_CA_CERTS) proxying to the e2e app with `X-Forwarded-Proto: https`, and
 * `http://localhost` redirecting to it. The Observatory scans ports 80/443 only, so this needs
 * the right to bind them (root, as in CI).
 *
 * The Observatory lives in tools/observatory (own lockfile, ~130 MB) so the app's node_modules
 * stays small; it is installed on first use with `npm ci --ignore-scripts` (its postinstall
 * downloads lists; the HSTS preload list it would fetch is replaced by an empty one).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { E2E_APP_PORT } from '@/e2e/harness/ports';

const TOOL_DIR = path.resolve(__dirname, '..', 'tools', 'observatory');
const PACKAGE_DIR = path.join(TOOL_DIR, 'node_modules', '@mdn', 'mdn-http-observatory');

function canBindLowPorts(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function installObservatory(): void {
  if (!existsSync(path.join(PACKAGE_DIR, 'package.json'))) {
    execFileSync('npm', ['ci', '--prefix', TOOL_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  const preload = path.join(PACKAGE_DIR, 'conf', 'hsts-preload.json');
  if (!existsSync(preload)) writeFileSync(preload, '{}');
}

function selfSignedCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

/** A TLS-terminating reverse proxy on :443 to the e2e app, and :80 redirecting to it. */
async function startFront(tls: { key: string; cert: string }): Promise<() => Promise<void>> {
  const proxy = https.createServer(tls, (req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: E2E_APP_PORT, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const redirect = http.createServer((req, res) => {
    res.writeHead(301, { Location: `https://localhost${req.url ?? '/'}` });
    res.end();
  });
  await Promise.all([new Promise<void>((r) => proxy.listen(443, r)), new Promise<void>((r) => redirect.listen(80, r))]);
  return async () => {
    await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => redirect.close(r))]);
  };
}

type ObservatoryResult = { scan?: { grade: string; score: number; testsFailed: number; testsPassed: number }; tests?: Record<string, { pass: boolean; result: string }>; error?: string };

test('Mozilla HTTP Observatory grades the production build A+', async () => {
  test.skip(!canBindLowPorts(), 'the Observatory scans ports 80/443 only, which need root to bind (CI runs as root)');
  test.setTimeout(300_000);
  installObservatory();
  const dir = mkdtempSync(path.join(tmpdir(), 'observatory-'));
  const tls = selfSignedCertificate(dir);
  const stop = await startFront(tls);
  try {
    // Asynchronously: the TLS front runs in this process and must keep answering during the scan.
    const scan = await promisify(execFile)(process.execPath, [path.join(PACKAGE_DIR, 'src', 'scan.js'), 'localhost'], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.certFile },
      timeout: 120_000,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '{}', stderr: error.stderr ?? '' }));
    const result = JSON.parse(scan.stdout) as ObservatoryResult;
    expect(result.error, `the scan failed: ${scan.stdout}${scan.stderr}`).toBeUndefined();
    const failed = Object.entries(result.tests ?? {})
      .filter(([, t]) => !t.pass)
      .map(([name, t]) => `${name}: ${t.result}`);
    console.log(`[observatory] grade ${result.scan?.grade}, score ${result.scan?.score}, ${result.scan?.testsPassed} tests passed, failed: ${failed.join('; ') || 'none'}`);
    expect(result.scan?.grade, `failed tests: ${failed.join('; ')}`).toBe('A+');
  } finally {
    await stop();
  }
});
