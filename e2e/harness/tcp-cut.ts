/**
 * A plain TCP proxy a test can cut: the app under test connects to PostgreSQL through it, and
 * {@link TcpCut.cut} makes the database vanish for that app alone, as a stopped or unreachable
 * server does (every open connection reset, every new one refused: the port is closed), while the
 * shared PostgreSQL cluster other suites use keeps running. {@link TcpCut.restore} listens again
 * on the same port; clients reconnect on their own. Works as any user (CI runs as root, where
 * initdb refuses to run).
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type TcpCut = {
  /** The port the proxy listens on (127.0.0.1). */
  readonly port: number;
  /** Resets every open connection and closes the port (new connections are refused). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Connections accepted so far (a test can see its client went through the proxy). */
  readonly accepted: number;
  close(): Promise<void>;
};

/**
 * Listens on `port` (0 = any free port) at 127.0.0.1 and forwards each connection byte for byte
 * to `target` (`host:port`).
 * @throws the listen error (e.g. EADDRINUSE)
 */
export async function startTcpCut(target: { host: string; port: number }, port = 0): Promise<TcpCut> {
  const open = new Set<Socket>();
  let accepted = 0;
  let server: Server | null = null;
  let bound = port;

  const listen = async () => {
    const next = createServer((client) => {
      accepted += 1;
      const upstream = connect(target.port, target.host);
      open.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(bound, '127.0.0.1', () => resolve());
    });
    bound = (next.address() as AddressInfo).port;
    server = next;
  };

  const cut = async () => {
    const closing = server;
    server = null;
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  await listen();
  return {
    get port() {
      return bound;
    },
    get accepted() {
      return accepted;
    },
    cut,
    restore: async () => {
      if (!server) await listen();
    },
    close: cut,
  };
}
