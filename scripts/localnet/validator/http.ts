/**
 * The HTTP side: JSON-RPC over POST (single and batch), `GET /health` like a real validator, and
 * permissive CORS so a browser wallet or dapp can talk to it directly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleJsonRpcText, type InternalErrorListener, type MethodCaller } from '@/scripts/localnet/validator/jsonrpc';

/** Request bodies above this are refused with 413 (a batch of 1232-byte transactions fits easily). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'content-type, solana-client',
  'access-control-max-age': '86400',
};

export type HttpServerOptions = { host: string; port: number; call: MethodCaller; onInternalError: InternalErrorListener; log: (line: string) => void };

/**
 * Creates and starts the server.
 * @throws Error naming the port when it is already in use (or cannot be bound).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const server = createServer((request, response) => handleRequest(request, response, options));
  // Keep-alive sockets would hold close() open; clients reconnect cheaply.
  server.keepAliveTimeout = 5_000;
  await listen(server, options.host, options.port, 'RPC (HTTP)');
  return server;
}

function handleRequest(request: IncomingMessage, response: ServerResponse, options: HttpServerOptions): void {
  if (request.method === 'OPTIONS') {
    response.writeHead(204, CORS_HEADERS).end();
    return;
  }
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { ...CORS_HEADERS, 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (request.method !== 'POST') {
    response.writeHead(405, { ...CORS_HEADERS, allow: 'POST, GET, OPTIONS' }).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      response.writeHead(413, CORS_HEADERS).end();
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (response.headersSent) return;
    const text = Buffer.concat(chunks).toString('utf8');
    const call: MethodCaller = (method, params) => {
      options.log(`rpc ${method}`);
      return options.call(method, params);
    };
    const answer = handleJsonRpcText(text, call, options.onInternalError);
    if (answer === null) {
      response.writeHead(204, CORS_HEADERS).end();
      return;
    }
    response.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json' }).end(answer);
  });
}

/**
 * Binds `server`, turning EADDRINUSE into an error that names the port and its role.
 * @throws Error `<role> port <port> is already in use on <host>`.
 */
export function listen(server: Server, host: string, port: number, role: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const reason = error.code === 'EADDRINUSE' ? `${role} port ${port} is already in use on ${host}` : `${role} could not listen on ${host}:${port}: ${error.message}`;
      reject(new Error(reason, { cause: error }));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
