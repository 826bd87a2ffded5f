/**
 * The server's one logger (pino): one JSON line per event on stdout, with `time` (ISO 8601),
 * `level` (a name), `pid`, `hostname`, `msg`, an `event` name, and the `requestId` of the request
 * being handled (set by server.ts and the middleware, returned as the `x-request-id` response
 * header; README "Logs"). Level: `LOG_LEVEL` (default `info`; `silent` writes nothing).
 *
 * No secrets and no ticket bodies: callers log identifiers (migration id, wallet, signature,
 * ticket id), never a key, a session, a transaction's bytes or what a holder wrote; the redaction
 * list below is the backstop for fields that must never appear whatever a caller passes.
 *
 * No `server-only`: server.ts (outside Next) and the scripts log through it too. Next's bundles and
 * server.ts share one instance (on `globalThis`), and pino is a server external package
 * (next.config.ts), so the request context set by server.ts is the one route handlers see.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import { parseLogLevel } from '@/lib/config/env';

export { acceptableRequestId, REQUEST_ID_HEADER } from '@/lib/observability/request-id';

/** What every line logged while handling one request carries. */
export type RequestContext = { requestId: string };

/** Fields never written, wherever they appear (one or two levels deep). */
export const REDACTED_PATHS = [
  'secretKey',
  '*.secretKey',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'token',
  '*.token',
  'signedTransaction',
  '*.signedTransaction',
  'transaction',
  '*.transaction',
  'body',
  '*.body',
  'description',
  '*.description',
];

const KEY = Symbol.for('elizaos-migration.log');
const TOOL = Symbol.for('elizaos-migration.log-tool');
type Holder = { [KEY]?: { root: Logger; context: AsyncLocalStorage<RequestContext> }; [TOOL]?: boolean };

/**
 * For command-line tools (doctor, ops): log lines go to stderr, so stdout stays the tool's
 * answer (`--json` parses), at `LOG_LEVEL` when set, else `warn` (a tool prints its own lines; the
 * library's info events are the server's). Call before anything logs; later calls change nothing.
 */
export function logForCommandLine(): void {
  const holder = globalThis as Holder;
  if (!holder[KEY]) holder[TOOL] = true;
}

function state(): { root: Logger; context: AsyncLocalStorage<RequestContext> } {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const tool = holder[TOOL] === true;
    const context = new AsyncLocalStorage<RequestContext>();
    const root = pino({
      // The one place besides lib/config that reads the environment: the logger exists before the
      // configuration is parsed (server.ts, scripts), and a bad LOG_LEVEL must not hide the error that names it.
      level: tool && !process.env.LOG_LEVEL?.trim() ? 'warn' : parseLogLevel(process.env),
      base: { pid: process.pid, hostname: undefined },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const store = context.getStore();
        return store ? { requestId: store.requestId } : {};
      },
    }, tool ? pino.destination(2) : undefined);
    holder[KEY] = { root, context };
  }
  return holder[KEY];
}

/**
 * The logger for one part of the server (`component`: `server`, `migration`, `rpc`, `db`, …).
 * Log with an `event` field naming what happened: `log('migration').info({ event: 'migration.submitted', id, wallet, signature }, 'co-signed')`.
 */
export function log(component: string): Logger {
  return state().root.child({ component });
}

/** Runs `work` with every line it logs (and its async continuations) carrying `context.requestId`. */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return state().context.run(context, work);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return state().context.getStore()?.requestId;
}

/** The message of an error for a log line (never its stack for expected failures). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
