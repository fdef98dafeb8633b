/**
 * The request a code sample makes, independent of the language: URL, headers, auth and
 * body. Auth comes from the environment's gateway plugins when the version is linked to a
 * gateway (that is what the consumer calls), else from the spec's security requirements.
 */
import type { AuthRequirement, ResolvedEnvironment } from '../gateway/types.ts';
import { CONFIGURED_PER_ENVIRONMENT, isConfiguredPerEnvironment } from '../gateway/templated-values.ts';
import { openidConnectWays } from '../gateway/plugins/openid-connect.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject } from '../openapi/object.ts';
import { examplesOf, generateExample } from './example.ts';
import type { ParameterEntry } from '../openapi/parameters.ts';
import { schemaExample } from './schema-facts.ts';
import { PLACEHOLDER_BASE_URL, absoluteServerUrl, applicableServers, gatewayBaseUrl, serverUrl } from './server-url.ts';
import { routeHeaderPlaceholders, sampleRoute, servedBaseUrl, type OperationKey } from './gateway-operation.ts';
import type { SpecObject } from './types.ts';

export const API_KEY_PLACEHOLDER = '<YOUR_API_KEY>';
export const TOKEN_PLACEHOLDER = '<TOKEN>';
/** Stands for a key name the decK file sets by a template (see templated-values.ts). */
export const API_KEY_NAME_PLACEHOLDER = '<API_KEY_NAME>';

export type SampleBody =
  | { kind: 'json'; mediaType: string; value: unknown }
  | { kind: 'form' | 'multipart'; mediaType: string; fields: { name: string; value: string; file: boolean }[] }
  | { kind: 'text'; mediaType: string; text: string }
  | { kind: 'file'; mediaType: string };

export interface SampleRequest {
  method: string;
  /** Full URL, query string included. */
  url: string;
  headers: [string, string][];
  /** HTTP Basic with placeholder credentials. */
  basicAuth: boolean;
  /** Mutual TLS: the client must present a certificate. */
  clientCertificate: boolean;
  body?: SampleBody;
  /** Things the code cannot show (HMAC signing), as plain sentences for comments. */
  notes: string[];
  /** Where the base URL came from, to tell the reader. */
  baseUrlSource: 'environment' | 'spec' | 'placeholder';
}

interface OperationInput {
  method: string;
  path: string;
  operation: SpecObject;
  pathItem: SpecObject;
  parameters: ParameterEntry[];
}

function isJsonMedia(mediaType: string): boolean {
  return /^application\/(.+\+)?json\b/i.test(mediaType) || /\+json\b/i.test(mediaType);
}

/** A parameter's example value as text, else `{name}` for the reader to fill in. */
function parameterValue(doc: SpecObject, parameter: SpecObject): string {
  const examples = examplesOf(doc, parameter, undefined, 'request');
  let value: unknown = examples.find((e) => e.value !== undefined)?.value;
  if (value === undefined) {
    const schema = followRef(doc, parameter.schema).value;
    if (schema) {
      const own = schemaExample(schema);
      if (own.found) value = own.value;
      else if (Array.isArray(schema.enum) && schema.enum.length) value = schema.enum[0];
      else if (schema.default !== undefined) value = schema.default;
    }
  }
  if (value === undefined || value === null) return `{${parameter.name}}`;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

interface AuthPlan {
  headers: [string, string][];
  query: [string, string][];
  basicAuth: boolean;
  clientCertificate: boolean;
  notes: string[];
}

function emptyPlan(): AuthPlan {
  return { headers: [], query: [], basicAuth: false, clientCertificate: false, notes: [] };
}

/** The first gateway credential that a sample can show; undefined when the gateway asks none. */
function gatewayAuth(auth: AuthRequirement[]): AuthPlan | undefined {
  for (const a of auth) {
    const plan = emptyPlan();
    switch (a.type) {
      case 'key-auth': {
        const templated = a.key_names.length === 0 && isConfiguredPerEnvironment(a, 'key_names');
        const name = a.key_names[0] ?? (templated ? API_KEY_NAME_PLACEHOLDER : 'apikey');
        if (templated) plan.notes.push(`The API key's name is ${CONFIGURED_PER_ENVIRONMENT}; ask the API team for it.`);
        if (!a.key_in_header && a.key_in_query) plan.query.push([name, API_KEY_PLACEHOLDER]);
        else plan.headers.push([name, API_KEY_PLACEHOLDER]);
        return plan;
      }
      case 'jwt': {
        if (a.header_names.length || !a.uri_param_names.length) {
          const name = a.header_names[0] ?? 'Authorization';
          plan.headers.push([name.toLowerCase() === 'authorization' ? 'Authorization' : name, `Bearer ${TOKEN_PLACEHOLDER}`]);
        } else plan.query.push([a.uri_param_names[0]!, TOKEN_PLACEHOLDER]);
        return plan;
      }
      case 'oauth2':
        plan.headers.push(['Authorization', `Bearer ${TOKEN_PLACEHOLDER}`]);
        return plan;
      case 'openid-connect': {
        const { bearer, ways } = openidConnectWays(a.auth_methods);
        if (bearer) plan.headers.push(['Authorization', `Bearer ${TOKEN_PLACEHOLDER}`]);
        else if (a.auth_methods.includes('client_credentials') || a.auth_methods.includes('password')) plan.basicAuth = true;
        else plan.notes.push(`OpenID Connect here means: ${ways.join('; or ').replace(/`/g, '') || 'ask the API team how to authenticate'}.`);
        return plan;
      }
      case 'basic-auth':
        plan.basicAuth = true;
        return plan;
      case 'mtls-auth':
        plan.clientCertificate = true;
        return plan;
      case 'hmac-auth':
        plan.notes.push('Sign this request with your HMAC credentials (Authorization and Date headers).');
        return plan;
      default:
        continue;
    }
  }
  return undefined;
}

/** Auth from the spec: the first security requirement of the operation (or the document). */
function specAuth(doc: SpecObject, operation: SpecObject): AuthPlan {
  const plan = emptyPlan();
  const security = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  const requirement = security.find((r: unknown) => isObject(r));
  if (!isObject(requirement)) return plan;
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components.securitySchemes : {};
  for (const name of Object.keys(requirement)) {
    const scheme = followRef(doc, schemes[name]).value;
    if (!scheme) continue;
    const type = String(scheme.type ?? '').toLowerCase();
    if (type === 'apikey' && typeof scheme.name === 'string') {
      if (scheme.in === 'query') plan.query.push([scheme.name, API_KEY_PLACEHOLDER]);
      else if (scheme.in === 'cookie') plan.headers.push(['Cookie', `${scheme.name}=${API_KEY_PLACEHOLDER}`]);
      else plan.headers.push([scheme.name, API_KEY_PLACEHOLDER]);
    } else if (type === 'http' && String(scheme.scheme ?? '').toLowerCase() === 'basic') {
      plan.basicAuth = true;
    } else if (type === 'http' || type === 'oauth2' || type === 'openidconnect') {
      plan.headers.push(['Authorization', `Bearer ${TOKEN_PLACEHOLDER}`]);
    } else if (type === 'mutualtls') {
      plan.clientCertificate = true;
    }
  }
  return plan;
}

function pickMediaType(content: SpecObject): string | undefined {
  const types = Object.keys(content);
  return types.find((t) => t.toLowerCase() === 'application/json') ?? types.find(isJsonMedia) ?? types[0];
}

function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function sampleBody(doc: SpecObject, operation: SpecObject): SampleBody | undefined {
  const body = followRef(doc, operation.requestBody).value;
  if (!body || !isObject(body.content)) return undefined;
  const mediaType = pickMediaType(body.content);
  if (!mediaType) return undefined;
  const media = isObject(body.content[mediaType]) ? body.content[mediaType] : {};
  const example = examplesOf(doc, media, media.schema, 'request').find((e) => e.value !== undefined);
  const value = example ? example.value : generateExample(doc, media.schema, 'request');
  if (isJsonMedia(mediaType)) {
    // Examples written as a JSON string (common in YAML specs) are sent as that JSON.
    if (typeof value === 'string') {
      try {
        return { kind: 'json', mediaType, value: JSON.parse(value) };
      } catch {
        return { kind: 'text', mediaType, text: value };
      }
    }
    return { kind: 'json', mediaType, value };
  }
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType) || /^multipart\//i.test(mediaType)) {
    const schema = followRef(doc, media.schema).value;
    const properties = schema && isObject(schema.properties) ? schema.properties : {};
    const values = isObject(value) ? value : {};
    const names = [...new Set([...Object.keys(values), ...Object.keys(properties)])];
    const fields = names.map((name) => {
      const prop = followRef(doc, properties[name]).value;
      const file = !!prop && (prop.format === 'binary' || prop.format === 'base64' || typeof prop.contentMediaType === 'string');
      return { name, value: file ? name : fieldText(values[name]), file };
    });
    return { kind: /^multipart\//i.test(mediaType) ? 'multipart' : 'form', mediaType, fields };
  }
  if (/^text\//i.test(mediaType) || /xml/i.test(mediaType)) {
    return { kind: 'text', mediaType, text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) };
  }
  return { kind: 'file', mediaType };
}

/**
 * The base URL for an environment (or for the spec alone when `environment` is undefined).
 * When the gateway states which route serves the operation (`key`), the route's URL is the one
 * to call: its host, and the prefix the consumer path needs (DESIGN §4a).
 */
export function sampleBaseUrl(
  doc: SpecObject,
  input: Pick<OperationInput, 'operation' | 'pathItem'>,
  environment?: ResolvedEnvironment,
  key?: OperationKey,
): { url: string; source: SampleRequest['baseUrlSource'] } {
  const served = environment && key ? sampleRoute(environment, key) : undefined;
  if (served) return { url: servedBaseUrl(served.url, key!.path), source: 'environment' };
  const server = applicableServers(doc, input.operation, input.pathItem)[0];
  const specUrl = server ? serverUrl(server) : undefined;
  const envBase = environment?.base_urls.find((u) => u.trim());
  if (envBase) return { url: gatewayBaseUrl(envBase, specUrl, environment!.routes), source: 'environment' };
  if (specUrl) return { url: absoluteServerUrl(specUrl), source: 'spec' };
  return { url: PLACEHOLDER_BASE_URL, source: 'placeholder' };
}

export function buildSampleRequest(doc: SpecObject, input: OperationInput, environment?: ResolvedEnvironment): SampleRequest {
  const key = { method: input.method, path: input.path };
  const base = sampleBaseUrl(doc, input, environment, key);
  const served = environment ? sampleRoute(environment, key) : undefined;
  // The serving route's first way in, when the gateway states it; else the environment's auth.
  const routeAuth = served
    ? served.route.auth_methods.filter((method) => served.route.auth.required && (served.route.auth.any_of[0] ?? []).includes(method.type))
    : undefined;
  const gateway = environment ? gatewayAuth(routeAuth ?? environment.auth) : undefined;
  const auth = gateway ?? specAuth(doc, input.operation);

  let path = input.path;
  const query: [string, string][] = [];
  const headers: [string, string][] = [];
  const cookies: string[] = [];
  for (const { parameter } of input.parameters) {
    const value = () => parameterValue(doc, parameter);
    if (parameter.in === 'path') {
      path = path.split(`{${parameter.name}}`).join(encodeURIComponent(value()).replace(/%7B/g, '{').replace(/%7D/g, '}'));
    } else if (parameter.required === true && parameter.in === 'query') query.push([parameter.name, value()]);
    else if (parameter.required === true && parameter.in === 'header') headers.push([parameter.name, value()]);
    else if (parameter.required === true && parameter.in === 'cookie') cookies.push(`${parameter.name}=${value()}`);
  }
  query.push(...auth.query);
  const queryString = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(v)}`).join('&');
  const url = base.url + (path.startsWith('/') ? path : '/' + path) + (queryString ? `?${queryString}` : '');

  const body = sampleBody(doc, input.operation);
  if (body && body.kind !== 'multipart') headers.unshift(['Content-Type', body.mediaType]);
  headers.push(...auth.headers);
  // Headers the route matches on: without them Kong routes the request elsewhere (or 404s).
  if (served) headers.push(...routeHeaderPlaceholders(served.route).filter(([name]) => !headers.some(([h]) => h.toLowerCase() === name)));
  if (cookies.length) headers.push(['Cookie', cookies.join('; ')]);

  const request: SampleRequest = {
    method: input.method.toUpperCase(),
    url,
    headers,
    basicAuth: auth.basicAuth,
    clientCertificate: auth.clientCertificate,
    notes: auth.notes,
    baseUrlSource: base.source,
  };
  if (body) request.body = body;
  return request;
}

/** Placeholders stay readable in the URL (`<YOUR_API_KEY>`, `{id}`); everything else is encoded. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%3C/g, '<').replace(/%3E/g, '>').replace(/%7B/g, '{').replace(/%7D/g, '}');
}
