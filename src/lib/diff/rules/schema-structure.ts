/** Array items and map values (`additionalProperties` schemas) are compared as schemas. */
import type { SchemaRule } from '../schema/schema-comparer.ts';

export const schemaStructureRule: SchemaRule = (ctx) => {
  const { old: a, new: b } = ctx;
  if (a.items !== undefined && b.items !== undefined) ctx.recurse(a.items, b.items, '[]');
  if (
    a.additionalProperties !== undefined &&
    a.additionalProperties !== false &&
    b.additionalProperties !== undefined &&
    b.additionalProperties !== false
  ) {
    ctx.recurse(a.additionalProperties, b.additionalProperties, '*');
  }
};
