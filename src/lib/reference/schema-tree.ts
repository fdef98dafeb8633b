/**
 * Schemas as collapsible trees, with component schemas shown where they are used. A tree is
 * rendered with *slots* where a component's fields go; the page (page-schemas.ts) fills each
 * slot, so what a component looks like is rendered once per document and reused on every page
 * (GitHub's `repository` is on hundreds). On one page a component's fields are shown once, at
 * its shallowest use, with the `schema-…` anchor; every other use links there, and a use
 * inside the component's own fields is marked "↻" (a cycle). Page size is therefore bounded
 * by the components a page reaches, never by the paths through them.
 */
import { randomBytes } from 'node:crypto';
import { html, raw, type SafeHtml } from '../html.ts';
import { componentSchemaName, componentSchemas } from '../openapi/components.ts';
import { followRef, refOf } from '../openapi/json-pointer.ts';
import { isObject, text } from '../openapi/object.ts';
import { renderMarkdown } from './markdown.ts';
import { processMemo } from './process-memo.ts';
import { enumValues, formatValue, isNullable, markNullable, schemaConstraints, schemaExample, schemaTypes } from './schema-facts.ts';
import type { SpecObject } from './types.ts';

/** Deeper inline nesting than this is cut (real specs rarely nest inline schemas past 6). */
const MAX_DEPTH = 12;
/** Long enums (country codes, GitHub's event names) are cut on the page, with a count. */
const MAX_ENUM = 60;

export function schemaAnchor(name: string): string {
  return 'schema-' + name.replace(/[^A-Za-z0-9_.-]/g, (c) => `-${c.codePointAt(0)!.toString(16)}-`);
}

export interface TreeOptions {
  /** Called for every component schema the tree names, so the page can place its fields. */
  use(name: string): void;
  /** The component whose own fields are being rendered (its template). */
  within?: string;
}

interface State extends TreeOptions {
  doc: SpecObject;
  /** Non-component refs currently being expanded inline, to stop loops through them. */
  inlineRefs: string[];
  /** The caller's options object: variant groups are numbered per page (per options object). */
  key: object;
}

/**
 * Slots the page fills (page-schemas.ts `stitchSchemas`), written into the tree's HTML as
 * private-use characters around a per-process nonce, which no spec text can forge:
 * - `l` the link to a component (a type label): to its fields on the page, its own page, or "↻";
 * - `n` a component's fields under a property, in a `<details>` (open down to OPEN_DEPTH);
 * - `b` a component's fields bare (the top of a body, a variant);
 * - `o` the `open` attribute of an inline object's `<details>`, decided by its depth on the page.
 * `depth` is the level of the fields the slot holds, counted from the tree's top (1).
 */
export type SlotKind = 'l' | 'n' | 'b' | 'o';
// One nonce per process, not per module copy: component templates are shared by the CLI's copy
// of this module and the prerender bundle's (process-memo.ts), so both must read the same slots.
const NONCE = processMemo('slot-nonce', () => randomBytes(6).toString('hex'));
export const SLOT_PATTERN = new RegExp(`\uE000${NONCE}([lnbo])(\\d+):([^\uE001]*)\uE001`, 'g');

function slot(kind: SlotKind, depth: number, name = ''): SafeHtml {
  return raw(`\uE000${NONCE}${kind}${depth}:${encodeURIComponent(name)}\uE001`);
}

/** Fields at this depth and above are open on the page; deeper ones are collapsed. */
export const OPEN_DEPTH = 2;

/** Names of `<details name>` groups (one per oneOf/anyOf), unique on a page, same on every build. */
const variantGroupCounts = new WeakMap<object, number>();
function variantGroup(state: State): string {
  const n = (variantGroupCounts.get(state.key) ?? 0) + 1;
  variantGroupCounts.set(state.key, n);
  return `ref-variants-${state.within ? schemaAnchor(state.within) : 'page'}-${n}`;
}

/**
 * `allOf` read as one object: the parts' properties and required lists merged in order (own
 * fields last), component parts included in place. Undefined — the parts stay listed — when a
 * part is not an object, holds variants, or leads back to a schema being merged.
 */
export function mergeAllOf(doc: SpecObject, schema: SpecObject, seen: string[] = []): SpecObject | undefined {
  if (!Array.isArray(schema.allOf) || schema.allOf.length < 2) return undefined;
  const { allOf, ...own } = schema;
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let description: unknown;
  for (const part of [...allOf, own]) {
    const ref = refOf(part);
    if (ref !== undefined && seen.includes(ref)) return undefined;
    let target = ref !== undefined ? followRef(doc, part).value : isObject(part) ? part : undefined;
    if (!target) return undefined;
    if (Array.isArray(target.allOf)) target = target.allOf.length === 1 ? followRef(doc, target.allOf[0]).value : mergeAllOf(doc, target, ref ? [...seen, ref] : seen);
    if (!target || refOf(target) !== undefined) return undefined;
    const types = schemaTypes(target);
    if (types.length && !types.includes('object')) return undefined;
    if (Array.isArray(target.oneOf) || Array.isArray(target.anyOf) || isObject(target.not)) return undefined;
    if (isObject(target.properties)) Object.assign(properties, target.properties);
    if (Array.isArray(target.required)) for (const r of target.required) if (typeof r === 'string') required.add(r);
    if (part !== own) description ??= target.description;
  }
  const merged: SpecObject = { ...own, type: 'object', properties };
  if (required.size) merged.required = [...required];
  if (merged.description === undefined && description !== undefined) merged.description = description;
  return merged;
}

/** Keywords that only describe: an `allOf` part made of them adds notes, not structure. */
const NOTES = new Set(['description', 'title', 'nullable', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'default', 'externalDocs', '$comment']);
const FOLDED = new WeakMap<SpecObject, SpecObject>();

/** `{type: 'null'}`, perhaps described: the "or null" half of a nullable wrapper. */
function isNullOnly(p: unknown): boolean {
  return isObject(p) && p.type === 'null' && Object.keys(p).every((k) => k === 'type' || NOTES.has(k) || k.startsWith('x-'));
}

/**
 * How specs say "a use of X, described" and "X or null", read as what they mean:
 * - `allOf: [X, {description}]` (Box's 9 `item` fields): parts that only describe fold into the
 *   schema; one structural part left inline is the schema itself, a `$ref` stays `allOf: [$ref]`;
 * - `anyOf`/`oneOf: [X, {type: 'null'}]` with X inline (how the upgrade step writes 3.0's
 *   `nullable: true` beside a composition): X, nullable. A `$ref` X stays a union (`X | null`).
 */
export function foldNotes(schema: SpecObject): SpecObject {
  const cached = FOLDED.get(schema);
  if (cached) return cached;
  let folded = schema;
  for (let round = 0; round < 4; round++) {
    const next = foldOnce(folded);
    if (next === folded) break;
    folded = next;
  }
  FOLDED.set(schema, folded);
  return folded;
}

function foldOnce(schema: SpecObject): SpecObject {
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list) || list.length !== 2 || Array.isArray(schema.allOf) || schema[key === 'anyOf' ? 'oneOf' : 'anyOf'] !== undefined) continue;
    const inner = list.find((p) => !isNullOnly(p));
    if (!list.some(isNullOnly) || !isObject(inner) || refOf(inner) !== undefined) continue;
    const { [key]: _wrapper, ...own } = schema;
    const merged: SpecObject = { ...inner, ...own };
    if (typeof inner.type === 'string') merged.type = [inner.type, 'null'];
    else if (Array.isArray(inner.type)) merged.type = inner.type.includes('null') ? inner.type : [...inner.type, 'null'];
    return merged.type !== undefined ? merged : markNullable(merged);
  }
  if (!Array.isArray(schema.allOf) || schema.allOf.length < 2) return schema;
  // A part `{description, nullable: true}` reaches us as `{description, anyOf: [{}, {type: null}]}`.
  const parts = schema.allOf.map((p) => (isObject(p) && refOf(p) === undefined ? foldNotes(p) : p));
  const isNote = (p: unknown) => isObject(p) && refOf(p) === undefined && Object.keys(p).every((k) => NOTES.has(k) || k.startsWith('x-'));
  const structural = parts.filter((p) => !isNote(p));
  if (structural.length === parts.length) return schema;
  const { allOf: _parts, ...own } = schema;
  const notes: SpecObject = Object.assign({}, ...parts.filter(isNote), own);
  const only = structural.length === 1 ? structural[0] : undefined;
  const folded = structural.length === 0 ? notes : isObject(only) && refOf(only) === undefined ? { ...only, ...notes } : { ...notes, allOf: structural };
  return isNullable(schema) || parts.some((p) => isNote(p) && isNullable(p)) ? markNullable(folded) : folded;
}

function merged(state: State, schema: SpecObject): SpecObject | undefined {
  return mergeAllOf(state.doc, schema, state.within ? [`#/components/schemas/${state.within}`] : []);
}

function componentLink(state: State, name: string): SafeHtml {
  if (!Object.hasOwn(componentSchemas(state.doc), name)) {
    return html`<span class="ref-type ref-unresolved" title="This schema is not in the spec">${name} (missing)</span>`;
  }
  state.use(name);
  return slot('l', 0, name);
}

/**
 * The component whose fields a value shows: a `$ref` to it, an array or map of it, the
 * `allOf: [$ref]` that only adds a description, or `X | null`.
 */
function componentOf(state: State, value: unknown): string | undefined {
  const ref = refOf(value);
  if (ref !== undefined) {
    const name = componentSchemaName(ref);
    return name !== undefined && Object.hasOwn(componentSchemas(state.doc), name) ? name : undefined;
  }
  if (!isObject(value)) return undefined;
  const schema = foldNotes(value);
  if (isObject(schema.properties) || isObject(schema.patternProperties)) return undefined;
  const types = schemaTypes(schema);
  if (types.includes('array') && isObject(schema.items)) return componentOf(state, schema.items);
  if (types.includes('object') && isObject(schema.additionalProperties)) return componentOf(state, schema.additionalProperties);
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return componentOf(state, schema.allOf[0]);
  const options = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (options && plainUnion(state, options)) {
    const components = options.filter((o) => refOf(o) !== undefined);
    return components.length === 1 ? componentOf(state, components[0]) : undefined;
  }
  return undefined;
}

/** Whether a component's own schema has fields (not following further components). */
function componentHasFields(state: State, name: string): boolean {
  const shape = (s: unknown, n: number): boolean => {
    if (refOf(s) !== undefined) return componentSchemaName(refOf(s)!) !== undefined;
    if (!isObject(s) || n > 8) return false;
    if (isObject(s.properties) && Object.keys(s.properties).length) return true;
    if (isObject(s.patternProperties) || isObject(s.not)) return true;
    if (Array.isArray(s.oneOf) && !plainUnion(state, s.oneOf)) return true;
    if (Array.isArray(s.anyOf) && !plainUnion(state, s.anyOf)) return true;
    if (Array.isArray(s.allOf)) return s.allOf.length > 1 || shape(s.allOf[0], n + 1);
    if (isObject(s.items)) return shape(s.items, n + 1);
    return isObject(s.additionalProperties) && shape(s.additionalProperties, n + 1);
  };
  return shape(componentSchemas(state.doc)[name], 0);
}

/** A `$ref` the tree cannot link to a section: resolve it and render it inline, guarded. */
function inlineRef(state: State, ref: string): { schema?: SpecObject; loop: boolean } {
  if (state.inlineRefs.includes(ref)) return { loop: true };
  const target = followRef(state.doc, { $ref: ref }).value;
  return { schema: target, loop: false };
}

/**
 * Options that a one-line label says in full: bare types without fields, description or
 * constraints (`string`, `integer`, `null`), and at most one component link. Then `a | b`
 * replaces the variant switcher.
 */
function plainUnion(state: State, options: unknown[]): boolean {
  if (options.length === 0 || options.length > 6) return false;
  // Two components (`Cat | Dog`) are variants to look at; one beside bare types (`Pet | null`) is not.
  if (options.filter((o) => refOf(o) !== undefined).length > 1) return false;
  return options.every((option) => {
    if (refOf(option) !== undefined) return componentSchemaName(refOf(option)!) !== undefined;
    if (!isObject(option)) return false;
    const keys = Object.keys(option).filter((k) => k !== 'type' && k !== 'nullable' && k !== 'format' && k !== 'title');
    return keys.length === 0 && (typeof option.type === 'string' || Array.isArray(option.type)) && !schemaTypes(option).some((t) => t === 'array' || t === 'object');
  });
}

function typeLabel(state: State, schema: unknown, depth: number): SafeHtml {
  const ref = refOf(schema);
  if (ref !== undefined) {
    const name = componentSchemaName(ref);
    if (name !== undefined) return componentLink(state, name);
    const { schema: target, loop } = inlineRef(state, ref);
    if (loop) return html`<span class="ref-type ref-recursive" title="Recursive reference ${ref}">↻ ${ref}</span>`;
    if (!target) return html`<span class="ref-type ref-unresolved">unresolved ${ref}</span>`;
    if (depth > MAX_DEPTH) return html`<span class="ref-type">…</span>`;
    state.inlineRefs.push(ref);
    try {
      return typeLabel(state, target, depth + 1);
    } finally {
      state.inlineRefs.pop();
    }
  }
  if (!isObject(schema)) return html`<span class="ref-type">${schema === false ? 'never' : 'any'}</span>`;
  return objectTypeLabel(state, foldNotes(schema), depth);
}

function objectTypeLabel(state: State, schema: SpecObject, depth: number): SafeHtml {
  const types = schemaTypes(schema);
  const parts: SafeHtml[] = types.map((t) => {
    if (t === 'array') {
      if (schema.items === undefined) return html`<span class="ref-type">array</span>`;
      return html`<span class="ref-type">array of</span> ${typeLabel(state, schema.items, depth + 1)}`;
    }
    if (t === 'object' && !isObject(schema.properties) && isObject(schema.additionalProperties)) {
      return html`<span class="ref-type">map of</span> ${typeLabel(state, schema.additionalProperties, depth + 1)}`;
    }
    return html`<span class="ref-type">${t}</span>`;
  });
  if (parts.length === 0) {
    const options = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
    if (options && plainUnion(state, options)) {
      // `oneOf: [string, integer]` reads best as `string | integer`.
      return html`${options.map((o, i) => (i ? html` <span class="ref-or">|</span> ${typeLabel(state, o, depth + 1)}` : typeLabel(state, o, depth + 1)))}`;
    }
    if (Array.isArray(schema.oneOf)) parts.push(html`<span class="ref-type">one of</span>`);
    else if (Array.isArray(schema.anyOf)) parts.push(html`<span class="ref-type">any of</span>`);
    else if (Array.isArray(schema.allOf)) {
      // `allOf: [$ref]` is the usual way to attach a description to a reference.
      if (schema.allOf.length === 1) return typeLabel(state, schema.allOf[0], depth + 1);
      parts.push(html`<span class="ref-type">${merged(state, schema) ? 'object' : 'all of'}</span>`);
    } else if (schema.const !== undefined) parts.push(html`<span class="ref-type">const</span>`);
    else if (isNullable(schema)) parts.push(html`<span class="ref-type">null</span>`);
    else parts.push(html`<span class="ref-type">any</span>`);
  }
  return html`${parts.map((p, i) => (i ? html` <span class="ref-or">|</span> ${p}` : p))}`;
}

/** Required, nullable, read-only, write-only and deprecated badges (each with a leading space). */
export function badges(schema: SpecObject, required: boolean): SafeHtml {
  return html`${required ? html` <span class="ref-badge ref-badge-required">required</span>` : ''}${
    isNullable(schema) ? html` <span class="ref-badge">nullable</span>` : ''
  }${schema.readOnly === true ? html` <span class="ref-badge">read-only</span>` : ''}${
    schema.writeOnly === true ? html` <span class="ref-badge">write-only</span>` : ''
  }${schema.deprecated === true ? html` <span class="ref-badge ref-badge-deprecated">deprecated</span>` : ''}`;
}

/** Constraints, enum, default and example of a schema, as a compact list of chips. */
export function schemaFacts(schema: SpecObject): SafeHtml {
  const chips: SafeHtml[] = schemaConstraints(schema).map(
    (c) => html`<span class="ref-fact"><span class="ref-fact-label">${c.label}</span> <code>${c.value}</code></span>`,
  );
  const values = enumValues(schema);
  if (values) {
    const shown = values.slice(0, MAX_ENUM).map((v) => html`<code>${formatValue(v)}</code>`);
    const more = values.length > MAX_ENUM ? html` <span class="ref-muted">and ${values.length - MAX_ENUM} more</span>` : '';
    chips.push(html`<span class="ref-fact ref-fact-enum"><span class="ref-fact-label">one of</span> ${shown.map((s, i) => (i ? html`, ${s}` : s))}${more}</span>`);
  }
  if (schema.default !== undefined) {
    chips.push(html`<span class="ref-fact"><span class="ref-fact-label">default</span> <code>${formatValue(schema.default)}</code></span>`);
  }
  if (isObject(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') {
    chips.push(html`<span class="ref-fact"><span class="ref-fact-label">discriminator</span> <code>${schema.discriminator.propertyName}</code></span>`);
  }
  const example = schemaExample(schema);
  if (example.found && (example.value === null || typeof example.value !== 'object')) {
    // Sample data, like the request samples: shown, not searched.
    chips.push(html`<span class="ref-fact" data-pagefind-ignore><span class="ref-fact-label">example</span> <code>${formatValue(example.value)}</code></span>`);
  }
  if (schema.additionalProperties === false) {
    chips.push(html`<span class="ref-fact"><span class="ref-fact-label">additional properties</span> not allowed</span>`);
  }
  // Spaced apart (the flex row ignores the space) so that text and search read them as separate words.
  return chips.length ? html`<div class="ref-facts">${chips.map((chip, i) => (i ? html` ${chip}` : chip))}</div>` : html``;
}

function description(schema: SpecObject): SafeHtml {
  const d = text(schema.description);
  return d ? html`<div class="ref-md">${raw(renderMarkdown(d))}</div>` : html``;
}

/** The schema behind an inline (non-component) ref, or the schema itself. */
function expand(state: State, schema: unknown): { schema?: SpecObject; ref?: string } {
  const ref = refOf(schema);
  if (ref === undefined || componentSchemaName(ref) !== undefined) {
    if (!isObject(schema)) return {};
    if (ref !== undefined) return { schema };
    const folded = foldNotes(schema);
    const joined = merged(state, folded);
    return { schema: joined ? (isNullable(folded) ? markNullable(joined) : joined) : folded };
  }
  const { schema: target, loop } = inlineRef(state, ref);
  return loop || !target ? {} : { schema: target, ref };
}

/** Whether a schema has structure worth a nested tree (beyond its one-line label). */
function hasChildren(state: State, schema: unknown): boolean {
  const component = componentOf(state, schema);
  if (component !== undefined) return componentHasFields(state, component);
  const { schema: s } = expand(state, schema);
  if (!s || refOf(s) !== undefined) return false;
  if (isObject(s.properties) && Object.keys(s.properties).length) return true;
  if (isObject(s.patternProperties)) return true;
  if (Array.isArray(s.oneOf) && !plainUnion(state, s.oneOf)) return true;
  if (Array.isArray(s.anyOf) && !plainUnion(state, s.anyOf)) return true;
  if (isObject(s.not)) return true;
  if (Array.isArray(s.allOf)) return s.allOf.length > 1 || hasChildren(state, s.allOf[0]);
  if (isObject(s.items)) return hasChildren(state, s.items);
  if (isObject(s.additionalProperties) && !isObject(s.properties)) return hasChildren(state, s.additionalProperties);
  if (isObject(s.additionalProperties)) return true;
  return false;
}

/** "3 properties", "2 variants": the summary of a schema's collapsible fields. */
export function childCount(schema: SpecObject): string {
  if (isObject(schema.properties)) {
    const n = Object.keys(schema.properties).length;
    if (n) return `${n} ${n === 1 ? 'property' : 'properties'}`;
  }
  if (Array.isArray(schema.oneOf)) return `${schema.oneOf.length} variants`;
  if (Array.isArray(schema.anyOf)) return `${schema.anyOf.length} variants`;
  if (Array.isArray(schema.allOf)) return `${schema.allOf.length} parts`;
  if (isObject(schema.items)) return 'item fields';
  return 'details';
}

function property(state: State, name: string, value: unknown, required: boolean, depth: number): SafeHtml {
  const { schema } = expand(state, value);
  const own = isObject(value) ? value : {};
  const facts = schema && refOf(schema) === undefined ? schema : own;
  // A component's fields go in its slot (shown once per page); an inline object's right here.
  // Search indexes only the top-level fields of a tree (nested ones repeat their parents' words
  // and, for components, their own schema page): the nested <details> is left out of the index.
  const component = componentOf(state, value);
  const nested =
    component !== undefined
      ? slot('n', depth + 1, component)
      : hasChildren(state, value)
        ? html`<details class="ref-nested"${slot('o', depth + 1)} data-pagefind-ignore="all"><summary>${childCount(innerOf(state, value) ?? {})}</summary>${children(state, value, depth + 1)}</details>`
        : html``;
  return html`<li class="ref-prop"><div class="ref-prop-head"><code class="ref-prop-name">${name}</code> ${typeLabel(
    state,
    value,
    depth,
  )}${badges(facts, required)}</div>${schemaFacts(facts)}${description(refOf(value) !== undefined ? own : facts)}${nested}</li>`;
}

/** The schema whose fields `children` shows: arrays and maps show their items' fields. */
function innerOf(state: State, value: unknown): SpecObject | undefined {
  const { schema } = expand(state, value);
  if (!schema) return undefined;
  if (!isObject(schema.properties) && !Array.isArray(schema.oneOf) && !Array.isArray(schema.anyOf) && !Array.isArray(schema.allOf)) {
    if (isObject(schema.items)) return innerOf(state, schema.items);
    if (isObject(schema.additionalProperties)) return innerOf(state, schema.additionalProperties);
  }
  return schema;
}

/**
 * The discriminator value that selects a variant: the mapping's key for it, or (with no
 * mapping) its component name, as OpenAPI's implicit mapping says.
 */
export function discriminatorValue(parent: SpecObject | undefined, variant: unknown): string | undefined {
  const discriminator = parent && isObject(parent.discriminator) ? parent.discriminator : undefined;
  const ref = refOf(variant);
  if (!discriminator || typeof discriminator.propertyName !== 'string' || ref === undefined) return undefined;
  const name = componentSchemaName(ref);
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const keys = Object.entries(mapping)
    .filter(([, target]) => target === ref || (name !== undefined && target === name))
    .map(([key]) => key);
  const values = keys.length ? keys : Object.keys(mapping).length || name === undefined ? [] : [name];
  return values.length ? `${discriminator.propertyName} = ${values.map((v) => JSON.stringify(v)).join(' or ')}` : undefined;
}

/** Mapping entries naming no variant of the list (a mapping may list schemas the oneOf does not). */
function discriminatorMapping(parent: SpecObject | undefined, list: unknown[]): SafeHtml {
  const discriminator = parent && isObject(parent.discriminator) ? parent.discriminator : undefined;
  if (!discriminator || typeof discriminator.propertyName !== 'string' || !isObject(discriminator.mapping)) return html``;
  const refs = new Set(list.map((v) => refOf(v)).filter((r): r is string => r !== undefined));
  const names = new Set([...refs].map((r) => componentSchemaName(r)).filter((n): n is string => n !== undefined));
  const extra = Object.entries(discriminator.mapping).filter(([, target]) => typeof target === 'string' && !refs.has(target) && !names.has(target));
  if (!extra.length) return html``;
  return html`<p class="ref-discriminator-extra ref-muted">Also mapped: ${extra.map(([key, target], i) => {
    // A `#/components/schemas/…` target by its name; a bare name or any other target as written.
    const name = componentSchemaName(String(target)) ?? String(target);
    return html`${i ? ', ' : ''}<code>${discriminator.propertyName} = ${JSON.stringify(key)}</code> → <code>${name}</code>`;
  })}</p>`;
}

function variantTitle(state: State, variant: unknown, i: number): string {
  const ref = refOf(variant);
  const name = ref !== undefined ? componentSchemaName(ref) : undefined;
  const schema = followRef(state.doc, variant).value;
  return (
    text(schema?.title) ??
    name ??
    componentOf(state, variant) ??
    (schema ? schemaTypes(schema).join(' | ') || undefined : undefined) ??
    `Option ${i + 1}`
  );
}

/**
 * `oneOf`/`anyOf` as a switcher: one `<details>` per variant in an exclusive group (`name`),
 * the first open — opening one closes the others, with no script. A component variant's
 * fields are its slot: in place the first time the page meets it, a link to them after.
 */
function variants(state: State, label: string, list: unknown[], depth: number, parent?: SpecObject): SafeHtml {
  if (label === 'All of' || label === 'Not') return partList(state, label, list, depth);
  const group = variantGroup(state);
  const items = list.map((variant, i) => {
    const { schema } = expand(state, variant);
    const own = schema && refOf(schema) === undefined ? schema : undefined;
    const selector = discriminatorValue(parent, variant);
    const body = hasChildren(state, variant) || componentOf(state, variant) !== undefined ? children(state, variant, depth + 1) : html``;
    return html`<details class="ref-variant" name="${group}"${i === 0 ? raw(' open') : ''}><summary><span class="ref-variant-title">${variantTitle(state, variant, i)}</span>${
      selector ? html` <code class="ref-variant-selector">${selector}</code>` : ''
    }</summary><div class="ref-prop-head">${typeLabel(state, variant, depth)}${own ? badges(own, false) : ''}</div>${own ? html`${schemaFacts(own)}${description(own)}` : ''}${body}</details>`;
  });
  return html`<div class="ref-variants"><p class="ref-variants-label">${label} (${list.length} variants)</p><div class="ref-variant-list">${items}</div>${discriminatorMapping(
    parent,
    list,
  )}</div>`;
}

/** `allOf` that cannot be merged, and `not`: the parts, numbered. */
function partList(state: State, label: string, list: unknown[], depth: number): SafeHtml {
  const items = list.map((variant) => {
    const { schema } = expand(state, variant);
    const title = schema && text(schema.title);
    return html`<li class="ref-variant"><div class="ref-prop-head">${title ? html`<span class="ref-variant-title">${title}</span> ` : ''}${typeLabel(
      state,
      variant,
      depth,
    )}${schema && refOf(schema) === undefined ? badges(schema, false) : ''}</div>${
      schema && refOf(schema) === undefined ? html`${schemaFacts(schema)}${description(schema)}` : ''
    }${hasChildren(state, variant) ? children(state, variant, depth + 1) : ''}</li>`;
  });
  return html`<div class="ref-variants"><p class="ref-variants-label">${label}</p><ol class="ref-variant-list">${items}</ol></div>`;
}

/** The nested structure of a schema: properties, item fields, variants, maps. */
function children(state: State, value: unknown, depth: number): SafeHtml {
  if (depth > MAX_DEPTH) return html`<p class="ref-muted">Nested too deeply to show here.</p>`;
  const component = componentOf(state, value);
  if (component !== undefined) return slot('b', depth, component);
  const { schema, ref } = expand(state, value);
  if (!schema) return html``;
  if (ref) state.inlineRefs.push(ref);
  try {
    const parts: SafeHtml[] = [];
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r: unknown) => typeof r === 'string') : []);
    if (isObject(schema.properties) && Object.keys(schema.properties).length) {
      parts.push(
        html`<ul class="ref-props">${Object.entries(schema.properties).map(([name, prop]) =>
          property(state, name, prop, required.has(name), depth),
        )}</ul>`,
      );
    } else if (!Array.isArray(schema.oneOf) && !Array.isArray(schema.anyOf) && !Array.isArray(schema.allOf)) {
      // An array or a map without own properties: show the fields of what it holds, at the same level.
      if (isObject(schema.items) && hasChildren(state, schema.items)) parts.push(children(state, schema.items, depth));
      else if (isObject(schema.additionalProperties) && hasChildren(state, schema.additionalProperties)) {
        parts.push(children(state, schema.additionalProperties, depth));
      }
    }
    if (isObject(schema.patternProperties)) {
      parts.push(
        html`<ul class="ref-props">${Object.entries(schema.patternProperties).map(([pattern, prop]) =>
          property(state, `/${pattern}/`, prop, false, depth),
        )}</ul>`,
      );
    }
    if (isObject(schema.properties) && schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      parts.push(
        html`<ul class="ref-props">${property(state, '[any other key]', schema.additionalProperties === true ? {} : schema.additionalProperties, false, depth)}</ul>`,
      );
    }
    if (Array.isArray(schema.allOf) && (schema.allOf.length > 1 || hasChildren(state, schema.allOf[0]))) {
      parts.push(variants(state, 'All of', schema.allOf, depth));
    }
    if (Array.isArray(schema.oneOf) && !plainUnion(state, schema.oneOf)) parts.push(variants(state, 'One of', schema.oneOf, depth, schema));
    if (Array.isArray(schema.anyOf) && !plainUnion(state, schema.anyOf)) parts.push(variants(state, 'Any of', schema.anyOf, depth, schema));
    if (isObject(schema.not)) parts.push(variants(state, 'Not', [schema.not], depth));
    return html`${parts}`;
  } finally {
    if (ref) state.inlineRefs.pop();
  }
}

function newState(doc: SpecObject, options: TreeOptions): State {
  return { doc, use: options.use, within: options.within, inlineRefs: [], key: options };
}

/**
 * A schema as a tree: its type line, facts, description and (not collapsed at the top) its
 * fields. A component's fields are slots the page fills (page-schemas.ts), reported through
 * `options.use`; a component at the top (`$ref: Flight`, an array of them) shows its fields
 * right below the type line.
 */
export function renderSchemaTree(doc: SpecObject, schema: unknown, options: TreeOptions): SafeHtml {
  const state = newState(doc, options);
  const { schema: s } = expand(state, schema);
  const own = refOf(schema) === undefined && s ? s : isObject(schema) ? schema : {};
  const label = typeLabel(state, schema, 0);
  const fields = hasChildren(state, schema) || componentOf(state, schema) !== undefined ? children(state, schema, 1) : '';
  return html`<div class="ref-schema"><div class="ref-schema-head">${label}${badges(own, false)}</div>${schemaFacts(own)}${description(own)}${fields}</div>`;
}

/** What the page shows of a component where it is used: its facts, description and fields. */
export interface ComponentFields {
  facts: string;
  description: string;
  /** The fields, with slots at depths counted from the component's own fields (1). */
  fields: string;
  /** The `<summary>` of its collapsible fields ("3 properties"). */
  summary: string;
}

/** A component's own parts, rendered with `within` set (so its variant groups are its own). */
export function renderComponentFields(doc: SpecObject, name: string, use: (name: string) => void): ComponentFields {
  const schema = componentSchemas(doc)[name];
  const state = newState(doc, { use, within: name });
  const own = isObject(schema) && refOf(schema) === undefined ? (merged(state, schema) ?? schema) : {};
  const fields = hasChildren(state, schema) || (refOf(schema) !== undefined && componentOf(state, schema) !== undefined) ? children(state, schema, 1) : html``;
  return {
    facts: schemaFacts(own).value,
    description: description(own).value,
    fields: fields.value,
    summary: refOf(schema) !== undefined ? 'fields' : childCount(innerOf(state, own) ?? own),
  };
}

/** Just the one-line type label (for parameter and header tables). */
export function renderTypeLabel(doc: SpecObject, schema: unknown, options: TreeOptions): SafeHtml {
  return typeLabel(newState(doc, options), schema, 0);
}

/** Whether a schema has fields worth a tree below a one-line label. */
export function schemaHasChildren(doc: SpecObject, schema: unknown): boolean {
  return hasChildren(newState(doc, { use: () => {} }), schema);
}
