/**
 * A test utility: an HTTP + WebSocket proxy in front of a Solana JSON-RPC endpoint that injects
 * the faults a production RPC provider shows, switchable at any moment:
 *
 * | mode                  | HTTP JSON-RPC                                                     | WebSocket                         |
 * |-----------------------|-------------------------------------------------------------------|-----------------------------------|
 * | `pass`                | forwarded                                                         | forwarded                         |
 * | `latency`             | forwarded, the answer held `ms` first                             | every message delayed `ms`        |
 * | `status`              | answered `status` (e.g. 503) without forwarding                   | upgrade refused with `status`     |
 * | `hang`                | never answered, never forwarded (the client must time out)        | messages swallowed                |
 * | `destroy`             | socket destroyed on arrival, not forwarded                        | connections terminated            |
 * | `lose-response`       | **forwarded**, then the socket destroyed: the call happened, the caller cannot know | connections terminated |
 * | `hold-response`       | **forwarded**, then never answered                                | messages swallowed                |
 * | `gate`                | held **before** forwarding until the test opens the {@link Gate}, then forwarded | forwarded          |
 *
 * `methods` and `match` narrow a fault to some JSON-RPC calls (a batch matches when any call does);
 * other calls pass. Several faults can be active at once (`setMode([...])`, first match wins).
 * WebSocket connections follow the first fault of the list, whatever its filter.
 * Every request is recorded in {@link RpcFaultProxy.log}; `forwarded` events let a test act at
 * the exact moment a call reached the validator (e.g. kill a process after its send landed).
 */
import { EventEmitter } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

/** One JSON-RPC call of a request (a batch has several). */
export type RpcCall = { method: string; params: unknown };

/**
 * Which calls a fault applies to: `methods` (any of them), `match` (a predicate on the call, e.g.
 * the transaction a `sendTransaction` carries). Absent = every call. A request matches when any of
 * its calls does.
 */
export type FaultFilter = { methods?: string[]; match?: (call: RpcCall) => boolean };

export type FaultMode =
  | { kind: 'pass' }
  | ({ kind: 'latency'; ms: number } & FaultFilter)
  | ({ kind: 'status'; status: number } & FaultFilter)
  | ({ kind: 'hang' } & FaultFilter)
  | ({ kind: 'destroy' } & FaultFilter)
  | ({ kind: 'lose-response' } & FaultFilter)
  | ({ kind: 'hold-response' } & FaultFilter)
  | ({ kind: 'gate'; gate: Gate } & FaultFilter);

/**
 * Holds matching requests before they reach the upstream until {@link Gate.open}: the test decides
 * the order in which calls reach the chain (e.g. a preflight check before a re-send, with the
 * holder's tokens moved in between). Closed when made; once open it stays open.
 */
export type Gate = {
  /** Lets every held request (and every later one) through, in arrival order. */
  open(): void;
  /** Requests that reached the gate so far. */
  readonly arrived: number;
  /** Resolves once `count` requests have reached the gate. */
  arrivals(count: number): Promise<void>;
  /** Called by the proxy for each matching request: resolves when the gate is open. */
  pass(): Promise<void>;
};

export function createGate(): Gate {
  let openGate: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (openGate = resolve));
  let arrived = 0;
  const waiting = new Set<{ count: number; resolve: () => void }>();
  return {
    open: () => openGate(),
    get arrived() {
      return arrived;
    },
    arrivals(count) {
      if (arrived >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.add({ count, resolve }));
    },
    pass() {
      arrived += 1;
      for (const waiter of waiting) {
        if (arrived < waiter.count) continue;
        waiting.delete(waiter);
        waiter.resolve();
      }
      return opened;
    },
  };
}

/** One HTTP request seen by the proxy: the JSON-RPC methods it named and what the proxy did. */
export type ProxyLogEntry = {
  methods: string[];
  /** The fault applied (`pass` when none). */
  fault: FaultMode['kind'];
  /** Whether the request reached the upstream and it answered. */
  forwarded: boolean;
  /** Upstream HTTP status when forwarded. */
  upstreamStatus?: number;
  /** The upstream answer body when forwarded (JSON text). */
  upstreamBody?: string;
};

export type RpcFaultProxyOptions = {
  /** Upstream JSON-RPC over HTTP, e.g. http://127.0.0.1:18941 */
  upstreamHttp: string;
  /** Upstream pubsub, e.g. ws://127.0.0.1:18942; without it the WebSocket side is not started. */
  upstreamWs?: string;
  /** Port of the HTTP proxy (the WebSocket proxy listens on `httpPort + 1`, as web3.js expects). */
  httpPort: number;
  host?: string;
};

export type RpcFaultProxy = {
  /** http://host:httpPort */
  url: string;
  /** ws://host:httpPort+1 when a WebSocket upstream was given. */
  wsUrl: string | null;
  /**
   * Switches the fault(s) for every request arriving from now on (held requests stay held until
   * {@link release}). With a list, the first fault that applies to a request wins.
   */
  setMode(mode: FaultMode | FaultMode[]): void;
  /** The first fault of the current list. */
  mode(): FaultMode;
  /** Every HTTP request so far, in arrival order. */
  log: ProxyLogEntry[];
  /** Emits `request` (ProxyLogEntry, fault decided) on arrival and `forwarded` (the same entry) when the upstream answered. */
  events: EventEmitter;
  /** Ends every held (`hang`, `hold-response`) request by destroying its socket. */
  release(): void;
  close(): Promise<void>;
};

function callsOf(body: string): RpcCall[] {
  try {
    const parsed = JSON.parse(body) as unknown;
    const calls = Array.isArray(parsed) ? parsed : [parsed];
    return calls.map((c) => {
      const call = (c && typeof c === 'object' ? c : {}) as { method?: unknown; params?: unknown };
      return { method: typeof call.method === 'string' ? call.method : '?', params: call.params };
    });
  } catch {
    return [{ method: '?', params: undefined }];
  }
}

function applies(mode: FaultMode, calls: RpcCall[]): boolean {
  if (mode.kind === 'pass') return false;
  return calls.some((c) => (mode.methods === undefined || mode.methods.includes(c.method)) && (mode.match === undefined || mode.match(c)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function forward(upstream: URL, request: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      // No keep-alive upstream: a pooled socket the validator closed while this process was busy would
      // fail a forward with ECONNRESET, a fault nobody asked for.
      { agent: false, host: upstream.hostname, port: upstream.port, path: request.url ?? '/', method: request.method, headers: { 'content-type': request.headers['content-type'] ?? 'application/json', 'content-length': body.length } },
      (response) => {
        readBody(response)
          .then((answer) => resolve({ status: response.statusCode ?? 502, headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') }, body: answer }))
          .catch(reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Starts the proxy (mode `pass`).
 * @throws Error when a port is taken.
 */
export async function startRpcFaultProxy(options: RpcFaultProxyOptions): Promise<RpcFaultProxy> {
  const host = options.host ?? '127.0.0.1';
  const upstream = new URL(options.upstreamHttp);
  let rules: FaultMode[] = [{ kind: 'pass' }];
  const firstRule = (): FaultMode => rules[0] ?? { kind: 'pass' };
  const log: ProxyLogEntry[] = [];
  const events = new EventEmitter();
  const held = new Set<{ destroy: () => void }>();
  const sockets = new Set<Duplex>();

  const holdForever = (response: ServerResponse) => {
    const entry = { destroy: () => response.socket?.destroy() };
    held.add(entry);
    response.on('close', () => held.delete(entry));
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const calls = callsOf(body.toString('utf8'));
    const methods = calls.map((c) => c.method);
    const fault = rules.find((rule) => applies(rule, calls)) ?? ({ kind: 'pass' } as const);
    const entry: ProxyLogEntry = { methods, fault: fault.kind, forwarded: false };
    log.push(entry);
    events.emit('request', entry);
    switch (fault.kind) {
      case 'status':
        response.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`fault proxy: ${fault.status}`);
        return;
      case 'hang':
        holdForever(response);
        return;
      case 'destroy':
        request.socket.destroy();
        return;
      case 'gate':
        await fault.gate.pass();
        break;
      default:
        break;
    }
    let answer: Awaited<ReturnType<typeof forward>>;
    try {
      answer = await forward(upstream, request, body);
    } catch {
      response.writeHead(502, { 'content-type': 'text/plain' }).end('fault proxy: upstream unreachable');
      return;
    }
    entry.forwarded = true;
    entry.upstreamStatus = answer.status;
    entry.upstreamBody = answer.body.toString('utf8');
    events.emit('forwarded', entry);
    if (fault.kind === 'lose-response') {
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'hold-response') {
      holdForever(response);
      return;
    }
    if (fault.kind === 'latency') await sleep(fault.ms);
    if (!response.destroyed) response.writeHead(answer.status, answer.headers).end(answer.body);
  }

  const http: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  // Idle client sockets are closed by the client, never under it (same reason as above).
  http.keepAliveTimeout = 120_000;
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listenOn(http, host, options.httpPort);

  let ws: { server: Server; wss: WebSocketServer } | null = null;
  if (options.upstreamWs) {
    const upstreamWs = options.upstreamWs;
    const server = createServer((_req, res) => res.writeHead(426).end());
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const current = firstRule();
      if (current.kind === 'status' || current.kind === 'destroy') {
        if (current.kind === 'status') socket.end(`HTTP/1.1 ${current.status} Fault\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        else socket.destroy();
        return;
      }
      wss.handleUpgrade(request, socket, head, (client) => pipeWebSocket(client, upstreamWs, firstRule));
    });
    await listenOn(server, host, options.httpPort + 1);
    ws = { server, wss };
  }

  return {
    url: `http://${host}:${options.httpPort}`,
    wsUrl: ws ? `ws://${host}:${options.httpPort + 1}` : null,
    setMode(next) {
      rules = Array.isArray(next) ? next : [next];
      const first = firstRule();
      if (ws && (first.kind === 'destroy' || first.kind === 'lose-response') && first.methods === undefined && first.match === undefined) {
        for (const client of ws.wss.clients) client.terminate();
      }
    },
    mode: firstRule,
    log,
    events,
    release() {
      for (const h of held) h.destroy();
      held.clear();
    },
    async close() {
      for (const h of held) h.destroy();
      held.clear();
      if (ws) for (const client of ws.wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (ws) {
        const { server, wss } = ws;
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** Pipes one client WebSocket to a fresh upstream connection, applying the current mode to each message. */
function pipeWebSocket(client: WebSocket, upstreamUrl: string, currentMode: () => FaultMode): void {
  const upstream = new WebSocket(upstreamUrl);
  const queue: string[] = [];
  const relay = async (data: string, to: WebSocket) => {
    const mode = currentMode();
    if (mode.kind === 'hang' || mode.kind === 'hold-response') return;
    if (mode.kind === 'latency') await sleep(mode.ms);
    if (to.readyState === WebSocket.OPEN) to.send(data);
  };
  upstream.on('open', () => {
    for (const data of queue.splice(0)) upstream.send(data);
  });
  client.on('message', (data) => {
    const text = data.toString();
    if (upstream.readyState === WebSocket.OPEN) void relay(text, upstream);
    else queue.push(text);
  });
  upstream.on('message', (data) => void relay(data.toString(), client));
  const closeBoth = () => {
    client.terminate();
    upstream.terminate();
  };
  client.on('close', closeBoth);
  client.on('error', closeBoth);
  upstream.on('close', closeBoth);
  upstream.on('error', closeBoth);
}

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `fault proxy: port ${port} is already in use on ${host}` : `fault proxy: ${error.message}`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
}
