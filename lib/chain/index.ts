import 'server-only';
import { Connection } from '@solana/web3.js';
import { getConfig } from '@/lib/config';
import { createRpcPool, type RpcPool } from '@/lib/chain/pool';
import { log } from '@/lib/observability/log';
import { countRpcCall } from '@/lib/observability/metrics';

let pool: RpcPool | undefined;
let connection: Connection | undefined;

/**
 * The server's RPC endpoints (lib/chain/pool.ts): `SOLANA_RPC_URL`, then `SOLANA_RPC_FALLBACK_URLS`
 * in order, each attempt abandoned after `SOLANA_RPC_TIMEOUT_MS`, with a circuit breaker per
 * endpoint; sends go to every healthy endpoint. Every attempt is counted (`rpc_requests_total`,
 * `rpc_request_duration_seconds`), and a circuit opening or closing is logged.
 */
export function getRpcPool(): RpcPool {
  if (!pool) {
    const { rpcUrl, rpcFallbackUrls, rpcTimeoutMs } = getConfig();
    const logger = log('rpc');
    pool = createRpcPool({
      urls: [rpcUrl, ...rpcFallbackUrls],
      timeoutMs: rpcTimeoutMs,
      onCall: countRpcCall,
      onStateChange: (endpoint, state, detail) => {
        if (state === 'down') logger.warn({ event: 'rpc.endpoint_down', endpoint: endpoint.label, host: endpoint.host, outcome: detail.outcome, retryInMs: detail.retryInMs }, `RPC endpoint ${endpoint.label} is failing; skipped while another answers`);
        else logger.info({ event: 'rpc.endpoint_up', endpoint: endpoint.label, host: endpoint.host }, `RPC endpoint ${endpoint.label} answers again`);
      },
    });
  }
  return pool;
}

/**
 * The server's one RPC connection (commitment `confirmed`), over the pool: every call fails over
 * from the primary to the fallbacks, and is abandoned at each endpoint after `SOLANA_RPC_TIMEOUT_MS`
 * (web3.js then rejects with the pool's RpcUnavailableError), so a provider that accepts a request
 * and never answers costs a holder's request at most that long per endpoint; callers treat it like
 * any other unreachable RPC (RPC_UNAVAILABLE, or an uncertain send left to the reconciler).
 * The browser never gets these URLs: it talks to the same-origin `/api/v1/rpc` proxy, which relays
 * through the same pool (lib/chain/relay.ts).
 */
export function getConnection(): Connection {
  connection ??= new Connection(getConfig().rpcUrl, { commitment: 'confirmed', disableRetryOnRateLimit: true, fetch: getRpcPool().fetch });
  return connection;
}

/**
 * Runs `work` with every chain read in it answered by one endpoint, with no failover (a failure
 * throws): the reconciler's settlement and recovery passes, whose reads together prove that a
 * migration can never land (DESIGN.md "The state machine of a migration"). Sends still go to
 * every endpoint.
 */
export function withOneEndpoint<T>(work: () => Promise<T>): Promise<T> {
  return getRpcPool().pinned(work);
}
