/**
 * A tiny HTTP proxy that delays every request to an RPC endpoint by a settable number of
 * milliseconds before forwarding it (benchmarks: "50 ms of RPC latency"). Responses pass through
 * unchanged. Not a fault injector: the `faults` tests have their own.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LatencyProxy = { url: string; setDelay: (ms: number) => void; close: () => Promise<void> };

/** Listens on `port` (0 = any) and forwards to `target` (http://host:port) after the current delay. */
export async function startLatencyProxy(target: string, port: number): Promise<LatencyProxy> {
  const upstream = new URL(target);
  let delay = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const forward = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', () => {
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        forward.end(Buffer.concat(chunks));
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
