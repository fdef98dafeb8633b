/** Reusable component schemas: where they live and how a `$ref` names one. */
import { parseRefPointer } from './json-pointer.ts';
import { isObject, type JsonObject, type SpecObject } from './object.ts';

const COMPONENT_SCHEMA = '#/components/schemas/';

/** `#/components/schemas/Pet` → `Pet`; anything else (deeper pointers too) → undefined. */
export function componentSchemaName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_SCHEMA)) return undefined;
  const segments = parseRefPointer('#/' + ref.slice(COMPONENT_SCHEMA.length), true);
  return segments && segments.length === 1 ? segments[0] : undefined;
}

/** `components.schemas`, or an empty object when the document has none. */
export function componentSchemas(doc: JsonObject): SpecObject {
  const components = doc.components;
  const schemas = isObject(components) ? components.schemas : undefined;
  return isObject(schemas) ? schemas : {};
}
