/**
 * Reads, without running it, what a webpack runtime (`/_next/static/chunks/webpack-*.js`) will
 * load later: the chunk id → file name function (`__webpack_require__.u`, and `.miniCssF` for
 * CSS) and the integrity map build/sri-plugin.ts writes (`__webpack_require__.sriHashes`).
 *
 * webpack prints the file name function in a few shapes, minified or not, for example
 *   r.u=e=>"static/chunks/"+(956===e?"3a91511d":e)+"."+({256:"7c3c…",688:"718d…"})[e]+".js"
 *   r.u=function(e){return"static/chunks/"+(({12:"abc",34:"def"})[e]||e)+"."+{12:"…",34:"…"}[e]+".js"}
 * So this is a small parser and evaluator for exactly that expression language (string and
 * number literals, object literals, `[key]` lookups, `+`, `||`, `===`/`==`, `?:`, parentheses),
 * evaluated for each chunk id it mentions. Anything else is refused with a clear error rather
 * than guessed at: a verifier that silently misses the lazy chunks would pass a tampered site.
 */

export class RuntimeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeParseError';
  }
}

type Token = { kind: 'str' | 'num' | 'id' | 'punct'; value: string; end: number };

const PUNCT = ['===', '!==', '==', '!=', '||', '=>', '+', '(', ')', '[', ']', '{', '}', ':', ',', '?', ';'];

/** Reads one token at `i` (skipping whitespace and comments), or null at the end of input. */
function readToken(src: string, start: number): Token | null {
  let i = start;
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i += 1;
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? src.length : end + 2;
      continue;
    }
    if (src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      i = end === -1 ? src.length : end + 1;
      continue;
    }
    break;
  }
  if (i >= src.length) return null;
  const c = src[i] as string;
  if (c === '"' || c === "'") {
    let value = '';
    let j = i + 1;
    while (j < src.length && src[j] !== c) {
      if (src[j] === '\\') {
        const e = src[j + 1] ?? '';
        if (e === 'u') {
          value += String.fromCharCode(Number.parseInt(src.slice(j + 2, j + 6), 16));
          j += 6;
          continue;
        }
        value += ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
        j += 2;
        continue;
      }
      value += src[j];
      j += 1;
    }
    if (j >= src.length) throw new RuntimeParseError('unterminated string literal');
    return { kind: 'str', value, end: j + 1 };
  }
  const num = /^\d+/.exec(src.slice(i, i + 32));
  if (num) return { kind: 'num', value: num[0], end: i + num[0].length };
  const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 128));
  if (id) return { kind: 'id', value: id[0], end: i + id[0].length };
  for (const p of PUNCT) if (src.startsWith(p, i)) return { kind: 'punct', value: p, end: i + p.length };
  throw new RuntimeParseError(`unexpected character "${c}" at ${i}`);
}

type Node =
  | { type: 'lit'; value: string | number }
  | { type: 'param' }
  | { type: 'obj'; entries: Map<string, Node> }
  | { type: 'index'; target: Node; key: Node }
  | { type: 'bin'; op: '+' | '||' | '===' | '!=='; left: Node; right: Node }
  | { type: 'cond'; test: Node; then: Node; else: Node };

class Parser {
  private pos: number;
  private token: Token | null;

  constructor(
    private readonly src: string,
    start: number,
    private readonly param: string,
  ) {
    this.pos = start;
    this.token = readToken(src, start);
  }

  get offset(): number {
    return this.pos;
  }

  private advance(): Token {
    const token = this.token ?? this.fail('unexpected end of input');
    this.pos = token.end;
    this.token = readToken(this.src, this.pos);
    return token;
  }

  private is(value: string): boolean {
    return this.token?.kind === 'punct' && this.token.value === value;
  }

  private expect(value: string): void {
    if (!this.is(value)) this.fail(`expected "${value}"`);
    this.advance();
  }

  fail(message: string): never {
    throw new RuntimeParseError(`${message} at offset ${this.pos} (near "${this.src.slice(this.pos, this.pos + 40)}")`);
  }

  peek(value: string): boolean {
    return this.is(value);
  }

  expression(): Node {
    const test = this.or();
    if (!this.is('?')) return test;
    this.advance();
    const then = this.expression();
    this.expect(':');
    return { type: 'cond', test, then, else: this.expression() };
  }

  private or(): Node {
    let left = this.equality();
    while (this.is('||')) {
      this.advance();
      left = { type: 'bin', op: '||', left, right: this.equality() };
    }
    return left;
  }

  private equality(): Node {
    const left = this.additive();
    if (this.is('===') || this.is('==') || this.is('!==') || this.is('!=')) {
      const op = this.advance().value.startsWith('!') ? '!==' : '===';
      return { type: 'bin', op, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Node {
    let left = this.postfix();
    while (this.is('+')) {
      this.advance();
      left = { type: 'bin', op: '+', left, right: this.postfix() };
    }
    return left;
  }

  private postfix(): Node {
    let node = this.primary();
    while (this.is('[')) {
      this.advance();
      const key = this.expression();
      this.expect(']');
      node = { type: 'index', target: node, key };
    }
    return node;
  }

  private primary(): Node {
    const token = this.token ?? this.fail('unexpected end of input');
    if (token.kind === 'str') {
      this.advance();
      return { type: 'lit', value: token.value };
    }
    if (token.kind === 'num') {
      this.advance();
      return { type: 'lit', value: Number(token.value) };
    }
    if (token.kind === 'id') {
      if (token.value !== this.param) this.fail(`unknown identifier "${token.value}" (only the chunk id "${this.param}" is expected)`);
      this.advance();
      return { type: 'param' };
    }
    if (this.is('(')) {
      this.advance();
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (this.is('{')) return this.object();
    return this.fail(`unexpected "${token.value}"`);
  }

  private object(): Node {
    this.expect('{');
    const entries = new Map<string, Node>();
    while (!this.is('}')) {
      const key = this.token ?? this.fail('unexpected end of input');
      if (key.kind === 'punct') this.fail('expected an object key');
      this.advance();
      this.expect(':');
      entries.set(key.value, this.expression());
      if (this.is(',')) this.advance();
      else if (!this.is('}')) this.fail('expected "," or "}"');
    }
    this.advance();
    return { type: 'obj', entries };
  }
}

type Value = string | number | boolean | undefined | Map<string, Node>;

function evaluate(node: Node, chunkId: string | number): Value {
  switch (node.type) {
    case 'lit':
      return node.value;
    case 'param':
      return chunkId;
    case 'obj':
      return node.entries;
    case 'index': {
      const target = evaluate(node.target, chunkId);
      const key = evaluate(node.key, chunkId);
      if (!(target instanceof Map)) return undefined;
      const entry = target.get(String(key));
      return entry === undefined ? undefined : evaluate(entry, chunkId);
    }
    case 'cond':
      return evaluate(node.test, chunkId) ? evaluate(node.then, chunkId) : evaluate(node.else, chunkId);
    case 'bin': {
      const left = evaluate(node.left, chunkId);
      if (node.op === '||') return left || evaluate(node.right, chunkId);
      const right = evaluate(node.right, chunkId);
      if (node.op === '===') return left === right;
      if (node.op === '!==') return left !== right;
      if (left instanceof Map || right instanceof Map) return undefined;
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      return `${String(left)}${String(right)}`;
    }
  }
}

/** Every literal in the expression that could be a chunk id (object keys and compared values). */
function candidateIds(node: Node, out: Set<string>): void {
  switch (node.type) {
    case 'obj':
      for (const [key, value] of node.entries) {
        out.add(key);
        candidateIds(value, out);
      }
      return;
    case 'index':
      candidateIds(node.target, out);
      candidateIds(node.key, out);
      return;
    case 'cond':
      candidateIds(node.test, out);
      candidateIds(node.then, out);
      candidateIds(node.else, out);
      return;
    case 'bin':
      if (node.op === '===' || node.op === '!==') {
        for (const side of [node.left, node.right]) if (side.type === 'lit') out.add(String(side.value));
      }
      candidateIds(node.left, out);
      candidateIds(node.right, out);
      return;
    default:
      return;
  }
}

/** One chunk file name function found in a runtime. */
type FilenameFunction = { member: 'u' | 'miniCssF'; node: Node };

/** Whitespace and comments between `{` and `return` (unminified runtimes comment there). */
const GAP = String.raw`(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*`;
const FUNCTION_START = new RegExp(
  String.raw`\.(u|miniCssF)\s*=\s*(?:function\s*\(\s*([A-Za-z_$][\w$]*)\s*\)\s*\{${GAP}return\b|\(?\s*([A-Za-z_$][\w$]*)\s*\)?\s*=>(?:\s*\{${GAP}return\b)?)`,
  'g',
);

function findFilenameFunctions(src: string): FilenameFunction[] {
  const found: FilenameFunction[] = [];
  for (const match of src.matchAll(FUNCTION_START)) {
    const member = match[1] as 'u' | 'miniCssF';
    const param = (match[2] ?? match[3]) as string;
    const start = (match.index ?? 0) + match[0].length;
    // `.miniCssF=e=>{}` (no CSS chunks): an arrow to a block, nothing to read.
    if (!match[2] && /^\s*\{\s*\}/.test(src.slice(start, start + 20))) continue;
    const parser = new Parser(src, start, param);
    const node = parser.expression();
    if (!(parser.peek(',') || parser.peek(';') || parser.peek('}') || parser.peek(')'))) parser.fail(`the .${member} expression does not end where expected`);
    found.push({ member, node });
  }
  return found;
}

/** Parses the `sriHashes` object literal (chunk id → `sha384-…`), or null when the runtime has none. */
function findSriHashes(src: string): Map<string, string> | null {
  const match = /\.sriHashes\s*=\s*(?=\{)/.exec(src);
  if (!match) return null;
  const parser = new Parser(src, match.index + match[0].length, '\0');
  const node = parser.expression();
  if (node.type !== 'obj') throw new RuntimeParseError('sriHashes is not an object literal');
  const map = new Map<string, string>();
  for (const [key, value] of node.entries) {
    if (value.type !== 'lit' || typeof value.value !== 'string') throw new RuntimeParseError(`sriHashes["${key}"] is not a string literal`);
    map.set(key, value.value);
  }
  return map;
}

export type RuntimeChunkMap = {
  /** chunk id → file path relative to `/_next/` (e.g. `static/chunks/688.718d….js`). */
  scripts: Map<string, string>;
  /** chunk id → CSS file path relative to `/_next/`. */
  styles: Map<string, string>;
  /** chunk id → integrity (`sha384-…`), from build/sri-plugin.ts; null when absent. */
  sriHashes: Map<string, string> | null;
};

/**
 * Reads the chunk maps of a webpack runtime.
 *
 * @throws RuntimeParseError when the runtime has no `.u` chunk file name function, or a shape
 *   this parser does not know (a new Next/webpack version: update the parser and its tests).
 */
export function parseWebpackRuntime(src: string): RuntimeChunkMap {
  const functions = findFilenameFunctions(src);
  if (!functions.some((f) => f.member === 'u')) throw new RuntimeParseError('no chunk file name function (__webpack_require__.u) found in the runtime');
  const sriHashes = findSriHashes(src);
  const scripts = new Map<string, string>();
  const styles = new Map<string, string>();
  for (const { member, node } of functions) {
    const ids = new Set<string>(sriHashes?.keys() ?? []);
    candidateIds(node, ids);
    for (const id of ids) {
      const chunkId = /^\d+$/.test(id) ? Number(id) : id;
      const value = evaluate(node, chunkId);
      if (typeof value !== 'string' || value.includes('undefined')) continue;
      if (!/^static\/[\w\-./[\]@%~]+\.(js|css)$/.test(value)) throw new RuntimeParseError(`chunk ${id} maps to "${value.slice(0, 120)}", not a static file`);
      (member === 'u' ? scripts : styles).set(id, value);
    }
  }
  return { scripts, styles, sriHashes };
}
