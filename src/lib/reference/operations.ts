/**
 * Operation lookups the reference needs. Finding the operations (paths, webhooks, callbacks)
 * is `src/lib/openapi/operations.ts`'s, shared with the diff.
 */
import { deref } from './document.ts';
import type { SpecObject } from './types.ts';

export { HTTP_METHODS } from '../openapi/object.ts';
export { findOperations, type FoundOperation } from '../openapi/operations.ts';

export interface ParameterEntry {
  parameter: SpecObject;
  /** The parameter as written (a `$ref` or the object itself), for schema links. */
  source: unknown;
}

/**
 * Path-item parameters merged with the operation's: the operation's win for the same
 * name and location (OpenAPI's rule). Unresolvable refs are dropped.
 */
export function operationParameters(doc: SpecObject, found: { operation: SpecObject; pathItem: SpecObject }): ParameterEntry[] {
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
