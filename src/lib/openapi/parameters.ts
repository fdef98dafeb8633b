/**
 * The parameters of an operation: its path item's merged with its own, as OpenAPI says
 * (the operation's win for the same location and name). One merger, so the reference shows
 * and the diff compares the same list.
 */
import { followRef, toRefPointer, parseRefPointer } from './json-pointer.ts';
import { isObject, type JsonObject, type SpecObject } from './object.ts';
import { pathItemPointer } from './operations.ts';

export interface ParameterEntry {
  /** The Parameter Object, `$ref`s followed (entries without a string `name` and `in` are left out). */
  parameter: SpecObject & { name: string; in: string };
  /** The parameter as written (a `$ref` or the object itself), for schema links. */
  source: unknown;
  /** Where it is written: `#/paths/~1a/parameters/0` or `#/paths/~1a/get/parameters/1`. */
  pointer: string;
}

/** What the merger needs of an operation (a `FoundOperation` has it). */
export interface ParameterOwner {
  operation: JsonObject;
  pathItem: JsonObject;
  /** Pointer of the operation; its path item's pointer is its parent. Without it, entries get no place. */
  pointer?: string;
}

/**
 * Location and name identify a parameter. Header names are compared ignoring case, as HTTP
 * does (`X-Request-Id` on the path item and `x-request-id` on the operation are one header).
 */
function identity(parameter: JsonObject): string | undefined {
  if (typeof parameter.name !== 'string' || typeof parameter.in !== 'string') return undefined;
  return `${parameter.in}\u0000${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
}

/** Path-item parameters then the operation's, merged; ones that resolve to nothing, or lack `name`/`in`, are left out. */
export function operationParameters(doc: JsonObject, owner: ParameterOwner): ParameterEntry[] {
  const places = owner.pointer ? [parseRefPointer(pathItemPointer(owner.pointer)), parseRefPointer(owner.pointer)] : [];
  const merged = new Map<string, ParameterEntry>();
  [owner.pathItem.parameters, owner.operation.parameters].forEach((list, level) => {
    if (!Array.isArray(list)) return;
    list.forEach((source, i) => {
      const parameter = followRef(doc, source).value;
      const key = parameter && identity(parameter);
      if (!parameter || !key) return;
      const named = parameter as ParameterEntry['parameter'];
      const at = places[level];
      merged.set(key, { parameter: named, source, pointer: at ? toRefPointer([...at, 'parameters', String(i)]) : '' });
    });
  });
  return [...merged.values()];
}

/** A parameter's schema: `schema`, or the schema of its (single) `content` media type. */
export function parameterSchema(parameter: JsonObject): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  if (isObject(parameter.content)) {
    const first = Object.values(parameter.content)[0];
    if (isObject(first)) return first.schema;
  }
  return undefined;
}
