import 'server-only';
import { Connection } from '@solana/web3.js';
import { getConfig } from '@/lib/config';

let connection: Connection | undefined;

/**
 * The server's one RPC connection to `SOLANA_RPC_URL` (commitment `confirmed`).
 * The browser never gets this URL: it talks to the same-origin `/api/v1/rpc` proxy.
 */
export function getConnection(): Connection {
  connection ??= new Connection(getConfig().rpcUrl, { commitment: 'confirmed', disableRetryOnRateLimit: true });
  return connection;
}
