/**
 * Shared steps of the ops specs: the ops API signed in with `config.ops[0]` (Node side, for
 * set-up and clean-up), the ops CLI as a real process, and timing a kill-switch flip.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_APP_URL, E2E_CONFIG_PATH } from '@/e2e/harness/ports';
import { e2eConfig } from '@/e2e/wallet/helpers';
import { DEFAULT_TEST_WALLET_NAME, installTestWallet } from '@/e2e/wallet/test-wallet';
import { keypairFromText, OpsClient } from '@/scripts/lib/ops-client';

const ROOT = path.resolve(__dirname, '..', '..');

/** An ops API client signed in as `config.ops[0]`. */
export async function opsApi(): Promise<OpsClient> {
  const ops = e2eConfig().ops[0];
  if (!ops) throw new Error('the localnet config has no ops keypair');
  const client = new OpsClient(E2E_APP_URL);
  await client.signIn(keypairFromText(ops.secretKey, 'ops[0]'));
  return client;
}

export type CliRun = { code: number | null; stdout: string; stderr: string; startedAt: number; doneAt: number };

/**
 * Runs `tsx scripts/ops.ts --url <e2e app> --localnet <e2e config> …args`. `doneAt` is when the CLI
 * printed its answer (the API call had returned), before the process finished exiting.
 */
export function runOpsCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    let doneAt = 0;
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/ops.ts', '--url', E2E_APP_URL, '--localnet', E2E_CONFIG_PATH, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      doneAt ||= Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      doneAt ||= Date.now();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr, startedAt, doneAt: doneAt || Date.now() }));
  });
}

export type Propagation = { sentMs: number; answeredMs: number; trace: string };

/**
 * How long after `from` a change reached every request: fires `probe` every 100 ms without
 * waiting for earlier probes (a slow answer must not hide when the change arrived), until 6
 * probes in a row saw it (`changed` of the probe's answer). The first probe of that run is the
 * one that counts: `sentMs` is when it was sent and `answeredMs` when its answer arrived, both
 * relative to `from`; the change took effect in between, so `answeredMs` is the upper bound.
 * `trace` lists every probe (`sent→answered:answer`) for the log.
 */
export async function msUntil(from: number, probe: () => Promise<string>, changed: (answer: string) => boolean, timeoutMs = 8_000): Promise<Propagation> {
  type Probe = { sentAt: number; answeredAt: number; answer: string | null };
  const probes: Probe[] = [];
  const deadline = Date.now() + timeoutMs;
  const steady = () => probes.length >= 6 && probes.slice(-6).every((p) => p.answer !== null && changed(p.answer));
  const inFlight: Promise<void>[] = [];
  while (!steady() && Date.now() < deadline) {
    const entry: Probe = { sentAt: Date.now(), answeredAt: 0, answer: null };
    probes.push(entry);
    inFlight.push(
      probe()
        .catch((error: unknown) => `error ${error instanceof Error ? error.message.slice(0, 40) : String(error)}`)
        .then((answer) => {
          entry.answer = answer;
          entry.answeredAt = Date.now();
        }),
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(inFlight);
  const trace = probes.map((p) => `${p.sentAt - from}→${p.answeredAt - from}:${p.answer}`).join(' ');
  let first = -1;
  for (let i = probes.length - 1; i >= 0 && changed(probes[i]?.answer ?? ''); i--) first = i;
  const counted = probes[first];
  if (!counted || probes.length - first < 6) throw new Error(`the change was not seen steadily within ${timeoutMs} ms: ${trace}`);
  return { sentMs: Math.max(0, counted.sentAt - from), answeredMs: counted.answeredAt - from, trace };
}

/** Status of `/migrate` (no redirect following). */
export async function migrateStatus(request: APIRequestContext): Promise<number> {
  return (await request.get('/migrate', { maxRedirects: 0 })).status();
}

/** Probes for {@link msUntil}: `/migrate`'s status, and the build API's status and error code. */
export const probes = {
  page: (request: APIRequestContext) => async () => String(await migrateStatus(request)),
  api: (request: APIRequestContext) => async () => {
    const { status, code } = await buildAnswer(request);
    return `${status}${code ? ` ${code}` : ''}`;
  },
};
export const isMaintenance = (answer: string) => answer.startsWith('503');
export const isOpen = (answer: string) => answer === '200' || answer.startsWith('400');

/**
 * Status and error code of a build request that is refused as malformed while the flow is open
 * (400, answered at once) and with 503 MAINTENANCE while it is stopped: a cheap probe.
 */
export async function buildAnswer(request: APIRequestContext): Promise<{ status: number; code: string | null }> {
  const response = await request.post('/api/v1/migrations', { data: {} });
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: response.status(), code: body?.error?.code ?? null };
}

/** Opens `/ops` with the test wallet holding the ops keypair, connects and signs in. */
export async function signInToConsole(page: Page, method: 'message' | 'transaction' = 'message'): Promise<void> {
  const ops = e2eConfig().ops[0];
  if (!ops) throw new Error('no ops keypair');
  await installTestWallet(page, { publicKey: ops.publicKey, secretKey: ops.secretKey });
  const response = await page.goto('/ops');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow');
  await page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) }).click();
  await expect(page.getByTestId('ops-connected-wallet')).toHaveText(ops.publicKey);
  await page.getByTestId(method === 'message' ? 'ops-sign-message' : 'ops-sign-transaction').click();
  await expect(page.getByTestId('ops-console')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('ops-wallet')).toHaveText(ops.publicKey);
}

/** Records CSP violations and whether an injected payload ever ran (`window.__xss`). */
export async function watchPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as Window & { __violations?: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations?.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
}

export async function pageSecurity(page: Page): Promise<{ violations: string[]; xss: unknown }> {
  return page.evaluate(() => {
    const w = window as Window & { __violations?: string[]; __xss?: unknown };
    return { violations: w.__violations ?? [], xss: w.__xss };
  });
}

/** XSS payloads ops or holders might type; every one must be shown as text and never run. */
export const XSS = {
  script: '<script>window.__xss = "script"</script>',
  img: '<img src=x onerror="window.__xss = \'img\'">',
  svg: '<svg onload="window.__xss = \'svg\'"></svg>',
};
