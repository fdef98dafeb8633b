/**
 * Source positions for JSON pointers in JSON text.
 *
 * Big JSON specs (GitHub's is 13 MB) are parsed with `JSON.parse`, which is fast but keeps
 * no positions. Positions are only needed for the few nodes a diagnostic talks about, so this
 * scanner walks the text once per batch of pointers and skips every subtree that no wanted
 * pointer enters — far cheaper than a position-keeping parse of the whole file.
 */
import type { Segments } from './json-pointer.ts';

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Offset of the member's key (object members only). */
  keyOffset?: number;
  /** Offset of the value's first character, once seen. */
  valueOffset?: number;
}

/**
 * For each pointer, the offset of what it names: the key of the last segment for object
 * members, the value itself for array items and the root. A pointer that does not exist
 * gets the offset of its deepest existing ancestor (the key that opens it).
 */
export function locateJsonPointers(text: string, pointers: readonly Segments[]): number[] {
  const root: TrieNode = { children: new Map() };
  for (const segments of pointers) {
    let node = root;
    for (const s of segments) {
      let child = node.children.get(s);
      if (!child) node.children.set(s, (child = { children: new Map() }));
      node = child;
    }
  }
  const scanner = new Scanner(text);
  try {
    scanner.skipWhitespace();
    scanner.value(root);
  } catch {
    // Malformed text: keep whatever was found before the problem.
  }
  return pointers.map((segments) => {
    let node = root;
    let best = root.valueOffset ?? 0;
    for (const s of segments) {
      const child = node.children.get(s);
      if (!child || child.valueOffset === undefined) break;
      node = child;
      best = child.keyOffset ?? child.valueOffset;
    }
    return best;
  });
}

class Scanner {
  private i = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  skipWhitespace(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) this.i++;
      else break;
    }
  }

  /** Reads the value at the cursor, recording offsets for wanted children of `node`. */
  value(node: TrieNode): void {
    node.valueOffset = this.i;
    if (node.children.size === 0) return this.skipValue();
    const c = this.text[this.i];
    if (c === '{') this.object(node);
    else if (c === '[') this.array(node);
    else this.skipValue();
  }

  private object(node: TrieNode): void {
    const t = this.text;
    this.i++; // {
    this.skipWhitespace();
    if (t[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      const keyOffset = this.i;
      const key = this.string();
      this.skipWhitespace();
      if (t[this.i] !== ':') throw new Error('expected :');
      this.i++;
      this.skipWhitespace();
      const child = node.children.get(key);
      if (child) {
        child.keyOffset = keyOffset;
        this.value(child);
      } else {
        this.skipValue();
      }
      this.skipWhitespace();
      if (t[this.i] === ',') this.i++;
      else if (t[this.i] === '}') {
        this.i++;
        return;
      } else throw new Error('expected , or }');
    }
  }

  private array(node: TrieNode): void {
    const t = this.text;
    this.i++; // [
    this.skipWhitespace();
    if (t[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.skipWhitespace();
      const child = node.children.get(String(index));
      if (child) this.value(child);
      else this.skipValue();
      this.skipWhitespace();
      if (t[this.i] === ',') this.i++;
      else if (t[this.i] === ']') {
        this.i++;
        return;
      } else throw new Error('expected , or ]');
    }
  }

  /** Reads a string token and returns its decoded value. */
  private string(): string {
    const t = this.text;
    if (t[this.i] !== '"') throw new Error('expected string');
    const start = this.i;
    this.skipString();
    const raw = t.slice(start, this.i);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private skipString(): void {
    const t = this.text;
    this.i++; // opening quote
    for (;;) {
      const close = t.indexOf('"', this.i);
      if (close < 0) throw new Error('unterminated string');
      // Count the backslashes right before the quote: an odd number escapes it.
      let backslashes = 0;
      for (let j = close - 1; j >= this.i && t[j] === '\\'; j--) backslashes++;
      this.i = close + 1;
      if (backslashes % 2 === 0) return;
    }
  }

  /** Skips one value of any kind without building anything. */
  private skipValue(): void {
    const t = this.text;
    let depth = 0;
    do {
      const c = t[this.i];
      if (c === undefined) throw new Error('unexpected end');
      if (c === '"') this.skipString();
      else {
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        this.i++;
        if (depth === 0 && c !== '}' && c !== ']' && c !== '{' && c !== '[') {
          // A scalar: consume the rest of the token.
          while (this.i < t.length && !/[\s,\]}]/.test(t[this.i])) this.i++;
          return;
        }
      }
    } while (depth > 0);
  }
}

/** 1-based line and column of character offsets, with the line index built once per text. */
export function createLineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/**
 * Offset of the first syntax error in `text` read as strict JSON, or `undefined` when none
 * is found. V8's `JSON.parse` messages carry a position only for some errors ("Unexpected
 * token" shows a snippet instead), so the position is found here, only after a parse failed.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /[\s\ufeff]/.test(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n' || c < ' ') fail();
      if (c === '"') return void i++;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail();
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number) fail();
    i += number![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (offset) {
    return typeof offset === 'number' ? Math.min(offset, text.length) : undefined;
  }
}
