/**
 * The operations of a document, keyed so that the same operation matches across versions:
 * method plus path with path-parameter names erased (`get /a/{}` for `/a/{id}` and `/a/{name}`),
 * or method plus webhook name. Path-item parameters are merged into each operation, as
 * OpenAPI says. The operations themselves come from the enumerator the reference uses, so
 * the diff sees the webhooks and callbacks the reference shows.
 */
import { HTTP_METHODS, type JsonObject } from '../openapi/object.ts';
import { callbackOperations, findOperations, type FoundOperation } from '../openapi/operations.ts';
import type { SpecDocument } from './spec-document.ts';

/** Header parameters that OpenAPI 3 says to ignore (they are described elsewhere). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export interface ParameterEntry {
  /** `path#0` for the first path parameter (matched by position), else `query:limit` etc. */
  key: string;
  name: string;
  in: string;
  /** The resolved Parameter Object. */
  parameter: JsonObject;
  pointer: string;
}

export interface OperationEntry {
  key: string;
  method: string;
  /** As the document writes it; for a webhook its name, for a callback its expression. */
  path: string;
  /** Set for webhooks: the webhook's name. */
  webhook?: string;
  operation: JsonObject;
  parameters: ParameterEntry[];
  pointer: string;
}

/** A callback operation of an operation, keyed by callback name, method and expression. */
export interface CallbackEntry extends OperationEntry {
  callbackName: string;
}

/** `/a/{id}/b/{name}` → `/a/{}/b/{}`. */
export function normalizePathTemplate(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

export function operationKey(method: string, path: string): string {
  return `${method.toLowerCase()} ${normalizePathTemplate(path)}`;
}

function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

function parameterKey(parameter: JsonObject, pathNames: string[]): string | undefined {
  const name = typeof parameter.name === 'string' ? parameter.name : undefined;
  const location = typeof parameter.in === 'string' ? parameter.in : undefined;
  if (!name || !location) return undefined;
  if (location === 'path') {
    const position = pathNames.indexOf(name);
    return position >= 0 ? `path#${position}` : `path:${name}`;
  }
  if (location === 'header') {
    const lower = name.toLowerCase();
    return IGNORED_HEADERS.has(lower) ? undefined : `header:${lower}`;
  }
  return `${location}:${name}`;
}

function collectParameters(
  spec: SpecDocument,
  list: unknown,
  pointer: string,
  pathNames: string[],
  into: Map<string, ParameterEntry>,
): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    const parameter = spec.resolve(item);
    const key = parameterKey(parameter, pathNames);
    if (!key) return;
    into.set(key, {
      key,
      name: parameter.name as string,
      in: parameter.in as string,
      parameter,
      pointer: `${pointer}/parameters/${i}`,
    });
  });
}

function entryOf(spec: SpecDocument, found: FoundOperation, key: string): OperationEntry {
  const pathNames = found.kind === 'operation' ? pathParameterNames(found.path) : [];
  const itemPointer = found.pointer.slice(0, found.pointer.lastIndexOf('/'));
  const parameters = new Map<string, ParameterEntry>();
  collectParameters(spec, found.pathItem.parameters, itemPointer, pathNames, parameters);
  collectParameters(spec, found.operation.parameters, found.pointer, pathNames, parameters);
  const entry: OperationEntry = {
    key,
    method: found.method,
    path: found.path,
    operation: found.operation,
    parameters: [...parameters.values()],
    pointer: found.pointer,
  };
  if (found.kind === 'webhook') entry.webhook = found.path;
  return entry;
}

/**
 * Every path operation and webhook of the document by key; sorted so that duplicates keep
 * the first. Callbacks are not listed: they belong to the operation that declares them
 * (`collectCallbacks`).
 */
export function collectOperations(spec: SpecDocument): Map<string, OperationEntry> {
  const found = findOperations(spec.doc).filter((op) => op.kind !== 'callback');
  found.sort(compareOperations);
  const operations = new Map<string, OperationEntry>();
  for (const op of found) {
    const key = op.kind === 'webhook' ? `webhook ${op.method} ${op.path}` : operationKey(op.method, op.path);
    if (!operations.has(key)) operations.set(key, entryOf(spec, op, key));
  }
  return operations;
}

/** The callback operations `entry` declares, by `<callback name> <method> <expression>`. */
export function collectCallbacks(spec: SpecDocument, entry: OperationEntry): Map<string, CallbackEntry> {
  const callbacks = new Map<string, CallbackEntry>();
  for (const op of callbackOperations(spec.doc, entry)) {
    const key = `${op.callbackName} ${op.method} ${op.path}`;
    if (!callbacks.has(key)) callbacks.set(key, { ...entryOf(spec, op, key), callbackName: op.callbackName! });
  }
  return callbacks;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Sortable = { method: string; path?: string; webhook?: string; kind?: string };

/** Path operations before webhooks; then path (or name), then method in Path Item order. */
export function compareOperations(a: Sortable, b: Sortable): number {
  const isHook = (op: Sortable) => (op.webhook !== undefined || op.kind === 'webhook' ? 1 : 0);
  return (
    isHook(a) - isHook(b) ||
    compareStrings(a.path ?? a.webhook ?? '', b.path ?? b.webhook ?? '') ||
    HTTP_METHODS.indexOf(a.method as (typeof HTTP_METHODS)[number]) -
      HTTP_METHODS.indexOf(b.method as (typeof HTTP_METHODS)[number])
  );
}
