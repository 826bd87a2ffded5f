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
 *   rate limits count by; a client-sent copy of that header is replaced.
 * `npm run build` compiles it to .next/portal-server.cjs, which `npm start` runs with plain Node
 * (scripts/lib/app-server.ts: faster to start and smaller than under tsx). `npm run dev` stays `next dev`.
 * Exits 1, with the reason, on a bad port, a NODE_ENV other than production, a malformed
 * `TRUSTED_PROXIES`, a configuration the
 * app refuses at start-up (instrumentation-node.ts), or a port it cannot listen on.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import compression from 'compression';
import next from 'next';
import { parseTrustedProxies } from '@/lib/config/env';
import { isScriptFreePageRequest, sendWithoutScripts } from '@/lib/http/script-free-pages';
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
  const server = createServer((req, res) => {
    stampClientAddress(req, isProxy);
    if (refuseUnreadableRouterState(req, res)) return;
    // `compression` is typed for Express; it reads and patches only the Node request and response.
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {
      if (isScriptFreePageRequest(req.method, req.url)) {
        sendWithoutScripts(res, (why) => console.warn(`[server] ${req.url}: ${why}`));
      }
      handle(req, res).catch((error: unknown) => {
        console.error('[server] unhandled', req.url, error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  server.once('error', (error) => {
    console.error(`[server] cannot listen on ${hostname ?? '*'}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => console.log(`[server] ready on http://${hostname ?? 'localhost'}:${port}`));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
