/**
 * JSON-RPC 2.0 framing shared by the HTTP server and the WebSocket pubsub: parsing, batches,
 * notifications (requests without `id` get no answer) and the standard error objects.
 */
import { RpcError, RpcErrorCode } from '@/scripts/localnet/validator/errors';
import { stringifyJson } from '@/scripts/localnet/validator/json';

type RequestId = string | number | null;
type Response = { jsonrpc: '2.0'; id: RequestId; result?: unknown; error?: unknown };

/** Runs a method; may throw RpcError (other errors become -32603). */
export type MethodCaller = (method: string, params: unknown) => unknown;

/** Hears about unexpected (non-RpcError) failures, for logging. */
export type InternalErrorListener = (method: string, error: unknown) => void;

function errorResponse(id: RequestId, error: RpcError): Response {
  return { jsonrpc: '2.0', error: error.toJson(), id };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function handleOne(request: unknown, call: MethodCaller, onInternalError: InternalErrorListener): Response | null {
  if (!isRecord(request)) return errorResponse(null, new RpcError(RpcErrorCode.InvalidRequest, 'Invalid request'));
  const { id, method, params, jsonrpc } = request;
  const validId = id === undefined || id === null || typeof id === 'string' || typeof id === 'number';
  if (jsonrpc !== '2.0' || typeof method !== 'string' || !validId || (params !== undefined && typeof params !== 'object')) {
    return errorResponse(validId && id !== undefined ? id : null, new RpcError(RpcErrorCode.InvalidRequest, 'Invalid request'));
  }
  const isNotification = id === undefined;
  try {
    const result = call(method, params);
    return isNotification ? null : { jsonrpc: '2.0', result, id };
  } catch (error) {
    if (isNotification) return null;
    if (error instanceof RpcError) return errorResponse(id, error);
    onInternalError(method, error);
    // The cause travels in `data`, so a quiet server still tells the client what broke.
    return errorResponse(id, new RpcError(RpcErrorCode.InternalError, 'Internal error', error instanceof Error ? error.message : String(error)));
  }
}

/**
 * Answers a request body (a single request or a batch).
 * @returns the response text, or null when nothing is to be sent (notifications only).
 */
export function handleJsonRpcText(text: string, call: MethodCaller, onInternalError: InternalErrorListener): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return stringifyJson(errorResponse(null, new RpcError(RpcErrorCode.ParseError, 'Parse error')));
  }
  if (Array.isArray(body)) {
    if (body.length === 0) return stringifyJson(errorResponse(null, new RpcError(RpcErrorCode.InvalidRequest, 'Invalid request')));
    const responses = body.map((request) => handleOne(request, call, onInternalError)).filter((response): response is Response => response !== null);
    return responses.length === 0 ? null : stringifyJson(responses);
  }
  const response = handleOne(body, call, onInternalError);
  return response === null ? null : stringifyJson(response);
}
