/**
 * Type and format of a schema. Requests: the new schema must accept every value the old
 * one did (integer → number is safe, number → integer breaks). Responses: the new schema
 * must return only values the old one could (number → integer is safe, becoming nullable
 * breaks). Disjoint types stop the comparison of this schema: its properties or items
 * would only repeat the same news.
 */
import type { SchemaRule } from '../schema/schema-comparer.ts';
import type { NormalSchema } from '../schema/normal-schema.ts';

/** Formats whose values include all values of another (int32 ⊂ int64). */
const WIDER_FORMATS: Record<string, readonly string[]> = {
  int32: ['int64'],
  float: ['double'],
};

function includesType(types: readonly string[], t: string): boolean {
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

/** Does `outer` allow every type `inner` allows? `undefined` means any type. */
function typesCover(outer: string[] | undefined, inner: string[] | undefined): boolean {
  if (!outer) return true;
  if (!inner) return false;
  return inner.every((t) => includesType(outer, t));
}

function formatCovers(outer: string | undefined, inner: string | undefined): boolean {
  if (outer === undefined || outer === inner) return true;
  if (inner === undefined) return false;
  return WIDER_FORMATS[inner]?.includes(outer) ?? false;
}

function sameTypes(a: string[] | undefined, b: string[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function describe(schema: NormalSchema): string {
  const types = schema.types ? (schema.types.length ? schema.types.join(' | ') : 'nothing') : 'any type';
  return schema.format ? `${types} (${schema.format})` : types;
}

export const schemaTypeRule: SchemaRule = (ctx) => {
  const { old: a, new: b } = ctx;
  if (sameTypes(a.types, b.types) && a.format === b.format) return;
  const [wider, narrower] = ctx.direction === 'request' ? [b, a] : [a, b];
  const breaking = !typesCover(wider.types, narrower.types) || !formatCovers(wider.format, narrower.format);
  ctx.emit({
    fact: 'type-changed',
    breaking,
    detail: `type changed from ${describe(a)} to ${describe(b)}`,
    at: b.source,
    side: 'new',
  });
  const disjoint =
    a.types !== undefined &&
    b.types !== undefined &&
    !a.types.some((t) => includesType(b.types!, t)) &&
    !b.types.some((t) => includesType(a.types!, t));
  return disjoint ? 'stop' : undefined;
};
