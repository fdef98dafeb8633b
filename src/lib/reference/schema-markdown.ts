/**
 * A schema as a nested markdown list, for the markdown twins that agents read. Unlike the
 * HTML tree (which links component schemas to one section per page), component schemas are
 * expanded in place — an agent reads top to bottom and does not follow anchors — down to
 * MAX_DEPTH levels and at most MAX_LINES lines per schema; past either, a line says where the
 * rest is. A component already being expanded on the current path shows as "↻ Name".
 */
import { componentSchemaName } from '../openapi/components.ts';
import { followRef, refOf } from '../openapi/json-pointer.ts';
import { isObject, text } from '../openapi/object.ts';
import { indentBlock, inlineCode } from './markdown-text.ts';
import { enumValues, formatValue, isNullable, schemaConstraints, schemaExample, schemaTypes } from './schema-facts.ts';
import { discriminatorValue, foldNotes, mergeAllOf } from './schema-tree.ts';
import type { SpecObject } from './types.ts';

/** Levels of nested fields shown; deeper ones point to the spec. */
export const MAX_DEPTH = 5;
/** Lines per schema; GitHub's and Stripe's largest responses fit in a few pages of text. */
export const MAX_LINES = 400;
const MAX_ENUM = 30;

interface State {
  doc: SpecObject;
  /** `$ref`s being expanded on the current path, to stop recursion. */
  path: string[];
  lines: string[];
  cut: boolean;
}

/** `string`, `array of Flight`, `map of integer`, `Flight | null`: a one-line type. */
export function schemaTypeText(doc: SpecObject, schema: unknown, depth = 0): string {
  const ref = refOf(schema);
  if (ref !== undefined) {
    const name = componentSchemaName(ref);
    if (name !== undefined) return name;
    const target = followRef(doc, schema).value;
    return target && depth < 8 ? schemaTypeText(doc, target, depth + 1) : 'any';
  }
  if (!isObject(schema)) return schema === false ? 'never' : 'any';
  return objectTypeText(doc, foldNotes(schema), depth);
}

function objectTypeText(doc: SpecObject, schema: SpecObject, depth: number): string {
  if (Array.isArray(schema.allOf) && schema.allOf.length > 1 && mergeAllOf(doc, schema)) return 'object';
  const types = schemaTypes(schema).map((t) => {
    if (t === 'array') return schema.items === undefined ? 'array' : `array of ${schemaTypeText(doc, schema.items, depth + 1)}`;
    if (t === 'object' && !isObject(schema.properties) && isObject(schema.additionalProperties)) {
      return `map of ${schemaTypeText(doc, schema.additionalProperties, depth + 1)}`;
    }
    return t;
  });
  if (types.length) return types.join(' | ');
  const options = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (options && options.length <= 6) return options.map((o) => schemaTypeText(doc, o, depth + 1)).join(' | ');
  if (options) return Array.isArray(schema.oneOf) ? 'one of' : 'any of';
  if (Array.isArray(schema.allOf)) return schema.allOf.length === 1 ? schemaTypeText(doc, schema.allOf[0], depth + 1) : 'all of';
  if (schema.const !== undefined) return 'const';
  if (isNullable(schema)) return 'null';
  return 'any';
}

/** required, nullable, read-only…, then constraints, enum, default and example, as one line. */
export function schemaFactsText(schema: SpecObject, required = false): string {
  const flags = [
    required && 'required',
    isNullable(schema) && 'nullable',
    schema.readOnly === true && 'read-only',
    schema.writeOnly === true && 'write-only',
    schema.deprecated === true && 'deprecated',
  ].filter(Boolean) as string[];
  const facts = schemaConstraints(schema).map((c) => `${c.label} ${inlineCode(c.value)}`);
  const values = enumValues(schema);
  if (values) {
    const shown = values.slice(0, MAX_ENUM).map((v) => inlineCode(formatValue(v)));
    facts.push(`one of ${shown.join(', ')}${values.length > MAX_ENUM ? ` and ${values.length - MAX_ENUM} more` : ''}`);
  }
  if (schema.default !== undefined) facts.push(`default ${inlineCode(formatValue(schema.default))}`);
  if (isObject(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') {
    facts.push(`discriminator ${inlineCode(schema.discriminator.propertyName)}`);
  }
  const example = schemaExample(schema);
  if (example.found && (example.value === null || typeof example.value !== 'object')) facts.push(`example ${inlineCode(formatValue(example.value))}`);
  if (schema.additionalProperties === false) facts.push('no additional properties');
  return [...flags, ...facts].join(', ');
}

function push(state: State, line: string): boolean {
  if (state.lines.length >= MAX_LINES) {
    state.cut = true;
    return false;
  }
  state.lines.push(line);
  return true;
}

/** The schema behind a `$ref` (any kind), or undefined with the ref when it loops. */
function resolve(state: State, value: unknown): { schema?: SpecObject; ref?: string; loop?: string } {
  const ref = refOf(value);
  if (ref === undefined) return { schema: isObject(value) ? value : undefined };
  if (state.path.includes(ref)) return { loop: componentSchemaName(ref) ?? ref };
  return { schema: followRef(state.doc, value).value, ref };
}

function fieldLine(state: State, indent: string, name: string, value: unknown, required: boolean): { schema?: SpecObject; ref?: string } {
  const { schema, ref, loop } = resolve(state, value);
  const type = loop ? `↻ ${loop} (recursive)` : schemaTypeText(state.doc, value);
  const own = isObject(value) && ref !== undefined ? value : undefined;
  const read = schema ? foldNotes(schema) : undefined;
  const facts = read ? schemaFactsText(read, required) : required ? 'required' : '';
  push(state, `${indent}- ${name} (${type}${facts ? `; ${facts}` : ''})`);
  const description = text(own?.description) ?? (read ? text(read.description) : undefined);
  if (description) push(state, indentBlock(description, indent + '  '));
  return loop ? {} : { schema, ref };
}

/** Fields of an object (or of what an array or map holds), variants, and nesting. */
function children(state: State, value: { schema?: SpecObject; ref?: string }, indent: string, depth: number): void {
  const { ref } = value;
  if (!value.schema) return;
  // As the HTML tree reads it: described uses folded, `allOf` merged into one object.
  const folded = foldNotes(value.schema);
  const schema = mergeAllOf(state.doc, folded, state.path) ?? folded;
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && !isObject(schema.properties) && !Array.isArray(schema.oneOf) && !Array.isArray(schema.anyOf)) {
    // `allOf: [$ref]` with notes: a described use of that schema, read as it.
    if (ref) state.path.push(ref);
    try {
      const inner = resolve(state, schema.allOf[0]);
      if (!inner.loop) children(state, inner, indent, depth);
    } finally {
      if (ref) state.path.pop();
    }
    return;
  }
  if (depth > MAX_DEPTH) {
    if (hasChildren(schema)) push(state, `${indent}- … (nested deeper than ${MAX_DEPTH} levels: see the spec${ref ? ` at ${inlineCode(ref)}` : ''})`);
    return;
  }
  if (ref) state.path.push(ref);
  try {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    if (isObject(schema.properties)) {
      for (const [name, prop] of Object.entries(schema.properties)) {
        if (state.cut) return;
        children(state, fieldLine(state, indent, inlineCode(name), prop, required.has(name)), indent + '  ', depth + 1);
      }
    }
    if (isObject(schema.patternProperties)) {
      for (const [pattern, prop] of Object.entries(schema.patternProperties)) {
        children(state, fieldLine(state, indent, `keys matching ${inlineCode(pattern)}`, prop, false), indent + '  ', depth + 1);
      }
    }
    if (isObject(schema.additionalProperties)) {
      // A map's value type is already in its type line (`map of string`); only its fields add anything.
      const values = resolve(state, schema.additionalProperties);
      if (isObject(schema.properties)) {
        children(state, fieldLine(state, indent, 'any other key', schema.additionalProperties, false), indent + '  ', depth + 1);
      } else if (values.schema && hasChildren(values.schema)) children(state, values, indent, depth + 1);
    }
    if (schema.items !== undefined && isObject(schema.items)) {
      // Counted as a level like in schema-tree.ts: a chain of array-of-`$ref` components must end.
      const items = resolve(state, schema.items);
      if (items.schema && hasChildren(items.schema)) children(state, items, indent, depth + 1);
    }
    for (const [keyword, label] of [['allOf', 'all of'], ['oneOf', 'one of'], ['anyOf', 'any of']] as const) {
      const list = schema[keyword];
      if (!Array.isArray(list)) continue;
      push(state, `${indent}- ${label}:`);
      list.forEach((variant, i) => {
        const title = isObject(variant) ? text(variant.title) : undefined;
        const selector = keyword === 'allOf' ? undefined : discriminatorValue(schema, variant);
        const name = `option ${i + 1}${title ? `, ${title}` : ''}${selector ? `, when ${inlineCode(selector)}` : ''}`;
        children(state, fieldLine(state, indent + '  ', name, variant, false), indent + '    ', depth + 1);
      });
    }
    if (isObject(schema.not)) children(state, fieldLine(state, indent, 'not', schema.not, false), indent + '  ', depth + 1);
  } finally {
    if (ref) state.path.pop();
  }
}

function hasChildren(schema: SpecObject): boolean {
  return (
    isObject(schema.properties) ||
    isObject(schema.patternProperties) ||
    isObject(schema.additionalProperties) ||
    isObject(schema.items) ||
    Array.isArray(schema.allOf) ||
    Array.isArray(schema.oneOf) ||
    Array.isArray(schema.anyOf) ||
    isObject(schema.not)
  );
}

/**
 * A schema as markdown: a type line with its facts and description, then its fields as a
 * nested list. `within` is the component being documented (a schema page), so its own
 * recursive references show as "↻".
 */
export function schemaMarkdown(doc: SpecObject, schema: unknown, within?: string): string {
  // Specs point at the same component from hundreds of operations (GitHub's `simple-user`):
  // small schemas (a `$ref`, an array of one) are rendered once per document.
  const key = isObject(schema) && Object.keys(schema).length <= 3 ? `${within ?? ''}\u0000${JSON.stringify(schema)}` : undefined;
  if (key !== undefined && key.length < 400) {
    let memo = MEMO.get(doc);
    if (!memo) MEMO.set(doc, (memo = new Map()));
    let text = memo.get(key);
    if (text === undefined) memo.set(key, (text = renderSchema(doc, schema, within)));
    return text;
  }
  return renderSchema(doc, schema, within);
}

const MEMO = new WeakMap<SpecObject, Map<string, string>>();

function renderSchema(doc: SpecObject, schema: unknown, within?: string): string {
  const state: State = { doc, path: within ? [`#/components/schemas/${within}`] : [], lines: [], cut: false };
  const { schema: resolved, ref, loop } = resolve(state, schema);
  const own = refOf(schema) === undefined ? resolved : undefined;
  const facts = resolved ? schemaFactsText(resolved) : '';
  state.lines.push(`Type: ${loop ? `↻ ${loop}` : schemaTypeText(doc, schema)}${facts ? ` (${facts})` : ''}`);
  const description = own ? text(own.description) : resolved ? text(resolved.description) : undefined;
  if (description) state.lines.push('', description.trim());
  const before = state.lines.length;
  state.lines.push('');
  children(state, { schema: resolved, ref }, '', 1);
  if (state.lines.length === before + 1) state.lines.pop();
  if (state.cut) state.lines.push('', `… more fields than fit here (${MAX_LINES} lines); the full schema is in the downloadable spec.`);
  return state.lines.join('\n');
}
