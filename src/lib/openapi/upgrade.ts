/**
 * The upgrade step: every document becomes one 3.1-shaped view, once, at load, so no reader
 * downstream branches on the version it was written in (Zudoku's `upgrade/`).
 * - Swagger 2.0 is converted to 3.0 first (`swagger2.ts`), then upgraded like any 3.0 document;
 *   the view then says `openapi: 3.1.0`.
 * - 3.0 Schema Objects: `nullable: true` (and the 2.0-era `x-nullable: true`) becomes a `null`
 *   type, boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric bound.
 * - 3.1 and 3.2 documents are already in that shape and come back as they are (3.2's additions
 *   — `query`, `additionalOperations`, `querystring`, tag `parent`/`kind`, `$self` — are a
 *   superset the readers know).
 * The input is never modified: what changes is copied (see `upgradeSchemas`).
 */
import { isObject, type JsonObject } from './object.ts';
import { walk } from './structure.ts';
import { convertSwagger2 } from './swagger2.ts';

const UPGRADED = new WeakSet<object>();

/** The `openapi` field of a view upgraded from 2.0 or 3.0. */
const VIEW_VERSION = '3.1.0';

/** Keys that describe a schema without constraining it: they stay outside a nullable wrapper. */
const ANNOTATIONS = new Set([
  'title', 'description', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'externalDocs', 'xml', '$comment',
]);

/** The 3.1-shaped view of a parsed (bundled) OpenAPI or Swagger document. */
export function upgradeDocument(doc: JsonObject): JsonObject {
  if (UPGRADED.has(doc)) return doc;
  const source = doc.swagger !== undefined && doc.openapi === undefined ? convertSwagger2(doc) : doc;
  let view = source;
  if (isOpenApi30(source)) {
    // The view says what shape it has (`LoadedSpec.sourceFormat` keeps what was written), so
    // reading it again, even from the cache's JSON, upgrades nothing twice.
    const upgraded = upgradeSchemas(source);
    view = upgraded === source ? { ...source, openapi: VIEW_VERSION } : Object.assign(upgraded, { openapi: VIEW_VERSION });
  }
  UPGRADED.add(view);
  return view;
}

function isOpenApi30(doc: JsonObject): boolean {
  return typeof doc.openapi === 'string' ? doc.openapi.trim().startsWith('3.0') : doc.openapi === 3 || doc.openapi === 3.0;
}

/** A visited-set that counts the objects the walk reaches a second time (shared or aliased). */
class RevisitCounter extends WeakSet<object> {
  revisits = 0;
  override has(value: object): boolean {
    const seen = super.has(value);
    if (seen) this.revisits++;
    return seen;
  }
}

/**
 * The document with every 3.0-spelled Schema Object rewritten, or the document itself when
 * none is. Usually only the objects on the way to a rewritten schema are copied (the rest
 * is shared, read-only, with the input); rewritten innermost first, so a wrapper made for an
 * outer schema holds its already rewritten members. When the walk reaches an object twice (a
 * YAML alias, or one schema object used in two places), copying one path would leave the other
 * place in 3.0 spelling, so the whole document is copied with `structuredClone` (which keeps
 * such objects shared) and rewritten in place.
 */
function upgradeSchemas(doc: JsonObject): JsonObject {
  const found: string[][] = [];
  const visited = new RevisitCounter();
  walk(doc, 'Root', 'openapi-3', [], null, {
    enter: ({ node, kind, path }) => {
      if (kind === 'Schema' && needsUpgrade(node)) found.push([...path]);
    },
  }, visited);
  if (found.length === 0) return doc;
  if (visited.revisits > 0) {
    const view = structuredClone(doc);
    walk(view, 'Root', 'openapi-3', [], null, {
      enter: ({ node, kind }) => {
        if (kind === 'Schema' && needsUpgrade(node)) upgradeSchema(node);
      },
    });
    return view;
  }
  const copies = new Map<object, JsonObject>();
  const copyOf = (value: object): JsonObject => {
    let copy = copies.get(value);
    if (!copy) copies.set(value, (copy = (Array.isArray(value) ? [...value] : { ...value }) as JsonObject));
    return copy;
  };
  const root = copyOf(doc);
  for (let i = found.length - 1; i >= 0; i--) {
    let original: JsonObject = doc;
    let copy = root;
    for (const segment of found[i]!) {
      original = original[segment] as JsonObject;
      copy = copy[segment] = copyOf(original);
    }
    upgradeSchema(copy);
  }
  return root;
}

function needsUpgrade(schema: JsonObject): boolean {
  return (
    'nullable' in schema ||
    'x-nullable' in schema ||
    typeof schema.exclusiveMinimum === 'boolean' ||
    typeof schema.exclusiveMaximum === 'boolean'
  );
}

/** One 3.0 Schema Object rewritten in place as 3.1 says the same. */
function upgradeSchema(schema: JsonObject): void {
  for (const [exclusive, inclusive] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const flag = schema[exclusive];
    if (typeof flag !== 'boolean') continue;
    if (flag && typeof schema[inclusive] === 'number') {
      schema[exclusive] = schema[inclusive];
      delete schema[inclusive];
    } else delete schema[exclusive];
  }
  const nullable = schema.nullable === true || schema['x-nullable'] === true;
  delete schema.nullable;
  delete schema['x-nullable'];
  if (!nullable) return;
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
  // Writers leave out `type` where the keywords say it; both readers inferred it, so does the upgrade.
  const inferred = types ?? (isObject(schema.properties) || isObject(schema.additionalProperties) ? ['object'] : schema.items !== undefined ? ['array'] : undefined);
  if (inferred && schema.$ref === undefined) {
    schema.type = inferred.includes('null') ? inferred : [...inferred, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    return;
  }
  // A `$ref`, a composition or nothing at all, meant nullable: 3.1 says "that, or null".
  const inner: JsonObject = {};
  for (const key of Object.keys(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    inner[key] = schema[key];
    delete schema[key];
  }
  schema.anyOf = [inner, { type: 'null' }];
}
