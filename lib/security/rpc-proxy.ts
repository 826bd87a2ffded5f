import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';

/**
 * Read-only JSON-RPC methods the browser may call through `/api/v1/rpc`, plus `simulateTransaction`
 * (for the preview's balance changes). No send, no airdrop, no subscription: the server alone sends.
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
  'getVersion',
  'isBlockhashValid',
  'simulateTransaction',
]);

export const RPC_MAX_BODY_BYTES = 16 * 1024;
const MAX_BATCH = 10;
const UPSTREAM_TIMEOUT_MS = 10_000;

const rpcCallSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string().max(64), z.number().int(), z.null()]),
  method: z.string().max(64),
  params: z.array(z.unknown()).max(4).optional(),
});
const rpcBodySchema = z.union([rpcCallSchema, z.array(rpcCallSchema).min(1).max(MAX_BATCH)]);

/**
 * Validates a browser JSON-RPC request (single or batch of ≤ 10) against the method allowlist and
 * forwards it to `SOLANA_RPC_URL`, returning the upstream JSON as is.
 *
 * @throws ApiError BAD_REQUEST (shape), FORBIDDEN (method not allowed), RPC_UNAVAILABLE (upstream down).
 */
export async function proxyRpc(body: unknown): Promise<unknown> {
  const parsed = rpcBodySchema.safeParse(body);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', 'Not a JSON-RPC 2.0 request (or a batch of at most 10).');
  const calls = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const refused = calls.find((c) => !RPC_METHOD_ALLOWLIST.has(c.method));
  if (refused) throw new ApiError('FORBIDDEN', `The RPC method "${refused.method.slice(0, 64)}" is not available through this portal.`, { method: refused.method.slice(0, 64) });
  let upstream: Response;
  try {
    upstream = await fetch(getConfig().rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(parsed.data),
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch {
    throw new ApiError('RPC_UNAVAILABLE', 'The Solana network could not be reached just now. Try again in a moment.', {}, 5);
  }
  if (!upstream.ok) throw new ApiError('RPC_UNAVAILABLE', `The Solana network answered ${upstream.status}. Try again in a moment.`, {}, 5);
  return upstream.json();
}
