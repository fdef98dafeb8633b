/**
 * The operations of a document, keyed so that the same operation matches across versions:
 * method plus path with path-parameter names erased (`get /a/{}` for `/a/{id}` and `/a/{name}`),
 * or method plus webhook name. Operations and their merged parameters are the `ApiDocument`'s,
 * so the diff sees the webhooks, callbacks and parameters the reference shows; only the keys
 * are the diff's own.
 */
import type { ApiDocument, ApiOperation } from '../openapi/api-document.ts';
import { PATH_ITEM_METHODS, type JsonObject } from '../openapi/object.ts';

/**
 * Header parameters OpenAPI 3 says to ignore (content negotiation and security schemes
 * describe them): the reference still shows what the writer wrote; the diff does not judge them.
 */
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
  /**
   * Who sends the request: the reader (`client`, a path operation) or the API (`api`, a
   * webhook or callback, where the reader's endpoint receives it and answers). The rules
   * judge each change for the reader, so for `api` requests and responses swap roles.
   */
  sender: 'client' | 'api';
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
  const name = parameter.name as string;
  const location = parameter.in as string;
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

function entryOf(found: ApiOperation, key: string): OperationEntry {
  const pathNames = found.kind === 'operation' ? pathParameterNames(found.path) : [];
  const parameters: ParameterEntry[] = [];
  for (const { parameter, pointer } of found.parameters) {
    const parameterKeyOf = parameterKey(parameter, pathNames);
    if (parameterKeyOf) parameters.push({ key: parameterKeyOf, name: parameter.name as string, in: parameter.in as string, parameter, pointer });
  }
  const entry: OperationEntry = {
    key,
    method: found.method,
    path: found.path,
    sender: found.kind === 'operation' ? 'client' : 'api',
    operation: found.operation,
    parameters,
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
export function collectOperations(api: ApiDocument): Map<string, OperationEntry> {
  const found = api.operations.filter((op) => op.kind !== 'callback');
  found.sort(compareOperations);
  const operations = new Map<string, OperationEntry>();
  for (const op of found) {
    const key = op.kind === 'webhook' ? `webhook ${op.method} ${op.path}` : operationKey(op.method, op.path);
    if (!operations.has(key)) operations.set(key, entryOf(op, key));
  }
  return operations;
}

/** The callback operations `entry` declares, by `<callback name> <method> <expression>`. */
export function collectCallbacks(api: ApiDocument, entry: OperationEntry): Map<string, CallbackEntry> {
  const callbacks = new Map<string, CallbackEntry>();
  // The document's operations already hold each callback, its parameters merged, after its declaring operation.
  for (const op of api.operations) {
    if (op.kind !== 'callback' || api.operations[op.parentIndex!]!.operation !== entry.operation) continue;
    const key = `${op.callbackName} ${op.method} ${op.path}`;
    if (!callbacks.has(key)) callbacks.set(key, { ...entryOf(op, key), callbackName: op.callbackName! });
  }
  return callbacks;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Sortable = { method: string; path?: string; webhook?: string; kind?: string };

/** A fixed Path Item method's place; 3.2's `additionalOperations` come after them. */
function methodOrder(method: string): number {
  const index = (PATH_ITEM_METHODS as readonly string[]).indexOf(method);
  return index < 0 ? PATH_ITEM_METHODS.length : index;
}

/** Path operations before webhooks; then path (or name), then method in Path Item order. */
export function compareOperations(a: Sortable, b: Sortable): number {
  const isHook = (op: Sortable) => (op.webhook !== undefined || op.kind === 'webhook' ? 1 : 0);
  return (
    isHook(a) - isHook(b) ||
    compareStrings(a.path ?? a.webhook ?? '', b.path ?? b.webhook ?? '') ||
    methodOrder(a.method) - methodOrder(b.method) ||
    compareStrings(a.method, b.method)
  );
}
