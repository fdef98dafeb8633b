/**
 * One operation through the gateway, per environment (DESIGN §4a): the URL(s) it is served
 * at, what a request must carry to match the route, the auth alternatives, rate limits, CORS
 * and size limits, and the responses Kong answers with before the API is reached — or "not
 * served in <environment>" / "disabled in <control plane>". Also the URL and required headers
 * the code samples use.
 */
import type { OperationFacts, OperationRoute } from '../gateway/operation-facts.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { tableWrap } from './markup.ts';
import { gatewayAuthSummary } from './security.ts';

export interface OperationKey {
  method: string;
  path: string;
}

/** The environment's facts for this operation; undefined when the environment has none (no spec link). */
export function operationInEnvironment(env: ResolvedEnvironment, op: OperationKey): OperationFacts | undefined {
  const operations = env.gateway?.operations;
  return operations ? factsByOperation(operations).get(`${op.method.toLowerCase()} ${op.path}`) : undefined;
}

/**
 * The facts by `method path`, the first of each kept (as a search from the start finds it): every
 * page asks several times, and a linear search per question made a big spec's build quadratic.
 */
const BY_OPERATION = new WeakMap<readonly OperationFacts[], Map<string, OperationFacts>>();

function factsByOperation(operations: readonly OperationFacts[]): Map<string, OperationFacts> {
  let map = BY_OPERATION.get(operations);
  if (!map) {
    map = new Map();
    for (const facts of operations) {
      const key = `${facts.method} ${facts.path}`;
      if (!map.has(key)) map.set(key, facts);
    }
    BY_OPERATION.set(operations, map);
  }
  return map;
}

/** The first serving route that gives a URL, for code samples. */
export function sampleRoute(env: ResolvedEnvironment, op: OperationKey): { route: OperationRoute; url: string } | undefined {
  const facts = operationInEnvironment(env, op);
  for (const route of facts?.served_by ?? []) {
    const url = route.urls[0];
    if (url) return { route, url };
  }
  return undefined;
}

/**
 * The base a sample appends the operation's path to: the served URL without the spec path
 * (which the consumer path always ends with).
 */
export function servedBaseUrl(url: string, specPath: string): string {
  return url.endsWith(specPath) ? url.slice(0, url.length - specPath.length) : url;
}

/** Headers the route needs to match, each with a placeholder named after it. */
export function routeHeaderPlaceholders(route: OperationRoute): [string, string][] {
  return Object.keys(route.requires.headers).map((name) => [name, `<${name}>`]);
}

/** True when the environment states per-operation facts and no route serves this operation. */
export function notServed(env: ResolvedEnvironment, op: OperationKey): boolean {
  const facts = operationInEnvironment(env, op);
  return facts !== undefined && (env.gateway?.enabled === false || facts.served_by.length === 0);
}

const ERROR_TITLES: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 413: 'Payload Too Large', 429: 'Too Many Requests' };

/** The "Through the gateway" section of an operation page. */
export function renderGatewaySection(op: OperationKey, environments: readonly ResolvedEnvironment[], specStatuses: readonly string[], internal = false): SafeHtml {
  const withFacts = environments.filter((env) => operationInEnvironment(env, op) !== undefined);
  if (withFacts.length === 0) return html``;
  // Kept out of the search index: the same facts stand on every operation of the route, so
  // they would make each one match and fill its excerpt (issue 17).
  return html`<section class="ref-section ref-gateway" aria-labelledby="through-the-gateway" data-pagefind-ignore="all"><h2 id="through-the-gateway">Through the gateway</h2>${withFacts.map(
    (env) => environmentBlock(env, operationInEnvironment(env, op)!, specStatuses, internal),
  )}</section>`;
}

function environmentBlock(env: ResolvedEnvironment, facts: OperationFacts, specStatuses: readonly string[], internal: boolean): SafeHtml {
  const label = env.label ?? env.name;
  if (env.gateway?.enabled === false || env.disabled) {
    return html`<div class="ref-gateway-env"><h3>${label}</h3><p>Disabled in ${env.control_plane}: the gateway serves no route of this service.</p></div>`;
  }
  if (facts.served_by.length === 0) {
    return html`<div class="ref-gateway-env"><h3>${label}</h3><p>Not served in ${label}: no route of the service matches this operation, so the gateway answers 404.</p></div>`;
  }
  return html`<div class="ref-gateway-env"><h3>${label}</h3>${facts.served_by.map((route, i) =>
    routeBlock(route, facts.served_by.length > 1 ? i : undefined, specStatuses, internal, label),
  )}</div>`;
}

function routeBlock(route: OperationRoute, position: number | undefined, specStatuses: readonly string[], internal: boolean, envLabel: string): SafeHtml {
  const requires = route.requires;
  const conditions: SafeHtml[] = [];
  // A host already in the URLs goes without saying; wildcard hosts (no URL) are spelled out.
  const unsaid = requires.hosts.filter((host) => !route.urls.some((url) => url.includes(`://${host}/`) || url.endsWith(`://${host}`)));
  if (unsaid.length) conditions.push(html`<li>Host: ${list(requires.hosts)}</li>`);
  for (const [name, values] of Object.entries(requires.headers)) conditions.push(html`<li>Header <code>${name}</code>: ${list(values)}</li>`);
  if (requires.snis.length) conditions.push(html`<li>TLS server name (SNI): ${list(requires.snis)}</li>`);
  if (requires.sources.length) conditions.push(html`<li>From source address: ${list(requires.sources)}</li>`);
  if (requires.destinations.length) conditions.push(html`<li>To destination: ${list(requires.destinations)}</li>`);
  if (requires.condition) conditions.push(html`<li>Expression: <code>${requires.condition}</code></li>`);

  const urls = route.urls.length
    ? html`<ul class="ref-gateway-urls">${route.urls.map((url) => html`<li><code>${url}</code></li>`)}</ul>`
    : html`<p class="ref-muted">The route names no host and the environment has no base URL: ask the API team for the host (${list(route.protocols)}).</p>`;

  return html`<div class="ref-gateway-route"><p>${position === undefined ? '' : html`${position === 0 ? 'Tried first' : 'Otherwise'}: `}Route <code>${route.route}</code></p>${urls}${
    conditions.length ? html`<p>A request must also carry:</p><ul>${conditions}</ul>` : ''
  }${authBlock(route)}${
    route.rate_limits.length
      ? html`<p>Rate limits: ${route.rate_limits.map((limit, i) => html`${i ? ', ' : ''}${limit.limit.toLocaleString('en-US')} per ${limit.window}`)}.</p>`
      : ''
  }${internal && route.some_consumers_differ ? html`<p class="ref-muted">Some consumers have other limits or plugins on this route.</p>` : ''}${
    route.cors ? html`<p>CORS: origins ${list(route.cors.origins.length ? route.cors.origins : ['*'])}${route.cors.credentials ? ', with credentials' : ''}.</p>` : ''
  }${route.request_size_limit_bytes !== undefined ? html`<p>Request bodies up to ${formatSize(route.request_size_limit_bytes)}.</p>` : ''}${errorsTable(route, specStatuses, `Responses from the gateway in ${envLabel}, route ${route.route}`)}</div>`;
}

function authBlock(route: OperationRoute): SafeHtml {
  const auth = route.auth;
  const describe = (name: string) => {
    const details = route.auth_methods.filter((method) => method.type === name);
    return details.length ? html`${details.map((d, i) => html`${i ? '; ' : ''}${gatewayAuthSummary(d)}`)}` : html`<code>${name}</code>`;
  };
  if (!auth.required) {
    if (route.optional_auth.length === 0) return html`<p>Authentication: none required.</p>`;
    return html`<p>Authentication: optional. Callers without credentials are let through as an anonymous consumer; with credentials: ${route.optional_auth.map(
      (name, i) => html`${i ? ', or ' : ''}${describe(name)}`,
    )}.</p>`;
  }
  if (auth.any_of.length === 1) {
    return html`<p>Authentication: ${auth.any_of[0]!.length > 1 ? 'all of ' : ''}${auth.any_of[0]!.map((name, i) => html`${i ? ' and ' : ''}${describe(name)}`)}.</p>`;
  }
  return html`<p>Authentication, any one of:</p><ul>${auth.any_of.map((all) => html`<li>${all.map((name, i) => html`${i ? ' and ' : ''}${describe(name)}`)}</li>`)}</ul>`;
}

function errorsTable(route: OperationRoute, specStatuses: readonly string[], regionLabel: string): SafeHtml {
  if (route.errors.length === 0) return html``;
  return tableWrap(html`<table class="ref-table ref-gateway-errors"><caption>Responses from the gateway (before the API is reached)</caption><thead><tr><th scope="col">Status</th><th scope="col">When</th><th scope="col">Headers</th></tr></thead><tbody>${route.errors.map(
    (error) =>
      html`<tr><td><code>${String(error.status)}</code> ${ERROR_TITLES[error.status] ?? ''}${
        specStatuses.includes(String(error.status)) ? html` <span class="ref-muted">(also documented by the API)</span>` : ''
      }</td><td>${error.description} <span class="ref-muted">(${error.plugins.join(', ')})</span></td><td>${
        error.headers.length ? html`${error.headers.map((h, i) => html`${i ? ', ' : ''}<code>${h}</code>`)}` : '—'
      }</td></tr>`,
  )}</tbody></table>`, regionLabel);
}

function list(values: readonly string[]): SafeHtml {
  return html`${values.map((value, i) => html`${i ? ', ' : ''}<code>${value}</code>`)}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1048576 && bytes % 1048576 === 0) return `${bytes / 1048576} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
