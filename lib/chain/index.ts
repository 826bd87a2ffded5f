import 'server-only';
import { Connection } from '@solana/web3.js';
import { getConfig } from '@/lib/config';

let connection: Connection | undefined;

/**
 * The server's one RPC connection to `SOLANA_RPC_URL` (commitment `confirmed`). Every call is
 * abandoned after `SOLANA_RPC_TIMEOUT_MS` (an aborted fetch: web3.js rejects with the abort
 * error), so a provider that accepts a request and never answers costs a holder's request at most
 * that long; callers treat it like any other unreachable RPC (RPC_UNAVAILABLE, or an uncertain send
 * left to the reconciler).
 * The browser never gets this URL: it talks to the same-origin `/api/v1/rpc` proxy.
 */
export function getConnection(): Connection {
  if (!connection) {
    const { rpcUrl, rpcTimeoutMs } = getConfig();
    connection = new Connection(rpcUrl, {
      commitment: 'confirmed',
      disableRetryOnRateLimit: true,
      fetchMiddleware: (info, init, next) => next(info, { ...init, signal: AbortSignal.timeout(rpcTimeoutMs) }),
    });
  }
  return connection;
}
