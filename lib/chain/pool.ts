/**
 * The server's RPC endpoints as one pool (DESIGN.md "RPC failover"): `SOLANA_RPC_URL` first, then
 * each of `SOLANA_RPC_FALLBACK_URLS` in order. Pure of the app (no config, no metrics): lib/chain
 * wires it under `getConnection()` and the browser's relay, and unit tests drive it with a fake fetch.
 *
 * - **Failover.** A JSON-RPC request goes to the first endpoint whose circuit is closed; a timeout
 *   (`timeoutMs`, per attempt), a network error, an HTTP error status (5xx, 401/403 of a provider
 *   key, …), HTTP 429 or a JSON-RPC "node unhealthy" answer (-32005) moves it on to the next.
 *   An answer with any other JSON-RPC error (a refused preflight, an invalid param) is an answer:
 *   it is returned as is, never retried elsewhere.
 * - **Circuit breaker, per endpoint.** `failureThreshold` consecutive failures open its circuit for
 *   a cooldown that doubles from `baseCooldownMs` to `maxCooldownMs`; a 429 opens it at once, for
 *   its `Retry-After` (or the cooldown) — the backoff. After the cooldown one request tries it
 *   again (half-open); success closes it. When every circuit is open, one last-resort attempt goes
 *   to the endpoint that reopens first: the breaker only ever skips endpoints while another one is
 *   healthy, so a single-endpoint deployment behaves as without it.
 * - **Sends** (`sendTransaction`) go to every endpoint not known down, at once (a transaction is
 *   idempotent by its signature: the cluster processes a message once). The answer is the first
 *   success in endpoint order, else the first JSON-RPC error (a refused preflight, already
 *   processed), else the request fails.
 * - **Pinned reads** ({@link RpcPool.pinned}): every read inside goes to one endpoint, with no
 *   failover (a failure throws). The reconciler pins each settlement pass, so the block heights,
 *   the signature statuses and the history that together release a migration all come from one
 *   node's view of the chain, never a mix (DESIGN.md "The state machine of a migration").
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** How one attempt at one endpoint ended (a metric label: bounded). */
export type RpcOutcome = 'ok' | 'rpc_error' | 'unhealthy' | 'timeout' | 'network' | 'http_429' | 'http_5xx' | 'http_error';

export type RpcEndpoint = {
  /** `primary`, `fallback-1`, `fallback-2`, …: the metric label and the name in /api/v1/health. */
  label: string;
  /** Host (and port) only: a provider key in the path or query never reaches a log, a label or the health answer. */
  host: string;
  url: string;
};

/** One endpoint's health as the pool sees it from its own traffic. */
export type EndpointHealth = {
  label: string;
  host: string;
  /** `up`: closed; `down`: open (skipped until `retryAt`); `trying`: half-open, one request is testing it. */
  state: 'up' | 'down' | 'trying';
  consecutiveFailures: number;
  lastOutcome: RpcOutcome | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** When an open circuit lets a request try again (ms since the epoch). */
  retryAt: number | null;
};

/** One attempt, for metrics and logs: `seconds` from send to answer (or failure). */
export type RpcCallEvent = { endpoint: string; method: string; outcome: RpcOutcome; seconds: number };

export type RpcPoolOptions = {
  /** Primary first, then the fallbacks in order (http or https). */
  urls: string[];
  /** Deadline of one attempt at one endpoint, ms. */
  timeoutMs: number;
  /** Consecutive failures that open a circuit. Default 3. */
  failureThreshold?: number;
  /** First cooldown of an open circuit, ms; doubles per reopening up to `maxCooldownMs`. Defaults 2,000 and 60,000. */
  baseCooldownMs?: number;
  maxCooldownMs?: number;
  /** Test seams. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Called after every attempt (metrics). Must not throw. */
  onCall?: (event: RpcCallEvent) => void;
  /** Called when an endpoint's circuit opens or closes again (logs). Must not throw. */
  onStateChange?: (endpoint: RpcEndpoint, state: 'up' | 'down', detail: { outcome: RpcOutcome | null; retryInMs: number | null }) => void;
};

/** Every endpoint failed (or the pinned one did): nothing answered this request. */
export class RpcUnavailableError extends Error {
  constructor(readonly attempts: { endpoint: string; outcome: RpcOutcome; detail: string }[]) {
    super(`no RPC endpoint answered: ${attempts.map((a) => `${a.endpoint} ${a.outcome}${a.detail ? ` (${a.detail})` : ''}`).join('; ') || 'none was tried'}`);
    this.name = 'RpcUnavailableError';
  }
}

export type RpcPool = {
  readonly endpoints: readonly RpcEndpoint[];
  /**
   * Sends one JSON-RPC request body (a call or a batch) and resolves with the answering endpoint's
   * HTTP response (status 2xx; body as the endpoint sent it). `sendTransaction` is broadcast.
   * @throws RpcUnavailableError when no endpoint answered.
   */
  post(body: string): Promise<Response>;
  /** A `fetch` for web3.js's `Connection` (`fetch` option): the URL is ignored, the body goes to {@link post}. */
  fetch: typeof fetch;
  /**
   * Runs `work` with every read it makes going to one endpoint (the first healthy one now), with
   * no failover; nested calls share the outer pin. Sends still go to every endpoint.
   */
  pinned<T>(work: () => Promise<T>): Promise<T>;
  health(): EndpointHealth[];
};

type Circuit = {
  endpoint: RpcEndpoint;
  failures: number;
  openUntil: number;
  cooldownMs: number;
  trial: boolean;
  lastOutcome: RpcOutcome | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
};

type Attempt = { circuit: Circuit; response: Response; text: string; outcome: 'ok' | 'rpc_error' } | { circuit: Circuit; failure: RpcOutcome; detail: string; retryAfterMs: number | null };

/** JSON-RPC "node is unhealthy / behind" (Agave `NodeUnhealthy`): the node answers but should not be trusted now. */
const NODE_UNHEALTHY = -32005;

function describe(url: string, index: number): RpcEndpoint {
  const parsed = new URL(url);
  return { label: index === 0 ? 'primary' : `fallback-${index}`, host: parsed.host, url };
}

/** The JSON-RPC methods a body names (`batch` for a batch, `?` when unreadable): a bounded metric label. */
export function methodOf(body: string): { method: string; sends: boolean } {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed)) return { method: 'batch', sends: parsed.some((c) => (c as { method?: unknown })?.method === 'sendTransaction') };
    const method = (parsed as { method?: unknown })?.method;
    return { method: typeof method === 'string' ? method.slice(0, 64) : '?', sends: method === 'sendTransaction' };
  } catch {
    return { method: '?', sends: false };
  }
}

/** Whether a JSON-RPC answer (a call or a batch) carries `error`, and whether that error is the node's own ill health. */
function rpcErrorOf(text: string): { error: boolean; unhealthy: boolean } {
  try {
    const parsed = JSON.parse(text) as unknown;
    const answers = (Array.isArray(parsed) ? parsed : [parsed]) as { error?: { code?: unknown } }[];
    const errors = answers.filter((a) => a && typeof a === 'object' && a.error);
    return { error: errors.length > 0, unhealthy: errors.some((a) => a.error?.code === NODE_UNHEALTHY) };
  } catch {
    return { error: false, unhealthy: false };
  }
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, date - Date.now()), 300_000);
}

/**
 * Creates the pool over `options.urls` (at least one).
 * @throws Error when no URL is given or one is not an http(s) URL.
 */
export function createRpcPool(options: RpcPoolOptions): RpcPool {
  if (options.urls.length === 0) throw new Error('an RPC pool needs at least one endpoint');
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const threshold = options.failureThreshold ?? 3;
  const baseCooldown = options.baseCooldownMs ?? 2_000;
  const maxCooldown = options.maxCooldownMs ?? 60_000;
  const circuits: Circuit[] = options.urls.map((url, index) => ({
    endpoint: describe(url, index),
    failures: 0,
    openUntil: 0,
    cooldownMs: baseCooldown,
    trial: false,
    lastOutcome: null,
    lastSuccessAt: null,
    lastFailureAt: null,
  }));
  const pin = new AsyncLocalStorage<Circuit>();

  const isOpen = (c: Circuit, at: number) => c.openUntil > at;
  /** Endpoints to try now, in order: closed circuits, and half-open ones nobody is testing; else the one reopening first. */
  const selectable = (): Circuit[] => {
    const at = now();
    const ready = circuits.filter((c) => !isOpen(c, at) && !(c.failures >= threshold && c.trial));
    if (ready.length > 0) return ready;
    const first = [...circuits].sort((a, b) => a.openUntil - b.openUntil)[0];
    return first ? [first] : [];
  };

  const succeed = (c: Circuit, outcome: 'ok' | 'rpc_error') => {
    const wasDown = c.failures >= threshold || c.openUntil > 0;
    c.failures = 0;
    c.openUntil = 0;
    c.cooldownMs = baseCooldown;
    c.trial = false;
    c.lastOutcome = outcome;
    c.lastSuccessAt = now();
    if (wasDown) options.onStateChange?.(c.endpoint, 'up', { outcome, retryInMs: null });
  };
  const fail = (c: Circuit, outcome: RpcOutcome, retryAfter: number | null) => {
    c.failures += 1;
    c.trial = false;
    c.lastOutcome = outcome;
    c.lastFailureAt = now();
    if (outcome === 'http_429' || c.failures >= threshold) {
      const wait = Math.max(retryAfter ?? 0, c.cooldownMs);
      const wasOpen = isOpen(c, now());
      c.openUntil = now() + wait;
      c.cooldownMs = Math.min(c.cooldownMs * 2, maxCooldown);
      if (!wasOpen) options.onStateChange?.(c.endpoint, 'down', { outcome, retryInMs: wait });
    }
  };

  async function attempt(c: Circuit, body: string, method: string): Promise<Attempt> {
    const at = now();
    if (c.failures >= threshold && !isOpen(c, at)) c.trial = true;
    const started = performance.now();
    const report = (outcome: RpcOutcome) => options.onCall?.({ endpoint: c.endpoint.label, method, outcome, seconds: (performance.now() - started) / 1000 });
    let response: Response;
    try {
      response = await doFetch(c.endpoint.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      const name = (error as { name?: string })?.name;
      const outcome: RpcOutcome = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
      report(outcome);
      fail(c, outcome, null);
      return { circuit: c, failure: outcome, detail: outcome === 'timeout' ? `no answer within ${options.timeoutMs} ms` : String((error as Error)?.message ?? error).slice(0, 200), retryAfterMs: null };
    }
    if (!response.ok) {
      const outcome: RpcOutcome = response.status === 429 ? 'http_429' : response.status >= 500 ? 'http_5xx' : 'http_error';
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      await response.body?.cancel().catch(() => undefined);
      report(outcome);
      fail(c, outcome, retryAfter);
      return { circuit: c, failure: outcome, detail: `HTTP ${response.status}`, retryAfterMs: retryAfter };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string })?.name;
      const outcome: RpcOutcome = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
      report(outcome);
      fail(c, outcome, null);
      return { circuit: c, failure: outcome, detail: 'the answer was cut off', retryAfterMs: null };
    }
    const rpcError = rpcErrorOf(text);
    if (rpcError.unhealthy) {
      report('unhealthy');
      fail(c, 'unhealthy', null);
      return { circuit: c, failure: 'unhealthy', detail: 'the node reports itself unhealthy (-32005)', retryAfterMs: null };
    }
    const outcome = rpcError.error ? 'rpc_error' : 'ok';
    report(outcome);
    succeed(c, outcome);
    const headers = new Headers({ 'content-type': response.headers.get('content-type') ?? 'application/json' });
    return { circuit: c, response: new Response(text, { status: response.status, headers }), text, outcome };
  }

  const answered = (a: Attempt): a is Extract<Attempt, { response: Response }> => 'response' in a;
  const failures = (attempts: Attempt[]) =>
    attempts.filter((a): a is Extract<Attempt, { failure: RpcOutcome }> => !answered(a)).map((a) => ({ endpoint: a.circuit.endpoint.label, outcome: a.failure, detail: a.detail }));

  async function post(body: string): Promise<Response> {
    const { method, sends } = methodOf(body);
    if (sends) {
      // Every endpoint not known down, at once; idempotent by signature.
      const attempts = await Promise.all(selectable().map((c) => attempt(c, body, method)));
      const ok = attempts.find((a) => answered(a) && a.outcome === 'ok');
      const refused = attempts.find((a) => answered(a));
      const chosen = ok ?? refused;
      if (chosen && answered(chosen)) return chosen.response;
      throw new RpcUnavailableError(failures(attempts));
    }
    const pinned = pin.getStore();
    if (pinned) {
      const result = await attempt(pinned, body, method);
      if (answered(result)) return result.response;
      throw new RpcUnavailableError(failures([result]));
    }
    const attempts: Attempt[] = [];
    for (const c of selectable()) {
      const result = await attempt(c, body, method);
      if (answered(result)) return result.response;
      attempts.push(result);
    }
    throw new RpcUnavailableError(failures(attempts));
  }

  return {
    endpoints: circuits.map((c) => c.endpoint),
    post,
    fetch: (async (_input: unknown, init?: RequestInit) => post(typeof init?.body === 'string' ? init.body : String(init?.body ?? ''))) as typeof fetch,
    async pinned(work) {
      if (pin.getStore()) return work();
      const chosen = selectable()[0];
      if (!chosen) throw new RpcUnavailableError([]);
      return pin.run(chosen, work);
    },
    health() {
      const at = now();
      return circuits.map((c) => ({
        label: c.endpoint.label,
        host: c.endpoint.host,
        state: isOpen(c, at) ? 'down' : c.failures >= threshold ? 'trying' : 'up',
        consecutiveFailures: c.failures,
        lastOutcome: c.lastOutcome,
        lastSuccessAt: c.lastSuccessAt,
        lastFailureAt: c.lastFailureAt,
        retryAt: isOpen(c, at) ? c.openUntil : null,
      }));
    },
  };
}
