import 'server-only';
import { getConfig } from '@/lib/config';

/**
 * Sends a JSON-RPC request body, as is, to `SOLANA_RPC_URL` and resolves with the provider's HTTP
 * answer: the browser's RPC proxy (lib/security/rpc-proxy.ts) forwards allowlisted calls this way,
 * keeping their ids. Same endpoint and same deadline as the server's own calls (lib/chain
 * `getConnection`): abandoned after `SOLANA_RPC_TIMEOUT_MS`.
 *
 * @throws Error when the provider cannot be reached or does not answer in time (an aborted fetch).
 */
export async function relayJsonRpc(body: string): Promise<Response> {
  const { rpcUrl, rpcTimeoutMs } = getConfig();
  return fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(rpcTimeoutMs) });
}
