/**
 * A content hash of a value: two values with the same data give the same hash however they
 * were built. V8's structured serialisation (what this replaced) also writes how V8 happens to
 * store a value (one- or two-byte strings, small integers or doubles, dense or holey arrays),
 * so copying an object by spreading it could change a page's hash without changing the page.
 *
 * The encoding is a tagged, length-prefixed walk: strings, numbers (by their shortest decimal
 * form, -0 apart), booleans, null, undefined, bigints, arrays, Maps and Sets (in order), dates,
 * byte arrays, and every other object by its own enumerable keys in order. Key order counts:
 * a page lists properties in the order it finds them. A cycle is written as a reference to the
 * enclosing value it returns to. A function or symbol throws: what a page reads must be data.
 */
import { createHash, type Hash } from 'node:crypto';

const FLUSH_AT = 1 << 16;

/**
 * Content hashes kept with values read back from a cache (./resolve/resolve-cache.ts stores an
 * entry's hash beside it), so a large value (every environment's gateway facts) is not walked
 * again on every build. The same hash `hashValue` gives; only for values nobody changes afterwards.
 */
const knownHashes = new WeakMap<object, string>();

export function rememberHash<T extends object>(value: T, hash: string): T {
  knownHashes.set(value, hash);
  return value;
}

/** `hashValue(value)`, from what `rememberHash` kept when it can. */
export function hashOfKept(value: object): string {
  return knownHashes.get(value) ?? hashValue(value);
}

export function hashValue(value: unknown): string {
  const hash = createHash('sha256');
  const writer = new Writer(hash);
  writer.value(value);
  writer.flush();
  return hash.digest('base64url');
}

class Writer {
  private buffer = '';
  /** The objects being written, outermost first: a value met again among them is a cycle. */
  private readonly path: object[] = [];
  private readonly hash: Hash;

  constructor(hash: Hash) {
    this.hash = hash;
  }

  flush(): void {
    if (this.buffer) this.hash.update(this.buffer);
    this.buffer = '';
  }

  private write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > FLUSH_AT) this.flush();
  }

  private string(text: string): void {
    // UTF-8 turns every lone surrogate into U+FFFD: such a string is written escaped instead, so two never meet.
    if (text.isWellFormed()) this.write(`s${text.length}:${text}`);
    else this.write(`S${JSON.stringify(text)}`);
  }

  value(value: unknown): void {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return this.write(Object.is(value, -0) ? 'n-0;' : `n${value};`);
      case 'boolean':
        return this.write(value ? 't' : 'f');
      case 'undefined':
        return this.write('u');
      case 'bigint':
        return this.write(`b${value};`);
      case 'object':
        return value === null ? this.write('z') : this.object(value);
      default:
        throw new TypeError(`hashValue: a ${typeof value} is not data`);
    }
  }

  private object(value: object): void {
    const cycle = this.path.indexOf(value);
    if (cycle >= 0) return this.write(`c${cycle};`);
    this.path.push(value);
    if (Array.isArray(value)) {
      this.write(`a${value.length}:`);
      for (let i = 0; i < value.length; i++) this.value(value[i]);
    } else if (value instanceof Map) {
      this.write(`m${value.size}:`);
      for (const [k, v] of value) {
        this.value(k);
        this.value(v);
      }
    } else if (value instanceof Set) {
      this.write(`e${value.size}:`);
      for (const v of value) this.value(v);
    } else if (value instanceof Date) {
      this.write(`d${value.getTime()};`);
    } else if (ArrayBuffer.isView(value)) {
      this.write(`x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')};`);
    } else if (value instanceof RegExp) {
      this.write('r');
      this.string(value.toString());
    } else {
      const keys = Object.keys(value);
      this.write(`o${keys.length}:`);
      for (const key of keys) {
        this.string(key);
        this.value((value as Record<string, unknown>)[key]);
      }
    }
    this.path.pop();
  }
}
