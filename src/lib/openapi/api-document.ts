/**
 * `ApiDocument`: the one reading of an OpenAPI document that everything downstream shares —
 * the reference renders it, the diff compares two of them, the site model counts from it.
 * Built from the upgraded (3.1-shaped) view, once per document object.
 */
import { componentSchemas } from './components.ts';
import { escapeSegment, followRef, resolvePointer } from './json-pointer.ts';
import { isObject, type JsonObject } from './object.ts';
import { findOperations, type FoundOperation } from './operations.ts';
import { operationLinks, type ApiLink } from './links.ts';
import { operationParameters, type ParameterEntry } from './parameters.ts';
import { upgradeDocument } from './upgrade.ts';

export interface ApiOperation extends FoundOperation {
  /** Path-item and operation parameters, merged once (`parameters.ts`). */
  parameters: ParameterEntry[];
}

export type { ApiLink } from './links.ts';

export interface ApiDocument {
  /** The 3.1-shaped view (Swagger 2.0 and 3.0 upgraded); internal `#/…` refs kept. Read-only. */
  readonly doc: JsonObject;
  /** Paths, then webhooks, then callbacks (each callback after every path and webhook). */
  readonly operations: readonly ApiOperation[];
  /** `components.schemas`. */
  readonly schemas: JsonObject;
  /** `components.securitySchemes`, `$ref`s followed. */
  readonly securitySchemes: Readonly<Record<string, JsonObject>>;
  /** The document's own security requirements (operations may override them). */
  readonly security: readonly JsonObject[];
  readonly servers: readonly JsonObject[];
  readonly tags: readonly JsonObject[];
  /** Follows internal `$ref`s to an object; `undefined` when the chain ends nowhere (the loader reported it). */
  resolve(value: unknown): JsonObject | undefined;
  /** The value at an internal reference such as `#/components/schemas/Flight`. */
  lookup(ref: string): unknown;
  /** Where an object sits in the document (first occurrence, `#/…`). */
  pointerOf(value: object): string | undefined;
  /** The response links of an operation of this document, each with its target operation when it names one. */
  linksOf(operation: JsonObject): (ApiLink & { target?: ApiOperation })[];
}

const DOCUMENTS = new WeakMap<object, ApiDocument>();

/** The `ApiDocument` of a parsed document (any version; it is upgraded first). Memoised by object. */
export function apiDocument(source: JsonObject): ApiDocument {
  const cached = DOCUMENTS.get(source);
  if (cached) return cached;
  const doc = upgradeDocument(source);
  const known = DOCUMENTS.get(doc);
  if (known) {
    DOCUMENTS.set(source, known);
    return known;
  }
  let pointers: WeakMap<object, string> | undefined;
  let operations: ApiOperation[] | undefined;
  const components = isObject(doc.components) ? doc.components : {};
  const schemes: Record<string, JsonObject> = {};
  if (isObject(components.securitySchemes)) {
    for (const [name, raw] of Object.entries(components.securitySchemes)) {
      const scheme = followRef(doc, raw).value;
      if (scheme) schemes[name] = scheme;
    }
  }
  const api: ApiDocument = {
    doc,
    get operations() {
      return (operations ??= findOperations(doc).map((found) => ({ ...found, parameters: operationParameters(doc, found) })));
    },
    schemas: componentSchemas(doc),
    securitySchemes: schemes,
    security: objectsOf(doc.security),
    servers: objectsOf(doc.servers),
    tags: objectsOf(doc.tags),
    resolve: (value) => followRef(doc, value).value,
    lookup: (ref) => resolvePointer(doc, ref),
    pointerOf(value) {
      pointers ??= indexPointers(doc);
      return pointers.get(value);
    },
    linksOf: (operation) => operationLinks(doc, operation, api.operations),
  };
  DOCUMENTS.set(source, api);
  DOCUMENTS.set(doc, api);
  return api;
}

function objectsOf(list: unknown): JsonObject[] {
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** Every object's first pointer, depth-first in document order, without recursion. */
function indexPointers(doc: JsonObject): WeakMap<object, string> {
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
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], `${pointer}/${escapeSegment(entries[i]![0])}`]);
    }
  }
  return index;
}
