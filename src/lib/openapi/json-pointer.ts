/**
 * JSON pointers (RFC 6901) as used in `$ref` fragments and in diagnostics.
 * Inside this module a pointer is kept as an array of segments; the string form
 * (`/paths/~1flights/get`) is made only when something is reported or written.
 */
import { isObject, type SpecObject } from './object.ts';

export type Segments = readonly string[];

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `['paths', '/flights', 'get']` → `/paths/~1flights/get` (the root is the empty string). */
export function toPointer(segments: Segments): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(s);
  return out;
}

/** `/paths/~1flights/get` → `['paths', '/flights', 'get']`; `undefined` when it is not a pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** The form diagnostics and `$ref`s use: `#/paths/~1flights/get`. */
export function toRefPointer(segments: Segments): string {
  return '#' + toPointer(segments);
}

const MISSING = Symbol('missing');

/** The value at `segments`, or `undefined` when any step does not exist. Does not follow `$ref`s. */
export function getAt(root: unknown, segments: Segments): unknown {
  const found = lookup(root, segments);
  return found === MISSING ? undefined : found;
}

/** Whether `segments` names something in `root` (a present `null` counts). */
export function hasAt(root: unknown, segments: Segments): boolean {
  return lookup(root, segments) !== MISSING;
}

function lookup(root: unknown, segments: Segments): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return MISSING;
      const index = Number(segment);
      if (index >= node.length) return MISSING;
      node = node[index];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return MISSING;
      node = (node as Record<string, unknown>)[segment];
    } else {
      return MISSING;
    }
  }
  return node;
}

/** Whether `prefix` is `segments` or one of its ancestors. */
export function startsWith(segments: Segments, prefix: Segments): boolean {
  if (prefix.length > segments.length) return false;
  for (let i = 0; i < prefix.length; i++) if (segments[i] !== prefix[i]) return false;
  return true;
}

/**
 * `#/paths/~1a/get` → segments; `undefined` when it is not a same-document pointer.
 * `$ref`s are URI fragments and may be percent-encoded (`%7B`); the pointers Atrium itself
 * writes are not. `percent` chooses the reading.
 */
export function parseRefPointer(ref: string, percent = false): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  let body = ref.slice(1);
  if (percent) {
    try {
      body = decodeURIComponent(body);
    } catch {
      // Not percent-encoded after all; read it as written.
    }
  }
  return parsePointer(body);
}

/** The value at a same-document pointer (`#/…`), read literally first and then percent-decoded. */
export function resolvePointer(root: unknown, ref: string): unknown {
  const literal = parseRefPointer(ref);
  if (!literal) return undefined;
  const found = lookup(root, literal);
  if (found !== MISSING || !ref.includes('%')) return found === MISSING ? undefined : found;
  return getAt(root, parseRefPointer(ref, true) ?? []);
}

/** The `$ref` string of a Reference Object, if `value` is one. */
export function refOf(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string'
    ? (value as { $ref: string }).$ref
    : undefined;
}

/**
 * A chain of same-document `$ref`s longer than this is treated as broken. The loader reports
 * real loops and dangling refs; readers only need to stop.
 */
export const MAX_REF_HOPS = 32;

export interface FollowedRef {
  /** The object at the end of the chain, or `undefined` when it ends nowhere, at a non-object, or loops. */
  value: SpecObject | undefined;
  /** Pointer of the last `$ref` followed; absent when `value` was not a reference. */
  pointer?: string;
}

/** Follows `$ref` → `$ref` → … to a plain object (siblings of a `$ref` are the caller's business). */
export function followRef(root: unknown, value: unknown): FollowedRef {
  let node = value;
  let pointer: string | undefined;
  for (let hops = 0; hops <= MAX_REF_HOPS; hops++) {
    const ref = refOf(node);
    if (ref === undefined) return { value: isObject(node) ? node : undefined, pointer };
    pointer = ref;
    node = resolvePointer(root, ref);
  }
  return { value: undefined, pointer };
}
