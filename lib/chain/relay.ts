import 'server-only';
import { getRpcPool } from '@/lib/chain';

/**
 * Sends a JSON-RPC request body, as is, through the server's RPC pool (lib/chain `getRpcPool`:
 * the same endpoints, failover, circuit breakers and deadline as the server's own calls; a
 * `sendTransaction` goes to every healthy endpoint) and resolves with the answering endpoint's
 * HTTP answer: the browser's RPC proxy (lib/security/rpc-proxy.ts) forwards allowlisted calls this
 * way, keeping their ids.
 *
 * @throws RpcUnavailableError when no endpoint answers (in time, or with a success status).
 */
export async function relayJsonRpc(body: string): Promise<Response> {
  return getRpcPool().post(body);
}
