/**
 * Authentication: the spec's security schemes (overview) and requirements (operation), and
 * what the gateway asks for in each environment (from its plugins, through the allow-list).
 */
import type { AuthRequirement, ResolvedEnvironment } from '../gateway/types.ts';
import { CONFIGURED_PER_ENVIRONMENT, isConfiguredPerEnvironment } from '../gateway/templated-values.ts';
import { openidConnectWays } from '../gateway/plugins/openid-connect.ts';
import { html, type SafeHtml } from '../html.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject, text } from '../openapi/object.ts';
import { link, markdownBlock, tableWrap } from './markup.ts';
import type { SpecObject } from './types.ts';

function securitySchemes(doc: SpecObject): [string, SpecObject][] {
  const schemes = doc.components?.securitySchemes;
  if (!isObject(schemes)) return [];
  return Object.entries(schemes)
    .map(([name, raw]) => [name, followRef(doc, raw).value] as const)
    .filter((e): e is [string, SpecObject] => !!e[1]);
}

function schemeSummary(scheme: SpecObject): SafeHtml {
  const type = String(scheme.type ?? '');
  switch (type.toLowerCase()) {
    case 'apikey':
      return html`API key in the ${String(scheme.in ?? 'header')} <code>${String(scheme.name ?? '')}</code>`;
    case 'http': {
      const s = String(scheme.scheme ?? '').toLowerCase();
      if (s === 'basic') return html`HTTP Basic (<code>Authorization: Basic …</code>)`;
      if (s === 'bearer') {
        return html`Bearer token (<code>Authorization: Bearer …</code>)${
          text(scheme.bearerFormat) ? html`, format ${scheme.bearerFormat}` : ''
        }`;
      }
      return html`HTTP <code>${String(scheme.scheme ?? '')}</code>`;
    }
    case 'oauth2': {
      const flows = isObject(scheme.flows) ? Object.entries(scheme.flows).filter(([, f]) => isObject(f)) : [];
      return html`OAuth 2.0${flows.length ? html`<ul class="ref-flows">${flows.map(([name, flow]) => {
        const scopes = isObject(flow.scopes) ? Object.keys(flow.scopes) : [];
        return html`<li>${name}${flow.authorizationUrl ? html` · authorize at ${link(flow.authorizationUrl, String(flow.authorizationUrl))}` : ''}${
          flow.tokenUrl ? html` · token at ${link(flow.tokenUrl, String(flow.tokenUrl))}` : ''
        }${scopes.length ? html` · scopes: ${scopes.map((s, i) => html`${i ? ', ' : ''}<code>${s}</code>`)}` : ''}</li>`;
      })}</ul>` : ''}`;
    }
    case 'openidconnect':
      return html`OpenID Connect${
        scheme.openIdConnectUrl ? html` (${link(scheme.openIdConnectUrl, String(scheme.openIdConnectUrl))})` : ''
      }`;
    case 'mutualtls':
      return html`Mutual TLS (client certificate)`;
    default:
      return html`${type || 'unknown'}`;
  }
}

export function gatewayAuthSummary(auth: AuthRequirement): SafeHtml {
  switch (auth.type) {
    case 'key-auth': {
      const templated = isConfiguredPerEnvironment(auth, 'key_names');
      const names = auth.key_names.length || templated ? auth.key_names : ['apikey'];
      const where = [auth.key_in_header && 'header', auth.key_in_query && 'query parameter', auth.key_in_body && 'body field']
        .filter(Boolean)
        .join(' or ');
      return html`API key in the ${where || 'header'} ${names.map((n, i) => html`${i ? ' or ' : ''}<code>${n}</code>`)}${
        templated ? html`${names.length ? ' or a name ' : 'with a name '}${CONFIGURED_PER_ENVIRONMENT}` : ''
      }`;
    }
    case 'basic-auth':
      return html`HTTP Basic`;
    case 'jwt':
      return html`JWT (<code>Authorization: Bearer …</code>)`;
    case 'oauth2':
      return html`OAuth 2.0 access token (<code>Authorization: Bearer …</code>)`;
    case 'openid-connect': {
      // Only the configured auth_methods are ways in: a browser sign-in is not "send Bearer".
      const { bearer, ways } = openidConnectWays(auth.auth_methods);
      if (bearer && ways.length === 1) return html`OpenID Connect token (<code>Authorization: Bearer …</code>)`;
      return html`OpenID Connect: ${ways.length ? ways.join('; or ').replace(/`/g, '') : 'ask the API team how to authenticate'}`;
    }
    case 'mtls-auth':
      return html`Mutual TLS (client certificate)`;
    case 'hmac-auth':
      return html`HMAC-signed requests`;
    case 'acl':
      return html`Restricted to allowed consumer groups`;
  }
}

function environmentAuth(environments: ResolvedEnvironment[]): SafeHtml {
  const withAuth = environments.filter((e) => e.auth.length);
  if (!withAuth.length) return html``;
  // Out of the search index, like the gateway section: the same on every operation.
  return html`<h3 data-pagefind-ignore="all">Through the gateway</h3><ul class="ref-env-auth" data-pagefind-ignore="all">${withAuth.map(
    (env) => html`<li><strong>${env.label ?? env.name}</strong>: ${env.auth.map((a, i) => html`${i ? '; ' : ''}${gatewayAuthSummary(a)}`)}</li>`,
  )}</ul>`;
}

/** Overview: every scheme the spec defines, plus the gateway's requirements per environment. */
export function renderSecuritySchemes(doc: SpecObject, environments: ResolvedEnvironment[]): SafeHtml {
  const schemes = securitySchemes(doc);
  const gateway = environmentAuth(environments);
  if (!schemes.length && !gateway.value) return html``;
  return html`<section class="ref-section" aria-labelledby="authentication"><h2 id="authentication">Authentication</h2>${gateway}${
    schemes.length
      ? html`${gateway.value ? html`<h3>Defined by the API</h3>` : ''}${tableWrap(
          html`<table class="ref-table"><thead><tr><th scope="col">Scheme</th><th scope="col">How</th><th scope="col">Description</th></tr></thead><tbody>${schemes.map(
            ([name, scheme]) => html`<tr><th scope="row"><code>${name}</code></th><td>${schemeSummary(scheme)}</td><td>${markdownBlock(scheme.description)}</td></tr>`,
          )}</tbody></table>`,
          'Security schemes',
        )}`
      : ''
  }</section>`;
}

/** Operation: which requirement sets apply (`security` on the operation, else the document's). */
export function renderSecurityRequirements(doc: SpecObject, operation: SpecObject, environments: ResolvedEnvironment[]): SafeHtml {
  const list = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  const requirements = list.filter((r: unknown): r is SpecObject => isObject(r));
  const schemes = new Map(securitySchemes(doc));
  const gateway = environmentAuth(environments);
  if (!requirements.length && !gateway.value) return html``;
  const items = requirements.map((req) => {
    const names = Object.keys(req);
    if (!names.length) return html`<li>No authentication</li>`;
    return html`<li>${names.map((name, i) => {
      const scheme = schemes.get(name);
      const scopes = Array.isArray(req[name]) ? req[name].filter((s: unknown) => typeof s === 'string') : [];
      return html`${i ? html` <span class="ref-muted">and</span> ` : ''}<code>${name}</code>${scheme ? html`: ${schemeSummary(scheme)}` : ''}${
        scopes.length ? html` (scopes: ${scopes.map((s: string, j: number) => html`${j ? ', ' : ''}<code>${s}</code>`)})` : ''
      }`;
    })}</li>`;
  });
  return html`<section class="ref-section" aria-labelledby="authentication"><h2 id="authentication">Authentication</h2>${gateway}${
    items.length
      ? html`${gateway.value ? html`<h3>Defined by the API</h3>` : ''}<p class="ref-muted">${
          items.length > 1 ? 'Any one of:' : 'Requires:'
        }</p><ul class="ref-security">${items}</ul>`
      : ''
  }</section>`;
}
