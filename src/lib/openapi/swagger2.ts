/**
 * Swagger 2.0 → OpenAPI 3.0.3, so that rendering and diff see one shape.
 *
 * A small converter of our own rather than `swagger2openapi`: the input is already bundled
 * (no refs to other files, nothing to fetch), so what is left is a mapping of fields —
 * host/basePath/schemes → servers, body and formData parameters → requestBody,
 * consumes/produces → content types, definitions/parameters/responses/securityDefinitions →
 * components, `#/definitions/…` refs → `#/components/schemas/…`, `x-nullable` → `nullable`,
 * `type: file` → binary string. Schemas are converted once each (memoised by identity), so
 * recursive or shared schemas neither loop nor multiply. The input is not modified.
 */
import { escapeSegment, unescapeSegment } from './json-pointer.ts';
import { HTTP_METHODS, isObject } from './object.ts';

type Obj = Record<string, any>;


/** Parameter fields that become the parameter's `schema` in 3.0. */
const SCHEMA_FIELDS = [
  'type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength',
  'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf',
] as const;

export function convertSwagger2(doc: Obj): Obj {
  return new Converter(doc).convert();
}

class Converter {
  private readonly doc: Obj;
  private readonly schemas = new WeakMap<object, unknown>();

  constructor(doc: Obj) {
    this.doc = doc;
  }

  convert(): Obj {
    const doc = this.doc;
    const out: Obj = { openapi: '3.0.3', info: doc.info };
    if (doc.externalDocs) out.externalDocs = doc.externalDocs;
    const servers = this.servers();
    if (servers.length > 0) out.servers = servers;
    if (doc.tags) out.tags = doc.tags;
    if (doc.security) out.security = doc.security;
    out.paths = this.paths(doc.paths);
    const components = this.components();
    if (Object.keys(components).length > 0) out.components = components;
    copyExtensions(doc, out);
    return out;
  }

  private servers(): Obj[] {
    const { host, basePath } = this.doc;
    const base = typeof basePath === 'string' && basePath !== '/' ? basePath : '';
    if (typeof host === 'string' && host !== '') {
      const schemes: string[] = Array.isArray(this.doc.schemes) && this.doc.schemes.length > 0 ? this.doc.schemes : ['https'];
      return schemes.map((scheme) => ({ url: `${scheme}://${host}${base}` }));
    }
    return base ? [{ url: base }] : [];
  }

  private get consumes(): string[] {
    return Array.isArray(this.doc.consumes) ? this.doc.consumes : [];
  }

  private get produces(): string[] {
    return Array.isArray(this.doc.produces) ? this.doc.produces : [];
  }

  private paths(paths: unknown): Obj {
    const out: Obj = {};
    if (!isObject(paths)) return out;
    for (const [path, item] of Object.entries(paths)) {
      if (path.startsWith('x-') || !isObject(item)) {
        out[path] = item;
        continue;
      }
      const shared: unknown[] = Array.isArray(item.parameters) ? item.parameters : [];
      const converted: Obj = {};
      for (const [key, value] of Object.entries(item)) {
        if ((HTTP_METHODS as readonly string[]).includes(key) && isObject(value)) converted[key] = this.operation(value, shared);
        else if (key === 'parameters') {
          // Body and form parameters move into each operation's requestBody.
          const rest = shared.filter((p) => !isBodyOrForm(this.resolveParameter(p).target)).map((p) => this.parameterOrRef(p));
          if (rest.length > 0) converted.parameters = rest;
        } else converted[key] = value;
      }
      out[path] = converted;
    }
    return out;
  }

  private operation(op: Obj, shared: unknown[]): Obj {
    const consumes: string[] = Array.isArray(op.consumes) ? op.consumes : this.consumes;
    const produces: string[] = Array.isArray(op.produces) ? op.produces : this.produces;
    const own: unknown[] = Array.isArray(op.parameters) ? op.parameters : [];
    const ownKeys = new Set(own.map((p) => paramKey(this.resolveParameter(p).target)));
    // Path-level body/form parameters apply unless the operation overrides them.
    const inherited = shared.filter((p) => {
      const target = this.resolveParameter(p).target;
      return isBodyOrForm(target) && !ownKeys.has(paramKey(target));
    });

    const out: Obj = {};
    const parameters: Obj[] = [];
    const form: Obj[] = [];
    let requestBody: Obj | undefined;
    for (const p of [...own, ...inherited]) {
      const { name, target } = this.resolveParameter(p);
      if (target?.in === 'body') requestBody = name ? { $ref: `#/components/requestBodies/${escapeSegment(name)}` } : this.requestBody(target, consumes);
      else if (target?.in === 'formData') form.push(target);
      else parameters.push(this.parameterOrRef(p));
    }
    if (form.length > 0) requestBody = this.formRequestBody(form, consumes);

    for (const [key, value] of Object.entries(op)) {
      switch (key) {
        case 'parameters':
          if (parameters.length > 0) out.parameters = parameters;
          if (requestBody) out.requestBody = requestBody;
          break;
        case 'responses':
          out.responses = this.responses(value, produces);
          break;
        case 'consumes':
        case 'produces':
        case 'schemes':
          break;
        default:
          out[key] = value;
      }
    }
    if (!('parameters' in op)) {
      if (parameters.length > 0) out.parameters = parameters;
      if (requestBody) out.requestBody = requestBody;
    }
    return out;
  }

  /** A `$ref` to `#/parameters/x` with its target, or an inline parameter. */
  private resolveParameter(p: unknown): { name?: string; target?: Obj } {
    if (isObject(p) && typeof p.$ref === 'string') {
      const match = /^#\/parameters\/([^/]+)$/.exec(p.$ref);
      if (!match) return {};
      const name = unescapeSegment(match[1]);
      const target = this.doc.parameters?.[name];
      return { name, target: isObject(target) ? target : undefined };
    }
    return { target: isObject(p) ? p : undefined };
  }

  private parameterOrRef(p: unknown): Obj {
    const { name, target } = this.resolveParameter(p);
    if (name) return { $ref: `#/components/parameters/${escapeSegment(name)}` };
    return target ? this.parameter(target) : (p as Obj);
  }

  private parameter(p: Obj): Obj {
    const out: Obj = { name: p.name, in: p.in };
    if (p.description !== undefined) out.description = p.description;
    if (p.required !== undefined || p.in === 'path') out.required = p.in === 'path' ? true : p.required;
    if (p.allowEmptyValue !== undefined) out.allowEmptyValue = p.allowEmptyValue;
    const schema = this.simpleSchema(p);
    if (schema.type === 'array') Object.assign(out, collectionStyle(p.collectionFormat, p.in));
    out.schema = schema;
    if (p['x-example'] !== undefined) out.example = p['x-example'];
    copyExtensions(p, out, ['x-example']);
    return out;
  }

  /** The schema of a non-body parameter, header or items object. */
  private simpleSchema(p: Obj): Obj {
    const out: Obj = {};
    for (const field of SCHEMA_FIELDS) {
      if (p[field] === undefined) continue;
      if (field === 'items') out.items = isObject(p.items) ? this.simpleSchema(p.items) : p.items;
      else out[field] = p[field];
    }
    if (p.type === 'file') {
      out.type = 'string';
      out.format = 'binary';
    }
    if (p['x-nullable'] !== undefined) out.nullable = p['x-nullable'];
    return out;
  }

  private requestBody(p: Obj, consumes: string[]): Obj {
    const types = consumes.length > 0 ? consumes : ['application/json'];
    const schema = this.schema(p.schema ?? {});
    const examples: Obj = isObject(p['x-examples']) ? p['x-examples'] : {};
    const out: Obj = {};
    if (p.description !== undefined) out.description = p.description;
    out.content = Object.fromEntries(types.map((type) => [type, examples[type] !== undefined ? { schema, example: examples[type] } : { schema }]));
    if (p.required !== undefined) out.required = p.required;
    copyExtensions(p, out, ['x-examples']);
    return out;
  }

  private formRequestBody(params: Obj[], consumes: string[]): Obj {
    const hasFile = params.some((p) => p.type === 'file');
    const formTypes = consumes.filter((t) => /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/.test(t));
    const types = formTypes.length > 0 ? formTypes : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
    const properties: Obj = {};
    const required: string[] = [];
    for (const p of params) {
      const schema = this.simpleSchema(p);
      if (p.description !== undefined) schema.description = p.description;
      properties[p.name] = schema;
      if (p.required === true) required.push(p.name);
    }
    const schema: Obj = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    return { content: Object.fromEntries(types.map((type) => [type, { schema }])) };
  }

  private responses(responses: unknown, produces: string[]): Obj {
    if (!isObject(responses)) return responses as Obj;
    const out: Obj = {};
    for (const [code, r] of Object.entries(responses)) {
      if (code.startsWith('x-') || !isObject(r)) out[code] = r;
      else if (typeof r.$ref === 'string') out[code] = { $ref: rewriteRef(r.$ref, this.doc) };
      else out[code] = this.response(r, produces);
    }
    return out;
  }

  private response(r: Obj, produces: string[]): Obj {
    const out: Obj = { description: typeof r.description === 'string' ? r.description : '' };
    if (isObject(r.headers)) {
      out.headers = Object.fromEntries(
        Object.entries(r.headers).map(([name, h]) => {
          if (!isObject(h)) return [name, h];
          const header: Obj = {};
          if (h.description !== undefined) header.description = h.description;
          header.schema = this.simpleSchema(h);
          copyExtensions(h, header);
          return [name, header];
        }),
      );
    }
    const examples: Obj = isObject(r.examples) ? r.examples : {};
    const types = produces.length > 0 ? produces : ['application/json'];
    if (r.schema !== undefined) {
      const schema = this.schema(r.schema);
      out.content = Object.fromEntries(types.map((type) => [type, examples[type] !== undefined ? { schema, example: examples[type] } : { schema }]));
    }
    for (const [type, example] of Object.entries(examples)) {
      out.content ??= {};
      out.content[type] ??= {};
      out.content[type].example = example;
    }
    copyExtensions(r, out);
    return out;
  }

  /** A Swagger schema in 3.0 form; each input object is converted once (recursion-safe). */
  private schema(s: unknown): any {
    if (!isObject(s)) return s;
    const done = this.schemas.get(s);
    if (done) return done;
    const out: Obj = {};
    this.schemas.set(s, out);
    for (const [key, value] of Object.entries(s)) {
      switch (key) {
        case '$ref':
          out.$ref = typeof value === 'string' ? rewriteRef(value, this.doc) : value;
          break;
        case 'x-nullable':
          out.nullable = value;
          break;
        case 'type':
          if (value === 'file') {
            out.type = 'string';
            out.format = 'binary';
          } else out.type = value;
          break;
        case 'format':
          if (s.type !== 'file') out.format = value;
          break;
        case 'discriminator':
          out.discriminator = typeof value === 'string' ? { propertyName: value } : value;
          break;
        case 'properties':
          out.properties = isObject(value) ? mapValues(value, (v) => this.schema(v)) : value;
          break;
        case 'items':
          // 3.0 has no tuples; the first item schema is the closest reading.
          out.items = Array.isArray(value) ? this.schema(value[0] ?? {}) : this.schema(value);
          break;
        case 'additionalProperties':
        case 'not':
          out[key] = this.schema(value);
          break;
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
          out[key] = Array.isArray(value) ? value.map((v) => this.schema(v)) : value;
          break;
        default:
          out[key] = value;
      }
    }
    return out;
  }

  private components(): Obj {
    const doc = this.doc;
    const components: Obj = {};
    if (isObject(doc.definitions)) components.schemas = mapValues(doc.definitions, (s) => this.schema(s));
    if (isObject(doc.parameters)) {
      const parameters: Obj = {};
      const requestBodies: Obj = {};
      for (const [name, p] of Object.entries(doc.parameters)) {
        if (!isObject(p)) continue;
        if (p.in === 'body') requestBodies[name] = this.requestBody(p, this.consumes);
        // formData parameters cannot be components in 3.0; operations inline them.
        else if (p.in !== 'formData') parameters[name] = this.parameter(p);
      }
      if (Object.keys(parameters).length > 0) components.parameters = parameters;
      if (Object.keys(requestBodies).length > 0) components.requestBodies = requestBodies;
    }
    if (isObject(doc.responses)) components.responses = mapValues(doc.responses, (r) => (isObject(r) ? this.response(r, this.produces) : r));
    if (isObject(doc.securityDefinitions)) components.securitySchemes = mapValues(doc.securityDefinitions, securityScheme);
    return components;
  }
}

function isBodyOrForm(p: Obj | undefined): boolean {
  return p?.in === 'body' || p?.in === 'formData';
}

function paramKey(p: Obj | undefined): string {
  return p ? `${String(p.in)}:${String(p.name)}` : '';
}

/** 2.0 `collectionFormat` as 3.0 `style`/`explode` (2.0's default is csv, 3.0's query default explodes). */
function collectionStyle(format: unknown, location: unknown): Obj {
  switch (format ?? 'csv') {
    case 'csv':
      return location === 'query' || location === 'cookie' ? { style: 'form', explode: false } : {};
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'multi':
      return { style: 'form', explode: true };
    default:
      return { 'x-collectionFormat': format };
  }
}

function rewriteRef(ref: string, doc: Obj): string {
  if (ref.startsWith('#/definitions/')) return '#/components/schemas/' + ref.slice('#/definitions/'.length);
  if (ref.startsWith('#/responses/')) return '#/components/responses/' + ref.slice('#/responses/'.length);
  if (ref.startsWith('#/parameters/')) {
    const name = unescapeSegment(ref.slice('#/parameters/'.length).split('/')[0]);
    const section = doc.parameters?.[name]?.in === 'body' ? 'requestBodies' : 'parameters';
    return `#/components/${section}/` + ref.slice('#/parameters/'.length);
  }
  return ref;
}

function securityScheme(s: unknown): unknown {
  if (!isObject(s)) return s;
  const out: Obj = {};
  switch (s.type) {
    case 'basic':
      Object.assign(out, { type: 'http', scheme: 'basic' });
      break;
    case 'apiKey':
      Object.assign(out, { type: 'apiKey', name: s.name, in: s.in });
      break;
    case 'oauth2': {
      const scopes = isObject(s.scopes) ? s.scopes : {};
      const flow: Record<string, [string, Obj]> = {
        implicit: ['implicit', { authorizationUrl: s.authorizationUrl, scopes }],
        password: ['password', { tokenUrl: s.tokenUrl, scopes }],
        application: ['clientCredentials', { tokenUrl: s.tokenUrl, scopes }],
        accessCode: ['authorizationCode', { authorizationUrl: s.authorizationUrl, tokenUrl: s.tokenUrl, scopes }],
      };
      const [name, value] = flow[String(s.flow)] ?? ['implicit', { authorizationUrl: s.authorizationUrl ?? '', scopes }];
      Object.assign(out, { type: 'oauth2', flows: { [name]: value } });
      break;
    }
    default:
      Object.assign(out, s);
  }
  if (s.description !== undefined) out.description = s.description;
  copyExtensions(s, out);
  return out;
}

function mapValues(obj: Obj, fn: (value: any) => any): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(obj)) out[key] = fn(value);
  return out;
}

function copyExtensions(from: Obj, to: Obj, except: string[] = []): void {
  for (const [key, value] of Object.entries(from)) if (key.startsWith('x-') && !except.includes(key) && !(key in to)) to[key] = value;
}
