/**
 * The ops side against a real (in-memory) PGlite database: the append-only audit log, the kill
 * switch as the build/submit handlers see it (including a flip while a submit is being checked),
 * incidents, exchanges, drainers and the support desk.
 */
import { randomUUID } from 'node:crypto';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { Keypair, Transaction } from '@solana/web3.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTestAppEnv } from '@/test/app-env';
import { insertBuiltMigration } from '@/test/built-migration';
import { startIdleChainRpc } from '@/test/idle-chain-rpc';
import { dbError } from '@/test/databases';

// A node that answers the block height and accepts sends, but never lands anything (test/idle-chain-rpc.ts).
const chain = await startIdleChainRpc();
afterAll(() => chain.close());
const env = setTestAppEnv({ SOLANA_RPC_URL: chain.url });

// A kill-switch flip that happens while submitMigration checks the holder's transaction: the
// known-drainer read is one step of that check, so the test flips the flag from inside it.
const flipDuringCheck = vi.hoisted(() => ({ armed: false }));
vi.mock('@/lib/security/drainers', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/security/drainers')>();
  return {
    ...original,
    getKnownDrainers: async () => {
      if (flipDuringCheck.armed) {
        flipDuringCheck.armed = false;
        const { getDb } = await import('@/lib/db');
        const { writeOpsMaintenanceFlag } = await import('@/lib/maintenance/server');
        await writeOpsMaintenanceFlag(await getDb(), { on: true, reason: 'flipped mid-submit', by: 'test', now: new Date() });
      }
      return original.getKnownDrainers();
    },
  };
});

const { getConfig } = await import('@/lib/config');
const { getDb } = await import('@/lib/db');
const schema = await import('@/lib/db/schema');
const { ApiError } = await import('@/lib/http/errors');
const { submitMigration, buildMigration } = await import('@/lib/migration/service');
const { listAudit } = await import('@/lib/ops/audit');
const incidentsOps = await import('@/lib/ops/incidents');
const { upsertExchange, upsertExchangeSchema } = await import('@/lib/ops/exchanges');
const { addDrainer, removeDrainer } = await import('@/lib/security/drainers');
const { assertWalletFlowOpen, readMaintenance, setMaintenance, writeOpsMaintenanceFlag } = await import('@/lib/maintenance/server');
const { listIncidents, activeIncidents, getIncident, isUpdateOverdue } = await import('@/lib/status/incidents');
const { listExchanges } = await import('@/lib/status/exchanges');
const tickets = await import('@/lib/support/tickets');
const { SECRET_REFUSAL_MESSAGE } = await import('@/lib/support/secret-guard');
const buildRoute = await import('@/app/api/v1/migrations/route');
const submitRoute = await import('@/app/api/v1/migrations/[id]/submit/route');
const { getKnownDrainers } = await import('@/lib/security/drainers');

const OPS = env.ops.publicKey.toBase58();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    if (error instanceof Error && error.name === 'ZodError') return 'ZOD';
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The database's own error (drizzle wraps it as `cause`). */

beforeAll(async () => {
  await getDb();
}, 60_000);

describe('audit log', () => {
  it('records every ops action with wallet, action, before and after', async () => {
    await setMaintenance(OPS, { on: true, reason: 'Audit test' });
    await setMaintenance(OPS, { on: false });
    const [off, on] = await listAudit({ limit: 2 });
    expect(on).toMatchObject({ wallet: OPS, action: 'maintenance.on', before: expect.objectContaining({ on: false }), after: expect.objectContaining({ on: true, reason: 'Audit test' }) });
    expect(off).toMatchObject({ wallet: OPS, action: 'maintenance.off', before: expect.objectContaining({ on: true }), after: expect.objectContaining({ on: false }) });
    expect(Date.parse(on?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const db = await getDb();
    const before = await db.select().from(schema.opsAuditLog);
    expect(before.length).toBeGreaterThan(0);
    expect(await dbError(db.execute(sql`update ops_audit_log set action = 'maintenance.off'`))).toMatch(/append-only: UPDATE/);
    expect(await dbError(db.execute(sql`delete from ops_audit_log`))).toMatch(/append-only: DELETE/);
    expect(await dbError(db.execute(sql`truncate ops_audit_log`))).toMatch(/append-only: TRUNCATE/);
    expect(await dbError(db.update(schema.opsAuditLog).set({ wallet: 'someone else' }))).toMatch(/append-only/);
    expect(await db.select().from(schema.opsAuditLog)).toEqual(before);
  });

  it('a failed action leaves neither a change nor an audit entry (they commit together)', async () => {
    const count = (await listAudit({ limit: 1_000 })).length;
    await expect(setMaintenance(OPS, { on: true, reason: 'x'.repeat(10) }, new Date('invalid'))).rejects.toThrow();
    expect((await readMaintenance()).on).toBe(false);
    expect((await listAudit({ limit: 1_000 })).length).toBe(count);
  });
});

describe('maintenance kill switch', () => {
  it('is read fresh by the wallet-flow guard: on refuses, off lets through', async () => {
    await expect(assertWalletFlowOpen()).resolves.toBeUndefined();
    await setMaintenance(OPS, { on: true, reason: 'Investigating' });
    expect(await codeOf(assertWalletFlowOpen())).toBe('MAINTENANCE');
    await setMaintenance(OPS, { on: false });
    await expect(assertWalletFlowOpen()).resolves.toBeUndefined();
  });

  it('keeps "since" while it stays on and the reason changes', async () => {
    const first = await setMaintenance(OPS, { on: true, reason: 'First' }, new Date('2026-11-23T10:00:00Z'));
    const second = await setMaintenance(OPS, { on: true, reason: 'Second' }, new Date('2026-11-23T10:05:00Z'));
    expect(second.flag.since).toBe(first.flag.since);
    expect((await readMaintenance()).reason).toBe('Second');
    await setMaintenance(OPS, { on: false });
  });

  it('fails closed when the flag cannot be read', async () => {
    const db = await getDb();
    await db.delete(schema.maintenanceFlag);
    try {
      expect(await readMaintenance()).toEqual({ on: true, source: 'unreadable', reason: null, reasonKo: null, since: null });
      expect(await codeOf(assertWalletFlowOpen())).toBe('MAINTENANCE');
    } finally {
      await db.insert(schema.maintenanceFlag).values({ id: 1, on: false });
    }
  });

  it('the deploy layer wins and the console cannot lift it', async () => {
    const config = getConfig();
    config.killSwitch = true;
    try {
      const answer = await setMaintenance(OPS, { on: false });
      expect(answer.effective).toMatchObject({ on: true, source: 'deploy' });
      expect(await codeOf(assertWalletFlowOpen())).toBe('MAINTENANCE');
    } finally {
      config.killSwitch = false;
    }
  });

  describe('build and submit check the flag themselves', () => {
    const holder = Keypair.generate();
    const amountIn = 1_000_000_000n;

    async function builtMigration() {
      await (await getDb())
        .insert(schema.snapshotEntries)
        .values({ wallet: holder.publicKey.toBase58(), allocation: 10n * amountIn })
        .onConflictDoNothing();
      return insertBuiltMigration(holder, amountIn);
    }

    async function stateOf(id: string) {
      const db = await getDb();
      const [row] = await db.select().from(schema.migrations).where(sql`${schema.migrations.id} = ${id}`);
      return row;
    }

    it('the build and submit routes answer 503 MAINTENANCE to any body while on, malformed ones included (the middleware may not have answered)', async () => {
      await setMaintenance(OPS, { on: true, reason: 'No builds' });
      try {
        const post = (path: string, body: string) => new Request(`http://localhost${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        for (const body of ['{}', 'not json', JSON.stringify({ wallet: holder.publicKey.toBase58(), amount: '1000' })]) {
          const built = await buildRoute.POST(post('/api/v1/migrations', body));
          expect([built.status, ((await built.json()) as { error: { code: string } }).error.code]).toEqual([503, 'MAINTENANCE']);
          const id = randomUUID();
          const submitted = await submitRoute.POST(post(`/api/v1/migrations/${id}/submit`, body), { params: Promise.resolve({ id }) });
          expect([submitted.status, ((await submitted.json()) as { error: { code: string } }).error.code]).toEqual([503, 'MAINTENANCE']);
        }
      } finally {
        await setMaintenance(OPS, { on: false });
      }
    });

    it('build answers MAINTENANCE while on', async () => {
      await setMaintenance(OPS, { on: true, reason: 'No builds' });
      try {
        expect(await codeOf(buildMigration({ wallet: holder.publicKey.toBase58(), amount: '1000' }))).toBe('MAINTENANCE');
      } finally {
        await setMaintenance(OPS, { on: false });
      }
    });

    it('submit answers MAINTENANCE while on, and the delegate never signs', async () => {
      const { id, signed } = await builtMigration();
      const cosign = vi.spyOn(Transaction.prototype, 'partialSign');
      await setMaintenance(OPS, { on: true, reason: 'No submits' });
      try {
        expect(await codeOf(submitMigration(id, signed))).toBe('MAINTENANCE');
        expect(cosign).not.toHaveBeenCalled();
        expect((await stateOf(id))?.state).toBe('built');
        expect((await stateOf(id))?.signedTransaction).toBeNull();
      } finally {
        cosign.mockRestore();
        await setMaintenance(OPS, { on: false });
      }
    });

    it('a submit in flight when the switch flips is refused before the co-signature', async () => {
      const { id, signed } = await builtMigration();
      const cosign = vi.spyOn(Transaction.prototype, 'partialSign');
      flipDuringCheck.armed = true;
      try {
        expect(await codeOf(submitMigration(id, signed))).toBe('MAINTENANCE');
        expect(flipDuringCheck.armed).toBe(false); // the flip really happened mid-submit
        expect(cosign).not.toHaveBeenCalled();
        const row = await stateOf(id);
        expect(row?.state).toBe('built');
        expect(row?.signature).toBeNull();
      } finally {
        cosign.mockRestore();
        await writeOpsMaintenanceFlag(await getDb(), { on: false, by: 'test', now: new Date() });
      }
    });
  });
});

describe('incidents', () => {
  const post = (over: Record<string, unknown> = {}) =>
    incidentsOps.postIncident(
      OPS,
      incidentsOps.postIncidentSchema.parse({ severity: 'warning', title: { en: 'Slow confirmations' }, body: { en: 'We are looking into it.' }, nextUpdateInMinutes: 30, ...over }),
    );

  it('posts, updates, sets the next update and resolves, with every step audited', async () => {
    const posted = await post({ title: { en: 'Slow <confirmations>', ko: '확인 지연' }, link: 'https://x.com/elizaos/status/1' });
    expect(posted).toMatchObject({ severity: 'warning', state: 'investigating', title: { en: 'Slow <confirmations>', ko: '확인 지연' }, link: 'https://x.com/elizaos/status/1' });
    await incidentsOps.updateIncident(OPS, posted.id, incidentsOps.updateIncidentSchema.parse({ state: 'identified', body: { en: 'An RPC provider is degraded.' }, severity: 'critical' }));
    await incidentsOps.setIncidentNextUpdate(OPS, posted.id, { nextUpdateInMinutes: 15 });
    const resolved = await incidentsOps.resolveIncident(OPS, posted.id, incidentsOps.resolveIncidentSchema.parse({ body: { en: 'Fixed.' } }));
    expect(resolved).toMatchObject({ state: 'resolved', severity: 'critical', nextUpdateBy: null });
    expect(resolved.updates.map((u) => u.state)).toEqual(['resolved', 'identified', 'investigating']);
    const actions = (await listAudit({ limit: 4 })).map((e) => e.action);
    expect(actions).toEqual(['incident.resolve', 'incident.next_update', 'incident.update', 'incident.post']);
    expect(await codeOf(incidentsOps.updateIncident(OPS, posted.id, incidentsOps.updateIncidentSchema.parse({ state: 'monitoring', body: { en: 'again' } })))).toBe('CONFLICT');
  });

  it.each([
    ['http', 'http://x.com/a'],
    ['javascript:', 'javascript:alert(1)'],
    ['a host off the list', 'https://evil.example/phish'],
    ['a look-alike host', 'https://x.com.evil.example/'],
  ])('refuses a link over %s', async (_name, link) => {
    expect(await codeOf(post({ link }))).toBe('BAD_REQUEST');
  });

  it('refuses text that is not plain text, and a next update in the past', async () => {
    expect(() => incidentsOps.postIncidentSchema.parse({ severity: 'info', title: { en: 'a\u0000b' }, body: { en: 'x' } })).toThrow();
    expect(() => incidentsOps.postIncidentSchema.parse({ severity: 'info', title: { en: 'two\nlines' }, body: { en: 'x' } })).toThrow();
    expect(() => incidentsOps.postIncidentSchema.parse({ severity: 'urgent', title: { en: 't' }, body: { en: 'x' } })).toThrow();
    expect(await codeOf(post({ nextUpdateInMinutes: undefined, nextUpdateBy: '2020-01-01T00:00:00Z' }))).toBe('BAD_REQUEST');
  });

  it('lists active incidents most severe first and knows when an update is overdue', async () => {
    const info = await post({ severity: 'info', title: { en: 'Info' } });
    const critical = await post({ severity: 'critical', title: { en: 'Critical' } });
    const active = await activeIncidents();
    expect(active.findIndex((i) => i.id === critical.id)).toBeLessThan(active.findIndex((i) => i.id === info.id));
    const incident = await getIncident(info.id);
    expect(incident && isUpdateOverdue(incident, new Date(Date.now() + 31 * 60_000))).toBe(true);
    expect(incident && isUpdateOverdue(incident, new Date())).toBe(false);
    expect((await listIncidents()).some((i) => i.id === info.id)).toBe(true);
    expect(await getIncident('not-a-uuid')).toBeNull();
  });
});

describe('exchanges and drainers', () => {
  it('adds an exchange only with its full description, then changes single fields', async () => {
    expect(await codeOf(upsertExchange(OPS, 'gate-io', upsertExchangeSchema.parse({ state: 'in_progress' })))).toBe('BAD_REQUEST');
    await upsertExchange(OPS, 'gate-io', upsertExchangeSchema.parse({ name: 'Gate.io', state: 'not_started', whoMigrates: 'exchange', holderAction: { en: 'Nothing to do.' } }));
    const changed = await upsertExchange(OPS, 'gate-io', upsertExchangeSchema.parse({ state: 'completed', nextCheckInMinutes: 60 }));
    expect(changed).toMatchObject({ slug: 'gate-io', name: 'Gate.io', state: 'completed', holderAction: { en: 'Nothing to do.', ko: null } });
    expect((await listExchanges()).map((e) => e.slug)).toContain('gate-io');
    expect(await codeOf(upsertExchange(OPS, 'Gate IO', {}))).toBe('ZOD');
  });

  it('adds and removes known drainers, which the policy reads', async () => {
    const address = Keypair.generate().publicKey.toBase58();
    await addDrainer(OPS, { address, label: 'Fake claim site' });
    expect((await getKnownDrainers()).has(address)).toBe(true);
    expect(await codeOf(addDrainer(OPS, { address, label: 'again' }))).toBe('CONFLICT');
    await removeDrainer(OPS, address);
    expect((await getKnownDrainers()).has(address)).toBe(false);
    expect(await codeOf(removeDrainer(OPS, address))).toBe('NOT_FOUND');
  });
});

describe('support desk', () => {
  const ticketBody = (over: Record<string, unknown> = {}) => ({ location: 'self_custody', description: 'My ELIZAOS did not arrive after an hour.', language: 'en', ...over });

  async function ticketCount() {
    const db = await getDb();
    return (await db.select().from(schema.supportTickets)).length;
  }

  it('stores a ticket with only the hash of its secret, and shows it only with the secret', async () => {
    const created = await tickets.createTicket(ticketBody({ contact: 'me@example.org' }));
    expect(created.lookupPath).toBe(`/support/tickets/${created.id}#key=${created.secret}`);
    const db = await getDb();
    const [row] = await db.select().from(schema.supportTickets).where(sql`${schema.supportTickets.id} = ${created.id}`);
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.secret);
    const view = await tickets.lookupTicket(created.id, created.secret);
    expect(view).toMatchObject({ id: created.id, status: 'open', contact: 'me@example.org', events: [{ status: 'open', note: null, byOps: false }] });
    // One character changed (the last one is 'A' in 1 of 64 secrets: then 'B').
    const wrong = `${created.secret.slice(0, -1)}${created.secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await codeOf(tickets.lookupTicket(created.id, wrong))).toBe('NOT_FOUND');
    expect(await codeOf(tickets.lookupTicket(created.id, null))).toBe('NOT_FOUND');
    expect(await codeOf(tickets.lookupTicket(randomUUID(), created.secret))).toBe('NOT_FOUND');
    expect(tickets.secretMatches(created.secret, row?.secretHash ?? '')).toBe(true);
    expect(tickets.secretMatches('', row?.secretHash ?? '')).toBe(false);
  });

  it.each([
    ['an English recovery phrase', () => ticketBody({ description: `Help! ${generateMnemonic(english)}` })],
    ['a Korean recovery phrase', () => ticketBody({ description: generateMnemonic(korean) })],
    ['a phrase in the contact field', () => ticketBody({ contact: generateMnemonic(english).split(' ').join(', ') })],
    ['a secret key in the wallet field', () => ticketBody({ wallet: JSON.stringify(Array.from(Keypair.generate().secretKey)) })],
    ['a phrase in an unknown field', () => ticketBody({ extra: generateMnemonic(english) })],
    ['a phrase as an object key', () => ticketBody({ [generateMnemonic(english)]: 'x' })],
    ['a phrase split between description and contact', () => {
      const words = generateMnemonic(english).split(' ');
      return ticketBody({ description: `The agent asked me for ${words.slice(0, 6).join(' ')}`, contact: words.slice(6).join(' ') });
    }],
  ])('refuses %s, stores nothing, and neither answers nor logs any of it', async (_name, body) => {
    const before = await ticketCount();
    const sent = body();
    const logged: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args)));
    let refusal: unknown;
    try {
      await tickets.createTicket(sent);
    } catch (error) {
      refusal = error;
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    if (!(refusal instanceof ApiError)) throw new Error('expected an ApiError');
    expect(refusal.code).toBe('SEED_PHRASE_REFUSED');
    expect(await ticketCount()).toBe(before);
    // No word of the secret (5 letters or more, to skip "the", "and"…) in the answer or any log line.
    // Every 12 characters of the secret text(s), and each of its English words of 5 letters or
    // more (but those the refusal itself uses), are absent from the answer.
    const secretTexts = Object.entries(sent).flat().filter((v): v is string => typeof v === 'string' && v.length >= 30 && v !== ticketBody().description);
    expect(secretTexts.length).toBeGreaterThan(0);
    const slices = secretTexts.flatMap((t) => Array.from({ length: Math.max(0, t.length - 11) }, (_, i) => t.slice(i, i + 12)));
    const refusalWords = new Set(SECRET_REFUSAL_MESSAGE.toLowerCase().match(/[a-z]+/g) ?? []);
    const words = secretTexts.flatMap((t) =>
      (t.match(/[a-z]{5,}/g) ?? []).filter((w) => english.includes(w) && !refusalWords.has(w)),
    );
    const answer = [refusal.message, ...Object.values(refusal.details).map(String)].join(' ');
    // Words are matched whole: "ready" is not leaked by the refusal's "already".
    const answerWords = new Set(answer.toLowerCase().match(/[a-z]+/g) ?? []);
    expect([...slices.filter((p) => answer.includes(p)), ...words.filter((w) => answerWords.has(w))]).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('cannot be resolved or closed without a resolution note; the holder sees every change', async () => {
    const created = await tickets.createTicket(ticketBody());
    expect(() => tickets.ticketStatusChangeSchema.parse({ status: 'resolved' })).toThrow(/resolution note/);
    expect(() => tickets.ticketStatusChangeSchema.parse({ status: 'closed', note: '   ' })).toThrow(/resolution note/);
    await tickets.changeTicketStatus(OPS, created.id, tickets.ticketStatusChangeSchema.parse({ status: 'in_progress', note: 'Looking at it.' }));
    expect(await codeOf(tickets.changeTicketStatus(OPS, created.id, tickets.ticketStatusChangeSchema.parse({ status: 'in_progress' })))).toBe('CONFLICT');
    await tickets.changeTicketStatus(OPS, created.id, tickets.ticketStatusChangeSchema.parse({ status: 'resolved', note: 'Confirmed on chain <b>today</b>.' }));
    const view = await tickets.lookupTicket(created.id, created.secret);
    expect(view.status).toBe('resolved');
    expect(view.resolution).toBe('Confirmed on chain <b>today</b>.');
    expect(view.events.map((e) => [e.status, e.note, e.byOps])).toEqual([
      ['open', null, false],
      ['in_progress', 'Looking at it.', true],
      ['resolved', 'Confirmed on chain <b>today</b>.', true],
    ]);
    const db = await getDb();
    // The database refuses a closed ticket without a resolution, whatever the code path.
    expect(await dbError(db.execute(sql`update support_tickets set status = 'closed', resolution = null where id = ${created.id}`))).toMatch(/support_tickets_closed_has_resolution/);
    expect((await listAudit({ limit: 2 })).map((e) => e.action)).toEqual(['ticket.status', 'ticket.status']);
  });

  it('flags tickets that mention a known drainer', async () => {
    const drainer = Keypair.generate().publicKey.toBase58();
    await addDrainer(OPS, { address: drainer, label: 'Fake support' });
    const created = await tickets.createTicket(ticketBody({ description: `A "support agent" told me to send tokens to ${drainer} to unlock them.` }));
    expect(created.drainerMentions).toEqual([drainer]);
    const queue = await tickets.listTicketsForOps({ status: 'active', limit: 100 });
    expect(queue.find((t) => t.id === created.id)?.drainerMentions).toEqual([drainer]);
  });
});
