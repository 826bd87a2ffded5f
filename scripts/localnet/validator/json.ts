/**
 * JSON text with `bigint` support. Lamports and token amounts are u64 on chain and can exceed 2^53
 * (the faucet alone holds 5·10^17 lamports), so they are kept as `bigint` and written as exact
 * integer literals, the way the Rust RPC writes them.
 */

// A NUL-prefixed marker cannot come from a JSON-RPC client's own text in practice.
const BIGINT_MARK = '\u0000bigint:';
const BIGINT_LITERAL = /"\\u0000bigint:(-?\d+)"/g;

/** `JSON.stringify`, writing every `bigint` as a bare integer literal. */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${BIGINT_MARK}${v.toString()}` : v));
  return text.replace(BIGINT_LITERAL, '$1');
}
