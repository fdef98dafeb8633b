/**
 * Example payloads: the spec's own (`examples`, `example`, a schema's example) when it has
 * them, else one generated from the schema. Generation is a pure function of the schema,
 * deterministic, depth-limited, bounded in size and stops at any `$ref` already being
 * expanded, so recursive schemas end.
 */
import { followRef, refOf } from '../openapi/json-pointer.ts';
import { isObject, text } from '../openapi/object.ts';
import { processMemo } from './process-memo.ts';
import { isNullable, schemaExample, schemaTypes } from './schema-facts.ts';
import type { SpecObject } from './types.ts';

export type Direction = 'request' | 'response';

const MAX_DEPTH = 8;
/** Values generated for one example at most; past it, objects stop gaining properties. */
const MAX_NODES = 1500;
/** Shown examples longer than this are cut, with a note (GitHub ships 100 KB examples). */
export const MAX_EXAMPLE_CHARS = 40_000;

const STRING_FORMATS: Record<string, string> = {
  'date-time': '2024-01-01T12:00:00Z',
  date: '2024-01-01',
  time: '12:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com',
  'uri-reference': '/example',
  iri: 'https://example.com',
  url: 'https://example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  byte: 'ZXhhbXBsZQ==',
  binary: '<binary>',
  password: '********',
  regex: '^.*$',
};

interface GenState {
  doc: SpecObject;
  direction: Direction;
  refs: string[];
  nodes: number;
}

function firstEnum(schema: SpecObject): { found: boolean; value?: unknown } {
  if (!Array.isArray(schema.enum)) return { found: false };
  const value = schema.enum.find((v: unknown) => v !== null);
  return value === undefined ? { found: false } : { found: true, value };
}

function numberFor(schema: SpecObject, integer: boolean): number {
  let n: number | undefined;
  if (typeof schema.minimum === 'number') n = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') n = schema.exclusiveMinimum + (integer ? 1 : 0.5);
  else if (schema.exclusiveMinimum === true && n !== undefined) n += integer ? 1 : 0.5;
  if (n === undefined) n = typeof schema.maximum === 'number' && schema.maximum < 0 ? schema.maximum : 0;
  return integer ? Math.ceil(n) : n;
}

/** `undefined` means "leave this property out" (a loop, or not in this direction). */
function generate(state: GenState, value: unknown, depth: number): unknown {
  state.nodes++;
  const ref = refOf(value);
  if (ref !== undefined) {
    if (state.refs.includes(ref)) return undefined;
    const target = followRef(state.doc, value).value;
    if (!target) return null;
    state.refs.push(ref);
    try {
      return generate(state, target, depth);
    } finally {
      state.refs.pop();
    }
  }
  if (value === true || value === undefined) return {};
  if (!isObject(value)) return null;
  const schema = value;
  if (state.direction === 'request' && schema.readOnly === true && depth > 0) return undefined;
  if (state.direction === 'response' && schema.writeOnly === true && depth > 0) return undefined;

  const own = schemaExample(schema);
  if (own.found) return own.value;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  const choice = firstEnum(schema);
  if (choice.found) return choice.value;

  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    const parts = schema.allOf.map((part: unknown) => generate(state, part, depth));
    const objects = parts.filter((p: unknown) => isObject(p));
    const merged = objects.length ? Object.assign({}, ...objects) : parts.find((p: unknown) => p !== undefined);
    // allOf may also carry own properties next to the parts.
    if (isObject(schema.properties) && isObject(merged)) {
      Object.assign(merged, generate(state, { ...schema, allOf: undefined }, depth));
    }
    return merged;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key]) && schema[key].length) {
      for (const option of schema[key]) {
        const v = generate(state, option, depth);
        if (v !== undefined) return v;
      }
      return null;
    }
  }

  const type = schemaTypes(schema)[0];
  switch (type) {
    case 'string':
      return typeof schema.format === 'string' && STRING_FORMATS[schema.format] !== undefined
        ? STRING_FORMATS[schema.format]
        : 'string';
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return true;
    case 'array': {
      if (depth >= MAX_DEPTH || state.nodes > MAX_NODES || schema.items === undefined) return [];
      const item = generate(state, schema.items, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth >= MAX_DEPTH) return out;
      if (isObject(schema.properties)) {
        for (const [name, prop] of Object.entries(schema.properties)) {
          if (state.nodes > MAX_NODES) break;
          const v = generate(state, prop, depth + 1);
          if (v !== undefined) out[name] = v;
        }
      } else if (isObject(schema.additionalProperties) && state.nodes <= MAX_NODES) {
        const v = generate(state, schema.additionalProperties, depth + 1);
        if (v !== undefined) out.key = v;
      }
      return out;
    }
    default:
      return isNullable(schema) ? null : {};
  }
}

/**
 * Generated examples by document, schema object and direction. A shared schema is generated
 * for every page (and markdown twin) that shows it; the value is the same each time. Callers
 * treat it as read-only, as they already must the spec's own examples.
 */
const GENERATED = processMemo('generated-examples', () => new WeakMap<SpecObject, WeakMap<object, Partial<Record<Direction, unknown>>>>());

/** An example value built from a schema alone. */
/**
 * A `$ref` generates from its target alone (its siblings are not read), so every use of the
 * same reference shares one example: each of Stripe's operations has its own `{ $ref }` object
 * for the same response schemas.
 */
const GENERATED_BY_REF = processMemo('generated-examples-by-ref', () => new WeakMap<SpecObject, Map<string, Partial<Record<Direction, unknown>>>>());

export function generateExample(doc: SpecObject, schema: unknown, direction: Direction): unknown {
  if (typeof schema !== 'object' || schema === null) return generateFresh(doc, schema, direction);
  const ref = refOf(schema);
  let byDirection: Partial<Record<Direction, unknown>> | undefined;
  if (ref !== undefined) {
    let byRef = GENERATED_BY_REF.get(doc);
    if (!byRef) GENERATED_BY_REF.set(doc, (byRef = new Map()));
    byDirection = byRef.get(ref);
    if (!byDirection) byRef.set(ref, (byDirection = {}));
  } else {
    let bySchema = GENERATED.get(doc);
    if (!bySchema) GENERATED.set(doc, (bySchema = new WeakMap()));
    byDirection = bySchema.get(schema);
    if (!byDirection) bySchema.set(schema, (byDirection = {}));
  }
  if (!(direction in byDirection)) byDirection[direction] = generateFresh(doc, schema, direction);
  return byDirection[direction];
}

function generateFresh(doc: SpecObject, schema: unknown, direction: Direction): unknown {
  const value = generate({ doc, direction, refs: [], nodes: 0 }, schema, 0);
  return value === undefined ? null : value;
}

export interface NamedExample {
  name?: string;
  summary?: string;
  value: unknown;
  /** True when generated from the schema rather than written in the spec. */
  generated: boolean;
  externalValue?: string;
}

/** The examples of a media type (or parameter/header): written ones first, else one generated. */
export function examplesOf(doc: SpecObject, holder: SpecObject, schema: unknown, direction: Direction): NamedExample[] {
  const out: NamedExample[] = [];
  if (isObject(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const example = followRef(doc, raw).value;
      if (!example) continue;
      const entry: NamedExample = { name, value: example.value, generated: false };
      const summary = text(example.summary);
      if (summary) entry.summary = summary;
      if (example.value === undefined) {
        if (typeof example.externalValue !== 'string') continue;
        entry.externalValue = example.externalValue;
      }
      out.push(entry);
    }
  }
  if (!out.length && holder.example !== undefined) out.push({ value: holder.example, generated: false });
  if (out.length) return out;
  const target = followRef(doc, schema).value;
  if (target) {
    const own = schemaExample(target);
    if (own.found) return [{ value: own.value, generated: false }];
  }
  if (schema === undefined) return [];
  return [{ value: generateExample(doc, schema, direction), generated: true }];
}

/** Example texts by value object: the same (often 100 KB) example shows on many pages and their twins. */
const TEXTS = processMemo('example-texts', () => new WeakMap<object, { text: string; truncated: boolean }>());

/** Text of an example for display: strings as written, other values as indented JSON. */
export function exampleText(value: unknown): { text: string; truncated: boolean } {
  if (typeof value !== 'object' || value === null) return freshExampleText(value);
  let found = TEXTS.get(value);
  if (!found) TEXTS.set(value, (found = freshExampleText(value)));
  return { ...found };
}

function freshExampleText(value: unknown): { text: string; truncated: boolean } {
  const full = typeof value === 'string' ? value.replace(/\s+$/, '') : (JSON.stringify(value, null, 2) ?? 'null');
  if (full.length <= MAX_EXAMPLE_CHARS) return { text: full, truncated: false };
  return { text: full.slice(0, MAX_EXAMPLE_CHARS), truncated: true };
}
