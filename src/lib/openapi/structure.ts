/**
 * Which OpenAPI object sits where, for Swagger 2.0 and OpenAPI 3.x.
 *
 * A `$ref` only means "reference" in structural positions: inside an `example`, a `default`
 * or an `x-` extension it is plain data and must be left alone (and never read from disk).
 * The walker below therefore follows the spec's object model, like Redocly's type tree,
 * instead of grepping for every `$ref` key. It also tells the bundler what kind of object a
 * reference stands for, so a referenced file can become `#/components/<section>/<name>`.
 */

export type SpecFamily = 'swagger-2.0' | 'openapi-3';

export type Kind =
  | 'Root'
  | 'Paths'
  | 'PathItem'
  | 'Operation'
  | 'Callback'
  | 'Parameter'
  | 'Header'
  | 'RequestBody'
  | 'MediaType'
  | 'Encoding'
  | 'Responses'
  | 'Response'
  | 'Example'
  | 'Link'
  | 'SecurityScheme'
  | 'Components'
  | 'Schema';

type Field = Kind | { map: Kind; skipExtensions?: boolean } | { list: Kind } | { schemaOrList: Kind };

interface KindSpec {
  fields?: Record<string, Field>;
  /** Every member (except `x-` extensions) is of this kind. */
  map?: Kind;
}

import { HTTP_METHODS } from './object.ts';

const schema: KindSpec = {
  fields: {
    properties: { map: 'Schema' },
    patternProperties: { map: 'Schema' },
    additionalProperties: 'Schema',
    items: { schemaOrList: 'Schema' },
    additionalItems: 'Schema',
    prefixItems: { list: 'Schema' },
    allOf: { list: 'Schema' },
    anyOf: { list: 'Schema' },
    oneOf: { list: 'Schema' },
    not: 'Schema',
    if: 'Schema',
    then: 'Schema',
    else: 'Schema',
    dependentSchemas: { map: 'Schema' },
    contains: 'Schema',
    propertyNames: 'Schema',
    unevaluatedItems: 'Schema',
    unevaluatedProperties: 'Schema',
    contentSchema: 'Schema',
    $defs: { map: 'Schema' },
  },
};

const operationFields = (extra: Record<string, Field>): Record<string, Field> => {
  const fields: Record<string, Field> = {};
  for (const method of HTTP_METHODS) fields[method] = 'Operation';
  return { ...fields, ...extra };
};

const OPENAPI_3: Record<Kind, KindSpec> = {
  // Components first: a file referenced from `components/schemas/Pet` should land there,
  // not under a made-up name because `paths` happened to reference it earlier.
  // `x-webhooks` is the 3.0 spelling of 3.1 webhooks (GitHub's spec uses it).
  Root: { fields: { components: 'Components', paths: 'Paths', webhooks: { map: 'PathItem' }, 'x-webhooks': { map: 'PathItem' } } },
  Paths: { map: 'PathItem' },
  // `query` and `additionalOperations` are OpenAPI 3.2's; no 3.0/3.1 path item has either field.
  PathItem: { fields: operationFields({ query: 'Operation', additionalOperations: { map: 'Operation' }, parameters: { list: 'Parameter' } }) },
  Operation: {
    fields: {
      parameters: { list: 'Parameter' },
      requestBody: 'RequestBody',
      responses: 'Responses',
      callbacks: { map: 'Callback' },
    },
  },
  Callback: { map: 'PathItem' },
  Parameter: { fields: { schema: 'Schema', content: { map: 'MediaType' }, examples: { map: 'Example' } } },
  Header: { fields: { schema: 'Schema', content: { map: 'MediaType' }, examples: { map: 'Example' } } },
  RequestBody: { fields: { content: { map: 'MediaType' } } },
  MediaType: { fields: { schema: 'Schema', itemSchema: 'Schema', examples: { map: 'Example' }, encoding: { map: 'Encoding' } } },
  Encoding: { fields: { headers: { map: 'Header' } } },
  Responses: { map: 'Response' },
  Response: { fields: { headers: { map: 'Header' }, content: { map: 'MediaType' }, links: { map: 'Link' } } },
  Example: {},
  Link: {},
  SecurityScheme: {},
  Components: {
    fields: {
      schemas: { map: 'Schema', skipExtensions: false },
      responses: { map: 'Response', skipExtensions: false },
      parameters: { map: 'Parameter', skipExtensions: false },
      examples: { map: 'Example', skipExtensions: false },
      requestBodies: { map: 'RequestBody', skipExtensions: false },
      headers: { map: 'Header', skipExtensions: false },
      securitySchemes: { map: 'SecurityScheme', skipExtensions: false },
      links: { map: 'Link', skipExtensions: false },
      callbacks: { map: 'Callback', skipExtensions: false },
      pathItems: { map: 'PathItem', skipExtensions: false },
    },
  },
  Schema: schema,
};

const SWAGGER_2: Record<Kind, KindSpec> = {
  ...OPENAPI_3,
  Root: {
    fields: {
      definitions: { map: 'Schema', skipExtensions: false },
      parameters: { map: 'Parameter', skipExtensions: false },
      responses: { map: 'Response', skipExtensions: false },
      paths: 'Paths',
    },
  },
  PathItem: { fields: operationFields({ parameters: { list: 'Parameter' } }) },
  Operation: { fields: { parameters: { list: 'Parameter' }, responses: 'Responses' } },
  Parameter: { fields: { schema: 'Schema' } },
  Response: { fields: { schema: 'Schema', headers: { map: 'Header' } } },
  Header: {},
};

/** The kinds with their fields as entries, made once: the walk reads them for every object. */
type KindFields = Record<Kind, { map?: Kind; fields?: [string, Field][] }>;

function fieldEntries(specs: Record<Kind, KindSpec>): KindFields {
  return Object.fromEntries(
    Object.entries(specs).map(([kind, spec]) => [kind, { map: spec.map, fields: spec.fields ? Object.entries(spec.fields) : undefined }]),
  ) as KindFields;
}

const OPENAPI_3_FIELDS = fieldEntries(OPENAPI_3);
const SWAGGER_2_FIELDS = fieldEntries(SWAGGER_2);

/**
 * Where a referenced object of `kind` may live as a named, reusable component, or
 * `undefined` when it can only be inlined (path items, 2.0 headers).
 */
export function componentSection(kind: Kind, family: SpecFamily): string[] | undefined {
  return componentSections(family).find(([, k]) => k === kind)?.[0];
}

/** Every component section of the family with the kind of object it holds. */
export function componentSections(family: SpecFamily): [string[], Kind][] {
  if (family === 'swagger-2.0') {
    return [
      [['definitions'], 'Schema'],
      [['parameters'], 'Parameter'],
      [['responses'], 'Response'],
    ];
  }
  return [
    [['components', 'schemas'], 'Schema'],
    [['components', 'parameters'], 'Parameter'],
    [['components', 'responses'], 'Response'],
    [['components', 'requestBodies'], 'RequestBody'],
    [['components', 'headers'], 'Header'],
    [['components', 'examples'], 'Example'],
    [['components', 'links'], 'Link'],
    [['components', 'callbacks'], 'Callback'],
    [['components', 'securitySchemes'], 'SecurityScheme'],
  ];
}

export interface RefVisit<C> {
  /** The object holding `$ref` (may be rewritten in place by the visitor). */
  node: Record<string, unknown> & { $ref: string };
  kind: Kind;
  /** Path of `node` in the document being walked (shared array: copy to keep). */
  path: string[];
  context: C;
}

export interface NodeVisit<C> {
  /** An object of `kind` (after `ref` ran on it, when it is a reference); may be changed in place. */
  node: Record<string, unknown>;
  kind: Kind;
  /** Path of `node` in the document being walked (shared array: copy to keep). */
  path: string[];
  context: C;
}

/**
 * What a walk does at each object. Every phase that reads the document by its object model
 * (collect, bundle, lint, the upgrade, the reference's schema graph) is one of these, so none
 * of them keeps a traversal of its own that could miss a place the others see.
 */
export interface Visitor<C> {
  /** A structural `$ref`: may rewrite the node in place (inline a target); returns the context for its members. */
  ref?(visit: RefVisit<C>): C;
  /** Every object of a known kind, before its members are walked; `'stop'` ends the whole walk there. */
  enter?(visit: NodeVisit<C>): void | 'stop';
}

/**
 * Walks `value` (an object of `kind`) along the spec's object model and calls the visitor
 * for each object in it. A node the visitor rewrites in place is walked as rewritten.
 * Each object is walked once, so shared (YAML alias) or cyclic objects cannot loop.
 */
export function walk<C>(
  value: unknown,
  kind: Kind,
  family: SpecFamily,
  path: string[],
  context: C,
  visitor: Visitor<C>,
  visited: WeakSet<object> = new WeakSet(),
): void {
  const specs = family === 'swagger-2.0' ? SWAGGER_2_FIELDS : OPENAPI_3_FIELDS;
  let stopped = false;
  const visit = (node: unknown, kind: Kind, ctx: C): void => {
    if (stopped || node === null || typeof node !== 'object' || Array.isArray(node)) return;
    if (visited.has(node)) return;
    visited.add(node);
    const record = node as Record<string, unknown>;
    if (visitor.ref && typeof record.$ref === 'string') {
      ctx = visitor.ref({ node: record as RefVisit<C>['node'], kind, path, context: ctx });
    }
    if (visitor.enter?.({ node: record, kind, path, context: ctx }) === 'stop') {
      stopped = true;
      return;
    }
    const spec = specs[kind];
    if (spec.map) {
      for (const key of Object.keys(record)) {
        if (key.startsWith('x-') || key === '$ref') continue;
        child(record[key], key, spec.map, ctx);
      }
    }
    if (spec.fields) {
      for (const [key, field] of spec.fields) {
        const member = record[key];
        if (member === undefined || member === null || typeof member !== 'object') continue;
        path.push(key);
        if (typeof field === 'string') visit(member, field, ctx);
        else if ('map' in field) {
          if (!Array.isArray(member)) {
            for (const name of Object.keys(member)) {
              if (field.skipExtensions !== false && kind !== 'Schema' && name.startsWith('x-')) continue;
              child((member as Record<string, unknown>)[name], name, field.map, ctx);
            }
          }
        } else if ('list' in field) {
          if (Array.isArray(member)) member.forEach((item, i) => child(item, String(i), field.list, ctx));
        } else if (Array.isArray(member)) {
          member.forEach((item, i) => child(item, String(i), field.schemaOrList, ctx));
        } else {
          visit(member, field.schemaOrList, ctx);
        }
        path.pop();
      }
    }
  };
  const child = (node: unknown, key: string, kind: Kind, ctx: C): void => {
    path.push(key);
    visit(node, kind, ctx);
    path.pop();
  };
  visit(value, kind, context);
}

/** `walk` with only a `ref` visitor: every structural `$ref` (see `Visitor.ref`). */
export function walkRefs<C>(
  value: unknown,
  kind: Kind,
  family: SpecFamily,
  path: string[],
  context: C,
  onRef: (visit: RefVisit<C>) => C,
  visited: WeakSet<object> = new WeakSet(),
): void {
  walk(value, kind, family, path, context, { ref: onRef }, visited);
}
