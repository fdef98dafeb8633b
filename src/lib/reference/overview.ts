/**
 * The reference overview: what the API is, where it runs, how to authenticate, every
 * operation grouped by tag, the spec downloads and the button that opens the interactive
 * explorer (explorer-button.ts).
 */
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { isObject, text } from '../openapi/object.ts';
import { deprecatedBadge, deprecationBanner, link, markdownBlock, methodBadge, tableWrap } from './markup.ts';
import { findOperationRef } from './reference-index.ts';
import { renderSecuritySchemes } from './security.ts';
import { applicableServers, gatewayBaseUrl, serverUrl } from './server-url.ts';
import { servedBaseUrl } from './gateway-operation.ts';
import { SlugAllocator, slugify } from './slug.ts';
import type { ReferenceContext, ReferenceIndex, SpecObject, TagGroup } from './types.ts';

import { DEFAULT_ELEMENTS_BASE_URL, explorerButton } from './explorer-button.ts';

export { DEFAULT_ELEMENTS_BASE_URL };

/**
 * Base URLs per environment (the explorer's servers): where the gateway states per operation
 * which route serves it, the bases of those URLs (host and route prefix, DESIGN §4a); else the
 * environment's base URLs joined with the spec's server path (see server-url.ts).
 */
export function environmentBaseUrls(openapi: SpecObject, environments: ResolvedEnvironment[]): EnvironmentBaseUrls[] {
  // Every operation page asks, and the answer walks every operation the gateway serves:
  // once per version (spec and environments), not once per page. Callers only read it.
  let bySpec = BASE_URLS.get(openapi);
  if (!bySpec) BASE_URLS.set(openapi, (bySpec = new WeakMap()));
  let found = bySpec.get(environments);
  if (!found) bySpec.set(environments, (found = computeEnvironmentBaseUrls(openapi, environments)));
  return found;
}

type EnvironmentBaseUrls = { environment: ResolvedEnvironment; urls: string[] };
const BASE_URLS = new WeakMap<SpecObject, WeakMap<ResolvedEnvironment[], EnvironmentBaseUrls[]>>();

function computeEnvironmentBaseUrls(openapi: SpecObject, environments: ResolvedEnvironment[]): EnvironmentBaseUrls[] {
  const first = applicableServers(openapi)[0];
  const specUrl = first ? serverUrl(first) : undefined;
  return environments
    .map((environment) => {
      const served = (environment.gateway?.operations ?? []).flatMap((op) => op.served_by.flatMap((route) => route.urls.slice(0, 1).map((url) => servedBaseUrl(url, op.path))));
      return {
        environment,
        urls: served.length
          ? [...new Set(served)]
          : [...new Set(environment.base_urls.filter((u) => u.trim()).map((u) => gatewayBaseUrl(u, specUrl, environment.routes)))],
      };
    })
    .filter((e) => e.urls.length);
}

function serversSection(openapi: SpecObject, ctx: ReferenceContext): SafeHtml {
  const envs = environmentBaseUrls(openapi, ctx.environments);
  const servers = applicableServers(openapi);
  if (!envs.length && !servers.length) return html``;
  return html`<section class="ref-section" aria-labelledby="servers"><h2 id="servers">Servers</h2>${
    envs.length
      ? tableWrap(
          html`<table class="ref-table"><thead><tr><th scope="col">Environment</th><th scope="col">Base URL</th></tr></thead><tbody>${envs.map(
            ({ environment, urls }) =>
              html`<tr><th scope="row">${environment.label ?? environment.name}</th><td>${urls.map((u, i) => html`${i ? html`<br>` : ''}<code>${u}</code>`)}</td></tr>`,
          )}</tbody></table>`,
          'Environments',
        )
      : ''
  }${
    // Where the gateway serves this version is the one list readers need; the spec's own
    // servers (often a future or upstream address) only stand in when no environment has a URL.
    servers.length && !envs.length
      ? html`<ul class="ref-servers">${servers.map(
          (server) => html`<li><code>${serverUrl(server)}</code>${markdownBlock(server.description)}</li>`,
        )}</ul>`
      : ''
  }</section>`;
}

function infoLinks(info: SpecObject, openapi: SpecObject): SafeHtml {
  const items: SafeHtml[] = [];
  const contact = isObject(info.contact) ? info.contact : undefined;
  if (contact && (contact.url || contact.email || contact.name)) {
    const label = text(contact.name) ?? text(contact.email) ?? 'Contact';
    const href = contact.url ?? (typeof contact.email === 'string' ? `mailto:${contact.email}` : undefined);
    items.push(html`<li>Contact: ${link(href, label)}</li>`);
  }
  const license = isObject(info.license) ? info.license : undefined;
  if (license && text(license.name)) items.push(html`<li>License: ${link(license.url, license.name)}</li>`);
  if (text(info.termsOfService)) items.push(html`<li>${link(info.termsOfService, 'Terms of service')}</li>`);
  const docs = isObject(openapi.externalDocs) ? openapi.externalDocs : undefined;
  if (docs && docs.url) items.push(html`<li>${link(docs.url, text(docs.description) ?? 'More documentation')}</li>`);
  return items.length ? html`<ul class="ref-info-links">${items}</ul>` : html``;
}

/**
 * A tag's heading: its 3.2 `summary` (the display name) or its name, after its parent's
 * (`External › Partner`), with its 3.2 `kind` when it has one.
 */
function tagHeading(index: ReferenceIndex, group: TagGroup): SafeHtml {
  const display = (g: TagGroup) => g.summary ?? g.name;
  const parent = group.parent !== undefined ? index.tags.find((g) => g.kind === 'tag' && g.name === group.parent) : undefined;
  const parentName = parent ? display(parent) : group.parent;
  return html`${parentName !== undefined ? html`<span class="ref-muted">${parentName} › </span>` : ''}${display(group)}${
    group.tagKind ? html` <span class="ref-badge">${group.tagKind}</span>` : ''
  }`;
}

/** The id of each tag group's section on the overview page, in `index.tags` order (the reference sidebar links to them). */
export function tagSectionIds(index: ReferenceIndex): readonly string[] {
  // The sidebar of every reference page asks: once per index.
  let ids = TAG_SECTION_IDS.get(index);
  if (!ids) {
    const anchors = new SlugAllocator(['servers', 'authentication', 'operations', 'downloads', 'atrium-explorer']);
    ids = index.tags.map((group) => anchors.allocate(`tag-${slugify(group.name) || 'group'}`));
    TAG_SECTION_IDS.set(index, ids);
  }
  return ids;
}

const TAG_SECTION_IDS = new WeakMap<ReferenceIndex, readonly string[]>();

export function renderReferenceOverview(openapi: SpecObject, index: ReferenceIndex, ctx: ReferenceContext): string {
  const info = isObject(openapi.info) ? openapi.info : {};
  const ids = tagSectionIds(index);
  const groups = index.tags.map((group, i) => ({ group, id: ids[i]! }));

  const operations = html`<section class="ref-section" aria-labelledby="operations"><h2 id="operations">Operations</h2>${
    groups.length ? '' : html`<p class="ref-muted">This spec defines no operations.</p>`
  }${groups.map(({ group, id }) => {
    const ops = group.operations.map((slug) => findOperationRef(index, slug)).filter((op) => op !== undefined);
    // The list is not indexed for search: each operation is searched on its own page.
    return html`<section class="ref-tag" aria-labelledby="${id}"><h3 id="${id}">${tagHeading(index, group)}</h3>${markdownBlock(group.description)}<ul class="ref-op-list" data-pagefind-ignore="all">${ops.map(
      (op) =>
        html`<li><a class="ref-op-link" href="${ctx.operationUrl(op.slug)}">${methodBadge(op.method)} <code class="ref-path">${op.path}</code>${
          op.summary && op.summary.length <= 120 ? html` <span class="ref-op-summary">${op.summary}</span>` : ''
        }</a>${op.deprecated ? html` ${deprecatedBadge()}` : ''}</li>`,
    )}</ul></section>`;
  })}</section>`;

  const page = html`<article class="atrium-ref ref-overview"><header class="ref-op-header"><h1>${index.title}</h1>${
    index.version ? html`<p class="ref-muted">Version <code>${index.version}</code></p>` : ''
  }</header>${deprecationBanner(ctx.deprecation)}${markdownBlock(info.description)}${infoLinks(info, openapi)}<div class="ref-actions" id="downloads"><a class="ref-button" href="${
    ctx.specJsonUrl
  }" download>Download openapi.json</a> <a class="ref-button" href="${ctx.specYamlUrl}" download>Download openapi.yaml</a> ${explorerButton(environmentBaseUrls(openapi, ctx.environments), ctx)}</div>${serversSection(openapi, ctx)}${renderSecuritySchemes(
    openapi,
    ctx.environments,
  )}${operations}</article>`;
  return page.value;
}
