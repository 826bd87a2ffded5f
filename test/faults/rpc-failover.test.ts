/**
 * RPC failover (DESIGN.md "RPC failover"): the app's route handlers in this process, the seeded
 * local validator behind two fault proxies, the first as `SOLANA_RPC_URL` and the second as
 * `SOLANA_RPC_FALLBACK_URLS`.
 *
 * - primary down (refusing, 5xx, hung): builds, submits, settlement and the browser's RPC proxy go
 *   through the fallback; migrations confirm;
 * - every endpoint down: build and submit answer 503 RPC_UNAVAILABLE, nothing is co-signed (the
 *   row stays `built`, no send reached the chain); once an endpoint is back, the same signed bytes
 *   go through.
 */
import type { Keypair } from '@solana/web3.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultMode, type RpcFaultProxy, startRpcFaultProxy } from '@/test/faults/rpc-fault-proxy';
import { type FaultStack, issuesOnChain, loadSeedIntoDatabase, signAsHolder, startFaultStack, jsonPost, readAnswer } from '@/test/faults/stack';

const stack: FaultStack = await startFaultStack({ databaseUrl: 'memory://', loadWallets: 6, rpcTimeoutMs: 800 });
let fallback: RpcFaultProxy | undefined;
for (let attempt = 0; !fallback; attempt += 1) {
  try {
    fallback = await startRpcFaultProxy({ upstreamHttp: stack.validator.rpcUrl, httpPort: 40_000 + Math.floor(Math.random() * 20_000) });
  } catch (error) {
    if (attempt > 10) throw error;
  }
}
const secondary: RpcFaultProxy = fallback;
process.env.SOLANA_RPC_FALLBACK_URLS = secondary.url;

const { getDb } = await import('@/lib/db');
const { migrations } = await import('@/lib/db/schema');
const { reconcileRound } = await import('@/lib/migration/reconciler');
const { getRpcPool } = await import('@/lib/chain');
const buildRoute = await import('@/app/api/v1/migrations/route');
const submitRoute = await import('@/app/api/v1/migrations/[id]/submit/route');
const migrationRoute = await import('@/app/api/v1/migrations/[id]/route');
const rpcRoute = await import('@/app/api/v1/rpc/route');

const ORIGIN = 'http://localhost:3149';
const TEN_AI16Z = 10_000_000_000n;
const post = (path: string, body: unknown) => jsonPost(ORIGIN, path, body, '203.0.113.9');
const build = async (holder: Keypair) => readAnswer(await buildRoute.POST(post('/api/v1/migrations', { wallet: holder.publicKey.toBase58(), amount: TEN_AI16Z.toString() })));
const submit = async (id: string, transaction: string) => readAnswer(await submitRoute.POST(post(`/api/v1/migrations/${id}/submit`, { transaction }), { params: Promise.resolve({ id }) }));
const view = async (id: string) => readAnswer(await migrationRoute.GET(new Request(`${ORIGIN}/api/v1/migrations/${id}`), { params: Promise.resolve({ id }) }));
const wallet = (index: number): Keypair => {
  const holder = stack.wallets[index];
  if (!holder) throw new Error(`no load wallet ${index}`);
  return holder;
};
const primary = stack.proxy;
const both = (mode: FaultMode) => {
  primary.setMode(mode);
  secondary.setMode(mode);
};
const sendsForwarded = (proxy: RpcFaultProxy, from: number) => proxy.log.slice(from).filter((e) => e.methods.includes('sendTransaction') && e.forwarded).length;

async function settle(id: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await reconcileRound();
    const state = String((await view(id)).body.state);
    if (state !== 'submitted') return state;
    if (Date.now() > deadline) throw new Error(`migration ${id} still submitted after 20 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  await loadSeedIntoDatabase(await getDb(), stack);
}, 60_000);

afterAll(async () => {
  await secondary.close();
  await stack.close();
});

describe('RPC failover: SOLANA_RPC_URL and SOLANA_RPC_FALLBACK_URLS', () => {
  it('the pool is the primary then the fallback', () => {
    expect(getRpcPool().endpoints.map((e) => e.label)).toEqual(['primary', 'fallback-1']);
  });

  it.each([
    ['refusing connections', { kind: 'destroy' }],
    ['answering 503', { kind: 'status', status: 503 }],
    ['hung (accepts, never answers)', { kind: 'hang' }],
  ] as [string, FaultMode][])('primary %s: a migration builds, submits and confirms through the fallback', async (_name, fault) => {
    const holder = wallet(['destroy', 'status', 'hang'].indexOf(fault.kind));
    both({ kind: 'pass' });
    primary.setMode(fault);
    const fromPrimary = primary.log.length;
    const fromSecondary = secondary.log.length;
    const built = await build(holder);
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    const id = String(built.body.id);
    const submitted = await submit(id, signAsHolder(String(built.body.transaction), holder));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    expect(await settle(id)).toBe('confirmed');
    // The fallback carried the work; the primary's failures never reached the chain.
    expect(sendsForwarded(secondary, fromSecondary)).toBeGreaterThanOrEqual(1);
    expect(primary.log.slice(fromPrimary).filter((e) => e.forwarded)).toHaveLength(0);
    expect((await issuesOnChain(stack.direct, stack.config.treasury.tokenAccount)).get(id)).toHaveLength(1);
    primary.release();
    primary.setMode({ kind: 'pass' });
  });

  it("the browser's RPC proxy (/api/v1/rpc) fails over too, and answers 503 RPC_UNAVAILABLE when every endpoint is down", async () => {
    primary.setMode({ kind: 'status', status: 502 });
    const answer = await readAnswer(await rpcRoute.POST(post('/api/v1/rpc', { jsonrpc: '2.0', id: 7, method: 'getBlockHeight', params: [] })));
    expect(answer.status).toBe(200);
    expect(typeof answer.body.result).toBe('number');
    both({ kind: 'status', status: 503 });
    const down = await readAnswer(await rpcRoute.POST(post('/api/v1/rpc', { jsonrpc: '2.0', id: 8, method: 'getBlockHeight', params: [] })));
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'RPC_UNAVAILABLE' });
    both({ kind: 'pass' });
  });

  it('every endpoint down: build and submit answer 503 RPC_UNAVAILABLE and nothing is co-signed; the same bytes go through once one is back', async () => {
    const holder = wallet(3);
    both({ kind: 'pass' });
    const built = await build(holder);
    expect(built.status).toBe(201);
    const id = String(built.body.id);
    const signed = signAsHolder(String(built.body.transaction), holder);

    both({ kind: 'destroy' });
    const from = [primary.log.length, secondary.log.length] as const;
    const refusedBuild = await build(wallet(4));
    expect(refusedBuild.status).toBe(503);
    expect(refusedBuild.body.error).toMatchObject({ code: 'RPC_UNAVAILABLE' });
    const refusedSubmit = await submit(id, signed);
    expect(refusedSubmit.status, JSON.stringify(refusedSubmit.body)).toBe(503);
    expect(refusedSubmit.body.error).toMatchObject({ code: 'RPC_UNAVAILABLE' });
    const [row] = await (await getDb()).select().from(migrations).where(eq(migrations.id, id));
    expect(row).toMatchObject({ state: 'built', signature: null, signedTransaction: null });
    expect(sendsForwarded(primary, from[0]) + sendsForwarded(secondary, from[1])).toBe(0);

    // The fallback returns first (the primary stays down): the holder's retry of the same bytes confirms.
    secondary.setMode({ kind: 'pass' });
    const retried = await submit(id, signed);
    expect(retried.status, JSON.stringify(retried.body)).toBe(202);
    expect(await settle(id)).toBe('confirmed');
    both({ kind: 'pass' });
  });
});
