/**
 * Plain facts about one schema object of the 3.1-shaped view: 3.0's `nullable: true` and
 * boolean `exclusiveMinimum` arrive already upgraded (`openapi/upgrade.ts`), so `null` in
 * `type` (or in `enum`) is what "nullable" means and a bound is a number.
 */
import { isObject } from '../openapi/object.ts';
import type { SpecObject } from './types.ts';

/** Declared types without `null`; inferred `object`/`array` when only their keywords are present. */
export function schemaTypes(schema: SpecObject): string[] {
  const declared = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
  const types = declared.filter((t: unknown): t is string => typeof t === 'string' && t !== 'null');
  if (types.length || declared.length) return types;
  if (isObject(schema.properties) || isObject(schema.additionalProperties) || isObject(schema.patternProperties)) {
    return ['object'];
  }
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return ['array'];
  return [];
}

/** Schemas read from a `[X, {type: 'null'}]` wrapper (schema-tree.ts `foldNotes`): X, nullable. */
const NULLABLE = new WeakSet<object>();
export function markNullable<T extends SpecObject>(schema: T): T {
  NULLABLE.add(schema);
  return schema;
}

export function isNullable(schema: SpecObject): boolean {
  if (NULLABLE.has(schema)) return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  if (schema.type === 'null') return true;
  return Array.isArray(schema.enum) && schema.enum.includes(null);
}

export interface Constraint {
  label: string;
  value: string;
}

function json(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** Validation keywords as label/value pairs, in a fixed order (enum and default are separate). */
export function schemaConstraints(schema: SpecObject): Constraint[] {
  const out: Constraint[] = [];
  const add = (label: string, value: unknown) => {
    if (value !== undefined && value !== null) out.push({ label, value: json(value) });
  };
  add('format', typeof schema.format === 'string' ? schema.format : undefined);
  if (typeof schema.exclusiveMinimum === 'number') add('>', schema.exclusiveMinimum);
  else add('min', typeof schema.minimum === 'number' ? schema.minimum : undefined);
  if (typeof schema.exclusiveMaximum === 'number') add('<', schema.exclusiveMaximum);
  else add('max', typeof schema.maximum === 'number' ? schema.maximum : undefined);
  add('multiple of', typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined);
  add('min length', typeof schema.minLength === 'number' ? schema.minLength : undefined);
  add('max length', typeof schema.maxLength === 'number' ? schema.maxLength : undefined);
  add('pattern', typeof schema.pattern === 'string' ? schema.pattern : undefined);
  add('min items', typeof schema.minItems === 'number' ? schema.minItems : undefined);
  add('max items', typeof schema.maxItems === 'number' ? schema.maxItems : undefined);
  if (schema.uniqueItems === true) add('unique items', 'yes');
  add('min properties', typeof schema.minProperties === 'number' ? schema.minProperties : undefined);
  add('max properties', typeof schema.maxProperties === 'number' ? schema.maxProperties : undefined);
  if (schema.const !== undefined) add('const', schema.const);
  add('content type', typeof schema.contentMediaType === 'string' ? schema.contentMediaType : undefined);
  add('encoding', typeof schema.contentEncoding === 'string' ? schema.contentEncoding : undefined);
  return out;
}

/** `enum` values without the `null` that only says "nullable". */
export function enumValues(schema: SpecObject): unknown[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  const values = schema.enum.filter((v: unknown) => v !== null);
  return values.length ? values : undefined;
}

/** A value from the spec shown inline (`"a"` for strings, JSON otherwise). */
export function formatValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The schema's own example: 3.1 `examples[0]`, else 3.0 `example`. */
export function schemaExample(schema: SpecObject): { found: boolean; value?: unknown } {
  if (Array.isArray(schema.examples) && schema.examples.length) return { found: true, value: schema.examples[0] };
  if (schema.example !== undefined) return { found: true, value: schema.example };
  return { found: false };
}
