/**
 * JSON-RPC error objects, with the codes and messages a real Solana validator (Agave) answers with,
 * so that unmodified clients (web3.js `SendTransactionError`, kit's error mapping) react to them
 * as they would against a cluster.
 */

/** Standard JSON-RPC 2.0 codes and Solana's own server codes (`RpcCustomError` in Agave). */
export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  SendTransactionPreflightFailure: -32002,
  TransactionSignatureVerificationFailure: -32003,
  BlockNotAvailable: -32004,
  NoSnapshot: -32008,
  UnsupportedTransactionVersion: -32015,
  MinContextSlotNotReached: -32016,
} as const;

/** An error that becomes the `error` member of a JSON-RPC response. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  /** The `{code, message, data?}` object of a JSON-RPC response. */
  toJson(): { code: number; message: string; data?: unknown } {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

/** -32602, as Agave words it: `Invalid params: <detail>` (or the literal message when `raw`). */
export function invalidParams(detail: string, raw = false): RpcError {
  return new RpcError(RpcErrorCode.InvalidParams, raw ? detail : `Invalid params: ${detail}`);
}

/** -32602 for a single bad value, worded like Agave's `Invalid param: <detail>`. */
export function invalidParam(detail: string): RpcError {
  return new RpcError(RpcErrorCode.InvalidParams, `Invalid param: ${detail}`);
}
