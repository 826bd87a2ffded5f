/**
 * README "Tests", Fuzzing: every public endpoint's route handler, called in-process with generated
 * malformed requests (fast-check, `FUZZ_RUNS` runs each, default 10,000): wrong types, empty, huge
 * and non-JSON bodies, unicode (lone surrogates, RTL marks, NUL), invalid base58, negative,
 * fractional and overflowing amounts, tampered and cross-migration transactions, wrong content
 * types, JSON nested up to 8,000 deep. The app runs against the seeded local validator and an
 * in-memory PGlite. The production server's front (server.ts) gets page requests made as React
 * Server Component requests with generated router states (`Next-Router-State-Tree`), checked
 * against Next's own parser.
 *
 * Each run asserts: the status is below 500 (the chain is up, the window open, maintenance off, so
 * no 503 either), the answer is the documented JSON error shape for every 4xx, and nothing was
 * written for a rejected request (row counts before/after; a refused submit leaves its migration
 * unsigned). Accepted requests write exactly their one record.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FaultStack, loadSeedIntoDatabase, signAsHolder, startFaultStack } from '@/test/faults/stack';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ORIGIN = 'http://localhost:3149';
// Random free ports (startFaultStack), so runs in other checkouts never collide; the proxy stays in `pass` (it never closes an idle
// keep-alive socket under the app, which a validator in this busy process could).
const stack: FaultStack = await startFaultStack({ databaseUrl: 'memory://', loadWallets: 2 });
process.env.RATE_LIMIT_SCALE = '1000000'; // the fuzzer is one client sending 80,000 requests: measure the handlers, not the limiter

const { getDb } = await import('@/lib/db');
const schema = await import('@/lib/db/schema');
const routes = {
  eligibility: await import('@/app/api/v1/eligibility/[wallet]/route'),
  build: await import('@/app/api/v1/migrations/route'),
  migration: await import('@/app/api/v1/migrations/[id]/route'),
  submit: await import('@/app/api/v1/migrations/[id]/submit/route'),
  rpc: await import('@/app/api/v1/rpc/route'),
  tickets: await import('@/app/api/v1/support/tickets/route'),
  ticket: await import('@/app/api/v1/support/tickets/[id]/route'),
  csp: await import('@/app/api/v1/csp-report/route'),
};

/**
 * Snapshot wallets off the ed25519 curve (program-derived addresses such as multisig vaults: no
 * private key exists, so no browser wallet can sign for them). The seed's generated holders are
 * hashes, about half of them off the curve.
 */
const offCurveWallets = stack.snapshotCsv
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0] ?? '')
  .filter((wallet) => wallet !== '' && !PublicKey.isOnCurve(new PublicKey(wallet)));
if (offCurveWallets.length === 0) throw new Error('the seed wrote no off-curve snapshot wallet');

/** Seconds and runs per endpoint, printed at the end. */
const timings: { endpoint: string; runs: number; seconds: number; statuses: Record<number, number> }[] = [];
const unexpected: unknown[] = [];

beforeAll(async () => {
  await loadSeedIntoDatabase(await getDb(), stack);
  // A 500 is logged by errorResponse before it answers: keep what it logged for the failure message.
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void unexpected.push(args));
}, 120_000);

afterAll(async () => {
  console.log(`fuzz: ${RUNS} runs per endpoint\n${timings.map((t) => `  ${t.endpoint.padEnd(12)} ${t.runs} runs in ${t.seconds.toFixed(1)} s, statuses ${JSON.stringify(t.statuses)}`).join('\n')}`);
  await stack.close();
});

// ---------------------------------------------------------------------------------------------
// Generators

const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 300 });
const validKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bs58.encode(b));
const base58ish = fc.string({ unit: fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl'), minLength: 0, maxLength: 100 });
const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202eevil',
  '💥',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0',
  '-0',
  '-1',
  '1e9',
  '1E+30',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  ' 7',
  '7 ',
  '１２３',
  '٣',
  '18446744073709551615',
  '18446744073709551616',
  '99999999999999999999999999999',
  '00000000000000000000001',
  '11111111111111111111111111111111',
  '../../etc/passwd',
  '%00',
  "'; drop table migrations; --",
  '<script>alert(1)</script>',
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: oddStrings },
  { weight: 2, arbitrary: base58ish },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);
const amountText = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String),
  fc.double().map(String),
  oddStrings,
);
/** Any JSON value, nested, with the nasty strings mixed in. */
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constantFrom('wallet', 'amount', 'transaction', '__proto__', 'constructor')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON text of arrays or objects nested `depth` deep (built as text: no recursion to build it). */
function nestedJson(depth: number, kind: 'array' | 'object' | 'mixed'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const array = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}
const deepJson = fc.tuple(fc.oneof(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 40, max: 8_000 })), fc.constantFrom('array' as const, 'object' as const, 'mixed' as const)).map(([depth, kind]) => nestedJson(depth, kind));

type Body = { text: string; contentType: string };
/** A request body: mostly JSON of `value`, else raw text, truncated JSON, or a huge one. */
function body(value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '');
  return fc.oneof(
    { weight: 12, arbitrary: fc.record({ text: value.map((v) => JSON.stringify(v) ?? 'undefined'), contentType }) },
    { weight: 2, arbitrary: fc.record({ text: fc.string({ unit: 'binary', maxLength: 200 }), contentType }) },
    { weight: 1, arbitrary: fc.record({ text: value.map((v) => (JSON.stringify(v) ?? '').slice(0, -1)), contentType }) },
    { weight: 1, arbitrary: fc.record({ text: fc.integer({ min: 1, max: 100_000 }).map((n) => JSON.stringify({ wallet: 'A'.repeat(n), amount: '1'.repeat(n) })), contentType }) },
    { weight: 1, arbitrary: fc.record({ text: fc.constantFrom('', ' ', '\u0000', '{', '[', '"', 'nul', '\ufeff{}'), contentType }) },
    { weight: 1, arbitrary: fc.record({ text: deepJson, contentType }) },
  );
}
const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));

// ---------------------------------------------------------------------------------------------
// Harness

const post = (path: string, b: Body, clientIp: string) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { ...(b.contentType ? { 'content-type': b.contentType } : {}), 'x-forwarded-for': clientIp }, body: b.text });

type Counts = { migrations: number; tickets: number; events: number };
/** Rows of every table a public endpoint can write, in one statement. */
async function counts(): Promise<Counts> {
  const db = await getDb();
  const [row] = await db
    .select({
      migrations: sql<number>`(select count(*)::int from ${schema.migrations})`,
      tickets: sql<number>`(select count(*)::int from ${schema.supportTickets})`,
      events: sql<number>`(select count(*)::int from ${schema.supportTicketEvents})`,
    })
    .from(sql`(select 1) as one`);
  if (!row) throw new Error('no counts');
  return row;
}

/** Status below 500; 4xx in the documented `{error: {code, message, details}}` shape. */
async function expectHandled(response: Response, what: unknown): Promise<number> {
  const label = `${JSON.stringify(what)?.slice(0, 400)} → ${response.status} ${unexpected.length ? JSON.stringify(unexpected.at(-1)).slice(0, 400) : ''}`;
  expect(response.status, label).toBeLessThan(500);
  if (response.status >= 400) {
    const answer = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof answer.error?.code, label).toBe('string');
    expect(typeof answer.error?.message, label).toBe('string');
  }
  return response.status;
}

/**
 * Runs the property `RUNS` times and then compares the row counts with those before the run:
 * they must have grown by exactly what the accepted requests stored (`stored(statuses)`), and
 * each accepted request's record is checked whole by the property itself. Public endpoints never
 * delete, so a rejected request that wrote anything would show as a surplus here; counting once
 * around the run instead of around every request keeps 10,000 runs per endpoint affordable (a
 * count costs several milliseconds of PGlite).
 */
async function fuzz<T>(
  endpoint: string,
  arbitrary: fc.Arbitrary<T>,
  run: (input: T, statuses: Record<number, number>) => Promise<void>,
  stored: (statuses: Record<number, number>) => Partial<Counts> = () => ({}),
): Promise<void> {
  const statuses: Record<number, number> = {};
  const before = await counts();
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, (input) => run(input, statuses)),
    { numRuns: RUNS },
  );
  timings.push({ endpoint, runs: RUNS, seconds: (performance.now() - started) / 1000, statuses });
  const grown = stored(statuses);
  expect(await counts(), `rows after ${RUNS} ${endpoint} requests (${JSON.stringify(statuses)})`).toEqual({
    migrations: before.migrations + (grown.migrations ?? 0),
    tickets: before.tickets + (grown.tickets ?? 0),
    events: before.events + (grown.events ?? 0),
  });
}
const tally = (statuses: Record<number, number>, status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);
const TIMEOUT = 900_000;

// ---------------------------------------------------------------------------------------------

describe(`public endpoints under ${RUNS} generated malformed requests each`, () => {
  it('an off-curve snapshot wallet (a PDA): build answers 422 WALLET_CANNOT_SIGN naming the deposit path, eligibility says so too; nothing is stored', async () => {
    const wallet = offCurveWallets[0] ?? '';
    const before = await counts();
    const response = await routes.build.POST(post('/api/v1/migrations', { text: JSON.stringify({ wallet, amount: '1000' }), contentType: 'application/json' }, '198.51.100.9'));
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status, JSON.stringify(answer)).toBe(422);
    expect(answer.error.code).toBe('WALLET_CANNOT_SIGN');
    expect(answer.error.message).toMatch(/deposit/i);
    expect(answer.error.message).toMatch(/\/support/);
    expect(await counts()).toEqual(before);
    const eligibility = await routes.eligibility.GET(new Request(`${ORIGIN}/api/v1/eligibility/x`, { headers: { 'x-forwarded-for': '198.51.100.9' } }), { params: Promise.resolve({ wallet }) });
    expect(eligibility.status).toBe(200);
    const body = (await eligibility.json()) as { eligible: boolean; reason: string | null; message: string | null; snapshotBalance: string | null };
    expect(body).toMatchObject({ eligible: false, reason: 'WALLET_CANNOT_SIGN' });
    expect(body.snapshotBalance).not.toBeNull(); // the allocation is real; only this path cannot serve it
    expect(body.message).toMatch(/deposit/i);
  });

  it('GET /api/v1/eligibility/{wallet}', async () => {
    const wallets = [stack.config.demoWallets.eligible.publicKey, stack.config.demoWallets.notInSnapshot.publicKey, ...offCurveWallets.slice(0, 3)];
    // Well-formed addresses cost an RPC read and a few queries each: one run in twenty, the rest malformed.
    const wallet = fc.oneof({ weight: 38, arbitrary: text }, { weight: 1, arbitrary: validKey }, { weight: 1, arbitrary: fc.constantFrom(...wallets) });
    await fuzz(
      'eligibility',
      fc.tuple(wallet, ip),
      async ([w, clientIp], statuses) => {
        const response = await routes.eligibility.GET(new Request(`${ORIGIN}/api/v1/eligibility/x`, { headers: { 'x-forwarded-for': clientIp } }), { params: Promise.resolve({ wallet: w }) });
        tally(statuses, await expectHandled(response, w));
      },
    );
  }, TIMEOUT);

  it('a 16 KB base58 "address" is refused before it is decoded (base58 decoding is quadratic: ~0.5 s of CPU)', async () => {
    const huge = 'x'.repeat(16_000);
    const eligibility = (wallet: string) => routes.eligibility.GET(new Request(`${ORIGIN}/api/v1/eligibility/x`), { params: Promise.resolve({ wallet }) });
    const ticket = (wallet: string) =>
      routes.tickets.POST(post('/api/v1/support/tickets', { text: JSON.stringify({ location: 'unsure', description: 'where are my tokens?', wallet }), contentType: 'application/json' }, '198.51.100.3'));
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    await eligibility('short'); // warm both paths (first-call costs are not what is measured)
    await ticket('short');
    // What decoding it would cost on this machine now, against what answering costs.
    const decoding = await timed(async () => {
      bs58.decodeUnsafe(huge);
    });
    expect((await eligibility(huge)).status).toBe(400);
    expect((await ticket(huge.slice(0, 15_000))).status).toBe(400);
    expect(await timed(() => eligibility(huge))).toBeLessThan(decoding / 4);
    expect(await timed(() => ticket(huge.slice(0, 15_000)))).toBeLessThan(decoding / 4);
  });

  it('POST /api/v1/migrations (build)', async () => {
    const eligible = stack.config.demoWallets.eligible.publicKey;
    const offCurve = fc.constantFrom(...offCurveWallets);
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.record({ wallet: fc.oneof(text, validKey, fc.constant(eligible), offCurve, json), amount: fc.oneof(amountText, json) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ wallet: offCurve, amount: amountText }) },
      { weight: 1, arbitrary: fc.record({ wallet: fc.constant(eligible), amount: amountText, extra: json }) },
      { weight: 1, arbitrary: json },
    );
    await fuzz(
      'build',
      fc.tuple(body(value), ip),
      async ([b, clientIp], statuses) => {
        const response = await routes.build.POST(post('/api/v1/migrations', b, clientIp));
        const status = await expectHandled(response.clone(), b);
        tally(statuses, status);
        if (status === 201) {
          // An accepted build stores its one `built` row, whole.
          const { id } = (await response.json()) as { id: string };
          const [row] = await (await getDb()).select().from(schema.migrations).where(eq(schema.migrations.id, id));
          expect(row).toMatchObject({ state: 'built', signature: null, signedTransaction: null });
          expect(row?.unsignedTransaction.length).toBeGreaterThan(0);
        }
      },
      (statuses) => ({ migrations: statuses[201] ?? 0 }),
    );
  }, TIMEOUT);

  it('GET /api/v1/migrations/{id}', async () => {
    const [existing] = await (await getDb()).select({ id: schema.migrations.id }).from(schema.migrations).limit(1);
    const id = fc.oneof(text, fc.uuid().map(String), fc.constant(existing?.id ?? randomUUID()), fc.uuid().map((u) => u.toUpperCase()));
    await fuzz(
      'migration',
      id,
      async (i, statuses) => {
        const response = await routes.migration.GET(new Request(`${ORIGIN}/api/v1/migrations/x`), { params: Promise.resolve({ id: i }) });
        tally(statuses, await expectHandled(response, i));
      },
    );
  }, TIMEOUT);

  it('POST /api/v1/migrations/{id}/submit', async () => {
    // Three fresh builds of the eligible wallet, signed by it: the fuzzer sends them tampered, to
    // the wrong migration, unsigned, or not at all; never the one valid (id, signed bytes) pair.
    const holder = Keypair.fromSecretKey(bs58.decode(stack.config.demoWallets.eligible.secretKey));
    const builds: { id: string; unsigned: string; signed: string }[] = [];
    for (const amount of ['1000', '2000', '3000']) {
      const response = await routes.build.POST(post('/api/v1/migrations', { text: JSON.stringify({ wallet: holder.publicKey.toBase58(), amount }), contentType: 'application/json' }, '198.51.100.1'));
      expect(response.status).toBe(201);
      const built = (await response.json()) as { id: string; transaction: string };
      builds.push({ id: built.id, unsigned: built.transaction, signed: signAsHolder(built.transaction, holder) });
    }
    const ids = builds.map((b) => b.id);
    // A legacy transaction is [2][holder signature: 64][delegate signature: 64][message]: the
    // delegate's slot is empty (zeros) until the server signs, so a flip there changes nothing the
    // server keeps. Flip any other byte.
    const tampered = fc.tuple(fc.nat(2), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, at, xor]) => {
      const bytes = Buffer.from(builds[i]?.signed ?? '', 'base64');
      const candidates = bytes.length - 64;
      const index = at % candidates < 65 ? at % candidates : (at % candidates) + 64;
      bytes[index] = (bytes[index] ?? 0) ^ xor; // always a different byte
      return bytes.toString('base64');
    });
    const resized = fc.tuple(fc.nat(2), fc.oneof(fc.integer({ min: -200, max: -1 }), fc.integer({ min: 1, max: 200 }))).map(([i, delta]) => {
      const bytes = Buffer.from(builds[i]?.signed ?? '', 'base64');
      return (delta < 0 ? bytes.subarray(0, bytes.length + delta) : Buffer.concat([bytes, Buffer.alloc(delta, 1)])).toString('base64');
    });
    const transaction = fc.oneof(
      text,
      fc.uint8Array({ maxLength: 1_400 }).map((b) => Buffer.from(b).toString('base64')),
      fc.constantFrom(...builds.map((b) => b.unsigned)),
      tampered,
      resized,
      json,
    );
    // A (id, transaction) pair, never a migration's own untouched signed bytes.
    const target = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ids), transaction) },
      // someone else's signed migration sent to this id: cross-migration replay
      { weight: 1, arbitrary: fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 2 })).map(([i, shift]) => [ids[(i + shift) % 3] ?? '', builds[i]?.signed ?? ''] as [string, unknown]) },
      { weight: 1, arbitrary: fc.tuple(fc.oneof(text, fc.uuid().map(String)), transaction) },
    );
    const request = fc.oneof(
      { weight: 8, arbitrary: target.map(([id, tx]) => ({ id, body: { text: JSON.stringify({ transaction: tx }), contentType: 'application/json' } })) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ids), body(json)).map(([id, b]) => ({ id, body: b })) },
    );
    await fuzz('submit', fc.tuple(request, ip), async ([{ id, body: b }, clientIp], statuses) => {
      const response = await routes.submit.POST(post(`/api/v1/migrations/${encodeURIComponent('x')}/submit`, b, clientIp), { params: Promise.resolve({ id }) });
      const status = await expectHandled(response, { id, b });
      tally(statuses, status);
      expect(status, JSON.stringify({ id, b }).slice(0, 400)).not.toBe(202); // nothing generated here may be co-signed
    });
    // Nothing was co-signed: the three migrations are still unsigned (built, or expired once their minute was up).
    const rows = await (await getDb()).select().from(schema.migrations).where(inArray(schema.migrations.id, ids));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(['built', 'expired']).toContain(row.state);
      expect(row.signature).toBeNull();
      expect(row.signedTransaction).toBeNull();
    }
    expect(Transaction.from(Buffer.from(builds[0]?.signed ?? '', 'base64')).signatures).toHaveLength(2); // the fixtures were real
  }, TIMEOUT);

  it('POST /api/v1/rpc (browser RPC proxy)', async () => {
    const method = fc.oneof(fc.constantFrom('getBalance', 'getAccountInfo', 'getLatestBlockhash', 'getSignatureStatuses', 'simulateTransaction', 'getMultipleAccounts', 'sendTransaction', 'requestAirdrop', 'getProgramAccounts'), text);
    const call = fc.record(
      { jsonrpc: fc.oneof(fc.constant('2.0'), json), id: fc.oneof(fc.integer(), fc.string({ maxLength: 80 }), fc.constant(null), json), method, params: fc.oneof(fc.array(json, { maxLength: 5 }), json) },
      { requiredKeys: ['jsonrpc', 'method'] },
    );
    const value = fc.oneof({ weight: 5, arbitrary: call }, { weight: 2, arbitrary: fc.array(call, { maxLength: 12 }) }, { weight: 1, arbitrary: json });
    // Well-formed calls whose params nest deep (only a body this small can nest 8,000 deep): refused
    // before they are forwarded, never reported as the provider's failure.
    const deepCall = fc
      .tuple(method, deepJson, fc.boolean())
      .map(([m, params, batch]) => ({ text: `${batch ? '[' : ''}{"jsonrpc":"2.0","id":1,"method":${JSON.stringify(m)},"params":[${params}]}${batch ? ']' : ''}`, contentType: 'application/json' }));
    await fuzz(
      'rpc',
      fc.tuple(fc.oneof({ weight: 6, arbitrary: body(value) }, { weight: 1, arbitrary: deepCall }), ip),
      async ([b, clientIp], statuses) => {
        tally(statuses, await expectHandled(await routes.rpc.POST(post('/api/v1/rpc', b, clientIp)), b));
      },
    );
  }, TIMEOUT);

  it('POST /api/v1/support/tickets', async () => {
    const signature = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => bs58.encode(b));
    const value = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            wallet: fc.oneof(validKey, text, fc.constant(''), fc.constant(null), json),
            location: fc.oneof(fc.constantFrom('self_custody', 'exchange', 'unsure'), text, json),
            exchange: fc.oneof(fc.constantFrom('Bithumb', 'Kraken'), text, json),
            signatures: fc.oneof(fc.array(fc.oneof(signature, text), { maxLength: 12 }), text, json),
            description: fc.oneof(fc.string({ minLength: 10, maxLength: 200 }), text, json),
            contact: fc.oneof(text, json),
            language: fc.oneof(fc.constantFrom('en', 'ko'), text, json),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: json },
    );
    await fuzz(
      'tickets',
      fc.tuple(body(value), ip),
      async ([b, clientIp], statuses) => {
        const response = await routes.tickets.POST(post('/api/v1/support/tickets', b, clientIp));
        const status = await expectHandled(response.clone(), b);
        tally(statuses, status);
        if (status === 201) {
          // An accepted ticket stores the ticket and its opening event.
          const { id } = (await response.json()) as { id: string };
          const db = await getDb();
          expect(await db.select({ id: schema.supportTickets.id }).from(schema.supportTickets).where(eq(schema.supportTickets.id, id))).toHaveLength(1);
          expect(await db.select({ id: schema.supportTicketEvents.id }).from(schema.supportTicketEvents).where(eq(schema.supportTicketEvents.ticketId, id))).toHaveLength(1);
        }
      },
      (statuses) => ({ tickets: statuses[201] ?? 0, events: statuses[201] ?? 0 }),
    );
  }, TIMEOUT);

  it('POST /api/v1/support/tickets nested up to 8,150 deep (what 16 KB allows): a 4xx with a code, nothing stored', async () => {
    const before = await counts();
    const arrays = (depth: number) => `${'['.repeat(depth)}"where are my tokens?"${']'.repeat(depth)}`;
    const objects = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const shapes: [string, (depth: number) => string][] = [
      ['the whole body', arrays],
      ['the description', (d) => `{"location":"unsure","description":${arrays(d)}}`],
      ['the signatures', (d) => `{"location":"unsure","description":"my migration did not arrive","signatures":${arrays(d)}}`],
      ['an extra key', (d) => `{"location":"unsure","description":"my migration did not arrive","extra":${objects(d)}}`],
    ];
    for (const depth of [3, 33, 1_000, 3_000, 8_150]) {
      for (const [where, shape] of shapes) {
        const text = shape(depth);
        const response = await routes.tickets.POST(post('/api/v1/support/tickets', { text, contentType: 'application/json' }, '198.51.100.4'));
        const label = `${where} nested ${depth} deep (${text.length} bytes) → ${response.status} ${unexpected.length ? JSON.stringify(unexpected.at(-1)).slice(0, 300) : ''}`;
        expect(response.status, label).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        const answer = (await response.json()) as { error: { code: string; details: { reason?: string } } };
        expect(typeof answer.error.code, label).toBe('string');
        // Past the scan's depth every in-budget body gets the same precise answer.
        if (depth > 32 && text.length <= 16 * 1024) expect(answer.error, label).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'NESTING_TOO_DEEP' } });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('GET /api/v1/support/tickets/{id}', async () => {
    const created = await routes.tickets.POST(post('/api/v1/support/tickets', { text: JSON.stringify({ location: 'unsure', description: 'My migration did not arrive yet.' }), contentType: 'application/json' }, '198.51.100.2'));
    expect(created.status).toBe(201);
    const ticket = (await created.json()) as { id: string; secret: string };
    const id = fc.oneof(text, fc.uuid().map(String), fc.constant(ticket.id), fc.constant(ticket.id.toUpperCase()));
    const secret = fc.oneof(latin1, fc.constant(ticket.secret.slice(0, -1)), fc.constant(`${ticket.secret} `), fc.constant(''), fc.integer({ min: 150, max: 5_000 }).map((n) => 's'.repeat(n)));
    const where = fc.constantFrom('header', 'query', 'both', 'none');
    await fuzz('ticket', fc.tuple(id, secret, where, ip), async ([i, s, w, clientIp], statuses) => {
      const query = w === 'query' || w === 'both' ? `?${new URLSearchParams({ secret: s }).toString()}` : '';
      const headers: Record<string, string> = { 'x-forwarded-for': clientIp };
      if (w === 'header' || w === 'both') headers['x-ticket-secret'] = s;
      const response = await routes.ticket.GET(new Request(`${ORIGIN}/api/v1/support/tickets/x${query}`, { headers }), { params: Promise.resolve({ id: i }) });
      const status = await expectHandled(response, { i, s, w });
      tally(statuses, status);
      // The ticket only for its id (any case) with its exact secret, as the handler receives it
      // (a header value loses surrounding whitespace in HTTP; the header wins over the query).
      const sent = w === 'header' || w === 'both' ? new Headers({ x: s }).get('x') : w === 'query' ? s : null;
      const exact = i.toLowerCase() === ticket.id && sent === ticket.secret;
      expect(status, JSON.stringify({ i, s, w })).toBe(exact ? 200 : 404);
    });
  }, TIMEOUT);

  it("the production server's front: page requests made as RSC requests with generated router states", async () => {
    // server.ts refuses these before Next, which hides them from the middleware; here the same
    // front stands before a stand-in for Next's handler.
    const { refuseUnreadableRouterState } = await import('@/lib/security/rsc-request');
    const { nextRefusesRouterState, routerStateHeader } = await import('@/test/router-state');
    let handed = 0;
    const front = createServer((req, res) => {
      if (refuseUnreadableRouterState(req, res)) return;
      handed += 1;
      res.end('page');
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const { port } = front.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/status', headers, agent }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        })
          .on('error', reject)
          .end();
      });
    const started = performance.now();
    const statuses: Record<number, number> = {};
    let refusals = 0;
    try {
      await fc.assert(
        fc.asyncProperty(routerStateHeader, fc.constantFrom('1', '1', '1', '0', '2'), async (state, rsc) => {
          const answer = await get({ rsc, 'next-router-state-tree': state });
          tally(statuses, answer.status);
          const label = `rsc=${rsc} ${state.slice(0, 200)} → ${answer.status}`;
          if (rsc === '1' && nextRefusesRouterState(state)) {
            refusals += 1;
            expect(answer.status, label).toBe(400);
            expect((JSON.parse(answer.body) as { error: { code: string } }).error.code, label).toBe('BAD_REQUEST');
          } else {
            expect(answer, label).toEqual({ status: 200, body: 'page' });
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      agent.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    }
    timings.push({ endpoint: 'rsc-front', runs: RUNS, seconds: (performance.now() - started) / 1000, statuses });
    expect(refusals).toBeGreaterThan(0);
    expect(handed).toBe(RUNS - refusals);
  }, TIMEOUT);

  it('POST /api/v1/csp-report', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined); // one log line per accepted violation
    const legacy = fc.record({ 'csp-report': fc.dictionary(fc.oneof(fc.constantFrom('document-uri', 'violated-directive', 'effective-directive', 'blocked-uri', 'source-file', 'line-number', 'disposition'), text), json, { maxKeys: 6 }) }, { requiredKeys: [] });
    const modern = fc.array(fc.record({ type: fc.oneof(fc.constantFrom('csp-violation', 'integrity-violation'), text), url: fc.oneof(text, json), age: json, body: fc.oneof(json, fc.dictionary(text, json)) }, { requiredKeys: [] }), { maxLength: 5 });
    const contentType = fc.oneof(fc.constantFrom('application/csp-report', 'application/reports+json', 'application/json', 'text/plain', ''), latin1);
    const report = fc.record({ text: fc.oneof(legacy, modern, json).map((v) => JSON.stringify(v) ?? ''), contentType });
    const raw = fc.record({ text: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 8_000, max: 40_000 }).map((n) => 'r'.repeat(n))), contentType });
    try {
      await fuzz('csp-report', fc.tuple(fc.oneof({ weight: 4, arbitrary: report }, { weight: 1, arbitrary: raw }), ip), async ([b, clientIp], statuses) => {
        tally(statuses, await expectHandled(await routes.csp.POST(post('/api/v1/csp-report', b, clientIp)), b));
      });
    } finally {
      warn.mockRestore();
    }
  }, TIMEOUT);
});
