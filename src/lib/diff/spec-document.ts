/**
 * One side of a comparison: an OpenAPI document with its internal `$ref`s followed on
 * demand, and JSON pointers found for objects when a change needs to say where it is.
 * The spec loader keeps `#/components/...` references, so nothing here reads files.
 */
import type { OpenApiDocument } from './types.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/flights/{id}` → `~1flights~1{id}` (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointerToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // Not percent-encoded after all; use it as written.
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A chain of `$ref`s longer than this is treated as broken (the loader reports real loops). */
const MAX_REF_HOPS = 64;

export class SpecDocument {
  readonly doc: OpenApiDocument;
  private pointers: WeakMap<object, string> | undefined;

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
  }

  /** The value at an internal reference such as `#/components/schemas/Flight`. */
  lookup(ref: string): unknown {
    if (!ref.startsWith('#')) return undefined;
    const body = ref.slice(1);
    if (body === '' || body === '/') return body === '' ? this.doc : undefined;
    let current: unknown = this.doc;
    for (const token of body.slice(1).split('/')) {
      const key = unescapePointerToken(token);
      if (Array.isArray(current)) current = current[Number(key)];
      else if (isObject(current)) current = Object.hasOwn(current, key) ? current[key] : undefined;
      else return undefined;
    }
    return current;
  }

  /**
   * Follows `$ref` until a plain object. Sibling keys of a `$ref` are dropped here (callers
   * that honour them, like schemas, look at the original object). A reference that leads
   * nowhere gives an empty object: the loader has already reported it.
   */
  resolve(value: unknown): JsonObject {
    let current = value;
    for (let hops = 0; hops < MAX_REF_HOPS && isObject(current) && typeof current.$ref === 'string'; hops++) {
      current = this.lookup(current.$ref);
    }
    return isObject(current) && typeof current.$ref !== 'string' ? current : {};
  }

  /** Where an object sits in the document (first occurrence), for `Change.pointer`. */
  pointerOf(target: object): string | undefined {
    if (!this.pointers) this.pointers = indexPointers(this.doc);
    return this.pointers.get(target);
  }
}

function indexPointers(doc: OpenApiDocument): WeakMap<object, string> {
  const index = new WeakMap<object, string>();
  const stack: [unknown, string][] = [[doc, '#']];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (typeof value !== 'object' || value === null || index.has(value)) continue;
    index.set(value, pointer);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${pointer}/${i}`]);
    } else {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push([entries[i]![1], `${pointer}/${escapePointerToken(entries[i]![0])}`]);
      }
    }
  }
  return index;
}
