/**
 * The maintenance kill switch (DESIGN.md "Maintenance kill switch"), its edge-safe half: which
 * requests belong to the wallet flow, how the middleware reads the runtime flag, and the MAINTENANCE
 * error every layer answers with. The other half, lib/maintenance/server.ts, holds the flag in the
 * database, the handlers' own checks and the ops actions.
 *
 * Edge-safe (no Node APIs, no database): the middleware cannot read files or
 * share memory with the route handlers, so it fetches the flag from an internal route handler and
 * keeps it for at most {@link FLAG_TTL_MS}. Anything other than a well-formed answer within
 * {@link FLAG_TIMEOUT_MS} ({@link FLAG_COLD_TIMEOUT_MS} before the first answer) reads as "on,
 * unreadable": the wallet flow fails closed; except that a read that merely times out (or hits a
 * network error) while a well-formed answer is at most {@link FLAG_STALE_IF_TIMEOUT_MS} old reuses
 * that answer (see there).
 */
import { ApiError } from '@/lib/http/api-error';
import { localeOfPath } from '@/lib/i18n/routing';

/** How long one read of the flag is reused. ≤ 500 ms so a flip reaches every request within 1 s. */
export const FLAG_TTL_MS = 250;
/** How long the middleware waits for the flag before treating it as unreadable. */
export const FLAG_TIMEOUT_MS = 300;
/**
 * The same deadline until the first successful read of this middleware instance: the server is
 * still loading the flag route and warming up then (measured here: ~200 ms for the first answer on
 * an idle machine, seconds on a loaded one), which says nothing about the flag.
 */
export const FLAG_COLD_TIMEOUT_MS = 2_000;
/**
 * How old the last well-formed answer may be to stand in for a read that timed out. Under a burst
 * (hundreds of builds and submits in flight), the loopback flag read queues behind them and can
 * miss its 300 ms deadline although nothing is wrong; failing closed then would shut the portal
 * in exactly the crowd it is for. Reusing an answer of at most 3 s keeps it open; what it costs is
 * bounded: the build and submit handlers read the flag from the database themselves (the submit
 * under a lock right before co-signing), so only the `/migrate` page may lag a flip by ≤ 3 s more,
 * and only while the server is that overloaded. An error status or a malformed answer never
 * reuses anything, and past 3 s without a good answer the flow is closed.
 */
export const FLAG_STALE_IF_TIMEOUT_MS = 3_000;
/** `Retry-After` of the maintenance answers, seconds. */
export const MAINTENANCE_RETRY_AFTER_S = 300;
/** Request header the middleware sets on the rewritten maintenance page: which layer stopped the flow. */
export const MAINTENANCE_SOURCE_HEADER = 'x-maintenance-source';
/** Where holders read updates while the flow is stopped. */
export const STATUS_PATH = '/status';

/** Which layer stopped the flow: deploy = `MIGRATION_KILL_SWITCH=on`, ops = the runtime flag, unreadable = fail closed. */
export type MaintenanceSource = 'deploy' | 'ops' | 'unreadable';
/**
 * The kill switch as JSON: the internal flag route's answer, the public status API's `maintenance`,
 * and what the edge works with (lib/maintenance/server.ts `maintenanceToJson`).
 */
/** `reason` is the ops-written reason (English); `reasonKo` its Korean text, when ops wrote one (absent in older answers). */
export type MaintenanceJson = { on: boolean; source: MaintenanceSource | null; reason: string | null; reasonKo?: string | null; since: string | null };

export const UNREADABLE: MaintenanceJson = Object.freeze({ on: true, source: 'unreadable', reason: null, since: null });
/**
 * The same "on, unreadable", for a read that only missed its deadline (an overloaded server, not a
 * broken flag). The wallet-flow pages fail closed on it like on {@link UNREADABLE}; the migration
 * API does not stop there but defers to its handlers, which read the flag from the database
 * themselves and fail closed on their own (lib/maintenance/server.ts): refusing at the edge would
 * add no safety and would close the portal in the very crowd that overloads it.
 */
export const UNANSWERED: MaintenanceJson = Object.freeze({ on: true, source: 'unreadable', reason: null, since: null });

/** True for {@link UNANSWERED}: the read timed out with no recent answer to stand in. */
export const isUnanswered = (state: MaintenanceJson): boolean => state === UNANSWERED;
const DEPLOY: MaintenanceJson = Object.freeze({ on: true, source: 'deploy', reason: null, since: null });

// `/migrate`, `/migrate/…` and the same under one locale segment (`/ko/migrate`, `/en-US/migrate`):
// matched by suffix so the gate keeps working when pages move under app/[locale]/.
const WALLET_FLOW_PAGE = /^(?:\/[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)?\/migrate(?:\/.*)?$/;
const MIGRATIONS_API = /^\/api\/v1\/migrations(?:\/.*)?$/;
// GET of one migration stays up: receipts read it, and reading changes nothing.
const MIGRATION_READ = /^\/api\/v1\/migrations\/[^/]+\/?$/;

/**
 * The path a page request is routed to when it differs from its spelling, or null when it cannot
 * be decoded (Next answers 400). This is what next-intl's middleware does before it rewrites to
 * the locale's page: `decodeURI` (so `/%6Digrate` is `/migrate`), backslashes kept encoded and
 * repeated slashes merged, then a new URL from the result, whose parser removes tabs and newlines
 * anywhere and drops C0 controls and spaces at the end (`/migrate%09`, `/mi%0Agrate`, `/migrate%20`
 * are all `/migrate`). https://url.spec.whatwg.org/#concept-basic-url-parser
 */
export function routedPathname(pathname: string): string | null {
  try {
    const decoded = decodeURI(pathname).replace(/\\/g, '%5C').replace(/\/+/g, '/');
    return new URL(decoded, 'http://routed.invalid').pathname;
  } catch {
    return null;
  }
}

/**
 * Which part of the wallet flow a request is: `page` (the `/migrate` pages), `api` (building and
 * submitting migrations), or null (everything else stays up in maintenance: status, home, FAQ,
 * guides, support, receipts and `GET /api/v1/migrations/{id}`).
 *
 * The gate matches every path the request may be served as, not only its spelling: the path as
 * sent, as decoded and normalised by {@link routedPathname}, and `rewrittenTo`, the path the locale
 * middleware rewrote it to (when it did). A path counts as the wallet flow if any of them is; a
 * spelling Next does not serve then answers the maintenance page instead of a 404, which costs
 * nothing.
 */
export function walletFlowKind(pathname: string, method: string, rewrittenTo?: string | null): 'page' | 'api' | null {
  const spellings = [pathname, routedPathname(pathname), rewrittenTo].filter((p): p is string => typeof p === 'string');
  if (spellings.some((p) => MIGRATIONS_API.test(p))) {
    const reading = method === 'GET' || method === 'HEAD';
    return reading && spellings.every((p) => !MIGRATIONS_API.test(p) || MIGRATION_READ.test(p)) ? null : 'api';
  }
  return spellings.some((p) => WALLET_FLOW_PAGE.test(p)) ? 'page' : null;
}

/**
 * Where the maintenance page is rendered for a wallet-flow path: the locale's page under
 * app/[locale]/maintenance (`/ko/migrate` → `/ko/maintenance`, `/migrate` → `/en/maintenance`: the
 * internal path of the default locale, which next-intl serves unprefixed). A locale segment the
 * portal does not have falls back to the default locale, so the target always exists (a rewrite to
 * a page that does not exist would answer 404, not 503).
 */
export function maintenancePagePath(pathname: string): string {
  return `/${localeOfPath(pathname)}/maintenance`;
}

/**
 * Validates the internal route's JSON. Anything unexpected is `null` (the caller fails closed).
 * Ops-written text is passed on only as a string of bounded length.
 */
export function parseFlagAnswer(body: unknown): MaintenanceJson | null {
  if (typeof body !== 'object' || body === null) return null;
  const { on, source, reason, reasonKo, since } = body as Record<string, unknown>;
  if (typeof on !== 'boolean') return null;
  if (source !== null && source !== 'deploy' && source !== 'ops' && source !== 'unreadable') return null;
  if (reason !== null && (typeof reason !== 'string' || reason.length > 2_000)) return null;
  if (reasonKo !== undefined && reasonKo !== null && (typeof reasonKo !== 'string' || reasonKo.length > 2_000)) return null;
  if (since !== null && (typeof since !== 'string' || Number.isNaN(Date.parse(since)))) return null;
  if (on !== (source !== null)) return null;
  return { on, source, reason, reasonKo: typeof reasonKo === 'string' ? reasonKo : null, since };
}

export type FlagReaderOptions = {
  /** The internal route's absolute URL (lib/config/edge.ts `maintenanceFlagUrl`). */
  url: string;
  /** `MIGRATION_KILL_SWITCH=on`: answers "on" without a fetch. */
  deployOn: boolean;
  ttlMs?: number;
  timeoutMs?: number;
  /** Deadline until the first successful read (see {@link FLAG_COLD_TIMEOUT_MS}). */
  coldTimeoutMs?: number;
  /** How old a good answer may stand in for a timed-out read (see {@link FLAG_STALE_IF_TIMEOUT_MS}); 0 = never. */
  staleIfTimeoutMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Told why a read failed (the wallet flow is closed meanwhile); the middleware logs it. */
  onUnreadable?: (why: string) => void;
};

export type FlagReader = { read: () => Promise<MaintenanceJson> };

/**
 * A cached reader of the runtime flag: one fetch per TTL however many requests arrive (concurrent
 * requests share the fetch in flight). Failures are cached for the same TTL, so a dead flag route
 * is not hammered, and the next read after it retries.
 */
export function createFlagReader(options: FlagReaderOptions): FlagReader {
  const ttl = options.ttlMs ?? FLAG_TTL_MS;
  const warmTimeout = options.timeoutMs ?? FLAG_TIMEOUT_MS;
  const coldTimeout = Math.max(warmTimeout, options.coldTimeoutMs ?? FLAG_COLD_TIMEOUT_MS);
  let warm = false;
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const staleMs = options.staleIfTimeoutMs ?? FLAG_STALE_IF_TIMEOUT_MS;
  let cached: { value: MaintenanceJson; until: number } | null = null;
  let lastGood: { value: MaintenanceJson; at: number } | null = null;
  let inFlight: Promise<MaintenanceJson> | null = null;

  const attempt = async (): Promise<MaintenanceJson | string> => {
    const timeout = warm ? warmTimeout : coldTimeout;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      const response = await fetchImpl(options.url, { cache: 'no-store', signal: controller.signal, headers: { accept: 'application/json' } });
      if (response.status !== 200) return `HTTP ${response.status}`;
      return parseFlagAnswer(await response.json()) ?? 'a malformed answer';
    } catch (error) {
      if (controller.signal.aborted) return `no answer within ${timeout} ms`;
      return `network error: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      clearTimeout(timer);
    }
  };

  const fetchOnce = async (): Promise<MaintenanceJson> => {
    let outcome = await attempt();
    // A kept-alive connection the server has just closed fails at once: one retry, with its own
    // deadline. A timeout, an error status or a bad answer is not retried.
    if (typeof outcome === 'string' && outcome.startsWith('network error')) outcome = await attempt();
    if (typeof outcome !== 'string') {
      warm = true;
      lastGood = { value: outcome, at: now() };
      return outcome;
    }
    const transient = outcome.startsWith('no answer') || outcome.startsWith('network error');
    if (transient && lastGood && now() - lastGood.at <= staleMs) return lastGood.value;
    options.onUnreadable?.(outcome);
    return outcome.startsWith('no answer') ? UNANSWERED : UNREADABLE;
  };

  return {
    read: async () => {
      if (options.deployOn) return DEPLOY;
      if (cached && now() < cached.until) return cached.value;
      inFlight ??= fetchOnce().then((value) => {
        cached = { value, until: now() + ttl };
        inFlight = null;
        return value;
      });
      return inFlight;
    },
  };
}

/**
 * The 503 MAINTENANCE error of every layer (edge, handlers, the check under lock before co-signing),
 * with `Retry-After` {@link MAINTENANCE_RETRY_AFTER_S}; `checkedBy` says which one refused.
 * `details`: `{source, reason, since (ISO 8601 or null), checkedBy, status}`.
 */
export function maintenanceError(state: MaintenanceJson, checkedBy: 'server' | 'edge' = 'server'): ApiError {
  return new ApiError(
    'MAINTENANCE',
    state.source === 'unreadable'
      ? 'The migration is paused: the portal cannot confirm it is safe to continue right now. Nothing was signed or sent; check the status page for updates.'
      : 'The migration is paused for maintenance. Nothing was signed or sent; check the status page for updates.',
    { source: state.source, reason: state.reason, reasonKo: state.reasonKo ?? null, since: state.since, checkedBy, status: STATUS_PATH },
    MAINTENANCE_RETRY_AFTER_S,
  );
}
