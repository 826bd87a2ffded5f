import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpCut, type TcpCut } from '@/e2e/harness/tcp-cut';

let echo: Server;
let proxy: TcpCut;

/** Connects to the proxy, sends `text`, resolves with what came back, or the socket error's code. */
function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code}`));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.end();
    });
    socket.write(text);
  });
}

beforeAll(async () => {
  // The upstream side of a cut connection is reset too, as PostgreSQL's would be.
  echo = createServer((socket) => socket.on('error', () => undefined).pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  proxy = await startTcpCut({ host: '127.0.0.1', port: (echo.address() as AddressInfo).port });
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => echo.close(resolve));
});

describe('startTcpCut', () => {
  it('forwards bytes both ways, and counts the connection', async () => {
    expect(await roundTrip(proxy.port, 'hello')).toBe('hello');
    expect(proxy.accepted).toBeGreaterThanOrEqual(1);
  });

  it('cut resets an open connection and refuses new ones; restore listens on the same port again', async () => {
    const port = proxy.port;
    const open = connect(port, '127.0.0.1');
    await new Promise((resolve) => open.once('connect', resolve));
    const closed = new Promise<string>((resolve) => {
      open.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      open.once('close', () => resolve('closed'));
    });
    await proxy.cut();
    expect(['ECONNRESET', 'closed']).toContain(await closed);
    expect(await roundTrip(port, 'x')).toBe('error:ECONNREFUSED');
    await proxy.restore();
    expect(proxy.port).toBe(port);
    expect(await roundTrip(port, 'back')).toBe('back');
  });
});
