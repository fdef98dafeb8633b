/**
 * Finding operations in a document: path operations, webhooks (3.1 `webhooks`, or the
 * `x-webhooks` extension that 3.0 specs such as GitHub's use) and callbacks declared on
 * operations. Each comes with the pointer of its object after following `$ref`s.
 */
import { decodePointer, deref, encodePointer, isObject } from './document.ts';
import type { OperationKind, SpecObject } from './types.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface FoundOperation {
  kind: OperationKind;
  method: string;
  /** Path template, webhook name or callback expression. */
  path: string;
  operation: SpecObject;
  /** The path item holding the operation (for path-level parameters and servers). */
  pathItem: SpecObject;
  pointer: string;
  /** Callbacks: index (in `found`) of the declaring operation, and the callback's name. */
  parentIndex?: number;
  callbackName?: string;
}

/** The path item at `segments`, following a `$ref` (3.1 allows refs on path items). */
function pathItemAt(doc: SpecObject, value: unknown, segments: string[]): { item: SpecObject; segments: string[] } | undefined {
  const resolved = deref(doc, value);
  if (!resolved.value) return undefined;
  if (resolved.pointer) {
    return { item: resolved.value, segments: decodePointer(resolved.pointer, true) ?? segments };
  }
  return { item: resolved.value, segments };
}

function operationsOf(
  doc: SpecObject,
  kind: OperationKind,
  name: string,
  value: unknown,
  segments: string[],
): FoundOperation[] {
  const at = pathItemAt(doc, value, segments);
  if (!at) return [];
  const found: FoundOperation[] = [];
  for (const method of HTTP_METHODS) {
    const op = at.item[method];
    if (!isObject(op)) continue;
    found.push({
      kind,
      method,
      path: name,
      operation: op,
      pathItem: at.item,
      pointer: encodePointer([...at.segments, method]),
    });
  }
  return found;
}

/**
 * Every operation in document order: paths first, then webhooks, then callbacks (so adding
 * a callback never changes the slug of a path operation).
 */
export function findOperations(doc: SpecObject): FoundOperation[] {
  const found: FoundOperation[] = [];
  if (isObject(doc.paths)) {
    for (const [path, item] of Object.entries(doc.paths)) {
      found.push(...operationsOf(doc, 'operation', path, item, ['paths', path]));
    }
  }
  const webhookKey = isObject(doc.webhooks) ? 'webhooks' : isObject(doc['x-webhooks']) ? 'x-webhooks' : undefined;
  if (webhookKey) {
    for (const [name, item] of Object.entries(doc[webhookKey] as SpecObject)) {
      found.push(...operationsOf(doc, 'webhook', name, item, [webhookKey, name]));
    }
  }
  const parents = found.length;
  for (let i = 0; i < parents; i++) {
    const parent = found[i]!;
    const callbacks = parent.operation.callbacks;
    if (!isObject(callbacks)) continue;
    const base = decodePointer(parent.pointer) ?? [];
    for (const [callbackName, value] of Object.entries(callbacks)) {
      const callback = deref(doc, value);
      if (!callback.value) continue;
      const callbackSegments = (callback.pointer && decodePointer(callback.pointer, true)) || [...base, 'callbacks', callbackName];
      for (const [expression, item] of Object.entries(callback.value)) {
        if (expression.startsWith('x-')) continue;
        for (const op of operationsOf(doc, 'callback', expression, item, [...callbackSegments, expression])) {
          found.push({ ...op, parentIndex: i, callbackName });
        }
      }
    }
  }
  return found;
}

export interface ParameterEntry {
  parameter: SpecObject;
  /** The parameter as written (a `$ref` or the object itself), for schema links. */
  source: unknown;
}

/**
 * Path-item parameters merged with the operation's: the operation's win for the same
 * name and location (OpenAPI's rule). Unresolvable refs are dropped.
 */
export function operationParameters(doc: SpecObject, found: Pick<FoundOperation, 'operation' | 'pathItem'>): ParameterEntry[] {
  const merged = new Map<string, ParameterEntry>();
  for (const list of [found.pathItem.parameters, found.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const source of list) {
      const parameter = deref(doc, source).value;
      if (!parameter || typeof parameter.name !== 'string') continue;
      merged.set(`${parameter.in}\u0000${parameter.name}`, { parameter, source });
    }
  }
  return [...merged.values()];
}
