/**
 * WebSocket pubsub with the real validator's methods and message shapes: signature, account,
 * program, logs, slot and root subscriptions. A signature subscription at `processed` or
 * `confirmed` is notified as soon as the transaction lands; at `finalized` (the default, as on
 * Agave) once its slot is rooted (chain.ts, `FINALITY_DEPTH`). Slot notifications carry the root.
 */
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { encodeAccount, type EncodeOptions } from '@/scripts/localnet/validator/account-encoding';
import { type Chain, type CommitmentLevel, commitmentLevel } from '@/scripts/localnet/validator/chain';
import { RpcError, RpcErrorCode } from '@/scripts/localnet/validator/errors';
import type { TransactionRecord } from '@/scripts/localnet/validator/history';
import { listen } from '@/scripts/localnet/validator/http';
import { stringifyJson } from '@/scripts/localnet/validator/json';
import { handleJsonRpcText, type InternalErrorListener } from '@/scripts/localnet/validator/jsonrpc';
import { accountFilter, compileFilters, encodeOptions, type AccountPredicate } from '@/scripts/localnet/validator/methods-accounts';
import { accountConfig, contextConfig, optionalConfig, parseParams, pubkey, signature } from '@/scripts/localnet/validator/params';
import type { StoredAccount } from '@/scripts/localnet/validator/types';
import { SYSTEM_PROGRAM_ID } from '@/scripts/localnet/validator/wire';

type Base = { id: number; socket: WebSocket };
type Subscription = Base &
  (
    | { kind: 'signature'; signature: string; receivedNotification: boolean; level: CommitmentLevel }
    | { kind: 'account'; address: string; options: EncodeOptions; last: StoredAccount | null }
    | { kind: 'program'; program: string; options: EncodeOptions; matches: AccountPredicate; last: Map<string, StoredAccount | null> }
    | { kind: 'logs'; mentions: string | null }
    | { kind: 'slot' }
    | { kind: 'root' }
  );
type Kind = Subscription['kind'];

const NOTIFICATION_METHODS: Record<Kind, string> = {
  signature: 'signatureNotification',
  account: 'accountNotification',
  program: 'programNotification',
  logs: 'logsNotification',
  slot: 'slotNotification',
  root: 'rootNotification',
};

export type PubsubOptions = { host: string; port: number; chain: Chain; log: (line: string) => void; onInternalError: InternalErrorListener };
export type PubsubServer = { close: () => Promise<void> };

const signatureParams = z.tuple([signature, optionalConfig(contextConfig.extend({ enableReceivedNotification: z.boolean().optional() }))]);
const accountParams = z.tuple([pubkey, optionalConfig(accountConfig)]);
const programParams = z.tuple([pubkey, optionalConfig(accountConfig.extend({ filters: z.array(accountFilter).optional(), withContext: z.boolean().optional() }))]);
const logsParams = z.tuple([z.union([z.enum(['all', 'allWithVotes']), z.object({ mentions: z.array(pubkey).length(1) })]), optionalConfig(contextConfig)]);
const unsubscribeParams = z.tuple([z.number().int().nonnegative()]);

function sameAccount(a: StoredAccount | null, b: StoredAccount | null): boolean {
  if (a === null || b === null) return a === b;
  return a.lamports === b.lamports && a.owner === b.owner && a.executable === b.executable && Buffer.compare(a.data, b.data) === 0;
}

/** What a deleted account looks like in a notification: zero lamports, no data, owned by System. */
const CLOSED_ACCOUNT: StoredAccount = { lamports: 0n, data: new Uint8Array(0), owner: SYSTEM_PROGRAM_ID, executable: false };

/**
 * Starts the pubsub server on its own port.
 * @throws Error naming the port when it is already in use.
 */
export async function startPubsubServer(options: PubsubOptions): Promise<PubsubServer> {
  const { chain } = options;
  // Bound before anything is attached, so a taken port fails cleanly with nothing to undo.
  const server: Server = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only');
  });
  await listen(server, options.host, options.port, 'pubsub (WebSocket)');
  const subscriptions = new Map<number, Subscription>();
  let nextId = 0;
  const reader = (address: string) => chain.readAccount(address);

  const notify = (subscription: Subscription, result: unknown): void => {
    if (subscription.socket.readyState !== subscription.socket.OPEN) return;
    subscription.socket.send(stringifyJson({ jsonrpc: '2.0', method: NOTIFICATION_METHODS[subscription.kind], params: { result, subscription: subscription.id } }));
  };
  const context = (slot: bigint = chain.slot) => ({ slot });
  const uiAccount = (address: string, account: StoredAccount | null, encode: EncodeOptions) => encodeAccount(address, account ?? CLOSED_ACCOUNT, encode, reader);

  const notifySignature = (subscription: Subscription & { kind: 'signature' }, record: TransactionRecord): void => {
    notify(subscription, { context: context(record.slot), value: { err: record.err } });
    // Signature subscriptions end with their notification, as on a real node.
    subscriptions.delete(subscription.id);
  };

  const subscribe = (socket: WebSocket, method: string, params: unknown): number => {
    const id = nextId++;
    switch (method) {
      case 'signatureSubscribe': {
        const [sig, config] = parseParams(signatureParams, params);
        const level = commitmentLevel(config?.commitment);
        const subscription = { id, socket, kind: 'signature' as const, signature: sig, receivedNotification: config?.enableReceivedNotification === true, level };
        subscriptions.set(id, subscription);
        const record = chain.history.get(sig);
        // Already there: notify right after the subscription id has been answered (a landed but
        // not yet rooted one waits for the block that roots it).
        if (record !== undefined && chain.reached(record, level)) setImmediate(() => subscriptions.has(id) && notifySignature(subscription, record));
        return id;
      }
      case 'accountSubscribe': {
        const [address, config] = parseParams(accountParams, params);
        subscriptions.set(id, { id, socket, kind: 'account', address, options: encodeOptions(config), last: chain.readAccount(address) });
        return id;
      }
      case 'programSubscribe': {
        const [program, config] = parseParams(programParams, params);
        const matches = compileFilters(config?.filters);
        const last = new Map(chain.programAccounts(program).map(({ address, account }) => [address, account] as const));
        subscriptions.set(id, { id, socket, kind: 'program', program, options: encodeOptions(config), matches, last });
        return id;
      }
      case 'logsSubscribe': {
        const [filter] = parseParams(logsParams, params);
        subscriptions.set(id, { id, socket, kind: 'logs', mentions: typeof filter === 'string' ? null : (filter.mentions[0] ?? null) });
        return id;
      }
      case 'slotSubscribe':
        subscriptions.set(id, { id, socket, kind: 'slot' });
        return id;
      case 'rootSubscribe':
        subscriptions.set(id, { id, socket, kind: 'root' });
        return id;
      default:
        throw new RpcError(RpcErrorCode.MethodNotFound, 'Method not found');
    }
  };

  const handleCall = (socket: WebSocket, method: string, params: unknown): unknown => {
    options.log(`ws ${method}`);
    if (method.endsWith('Unsubscribe')) {
      const [id] = parseParams(unsubscribeParams, params);
      const subscription = subscriptions.get(id);
      const expected = method.slice(0, -'Unsubscribe'.length);
      if (subscription === undefined || subscription.socket !== socket || subscription.kind !== expected) {
        throw new RpcError(RpcErrorCode.InvalidParams, 'Invalid subscription id.');
      }
      subscriptions.delete(id);
      return true;
    }
    return subscribe(socket, method, params);
  };

  const removeTransactionListener = chain.events.transaction.add((record) => {
    for (const subscription of subscriptions.values()) {
      if (subscription.kind === 'signature' && subscription.signature === record.signature) {
        // Receipt and processing are one step here; the optional receipt notice still comes first.
        if (subscription.receivedNotification) notify(subscription, { context: context(record.slot), value: 'receivedSignature' });
        if (chain.reached(record, subscription.level)) notifySignature(subscription, record);
      }
      if (subscription.kind === 'logs' && (subscription.mentions === null || record.accountKeys.includes(subscription.mentions))) {
        notify(subscription, { context: context(record.slot), value: { err: record.err, logs: record.logMessages, signature: record.signature } });
      }
    }
  });

  const removeAccountsListener = chain.events.accounts.add((addresses) => {
    for (const subscription of subscriptions.values()) {
      if (subscription.kind === 'account' && addresses.includes(subscription.address)) {
        const current = chain.readAccount(subscription.address);
        if (sameAccount(current, subscription.last)) continue;
        subscription.last = current;
        notify(subscription, { context: context(), value: uiAccount(subscription.address, current, subscription.options) });
      }
      if (subscription.kind === 'program') {
        for (const address of addresses) {
          const current = chain.readAccount(address);
          const owned = current !== null && current.owner === subscription.program ? current : null;
          const previous = subscription.last.get(address) ?? null;
          if (sameAccount(owned, previous)) continue;
          if (owned === null) subscription.last.delete(address);
          else subscription.last.set(address, owned);
          // Closing an account is reported too (zero lamports, System-owned), like a real node.
          const shown = owned ?? (previous === null ? null : CLOSED_ACCOUNT);
          if (shown === null || (owned !== null && !subscription.matches(owned))) continue;
          notify(subscription, { context: context(), value: { account: uiAccount(address, shown, subscription.options), pubkey: address } });
        }
      }
    }
  });

  const removeSlotListener = chain.events.slot.add((event) => {
    for (const subscription of subscriptions.values()) {
      if (subscription.kind === 'slot') notify(subscription, { parent: event.parent, root: event.root, slot: event.slot });
      if (subscription.kind === 'root') notify(subscription, event.root);
      if (subscription.kind === 'signature' && subscription.level === 'finalized') {
        const record = chain.history.get(subscription.signature);
        if (record !== undefined && chain.reached(record, 'finalized')) notifySignature(subscription, record);
      }
    }
  });

  const wss = new WebSocketServer({ server });
  wss.on('error', (error) => options.onInternalError('pubsub', error));
  wss.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const answer = handleJsonRpcText(data.toString('utf8'), (method, params) => handleCall(socket, method, params), options.onInternalError);
      if (answer !== null) socket.send(answer);
    });
    socket.on('close', () => {
      for (const [id, subscription] of subscriptions) if (subscription.socket === socket) subscriptions.delete(id);
    });
    socket.on('error', () => socket.terminate());
  });

  return {
    close: async () => {
      removeTransactionListener();
      removeAccountsListener();
      removeSlotListener();
      subscriptions.clear();
      // Code 1000 tells clients (web3.js's rpc-websockets) this is a normal shutdown, so they do
      // not keep reconnecting to a port nobody listens on; stragglers are cut after a grace period.
      await Promise.all([...wss.clients].map((client) => closeGracefully(client)));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Closes a client with code 1000, terminating it if the close handshake takes longer than `graceMs`. */
function closeGracefully(client: WebSocket, graceMs = 500): Promise<void> {
  return new Promise((resolve) => {
    if (client.readyState === client.CLOSED) {
      resolve();
      return;
    }
    const timer = setTimeout(() => client.terminate(), graceMs);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.close(1000, 'validator shutting down');
  });
}
