/**
 * Every operation of an OpenAPI 3.x document: path operations, webhooks (3.1 `webhooks`, or
 * the `x-webhooks` extension that 3.0 specs such as GitHub's use) and the callbacks declared
 * on those operations. A path item's operations are its fixed method fields (3.2 adds
 * `query`) and then 3.2's `additionalOperations` (`COPY`, `LINK`, …: any other method). One enumerator, so the reference and the diff see the same operations.
 * Each comes with the pointer of its object after following `$ref`s (3.1 allows refs on path
 * items, and callbacks are often `#/components/callbacks/…`).
 */
import { followRef, parseRefPointer, toRefPointer } from './json-pointer.ts';
import { PATH_ITEM_METHODS, isObject, type JsonObject } from './object.ts';

export type OperationKind = 'operation' | 'webhook' | 'callback';

export interface FoundOperation {
  kind: OperationKind;
  method: string;
  /** Path template, webhook name or callback expression. */
  path: string;
  operation: JsonObject;
  /** The path item holding the operation (for path-level parameters and servers). */
  pathItem: JsonObject;
  pointer: string;
  /** Callbacks: index (in the returned list) of the declaring operation, and the callback's name. */
  parentIndex?: number;
  callbackName?: string;
}

/** The path item `value` at `segments`, following a `$ref`; segments of the target when one was followed. */
function pathItemAt(doc: JsonObject, value: unknown, segments: string[]): { item: JsonObject; segments: string[] } | undefined {
  const resolved = followRef(doc, value);
  if (!resolved.value) return undefined;
  const target = resolved.pointer ? parseRefPointer(resolved.pointer, true) : undefined;
  return { item: resolved.value, segments: target ?? segments };
}

/** The operations of one path item, in Path Item field order, then `additionalOperations` in document order. */
export function pathItemOperations(
  doc: JsonObject,
  kind: OperationKind,
  name: string,
  value: unknown,
  segments: string[],
): FoundOperation[] {
  const at = pathItemAt(doc, value, segments);
  if (!at) return [];
  const found: FoundOperation[] = [];
  for (const method of PATH_ITEM_METHODS) {
    const operation = at.item[method];
    if (!isObject(operation)) continue;
    found.push({ kind, method, path: name, operation, pathItem: at.item, pointer: toRefPointer([...at.segments, method]) });
  }
  const additional = at.item.additionalOperations;
  if (isObject(additional)) {
    for (const [written, value] of Object.entries(additional)) {
      const method = written.toLowerCase();
      // 3.2 forbids the fixed methods here; a document that repeats one keeps the fixed field's.
      if ((PATH_ITEM_METHODS as readonly string[]).includes(method) || found.some((op) => op.method === method)) continue;
      const operation = followRef(doc, value).value;
      if (!operation) continue;
      found.push({ kind, method, path: name, operation, pathItem: at.item, pointer: toRefPointer([...at.segments, 'additionalOperations', written]) });
    }
  }
  return found;
}

/**
 * The pointer of the path item holding the operation at `operationPointer`: its parent, or
 * for a 3.2 `additionalOperations` entry its grandparent.
 */
export function pathItemPointer(operationPointer: string): string {
  const parent = operationPointer.slice(0, operationPointer.lastIndexOf('/'));
  return parent.endsWith('/additionalOperations') ? parent.slice(0, parent.lastIndexOf('/')) : parent;
}

/** Where a document keeps its webhooks: 3.1 `webhooks`, else 3.0's `x-webhooks` extension. */
export function webhooksKey(doc: JsonObject): 'webhooks' | 'x-webhooks' | undefined {
  return isObject(doc.webhooks) ? 'webhooks' : isObject(doc['x-webhooks']) ? 'x-webhooks' : undefined;
}

/** The callback operations an operation declares, each with the callback's name. */
export function callbackOperations(doc: JsonObject, parent: Pick<FoundOperation, 'operation' | 'pointer'>): FoundOperation[] {
  const callbacks = parent.operation.callbacks;
  if (!isObject(callbacks)) return [];
  const base = parseRefPointer(parent.pointer) ?? [];
  const found: FoundOperation[] = [];
  for (const [callbackName, value] of Object.entries(callbacks)) {
    const callback = followRef(doc, value);
    if (!callback.value) continue;
    const segments = (callback.pointer && parseRefPointer(callback.pointer, true)) || [...base, 'callbacks', callbackName];
    for (const [expression, item] of Object.entries(callback.value)) {
      if (expression.startsWith('x-')) continue;
      for (const op of pathItemOperations(doc, 'callback', expression, item, [...segments, expression])) {
        found.push({ ...op, callbackName });
      }
    }
  }
  return found;
}

/**
 * Every operation in document order: paths first, then webhooks, then callbacks (so adding
 * a callback never changes the slug of a path operation).
 */
export function findOperations(doc: JsonObject): FoundOperation[] {
  const found: FoundOperation[] = [];
  if (isObject(doc.paths)) {
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.startsWith('x-')) continue;
      found.push(...pathItemOperations(doc, 'operation', path, item, ['paths', path]));
    }
  }
  const hooks = webhooksKey(doc);
  if (hooks) {
    for (const [name, item] of Object.entries(doc[hooks] as JsonObject)) {
      if (name.startsWith('x-')) continue;
      found.push(...pathItemOperations(doc, 'webhook', name, item, [hooks, name]));
    }
  }
  const parents = found.length;
  for (let i = 0; i < parents; i++) {
    for (const op of callbackOperations(doc, found[i]!)) found.push({ ...op, parentIndex: i });
  }
  return found;
}
