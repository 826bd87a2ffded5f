import 'server-only';
import { z } from 'zod';
import { relayJsonRpc } from '@/lib/chain/relay';
import { ApiError, jsonNestsDeeperThan } from '@/lib/http/errors';
import { assertSendableRevoke } from '@/lib/security/revoke-gate';

/**
 * Read-only JSON-RPC methods the browser may call through `/api/v1/rpc`, plus `simulateTransaction`
 * (for the preview's balance changes) and `getTransaction` (the "Is this transaction official?"
 * page looks a signature up). No airdrop, no subscription, and only one kind of send: see
 * {@link RPC_GATED_METHODS}.
 */
export const RPC_METHOD_ALLOWLIST = new Set([
  'getAccountInfo',
  'getBalance',
  'getBlockHeight',
  'getEpochInfo',
  'getFeeForMessage',
  'getGenesisHash',
  'getHealth',
  'getLatestBlockhash',
  'getMinimumBalanceForRentExemption',
  'getMultipleAccounts',
  'getSignatureStatuses',
  'getSlot',
  'getTokenAccountBalance',
  'getTokenAccountsByOwner',
  'getTokenSupply',
  'getTransaction',
  'getVersion',
  'isBlockhashValid',
  'simulateTransaction',
]);

/**
 * Methods forwarded only after their own check. `sendTransaction`: only a holder-signed Revoke that
 * passes the revoke policy on the server (lib/security/revoke-gate.ts), one call per request (no
 * batch). The migration itself is never sent this way: the server co-signs and sends it.
 */
export const RPC_GATED_METHODS = new Set(['sendTransaction']);

export const RPC_MAX_BODY_BYTES = 16 * 1024;
const MAX_BATCH = 10;
/**
 * How deeply arrays and objects may nest in a request body, counting the batch array and the call
 * object. The deepest call the portal's pages make is a batched `simulateTransaction` with
 * `{accounts: {addresses: [...]}}`: 6. Deeper bodies (every JSON body is capped at 32 by
 * `readJsonBody`; a 16 KB one could nest ~8,000 deep, which providers refuse or choke on) are
 * refused here instead of being forwarded.
 */
export const RPC_MAX_DEPTH = 10;

const rpcCallSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string().max(64), z.number().int(), z.null()]),
  method: z.string().max(64),
  params: z.array(z.unknown()).max(4).optional(),
});
const rpcBodySchema = z.union([rpcCallSchema, z.array(rpcCallSchema).min(1).max(MAX_BATCH)]);

/**
 * Validates a browser JSON-RPC request (single or batch of ≤ 10, nesting at most
 * {@link RPC_MAX_DEPTH} deep) against the method allowlist and forwards it to `SOLANA_RPC_URL`
 * (lib/chain/relay.ts, within `SOLANA_RPC_TIMEOUT_MS`), returning the upstream JSON as is.
 *
 * @throws ApiError BAD_REQUEST (shape, or nested too deep: `details.maxDepth`), FORBIDDEN (method
 *   not allowed), RPC_UNAVAILABLE (upstream down, slow or answering an error status).
 */
export async function proxyRpc(body: unknown): Promise<unknown> {
  if (jsonNestsDeeperThan(body, RPC_MAX_DEPTH)) {
    throw new ApiError('BAD_REQUEST', `The JSON-RPC request nests arrays and objects deeper than ${RPC_MAX_DEPTH} levels; no call of this portal does.`, { maxDepth: RPC_MAX_DEPTH });
  }
  const parsed = rpcBodySchema.safeParse(body);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', 'Not a JSON-RPC 2.0 request (or a batch of at most 10).');
  const calls = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const refused = calls.find((c) => !RPC_METHOD_ALLOWLIST.has(c.method) && !RPC_GATED_METHODS.has(c.method));
  if (refused) throw new ApiError('FORBIDDEN', `The RPC method "${refused.method.slice(0, 64)}" is not available through this portal.`, { method: refused.method.slice(0, 64) });
  const gated = calls.filter((c) => RPC_GATED_METHODS.has(c.method));
  if (gated.length > 0) {
    if (Array.isArray(parsed.data)) throw new ApiError('FORBIDDEN', 'sendTransaction cannot be part of a batch.', { method: 'sendTransaction' });
    await assertSendableRevoke(gated[0]?.params);
  }
  let upstream: Response;
  try {
    upstream = await relayJsonRpc(JSON.stringify(parsed.data));
  } catch {
    throw new ApiError('RPC_UNAVAILABLE', 'The Solana network could not be reached just now. Try again in a moment.', {}, 5);
  }
  if (!upstream.ok) throw new ApiError('RPC_UNAVAILABLE', `The Solana network answered ${upstream.status}. Try again in a moment.`, {}, 5);
  return upstream.json();
}
