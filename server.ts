/**
 * The production server: `npm start -- [-p PORT] [-H HOSTNAME]` (else $PORT, default 3000; every
 * interface unless -H), after `npm run build`. It is Next's own request handler (the same router,
 * middleware, instrumentation and pages as `next start`; Next's custom-server API:
 * https://nextjs.org/docs/app/guides/custom-server) with two things around it:
 * - compression, by the `compression` package (`next start` uses a bundled copy of it); Next's
 *   own is off in next.config.ts, because the script remover below needs the page uncompressed;
 * - the canonical status pages (lib/http/script-free-pages.ts) are sent without scripts;
 * - an RSC request whose router state Next's renderer could not parse is refused with 400
 *   (lib/security/rsc-request.ts: Next hides those headers from the middleware);
 * - every request carries its client address in `x-portal-client-address` (the TCP peer, or what
 *   the trusted proxies of `TRUSTED_PROXIES` report; lib/security/client-address.ts), which the
 *   rate limits count by; a client-sent copy of that header is replaced;
 * - every request gets a request id (`x-request-id`: a trusted proxy's, else a fresh UUID; a
 *   client's own is replaced), returned as a response header and carried by every log line logged
 *   while handling it; one `http.request` log line and the `http_` metrics when it finishes.
 * `npm run build` compiles it to .next/portal-server.cjs, which `npm start` runs with plain Node
 * (scripts/lib/app-server.ts: faster to start and smaller than under tsx). `npm run dev` stays `next dev`.
 * Exits 1, with the reason, on a bad port, a NODE_ENV other than production, a malformed
 * `TRUSTED_PROXIES`, a configuration the
 * app refuses at start-up (instrumentation-node.ts), or a port it cannot listen on.
 */
import '@/lib/observability/quiet-start';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { parseArgs } from 'node:util';
import compression from 'compression';
import next from 'next';
import { parseTrustedProxies } from '@/lib/config/env';
import { isScriptFreePageRequest, sendWithoutScripts } from '@/lib/http/script-free-pages';
import { acceptableRequestId, errorMessage, log, REQUEST_ID_HEADER, withRequestContext } from '@/lib/observability/log';
import { observeHttp, routeLabel } from '@/lib/observability/metrics';
import { proxyMatcher, stampClientAddress, trustStampedAddresses } from '@/lib/security/client-address';
import { refuseUnreadableRouterState } from '@/lib/security/rsc-request';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`the port must be an integer from 0 to 65535 (got ${values.port ?? process.env.PORT})`);
  // Not $HOSTNAME: container runtimes set it to the container's own name.
  const hostname = values.hostname;
  if (process.env.NODE_ENV !== 'production') throw new Error(`NODE_ENV must be "production" (got ${process.env.NODE_ENV ?? 'nothing'}): \`npm start\` sets it; use \`npm run dev\` for development`);
  const isProxy = proxyMatcher(parseTrustedProxies(process.env));

  // As `next start` does: the middleware reads the maintenance flag from this server at $PORT
  // (lib/config/edge.ts) unless MAINTENANCE_FLAG_URL says otherwise.
  process.env.PORT = String(port);
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const compress = compression();
  // Every request below is stamped: from here on the route handlers believe the header.
  trustStampedAddresses();
  const logger = log('server');
  /** A load balancer's request id is kept when it arrives from a trusted proxy; anyone else's is replaced. */
  const requestIdOf = (req: IncomingMessage): string => (isProxy(req.socket.remoteAddress ?? '') ? acceptableRequestId(req.headers[REQUEST_ID_HEADER]) : null) ?? randomUUID();
  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    stampClientAddress(req, isProxy);
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(req.url);
      observeHttp(route, req.method ?? 'GET', res.statusCode, seconds);
      // Static assets are many and say little: debug. The path is not logged raw (ids, tokens in queries): the route is.
      const line = { event: 'http.request', requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 };
      if (route === 'static') logger.debug(line, 'request');
      else if (res.statusCode >= 500) logger.warn(line, 'request');
      else logger.info(line, 'request');
    });
    withRequestContext({ requestId }, () => {
      if (refuseUnreadableRouterState(req, res)) return;
      // `compression` is typed for Express; it reads and patches only the Node request and response.
      compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
        if (isScriptFreePageRequest(req.method, req.url)) {
          sendWithoutScripts(res, (why) => logger.warn({ event: 'http.script_removal_failed', route: routeLabel(req.url), reason: why }, 'a status page was sent as Next rendered it'));
        }
        handle(req, res).catch((error: unknown) => {
          logger.error({ event: 'http.unhandled', route: routeLabel(req.url), error: errorMessage(error), stack: error instanceof Error ? error.stack : undefined }, 'unhandled error');
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
    });
  });
  server.once('error', (error) => {
    logger.fatal({ event: 'server.listen_failed', port, error: error.message }, `cannot listen on ${hostname ?? '*'}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => logger.info({ event: 'server.ready', url: `http://${hostname ?? 'localhost'}:${port}` }, `ready on http://${hostname ?? 'localhost'}:${port}`));
}

main().catch((error: unknown) => {
  log('server').fatal({ event: 'server.start_failed', error: errorMessage(error) }, errorMessage(error));
  process.exit(1);
});
