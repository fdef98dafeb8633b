/**
 * Reading the OpenAPI document: JSON pointers and internal `$ref`s. The loader keeps
 * internal refs (it does not dereference), so every reader of a parameter, response or
 * schema goes through `deref`. Refs that leave the document or point at nothing are
 * reported by the loader; here they simply resolve to `undefined` and render as such.
 */
import { followRef, parseRefPointer, refOf, resolvePointer, toRefPointer } from '../openapi/json-pointer.ts';
import { isObject as isJsonObject } from '../openapi/object.ts';
import type { SpecObject } from './types.ts';

// Pointers, `$ref` following and the object test are `src/lib/openapi/`'s; the names below
// are the ones the reference modules read, typed for `SpecObject`.
export { refOf };

const COMPONENT_SCHEMA = '#/components/schemas/';

export const isObject: (value: unknown) => value is SpecObject = isJsonObject;

/** `["paths", "/a/{b}", "get"]` → `#/paths/~1a~1{b}/get` (RFC 6901, not percent-encoded). */
export const encodePointer: (segments: readonly string[]) => string = toRefPointer;

/** Pointer → segments; `percent` also reads percent-encoding (as in `$ref`s). */
export const decodePointer: (pointer: string, percent?: boolean) => string[] | undefined = parseRefPointer;

/** The value at a pointer, read literally first and then percent-decoded. */
export function getAtPointer(doc: SpecObject, pointer: string): unknown {
  return resolvePointer(doc, pointer);
}

export interface Resolved<T = SpecObject> {
  /** The target object, or undefined when the chain ends nowhere or loops. */
  value: T | undefined;
  /** Pointer of the target when a `$ref` was followed. */
  pointer?: string;
}

/** Follows a chain of internal `$ref`s (a parameter that refs a parameter that refs…), bounded. */
export function deref(doc: SpecObject, value: unknown): Resolved {
  return followRef(doc, value);
}

/** `#/components/schemas/Pet` → `Pet`; anything else (deeper pointers too) → undefined. */
export function componentSchemaName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_SCHEMA)) return undefined;
  const rest = ref.slice(COMPONENT_SCHEMA.length);
  const segments = decodePointer('#/' + rest, true);
  return segments && segments.length === 1 ? segments[0] : undefined;
}

export function componentSchemas(doc: SpecObject): SpecObject {
  const schemas = doc.components?.schemas;
  return isObject(schemas) ? schemas : {};
}

/** Non-empty trimmed string, or undefined: specs often carry `description: ""`. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
