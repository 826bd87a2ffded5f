/**
 * Just enough of the HTML tokenizer (WHATWG "13.2.5 Tokenization") to list every element a page
 * starts, with its attributes, and the text of raw-text elements (script, style…), the way a
 * browser would split them. No regular expression over the whole document: a server trying to
 * hide a script from the verifier would aim exactly at the places where a naive regex and a
 * browser disagree (comments, quoting, case, `/` between attributes, script escapes).
 *
 * Where this tokenizer still differs from a browser (foreign content, `<noscript>`, character
 * references in attribute values other than `&amp;`), it errs towards seeing *more* elements,
 * so the verifier fails rather than passes.
 */

export type HtmlElement = {
  /** Lower-case tag name. */
  name: string;
  /** Lower-case attribute names; the first occurrence wins, as in browsers. */
  attributes: Map<string, string>;
  /** Raw text of script/style/textarea/title… (undefined for other elements). */
  text?: string;
  /** Offset of the `<` in the document. */
  offset: number;
};

/** Elements whose content is raw text up to their end tag (scripting enabled, as in a browser). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
const WHITESPACE = /[\t\n\f\r ]/;

/** Every start tag in document order. Never throws. */
export function parseHtml(html: string): HtmlElement[] {
  const elements: HtmlElement[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    i = lt;
    if (html.startsWith('<!--', i)) {
      // A comment ends at `-->`; `<!-->` and `<!--->` are (empty) comments too.
      const abrupt = html.startsWith('<!-->', i) ? 5 : html.startsWith('<!--->', i) ? 6 : 0;
      if (abrupt) {
        i += abrupt;
        continue;
      }
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    const next = html[i + 1] ?? '';
    if (next === '!' || next === '?' || (next === '/' && !/[A-Za-z]/.test(html[i + 2] ?? ''))) {
      // Doctype, bogus comment, or `</` + non-letter (a bogus comment too): up to the next `>`.
      const end = html.indexOf('>', i + 1);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (next === '/') {
      const end = html.indexOf('>', i + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(next)) {
      i += 1;
      continue;
    }
    const tag = readStartTag(html, i);
    elements.push(tag.element);
    i = tag.end;
    const name = tag.element.name;
    if (RAW_TEXT.has(name) && !tag.selfClosingIgnored) {
      if (name === 'plaintext') {
        tag.element.text = html.slice(i);
        break;
      }
      const end = name === 'script' ? scriptEnd(html, i) : rawTextEnd(html, i, name);
      tag.element.text = html.slice(i, end);
      i = end;
    }
  }
  return elements;
}

function readStartTag(html: string, start: number): { element: HtmlElement; end: number; selfClosingIgnored: boolean } {
  const n = html.length;
  let i = start + 1;
  let name = '';
  while (i < n && !WHITESPACE.test(html[i] as string) && html[i] !== '/' && html[i] !== '>') {
    name += html[i];
    i += 1;
  }
  const attributes = new Map<string, string>();
  for (;;) {
    while (i < n && (WHITESPACE.test(html[i] as string) || html[i] === '/')) i += 1;
    if (i >= n) break;
    if (html[i] === '>') {
      i += 1;
      break;
    }
    // Attribute name: up to whitespace, `/`, `>` or `=` (a leading `=` belongs to the name).
    let attr = html[i] as string;
    i += 1;
    while (i < n && !WHITESPACE.test(html[i] as string) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') {
      attr += html[i];
      i += 1;
    }
    while (i < n && WHITESPACE.test(html[i] as string)) i += 1;
    let value = '';
    if (html[i] === '=') {
      i += 1;
      while (i < n && WHITESPACE.test(html[i] as string)) i += 1;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        value = html.slice(i + 1, close === -1 ? n : close);
        i = close === -1 ? n : close + 1;
      } else {
        const startValue = i;
        while (i < n && !WHITESPACE.test(html[i] as string) && html[i] !== '>') i += 1;
        value = html.slice(startValue, i);
      }
    }
    const key = attr.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, decodeAmp(value));
  }
  // `<script/>` is not self-closing in HTML: its content still runs to `</script>`.
  return { element: { name: name.toLowerCase(), attributes, offset: start }, end: i, selfClosingIgnored: false };
}

/** Attribute values: `&amp;` is the only reference Next emits in URLs; others are left as they are. */
function decodeAmp(value: string): string {
  return value.replace(/&amp;/gi, '&');
}

function isEndTag(html: string, i: number, name: string): boolean {
  if (html[i] !== '<' || html[i + 1] !== '/') return false;
  if (html.slice(i + 2, i + 2 + name.length).toLowerCase() !== name) return false;
  const after = html[i + 2 + name.length];
  return after === undefined || after === '/' || after === '>' || WHITESPACE.test(after);
}

function rawTextEnd(html: string, from: number, name: string): number {
  for (let i = html.indexOf('<', from); i !== -1; i = html.indexOf('<', i + 1)) if (isEndTag(html, i, name)) return i;
  return html.length;
}

function isScriptStart(html: string, i: number): boolean {
  if (html[i] !== '<' || html.slice(i + 1, i + 7).toLowerCase() !== 'script') return false;
  const after = html[i + 7];
  return after === undefined || after === '/' || after === '>' || WHITESPACE.test(after);
}

/**
 * Where a script's text ends, with the "script data escaped" and "double escaped" states: inside
 * `<!--`, a `<script` makes the next `</script>` not end the element, which a naive search for
 * `</script>` gets wrong.
 */
export function scriptEnd(html: string, from: number): number {
  let state: 'data' | 'escaped' | 'double' = 'data';
  let dashes = 0;
  for (let i = from; i < html.length; i += 1) {
    const c = html[i];
    if (state === 'data') {
      if (html.startsWith('<!--', i)) {
        state = 'escaped';
        dashes = 2;
        i += 3;
        continue;
      }
      if (isEndTag(html, i, 'script')) return i;
      continue;
    }
    if (c === '-') {
      dashes += 1;
      continue;
    }
    if (c === '>' && dashes >= 2) {
      state = 'data';
      dashes = 0;
      continue;
    }
    dashes = 0;
    if (state === 'escaped') {
      if (isEndTag(html, i, 'script')) return i;
      if (isScriptStart(html, i)) {
        state = 'double';
        i += 6;
      }
    } else if (isEndTag(html, i, 'script')) {
      state = 'escaped';
      i += 7;
    }
  }
  return html.length;
}
