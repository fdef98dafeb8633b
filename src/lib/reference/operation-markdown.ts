/**
 * The markdown twin of an operation page (`reference/<op>/index.md`): what the HTML page
 * tells a reader, as text an agent or `llms-full.txt` reader takes in one pass — parameters,
 * request body and response schemas (expanded in place, see schema-markdown.ts), examples,
 * the spec's security requirements and code samples per environment. The site layer adds
 * what Kong enforces (site/gateway-facts.ts). Spec text is markdown already and passes as
 * written; the caller neutralises active HTML in the whole twin.
 */
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { SAMPLE_LANGUAGES, renderSample } from './code-samples.ts';
import { followRef, resolvePointer } from '../openapi/json-pointer.ts';
import { pathItemPointer } from '../openapi/operations.ts';
import { isObject, text } from '../openapi/object.ts';
import { examplesOf, exampleText, type Direction } from './example.ts';
import { operationInEnvironment, sampleRoute } from './gateway-operation.ts';
import { fencedBlock, inlineCode, tableCell } from './markdown-text.ts';
import { safeUrl, statusReason } from './markup.ts';
import { operationParameters, type ParameterEntry } from '../openapi/parameters.ts';
import { operationTitle } from './operation-page.ts';
import { parameterSchema } from '../openapi/parameters.ts';
import { findOperationRef } from './reference-index.ts';
import { responseLinksMarkdown, responseLinks } from './response-links.ts';
import { buildSampleRequest } from './sample-request.ts';
import { schemaFactsText, schemaMarkdown, schemaTypeText } from './schema-markdown.ts';
import type { ReferenceDeprecation, ReferenceIndex, SpecObject } from './types.ts';

/** Examples per media type in a twin; the rest are in the spec download. */
const MAX_EXAMPLES = 3;
const SAMPLE_FENCE: Record<string, string> = { curl: 'sh', javascript: 'js', python: 'python' };

export interface OperationMarkdownContext {
  environments: ResolvedEnvironment[];
  deprecation?: ReferenceDeprecation;
  /** Site URL of an operation's page, for callbacks and their parents. */
  operationUrl(slug: string): string;
}

/** The deprecation notice as one quote, said once: the same facts as `deprecationBanner`. */
export function deprecationMarkdown(
  deprecation: ReferenceDeprecation | undefined,
  op?: { method: string; path: string; operationId?: string; deprecated?: boolean; kind?: string },
): string {
  const opDeprecated = op?.deprecated === true;
  if (!deprecation && !opDeprecated) return '';
  const parts: string[] = [];
  const headline = text(deprecation?.message) ?? text(deprecation?.headline);
  if (headline) parts.push(`**${headline.trim()}**`);
  const kind = op?.kind && op.kind !== 'operation' ? op.kind : 'operation';
  if (opDeprecated) parts.push(deprecation ? `This ${kind} may also be removed before then.` : `**This ${kind} is deprecated** and may be removed in a future version.`);
  if (deprecation?.sunset) parts.push(`Switched off on ${deprecation.sunset}.`);
  const equivalent = deprecation && op ? deprecation.equivalent?.(op) : undefined;
  if (equivalent) parts.push(`Use [${equivalent.label}](${equivalent.url}) instead.`);
  else if (deprecation?.replacementName) {
    parts.push(`Use ${deprecation.replacementUrl ? `[${deprecation.replacementName}](${deprecation.replacementUrl})` : deprecation.replacementName} instead.`);
  }
  return `> ${parts.join(' ')}`;
}

function exampleMarkdown(doc: SpecObject, holder: SpecObject, direction: Direction, label: string): string[] {
  const examples = examplesOf(doc, holder, holder.schema, direction);
  const out: string[] = [];
  for (const example of examples.slice(0, MAX_EXAMPLES)) {
    const title = example.name ? `${label}: ${example.summary ?? example.name}` : example.generated ? `${label} (generated from the schema)` : label;
    if (example.externalValue !== undefined) {
      out.push(`${title}: ${example.externalValue}`, '');
      continue;
    }
    const { text: body, truncated } = exampleText(example.value);
    out.push(`${title}:`, '', fencedBlock(body, typeof example.value === 'string' ? '' : 'json'), '');
    if (truncated) out.push('(Example cut short; the full example is in the downloadable spec.)', '');
  }
  if (examples.length > MAX_EXAMPLES) out.push(`(${examples.length - MAX_EXAMPLES} more examples in the downloadable spec.)`, '');
  return out;
}

function mediaMarkdown(doc: SpecObject, content: unknown, direction: Direction, heading: string, label: string): string[] {
  if (!isObject(content)) return [];
  const out: string[] = [];
  for (const [mediaType, raw] of Object.entries(content)) {
    const media = isObject(raw) ? raw : {};
    out.push(`${heading} ${inlineCode(mediaType)}`, '');
    if (media.schema !== undefined) out.push(schemaMarkdown(doc, media.schema), '');
    out.push(...exampleMarkdown(doc, media, direction, label));
  }
  return out;
}

function parameterRows(doc: SpecObject, parameters: SpecObject[]): string[] {
  const out = ['| Name | In | Type | Required | Description |', '|---|---|---|---|---|'];
  const nested: string[] = [];
  for (const parameter of parameters) {
    const schema = parameterSchema(parameter);
    const resolved = followRef(doc, schema).value ?? {};
    const required = parameter.required === true || parameter.in === 'path';
    const facts = schemaFactsText({ ...resolved, deprecated: parameter.deprecated === true || undefined });
    const example = examplesOf(doc, parameter, undefined, 'request').find((e) => e.value !== undefined);
    const description = [
      text(parameter.description),
      facts,
      example ? `Example: ${inlineCode(typeof example.value === 'string' ? example.value : JSON.stringify(example.value))}` : '',
    ].filter(Boolean).join(' · ');
    out.push(
      `| ${inlineCode(parameter.name)} | ${tableCell(String(parameter.in ?? ''))} | ${tableCell(schema === undefined ? 'any' : schemaTypeText(doc, schema))} | ${required ? 'yes' : 'no'} | ${tableCell(description)} |`,
    );
    const target = followRef(doc, schema).value;
    if (target && (isObject(target.properties) || isObject(target.items?.properties))) {
      nested.push('', `Fields of ${inlineCode(parameter.name)}:`, '', schemaMarkdown(doc, schema));
    }
  }
  return [...out, ...nested];
}

function parametersMarkdown(doc: SpecObject, parameters: ParameterEntry[]): string[] {
  if (!parameters.length) return [];
  return ['## Parameters', '', ...parameterRows(doc, parameters.map((p) => p.parameter)), ''];
}

function headersMarkdown(doc: SpecObject, headers: unknown): string[] {
  if (!isObject(headers)) return [];
  const rows = Object.entries(headers)
    .map(([name, raw]) => ({ name, header: followRef(doc, raw).value }))
    .filter((h): h is { name: string; header: SpecObject } => !!h.header && h.name.toLowerCase() !== 'content-type')
    .map(({ name, header }) => ({ ...header, name, in: 'header', required: header.required === true }));
  return rows.length ? ['Headers:', '', ...parameterRows(doc, rows), ''] : [];
}

/** Status codes in reading order: 1xx…5xx, ranges after exact codes, `default` last. */
function statusOrder(a: string, b: string): number {
  const key = (s: string) => (s === 'default' ? '9' : s.toUpperCase().replace(/X/g, '~'));
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function responsesMarkdown(doc: SpecObject, operation: SpecObject): string[] {
  if (!isObject(operation.responses)) return [];
  const entries = Object.entries(operation.responses)
    .filter(([status]) => !status.startsWith('x-'))
    .sort(([a], [b]) => statusOrder(a, b));
  if (!entries.length) return [];
  const out = ['## Responses', ''];
  for (const [status, raw] of entries) {
    const response = followRef(doc, raw).value ?? {};
    const reason = statusReason(status);
    out.push(`### ${status}${reason ? ` ${reason}` : ''}`, '');
    if (text(response.description)) out.push(response.description.trim(), '');
    out.push(...headersMarkdown(doc, response.headers));
    out.push(...mediaMarkdown(doc, response.content, 'response', '####', 'Example response'));
  }
  return out;
}

/** One security scheme of the spec in words: `apiKey` (API key in the header `X-Api-Key`). */
function schemeText(doc: SpecObject, name: string): string {
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components.securitySchemes : {};
  const scheme = followRef(doc, schemes[name]).value;
  if (!scheme) return inlineCode(name);
  const type = String(scheme.type ?? '').toLowerCase();
  const how =
    type === 'apikey'
      ? `API key in the ${String(scheme.in ?? 'header')} ${inlineCode(String(scheme.name ?? ''))}`
      : type === 'http'
        ? `HTTP ${String(scheme.scheme ?? '')}`
        : type === 'oauth2'
          ? 'OAuth 2.0'
          : type === 'openidconnect'
            ? 'OpenID Connect'
            : type === 'mutualtls'
              ? 'Mutual TLS'
              : type || 'unknown';
  return `${inlineCode(name)} (${how})`;
}

/** Every security scheme the spec defines, with its description (for the reference overview). */
export function securitySchemesMarkdown(doc: SpecObject): string {
  const schemes = isObject(doc.components?.securitySchemes) ? Object.keys(doc.components.securitySchemes) : [];
  return schemes
    .map((name) => {
      const description = text(followRef(doc, doc.components.securitySchemes[name]).value?.description);
      return `- ${schemeText(doc, name)}${description ? `: ${description.replace(/\s+/g, ' ').trim()}` : ''}`;
    })
    .join('\n');
}

function securityMarkdown(doc: SpecObject, operation: SpecObject): string[] {
  const list = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  const requirements = list.filter((r: unknown): r is SpecObject => isObject(r));
  if (!requirements.length) return [];
  const describe = (name: string) => schemeText(doc, name);
  const lines = requirements.map((req) => {
    const names = Object.keys(req);
    if (!names.length) return '- No authentication';
    return `- ${names
      .map((name) => {
        const scopes = Array.isArray(req[name]) ? req[name].filter((s: unknown) => typeof s === 'string') : [];
        return describe(name) + (scopes.length ? ` with scopes ${scopes.map((s: string) => inlineCode(s)).join(', ')}` : '');
      })
      .join(' and ')}`;
  });
  return ['## Authentication (defined by the API)', '', requirements.length > 1 ? 'Any one of:' : 'Requires:', '', ...lines, ''];
}

function samplesMarkdown(
  doc: SpecObject,
  input: { method: string; path: string; operation: SpecObject; pathItem: SpecObject; parameters: ParameterEntry[] },
  environments: ResolvedEnvironment[],
): string[] {
  // As on the page: an environment whose gateway serves this operation at no URL (or not at all) gets no sample.
  const key = { method: input.method, path: input.path };
  const usable = environments.filter((e) => (operationInEnvironment(e, key) ? sampleRoute(e, key) !== undefined : e.base_urls.some((u) => u.trim())));
  const targets: (ResolvedEnvironment | undefined)[] = usable.length ? usable : [undefined];
  const out = ['## Code samples', ''];
  for (const env of targets) {
    const request = buildSampleRequest(doc, input, env);
    if (env && targets.length > 1) out.push(`### ${env.label ?? env.name}`, '');
    if (request.baseUrlSource === 'environment' && env) out.push(`Calls the ${env.label ?? env.name} environment. Replace the placeholders in \`<…>\` and \`{…}\`.`, '');
    else if (request.baseUrlSource === 'spec') out.push('Uses the server URL from the spec. Replace the placeholders in `<…>` and `{…}`.', '');
    else out.push('The spec names no server: replace `https://api.example.com` with the API\'s base URL.', '');
    for (const lang of SAMPLE_LANGUAGES) out.push(`${lang.label}:`, '', fencedBlock(renderSample(lang.id, request), SAMPLE_FENCE[lang.id]), '');
  }
  return out;
}

/** The operation's twin, without the gateway section (the site layer appends it). */
export function renderOperationMarkdown(openapi: SpecObject, index: ReferenceIndex, slug: string, ctx: OperationMarkdownContext): string {
  const ref = findOperationRef(index, slug);
  if (!ref) throw new Error(`No operation with the slug "${slug}" in this API reference.`);
  const operation = resolvePointer(openapi, ref.pointer);
  const pathItem = resolvePointer(openapi, pathItemPointer(ref.pointer));
  if (!isObject(operation) || !isObject(pathItem)) throw new Error(`The operation "${slug}" is no longer at ${ref.pointer}.`);
  const parameters = operationParameters(openapi, { operation, pathItem });
  const out: string[] = [`# ${operationTitle(ref).replace(/\s+/g, ' ')}`, ''];
  const kind = ref.kind === 'webhook' ? 'Webhook: ' : ref.kind === 'callback' ? 'Callback: ' : '';
  out.push(
    `${kind}${inlineCode(`${ref.method.toUpperCase()} ${ref.path}`)}${ref.operationId ? ` · Operation ID: ${inlineCode(ref.operationId)}` : ''}`,
    '',
  );
  const banner = deprecationMarkdown(ctx.deprecation, ref);
  if (banner) out.push(banner, '');
  const parent = ref.parent ? index.operations.find((op) => op.slug === ref.parent) : undefined;
  if (parent) {
    out.push(`Sent by the API after [${parent.method.toUpperCase()} ${parent.path}](${ctx.operationUrl(parent.slug)})${ref.callbackName ? ` (callback ${inlineCode(ref.callbackName)})` : ''}.`, '');
  }
  if (ref.kind === 'webhook') out.push('The API sends this request to the URL you register for the webhook.', '');
  if (ref.summary && ref.summary !== operationTitle(ref)) out.push(ref.summary.trim(), '');
  if (text(operation.description)) out.push(operation.description.trim(), '');
  const externalDocs = isObject(operation.externalDocs) ? safeUrl(operation.externalDocs.url) : undefined;
  if (externalDocs) out.push(`More documentation: [${text(operation.externalDocs.description) ?? externalDocs}](${externalDocs})`, '');
  if (ref.kind === 'operation') out.push(...securityMarkdown(openapi, operation));
  out.push(...parametersMarkdown(openapi, parameters));
  const body = followRef(openapi, operation.requestBody).value;
  if (body) {
    out.push(`## Request body${body.required === true ? ' (required)' : ''}`, '');
    if (text(body.description)) out.push(body.description.trim(), '');
    out.push(...mediaMarkdown(openapi, body.content, ref.kind === 'operation' ? 'request' : 'response', '###', 'Example request'));
  }
  out.push(...responsesMarkdown(openapi, operation));
  out.push(...responseLinksMarkdown(responseLinks(openapi, operation, index), ctx.operationUrl));
  const callbacks = index.operations.filter((op) => op.kind === 'callback' && op.parent === ref.slug);
  if (callbacks.length) {
    out.push('## Callbacks', '', 'This operation may later call you back:', '');
    for (const cb of callbacks) out.push(`- [${cb.method.toUpperCase()} ${cb.path}](${ctx.operationUrl(cb.slug)})${cb.callbackName ? ` (${cb.callbackName})` : ''}`);
    out.push('');
  }
  if (ref.kind === 'operation') out.push(...samplesMarkdown(openapi, { method: ref.method, path: ref.path, operation, pathItem, parameters }, ctx.environments));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
