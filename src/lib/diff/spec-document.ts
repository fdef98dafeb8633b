/**
 * One side of a comparison: an OpenAPI document with its internal `$ref`s followed on
 * demand, and JSON pointers found for objects when a change needs to say where it is.
 * The spec loader keeps `#/components/...` references, so nothing here reads files.
 */
import { escapeSegment, followRef, resolvePointer } from '../openapi/json-pointer.ts';
import type { JsonObject } from '../openapi/object.ts';
import type { OpenApiDocument } from './types.ts';

export class SpecDocument {
  readonly doc: OpenApiDocument;
  private pointers: WeakMap<object, string> | undefined;

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
  }

  /** The value at an internal reference such as `#/components/schemas/Flight`. */
  lookup(ref: string): unknown {
    return resolvePointer(this.doc, ref);
  }

  /**
   * Follows `$ref` until a plain object. Sibling keys of a `$ref` are dropped here (callers
   * that honour them, like schemas, look at the original object). A reference that leads
   * nowhere gives an empty object: the loader has already reported it.
   */
  resolve(value: unknown): JsonObject {
    return followRef(this.doc, value).value ?? {};
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
        stack.push([entries[i]![1], `${pointer}/${escapeSegment(entries[i]![0])}`]);
      }
    }
  }
  return index;
}
