/** The HTTP JSON-RPC method table: every method this validator answers, by name. */
import { RpcError, RpcErrorCode } from '@/scripts/localnet/validator/errors';
import { accountMethods } from '@/scripts/localnet/validator/methods-accounts';
import { clusterMethods } from '@/scripts/localnet/validator/methods-cluster';
import { tokenMethods } from '@/scripts/localnet/validator/methods-tokens';
import { transactionMethods } from '@/scripts/localnet/validator/methods-transactions';
import type { RpcContext, RpcHandler } from '@/scripts/localnet/validator/rpc-context';

export const rpcMethods: Readonly<Record<string, RpcHandler>> = { ...clusterMethods, ...accountMethods, ...tokenMethods, ...transactionMethods };

/** Names of the implemented methods, sorted (for docs and the start-up log). */
export const RPC_METHOD_NAMES: readonly string[] = Object.keys(rpcMethods).sort();

/**
 * Runs one method.
 * @throws RpcError -32601 for an unknown method, or whatever the handler throws.
 */
export function callRpcMethod(method: string, params: unknown, context: RpcContext): unknown {
  const handler = Object.hasOwn(rpcMethods, method) ? rpcMethods[method] : undefined;
  if (handler === undefined) throw new RpcError(RpcErrorCode.MethodNotFound, 'Method not found');
  return handler(params, context);
}
