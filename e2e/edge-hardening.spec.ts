/**
 * The edge against requests no browser of ours sends, on the production server (server.ts):
 * - a page fetched as a React Server Component (`RSC: 1`) with a malformed `Next-Router-State-Tree`
 *   answers 400 BAD_REQUEST, never 500; one Next can parse is served as before (Next's own parser
 *   is the oracle, test/router-state.ts);
 * - RPC proxy params nested thousands deep are refused with 400, not forwarded;
 * - rate limits: the client is the TCP peer unless it is a configured proxy, so a client-sent
 *   `X-Forwarded-For` (or a forged copy of the server's own header) makes no one a new client, and
 *   no stranger can spend a holder's or an ops wallet's quota.
 *
 * Clients on other loopback addresses (127.0.0.2 …, all routed to `lo` on Linux) stand for
 * strangers and holders, so their quotas are apart from the other specs' (127.0.0.1).
 */
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { E2E_APP_PORT } from '@/e2e/harness/ports';
import { e2eConfig } from '@/e2e/wallet/helpers';
import { nextRefusesRouterState, routerStateHeader } from '@/test/router-state';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** One HTTP request to the e2e app from the loopback address `from` (the TCP peer the server sees). */
function send(from: string, method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: E2E_APP_PORT, localAddress: from, method, path, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (answer: Answer): string | undefined => {
  try {
    return (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

test.describe('RSC requests with a malformed router state', () => {
  const PAGES = ['/', '/migrate', '/ko/migrate', '/status', '/support', '/check', '/ops', '/maintenance', '/receipt/00000000-0000-4000-8000-000000000000', '/no-such-page'];
  const VALID = encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true]));

  for (const path of PAGES) {
    test(`${path}: a malformed Next-Router-State-Tree is a 400 BAD_REQUEST, a well-formed one is served`, async () => {
      for (const tree of ['x', '%ZZ', encodeURIComponent('[]'), encodeURIComponent('{"children":1}'), encodeURIComponent(`${'['.repeat(1_500)}${']'.repeat(1_500)}`)]) {
        const refused = await send('127.0.0.1', 'GET', path, { rsc: '1', 'next-router-state-tree': tree });
        expect(refused.status, `${path} ${tree.slice(0, 40)}`).toBe(400);
        expect(codeOf(refused)).toBe('BAD_REQUEST');
        expect(refused.headers['cache-control']).toMatch(/no-store/);
        expect(refused.headers['x-content-type-options']).toBe('nosniff');
      }
      const served = await send('127.0.0.1', 'GET', path, { rsc: '1', 'next-router-state-tree': VALID });
      expect(served.status, path).toBeLessThan(500);
      expect(served.status, path).not.toBe(400);
    });
  }

  test('generated router states: 400 exactly when Next cannot parse the header, never a 500', async () => {
    test.setTimeout(180_000);
    const path = fc.constantFrom('/', '/migrate', '/status', '/ko/support', '/no-such-page');
    const seen = { refused: 0, served: 0 };
    await fc.assert(
      fc.asyncProperty(path, routerStateHeader, async (p, v) => {
        const answer = await send('127.0.0.1', 'GET', p, { rsc: '1', 'next-router-state-tree': v });
        expect(answer.status, `${p} ${v.slice(0, 200)}`).toBeLessThan(500);
        expect(answer.status === 400, `${p} ${v.slice(0, 200)} → ${answer.status}`).toBe(nextRefusesRouterState(v));
        seen[answer.status === 400 ? 'refused' : 'served'] += 1;
      }),
      { numRuns: 300 },
    );
    console.log(`[edge] generated router states: ${seen.refused} refused, ${seen.served} served`);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.served).toBeGreaterThan(0);
  });
});

test('the RPC proxy refuses params nested 7,000 deep with 400 BAD_REQUEST and forwards nothing', async () => {
  const deep = `${'['.repeat(7_000)}${']'.repeat(7_000)}`;
  const answer = await send('127.0.0.1', 'POST', '/api/v1/rpc', {}, `{"jsonrpc":"2.0","id":1,"method":"getBalance","params":[${deep}]}`);
  expect(answer.status).toBe(400);
  expect(codeOf(answer)).toBe('BAD_REQUEST');
  const batch = await send('127.0.0.1', 'POST', '/api/v1/rpc', {}, `[{"jsonrpc":"2.0","id":1,"method":"getHealth","params":[{"a":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}]}]`);
  expect(batch.status).toBe(400);
  // A real call still goes through.
  const health = await send('127.0.0.1', 'POST', '/api/v1/rpc', {}, '{"jsonrpc":"2.0","id":1,"method":"getHealth"}');
  expect(health.status).toBe(200);
});

test.describe('rate limits count the TCP peer, not what the client says', () => {
  test('a rotating X-Forwarded-For (or a forged client-address header) is limited like one client; another client is not', async () => {
    // Support tickets: 5 per client per 10 minutes. Junk bodies (400) count against the client too.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await send('127.0.0.2', 'POST', '/api/v1/support/tickets', { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `203.0.113.${i}`, 'x-portal-client-address': `198.51.100.${i}` }, '{}');
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect((await send('127.0.0.3', 'POST', '/api/v1/support/tickets', {}, '{}')).status).toBe(400);
  });

  test("a stranger's refused builds for a holder's wallet never spend the holder's quota", async () => {
    const { eligible } = e2eConfig().demoWallets;
    // More than the whole allocation: refused (409) after every check, nothing stored.
    const build = (from: string) => send(from, 'POST', '/api/v1/migrations', {}, JSON.stringify({ wallet: eligible.publicKey, amount: '9'.repeat(30) }));
    const stranger: number[] = [];
    for (let i = 0; i < 25; i++) stranger.push((await build('127.0.0.4')).status);
    expect(stranger.filter((s) => s === 429)).toEqual([]);
    const holder = await build('127.0.0.5');
    expect(holder.status).not.toBe(429);
    expect(codeOf(holder)).not.toBe('RATE_LIMITED');
  });

  test("a stranger cannot use up an ops wallet's sign-in nonces", async () => {
    const wallet = e2eConfig().ops[0]?.publicKey;
    if (!wallet) throw new Error('no ops keypair');
    const nonce = (from: string) => send(from, 'POST', '/api/v1/ops/auth/nonce', {}, JSON.stringify({ wallet }));
    let strangerRefused = 0;
    for (let i = 0; i < 65; i++) if ((await nonce('127.0.0.6')).status === 429) strangerRefused += 1;
    // The stranger is limited on its own requests for this wallet…
    expect(strangerRefused).toBeGreaterThan(0);
    // …and the ops wallet, from its own address, still gets a nonce.
    expect((await nonce('127.0.0.7')).status).toBe(200);
  });
});
