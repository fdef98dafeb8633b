/**
 * The operations of a document, keyed so that the same operation matches across versions:
 * method plus path with path-parameter names erased (`get /a/{}` for `/a/{id}` and `/a/{name}`).
 * Path-item parameters are merged into each operation, as OpenAPI says.
 */
import { escapePointerToken, isObject, type JsonObject, type SpecDocument } from './spec-document.ts';

/** In the order of the Path Item Object's fields, which is also the display order. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

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
  /** As the document writes it. */
  path: string;
  operation: JsonObject;
  parameters: ParameterEntry[];
  pointer: string;
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

/** Every operation of the document by key; sorted by path so duplicates keep the first. */
export function collectOperations(spec: SpecDocument): Map<string, OperationEntry> {
  const operations = new Map<string, OperationEntry>();
  const paths = isObject(spec.doc.paths) ? spec.doc.paths : {};
  for (const path of Object.keys(paths).sort(compareStrings)) {
    const item = spec.resolve(paths[path]);
    const itemPointer = `#/paths/${escapePointerToken(path)}`;
    const pathNames = pathParameterNames(path);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const key = operationKey(method, path);
      if (operations.has(key)) continue;
      const pointer = `${itemPointer}/${method}`;
      const parameters = new Map<string, ParameterEntry>();
      collectParameters(spec, item.parameters, itemPointer, pathNames, parameters);
      collectParameters(spec, operation.parameters, pointer, pathNames, parameters);
      operations.set(key, { key, method, path, operation, parameters: [...parameters.values()], pointer });
    }
  }
  return operations;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Path, then method in Path Item order. */
export function compareOperations(a: { method: string; path: string }, b: { method: string; path: string }): number {
  return (
    compareStrings(a.path, b.path) ||
    HTTP_METHODS.indexOf(a.method as (typeof HTTP_METHODS)[number]) -
      HTTP_METHODS.indexOf(b.method as (typeof HTTP_METHODS)[number])
  );
}
