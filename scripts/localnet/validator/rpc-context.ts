/**
 * What every RPC method handler receives, and the `{context: {slot, apiVersion}, value}` envelope
 * the real RPC wraps most answers in.
 */
import type { Chain } from '@/scripts/localnet/validator/chain';
import { RpcError, RpcErrorCode } from '@/scripts/localnet/validator/errors';

/** The Agave version this server answers like (getVersion, `context.apiVersion`). */
export const SOLANA_CORE_VERSION = '2.3.13';
/** Agave's feature-set id for that version line; clients only display it. */
export const FEATURE_SET = 3294202862;

export type RpcContext = { chain: Chain; rpcUrl: string };

/** A method: takes the raw `params`, returns the `result` or throws an RpcError. */
export type RpcHandler = (params: unknown, context: RpcContext) => unknown;

export type WithContext<T> = { context: { apiVersion: string; slot: bigint }; value: T };

export function withContext<T>(chain: Chain, value: T): WithContext<T> {
  return { context: { apiVersion: SOLANA_CORE_VERSION, slot: chain.slot }, value };
}

/**
 * Enforces `minContextSlot`. With a single bank that only moves forward, the only failure is a
 * slot from the future. @throws RpcError -32016 with `data.contextSlot`.
 */
export function checkMinContextSlot(chain: Chain, config: { minContextSlot?: number | undefined } | undefined): void {
  const min = config?.minContextSlot;
  if (min !== undefined && BigInt(min) > chain.slot) {
    throw new RpcError(RpcErrorCode.MinContextSlotNotReached, 'Minimum context slot has not been reached', { contextSlot: chain.slot });
  }
}
