/**
 * A holder's whole migration over HTTP, as a load test or benchmark drives it: build on one app
 * instance, sign with the holder's key (as the wallet would), submit on another, wait for the
 * chain. Used by e2e/scale-two-instances.spec.ts and `npm run bench`.
 */
import { Keypair, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { buildResponseSchema, errorResponseSchema, migrationResponseSchema, submitResponseSchema } from '@/lib/api/types';

export type Holder = { publicKey: string; secretKey: string };

/** How one migration ended: the API's error code (at build or submit), or the migration's state. */
export type MigrationOutcome =
  | { ok: true; id: string; state: 'submitted' | 'confirmed'; buildMs: number; submitMs: number }
  | { ok: false; step: 'build' | 'submit'; status: number; code: string; retryAfter: string | null; id?: string; ms: number };

/**
 * POST as JSON for client address `ip`, named in `X-Forwarded-For` as a reverse proxy would: the
 * app counts it as the client only when this load client's address is in `TRUSTED_PROXIES`.
 */
export async function postJson(url: string, body: unknown, ip: string): Promise<{ status: number; json: unknown; retryAfter: string | null }> {
  const response = await fetchRetryingReset(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as unknown, retryAfter: response.headers.get('retry-after') };
}

/**
 * `fetch`, sent once more when the connection is reset before any answer: under load a kept-alive
 * connection the server is closing at that moment gets reused (ECONNRESET), as any HTTP client
 * meets it. Safe for what this client sends: GETs, builds (a built migration reserves nothing) and
 * submits (idempotent per migration).
 */
async function fetchRetryingReset(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET' && code !== 'EPIPE') throw error;
    return fetch(url, init);
  }
}

function errorCode(json: unknown): string {
  const parsed = errorResponseSchema.safeParse(json);
  return parsed.success ? parsed.data.error.code : `unexpected answer ${JSON.stringify(json).slice(0, 200)}`;
}

/** Builds on `buildUrl`'s instance, signs as `holder`, submits on `submitUrl`'s instance. */
export async function buildSignSubmit(options: { buildUrl: string; submitUrl: string; holder: Holder; amount: bigint; ip: string }): Promise<MigrationOutcome> {
  const t0 = performance.now();
  const built = await postJson(`${options.buildUrl}/api/v1/migrations`, { wallet: options.holder.publicKey, amount: options.amount.toString() }, options.ip);
  const buildMs = performance.now() - t0;
  if (built.status !== 201) return { ok: false, step: 'build', status: built.status, code: errorCode(built.json), retryAfter: built.retryAfter, ms: buildMs };
  const { id, transaction } = buildResponseSchema.parse(built.json);
  const tx = Transaction.from(Buffer.from(transaction, 'base64'));
  tx.partialSign(Keypair.fromSecretKey(bs58.decode(options.holder.secretKey)));
  const signed = tx.serialize({ requireAllSignatures: false }).toString('base64');
  const t1 = performance.now();
  const answer = await postJson(`${options.submitUrl}/api/v1/migrations/${id}/submit`, { transaction: signed }, options.ip);
  const submitMs = performance.now() - t1;
  if (answer.status !== 202) return { ok: false, step: 'submit', status: answer.status, code: errorCode(answer.json), retryAfter: answer.retryAfter, id, ms: submitMs };
  const { state } = submitResponseSchema.parse(answer.json);
  if (state !== 'submitted' && state !== 'confirmed') return { ok: false, step: 'submit', status: answer.status, code: `state ${state}`, retryAfter: null, id, ms: submitMs };
  return { ok: true, id, state, buildMs, submitMs };
}

/**
 * Polls `GET /api/v1/migrations/{id}` until the migration leaves `submitted`.
 * @returns the final state (`confirmed`, `failed`, `expired`) or `timeout`.
 */
export async function waitSettled(appUrl: string, id: string, timeoutMs = 120_000, everyMs = 100): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const view = migrationResponseSchema.parse(await (await fetchRetryingReset(`${appUrl}/api/v1/migrations/${id}`)).json());
    if (view.state !== 'submitted') return view.state;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return 'timeout';
}

/** Runs `task` over `items` with at most `limit` in flight; results in item order. */
export async function inPool<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await task(items[index] as T, index);
      }
    }),
  );
  return results;
}

/**
 * What a holder's browser does when the portal asks it to start again: a migration that expired
 * before the server got to it (its 60 s are over; nothing was sent) is built afresh, and a build
 * answered 503 RPC_UNAVAILABLE (the server's RPC did not answer; nothing was built) is retried
 * after its Retry-After; at most `attempts` tries in all. Neither can migrate twice: an expired
 * migration can never land, and a refused build reserved nothing.
 */
export async function migrateRestartingExpired(options: Parameters<typeof buildSignSubmit>[0], attempts = 4): Promise<{ outcome: MigrationOutcome; restarts: number; rpcRetries: number }> {
  let outcome = await buildSignSubmit(options);
  let restarts = 0;
  let rpcRetries = 0;
  for (let tries = 1; tries < attempts && !outcome.ok; tries += 1) {
    if (outcome.code === 'MIGRATION_EXPIRED') restarts += 1;
    else if (outcome.step === 'build' && outcome.code === 'RPC_UNAVAILABLE') {
      rpcRetries += 1;
      await new Promise((r) => setTimeout(r, Math.min(10, Number(outcome.ok ? 0 : outcome.retryAfter ?? 1)) * 1000));
    } else break;
    outcome = await buildSignSubmit(options);
  }
  return { outcome, restarts, rpcRetries };
}
