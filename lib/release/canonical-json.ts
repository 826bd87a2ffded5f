/**
 * Canonical JSON: the exact bytes a deployment manifest signature covers.
 *
 * Rules: object keys sorted by UTF-16 code units (JavaScript's default sort, as RFC 8785 does),
 * no whitespace, strings and numbers as `JSON.stringify` writes them. Only what a manifest holds
 * is accepted: objects, arrays, strings, booleans, null and safe integers. Anything else
 * (undefined, fractions, NaN, bigint, functions) throws instead of being silently dropped or
 * rounded, so two parties can never disagree on what was signed.
 */

/** Thrown for a value canonical JSON does not represent. */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * The canonical JSON text of `value`.
 * @throws CanonicalJsonError naming the path of the first value it cannot represent.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${path}: only safe integers are allowed (got ${value}); write amounts as decimal strings`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${path}: only plain objects are allowed`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      return `{${keys
        .map((key) => {
          if (record[key] === undefined) throw new CanonicalJsonError(`${path}.${key}: undefined is not JSON`);
          return `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`;
        })
        .join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} is not JSON`);
  }
}
