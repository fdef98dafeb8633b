/**
 * Reading the OpenAPI document: JSON pointers and internal `$ref`s. The loader keeps
 * internal refs (it does not dereference), so every reader of a parameter, response or
 * schema goes through `deref`. Refs that leave the document or point at nothing are
 * reported by the loader; here they simply resolve to `undefined` and render as such.
 */
import type { SpecObject } from './types.ts';

const COMPONENT_SCHEMA = '#/components/schemas/';

export function isObject(value: unknown): value is SpecObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `["paths", "/a/{b}", "get"]` → `#/paths/~1a~1{b}/get` (RFC 6901, not percent-encoded). */
export function encodePointer(segments: readonly string[]): string {
  return '#' + segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Pointer → segments. `$ref`s are URI fragments and may be percent-encoded (`%7B`); the
 * pointers Atrium itself writes are not. `percent` chooses the reading.
 */
export function decodePointer(pointer: string, percent = false): string[] | undefined {
  if (!pointer.startsWith('#')) return undefined;
  let body = pointer.slice(1);
  if (body === '') return [];
  if (!body.startsWith('/')) return undefined;
  if (percent) {
    try {
      body = decodeURIComponent(body);
    } catch {
      /* not percent-encoded after all */
    }
  }
  return body
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function walk(doc: SpecObject, segments: string[]): { found: boolean; value: unknown } {
  let node: unknown = doc;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return { found: false, value: undefined };
  }
  return { found: true, value: node };
}

/** The value at a pointer, read literally first and then percent-decoded. */
export function getAtPointer(doc: SpecObject, pointer: string): unknown {
  const literal = decodePointer(pointer);
  if (!literal) return undefined;
  const first = walk(doc, literal);
  if (first.found || !pointer.includes('%')) return first.value;
  return walk(doc, decodePointer(pointer, true)!).value;
}

export function refOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
}

export interface Resolved<T = SpecObject> {
  /** The target object, or undefined when the chain ends nowhere or loops. */
  value: T | undefined;
  /** Pointer of the target when a `$ref` was followed. */
  pointer?: string;
}

/**
 * Follows a chain of internal `$ref`s (a parameter that refs a parameter that refs…).
 * Bounded, so a ref loop ends instead of spinning.
 */
export function deref(doc: SpecObject, value: unknown): Resolved {
  let node = value;
  let pointer: string | undefined;
  for (let hops = 0; hops < 32; hops++) {
    const ref = refOf(node);
    if (ref === undefined) return { value: isObject(node) ? node : undefined, pointer };
    pointer = ref;
    node = getAtPointer(doc, ref);
  }
  return { value: undefined, pointer };
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
