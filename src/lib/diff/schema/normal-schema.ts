/**
 * One shape for a Schema Object, so that comparing two versions sees meaning, not spelling:
 * `const` becomes an enum of one, `allOf` one merged schema, `anyOf: [X, {type: 'null'}]` a
 * nullable X, and a `type` left out is inferred from the keywords. What the OpenAPI version
 * spelled differently (3.0 `nullable`, boolean `exclusiveMinimum`) the upgrade step has
 * already rewritten as 3.1 (`openapi/upgrade.ts`): this reads 3.1 only.
 */
import type { ApiDocument } from '../../openapi/api-document.ts';
import { isObject, type JsonObject } from '../../openapi/object.ts';

export interface Bound {
  value: number;
  exclusive: boolean;
}

export interface Variants {
  keyword: 'oneOf' | 'anyOf';
  /** Raw member schemas (may be `$ref`s). */
  schemas: unknown[];
}

export interface NormalSchema {
  /** The object the schema came from (after `$ref`), for pointers. */
  source: object;
  /** Sorted JSON Schema type names; `undefined` = any type. `integer` is dropped beside `number`. */
  types?: string[];
  format?: string;
  /** Allowed values other than null (null shows as the `null` type). */
  enum?: unknown[];
  /** Raw property schemas in document order. */
  properties: Map<string, unknown>;
  required: Set<string>;
  items?: unknown;
  /** `false` when extra properties are forbidden; a schema when they are described. */
  additionalProperties?: unknown | false;
  variants?: Variants;
  minimum?: Bound;
  maximum?: Bound;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  readOnly: boolean;
  writeOnly: boolean;
}

/** Keys that describe a schema without constraining it: a `$ref` with only these is just the target. */
const ANNOTATIONS = new Set([
  'description', 'summary', 'title', 'example', 'examples', '$comment', 'deprecated',
  'externalDocs', 'xml', 'default',
]);

function hasConstraintSiblings(raw: JsonObject): boolean {
  return Object.keys(raw).some((k) => k !== '$ref' && !ANNOTATIONS.has(k) && !k.startsWith('x-'));
}

function isNullOnly(schema: JsonObject): boolean {
  return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null');
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Integer is a subset of number: `number` alone says the same as `number | integer`. */
function canonicalTypes(types: Iterable<string>): string[] {
  const set = new Set(types);
  if (set.has('number')) set.delete('integer');
  return [...set].sort();
}

function typeIncludes(types: string[], t: string): boolean {
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

function intersectTypes(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  const out = new Set<string>();
  for (const t of a) if (typeIncludes(b, t)) out.add(t);
  for (const t of b) if (typeIncludes(a, t)) out.add(t);
  return canonicalTypes(out);
}

function tighterLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.exclusive ? a : b;
}

function tighterUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.exclusive ? a : b;
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** `minimum` and `exclusiveMinimum` (both numbers in 3.1) as the one bound they make together. */
function bound(raw: JsonObject, inclusiveKey: string, exclusiveKey: string, lower: boolean): Bound | undefined {
  const inclusive = numberOrUndefined(raw[inclusiveKey]);
  const exclusiveValue = numberOrUndefined(raw[exclusiveKey]);
  let result: Bound | undefined;
  if (inclusive !== undefined) result = { value: inclusive, exclusive: false };
  if (exclusiveValue !== undefined) {
    const other = { value: exclusiveValue, exclusive: true };
    result = lower ? tighterLower(result, other) : tighterUpper(result, other);
  }
  return result;
}

/** Builds and caches `NormalSchema`s for one document. */
export class SchemaNormalizer {
  private readonly spec: ApiDocument;
  private readonly resolved = new WeakMap<object, object>();
  private readonly normal = new WeakMap<object, NormalSchema>();

  constructor(spec: ApiDocument) {
    this.spec = spec;
  }

  /**
   * The object a raw schema stands for: the `$ref` target, or (for a `$ref` with
   * constraining siblings, allowed in 3.1) a stable synthetic `allOf` of both.
   * Stable identity matters: comparisons are memoised by object.
   */
  resolve(raw: unknown): object {
    if (!isObject(raw)) return typeof raw === 'boolean' && raw === false ? NOTHING : EMPTY;
    const cached = this.resolved.get(raw);
    if (cached) return cached;
    let result: object = raw;
    if (typeof raw.$ref === 'string') {
      const target = this.spec.resolve(raw) ?? {};
      if (hasConstraintSiblings(raw)) {
        const { $ref: _ref, ...siblings } = raw;
        result = { allOf: [target, siblings] };
      } else {
        result = target;
      }
    }
    this.resolved.set(raw, result);
    return result;
  }

  normalize(raw: unknown): NormalSchema {
    const schema = this.resolve(raw) as JsonObject;
    const cached = this.normal.get(schema);
    if (cached) return cached;
    // Placeholder first: a schema whose allOf reaches itself ends here instead of looping.
    const placeholder: NormalSchema = { source: schema, properties: new Map(), required: new Set(), readOnly: false, writeOnly: false };
    this.normal.set(schema, placeholder);
    const result = this.build(schema);
    Object.assign(placeholder, result);
    return placeholder;
  }

  private build(schema: JsonObject): NormalSchema {
    if (schema === NOTHING) return { source: schema, types: [], properties: new Map(), required: new Set(), readOnly: false, writeOnly: false };
    let own = this.own(schema);
    const parts: NormalSchema[] = [];
    if (Array.isArray(schema.allOf)) for (const member of schema.allOf) parts.push(this.normalize(member));
    // A nullable reference: `anyOf: [X, {type: 'null'}]` means "X or null".
    let nullable = false;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const members = schema[keyword];
      if (!Array.isArray(members)) continue;
      const nonNull = members.filter((m) => !isNullOnly(this.resolve(m) as JsonObject));
      if (nonNull.length < members.length) nullable = true;
      // A choice of one is that one (`oneOf: [X]`, or `anyOf: [X, {type: 'null'}]` with the null above).
      if (nonNull.length === 1) parts.push(this.normalize(nonNull[0]));
      else if (nonNull.length > 1 && !own.variants) own = { ...own, variants: { keyword, schemas: nonNull } };
    }
    let merged = parts.reduce((acc, part) => this.merge(acc, part), own);
    if (nullable && merged.types && !merged.types.includes('null')) {
      merged = { ...merged, types: canonicalTypes([...merged.types, 'null']) };
    }
    return merged;
  }

  /** The schema's own keywords, ignoring allOf/oneOf/anyOf. */
  private own(schema: JsonObject): NormalSchema {
    let types: string[] | undefined;
    if (typeof schema.type === 'string') types = [schema.type];
    else if (Array.isArray(schema.type)) types = schema.type.filter((t): t is string => typeof t === 'string');
    let enumValues: unknown[] | undefined;
    if (Array.isArray(schema.enum)) enumValues = schema.enum;
    else if (Object.hasOwn(schema, 'const')) enumValues = [schema.const];
    if (enumValues?.includes(null)) {
      enumValues = enumValues.filter((v) => v !== null);
      if (types) types = [...types, 'null'];
    }
    const properties = new Map<string, unknown>();
    if (isObject(schema.properties)) for (const [name, value] of Object.entries(schema.properties)) properties.set(name, value);
    const required = new Set<string>(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
    let additionalProperties: unknown | false | undefined;
    if (schema.additionalProperties === false) additionalProperties = false;
    else if (isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0) {
      additionalProperties = schema.additionalProperties;
    }
    // Writers often leave out `type` where the keywords say it; inferring it avoids
    // reporting `object` vs "unspecified" as a change.
    if (!types && (properties.size > 0 || additionalProperties !== undefined)) types = ['object'];
    if (!types && schema.items !== undefined) types = ['array'];
    return {
      source: schema,
      types: types ? canonicalTypes(types) : undefined,
      format: typeof schema.format === 'string' ? schema.format : undefined,
      enum: enumValues,
      properties,
      required,
      items: schema.items,
      additionalProperties,
      minimum: bound(schema, 'minimum', 'exclusiveMinimum', true),
      maximum: bound(schema, 'maximum', 'exclusiveMaximum', false),
      minLength: numberOrUndefined(schema.minLength),
      maxLength: numberOrUndefined(schema.maxLength),
      minItems: numberOrUndefined(schema.minItems),
      maxItems: numberOrUndefined(schema.maxItems),
      pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined,
      readOnly: schema.readOnly === true,
      writeOnly: schema.writeOnly === true,
    };
  }

  /** `allOf` semantics: a value must satisfy both, so constraints intersect. */
  private merge(a: NormalSchema, b: NormalSchema): NormalSchema {
    const properties = new Map(a.properties);
    for (const [name, schema] of b.properties) {
      const existing = properties.get(name);
      properties.set(name, existing === undefined ? schema : this.syntheticAllOf(existing, schema));
    }
    let enumValues = a.enum ?? b.enum;
    if (a.enum && b.enum) enumValues = a.enum.filter((v) => b.enum!.some((w) => sameValue(v, w)));
    let additionalProperties = a.additionalProperties ?? b.additionalProperties;
    if (a.additionalProperties === false || b.additionalProperties === false) additionalProperties = false;
    return {
      source: a.source,
      types: intersectTypes(a.types, b.types),
      format: a.format ?? b.format,
      enum: enumValues,
      properties,
      required: new Set([...a.required, ...b.required]),
      items: a.items !== undefined && b.items !== undefined ? this.syntheticAllOf(a.items, b.items) : (a.items ?? b.items),
      additionalProperties,
      variants: a.variants ?? b.variants,
      minimum: tighterLower(a.minimum, b.minimum),
      maximum: tighterUpper(a.maximum, b.maximum),
      minLength: maxOf(a.minLength, b.minLength),
      maxLength: minOf(a.maxLength, b.maxLength),
      minItems: maxOf(a.minItems, b.minItems),
      maxItems: minOf(a.maxItems, b.maxItems),
      pattern: a.pattern ?? b.pattern,
      readOnly: a.readOnly || b.readOnly,
      writeOnly: a.writeOnly || b.writeOnly,
    };
  }

  private readonly synthetic = new WeakMap<object, WeakMap<object, object>>();

  /** The same pair always gives the same object, so memoised comparisons still hit. */
  private syntheticAllOf(a: unknown, b: unknown): unknown {
    if (!isObject(a) || !isObject(b)) return isObject(a) ? a : b;
    let inner = this.synthetic.get(a);
    if (!inner) this.synthetic.set(a, (inner = new WeakMap()));
    let combined = inner.get(b);
    if (!combined) inner.set(b, (combined = { allOf: [a, b] }));
    return combined;
  }
}

/** Stand-ins for boolean schemas (3.1): `true`/absent accepts anything, `false` nothing. */
const EMPTY: object = Object.freeze({});
const NOTHING: object = Object.freeze({});

/** Deep equality for enum values (JSON data). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
