/**
 * The project's local Solana validator: a standard JSON-RPC server (HTTP) and pubsub (WebSocket)
 * over LiteSVM, for the demo and the e2e stack where solana-test-validator cannot be installed.
 * Unmodified `@solana/web3.js` 1.x and `@solana/spl-token` work against it.
 */
import { PublicKey } from '@solana/web3.js';
import { Chain } from '@/scripts/localnet/validator/chain';
import { startHttpServer } from '@/scripts/localnet/validator/http';
import { callRpcMethod } from '@/scripts/localnet/validator/methods';
import { startPubsubServer, type PubsubServer } from '@/scripts/localnet/validator/pubsub';
import type { RpcContext } from '@/scripts/localnet/validator/rpc-context';

export type LocalValidatorOptions = {
  /** HTTP JSON-RPC port. */
  rpcPort: number;
  /** WebSocket pubsub port. */
  wsPort: number;
  /** Interface to bind; default '127.0.0.1'. */
  host?: string;
  /** Slot time in milliseconds; default 400. */
  blockTimeMs?: number;
  /** No request logging; default true. */
  quiet?: boolean;
};

/** An account as written with `setAccount`. `lamports` in base units; `executable` defaults to false. */
export type RawAccount = { lamports: bigint; data: Uint8Array; owner: PublicKey; executable?: boolean };

export type LocalValidator = {
  /** http://<host>:<rpcPort> */
  rpcUrl: string;
  /** ws://<host>:<wsPort> */
  wsUrl: string;
  /** Writes any account directly (used by the seed to place a mint at a fixed address, like solana-test-validator --account). */
  setAccount(address: PublicKey, account: RawAccount): void;
  getAccount(address: PublicKey): RawAccount | null;
  /** Produce a block now (advance slot, new blockhash, clock). */
  produceBlock(): void;
  close(): Promise<void>;
};

export { RPC_METHOD_NAMES } from '@/scripts/localnet/validator/methods';
export { MAX_PROCESSING_AGE } from '@/scripts/localnet/validator/chain';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_BLOCK_TIME_MS = 400;

/**
 * Starts the validator: LiteSVM with the standard programs (System, SPL Token, Token-2022, ATA,
 * Memo, Compute Budget, ALT, precompiles) and native mints, a faucet for requestAirdrop, the
 * HTTP and WebSocket servers, and a block every `blockTimeMs` (an unref'd timer).
 * @throws Error naming the port when the RPC or pubsub port is already in use; nothing is left running.
 */
export async function startLocalValidator(options: LocalValidatorOptions): Promise<LocalValidator> {
  const host = options.host ?? DEFAULT_HOST;
  const blockTimeMs = options.blockTimeMs ?? DEFAULT_BLOCK_TIME_MS;
  const quiet = options.quiet ?? true;
  const log = quiet ? () => undefined : (line: string) => console.log(`[validator] ${line}`);
  // Unexpected failures answer -32603 with the cause in `data`; the stack is printed when not quiet.
  const onInternalError = quiet ? () => undefined : (method: string, error: unknown) => console.error(`[validator] ${method} failed:`, error);

  const chain = new Chain();
  // A wildcard bind is still reached through loopback.
  const urlHost = host === '0.0.0.0' || host === '::' ? DEFAULT_HOST : host;
  const rpcUrl = `http://${urlHost}:${options.rpcPort}`;
  const wsUrl = `ws://${urlHost}:${options.wsPort}`;
  const context: RpcContext = { chain, rpcUrl };

  const http = await startHttpServer({ host, port: options.rpcPort, call: (method, params) => callRpcMethod(method, params, context), onInternalError, log });
  let pubsub: PubsubServer;
  try {
    pubsub = await startPubsubServer({ host, port: options.wsPort, chain, log, onInternalError });
  } catch (error) {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    throw error;
  }

  const timer = setInterval(() => chain.produceBlock(), blockTimeMs);
  // The block clock alone must not keep a process (a test run, a script) alive.
  timer.unref();
  log(`ready: ${rpcUrl} ${wsUrl}, ${blockTimeMs} ms blocks`);

  let closed: Promise<void> | null = null;
  return {
    rpcUrl,
    wsUrl,
    setAccount: (address, account) =>
      chain.setAccount(address.toBase58(), { lamports: account.lamports, data: account.data, owner: account.owner.toBase58(), executable: account.executable ?? false }),
    getAccount: (address) => {
      const account = chain.readAccount(address.toBase58());
      return account === null ? null : { lamports: account.lamports, data: account.data, owner: new PublicKey(account.owner), executable: account.executable };
    },
    produceBlock: () => chain.produceBlock(),
    close: () => {
      closed ??= (async () => {
        clearInterval(timer);
        await pubsub.close();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        log('closed');
      })();
      return closed;
    },
  };
}
