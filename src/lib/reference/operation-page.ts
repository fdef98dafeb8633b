/**
 * One operation's page: everything a reader needs to call it (or, for webhooks and
 * callbacks, to receive it) without JavaScript, and the component schemas it uses, once each
 * (those beyond the page's budget one link away, on their schema pages).
 */
import { html, type SafeHtml } from '../html.ts';
import { renderRequestBody, renderResponses } from './bodies.ts';
import { resolvePointer } from '../openapi/json-pointer.ts';
import { pathItemPointer } from '../openapi/operations.ts';
import { isObject, text } from '../openapi/object.ts';
import { markdownToPlainText } from './markdown.ts';
import { deprecationBanner, link, markdownBlock, methodBadge } from './markup.ts';
import { operationParameters } from '../openapi/parameters.ts';
import { PageSchemas, SCHEMA_SECTION_BUDGET } from './page-schemas.ts';
import { renderParameters } from './parameters.ts';
import { renderResponseLinks, responseLinks } from './response-links.ts';
import { findOperationRef } from './reference-index.ts';
import { renderGatewaySection } from './gateway-operation.ts';
import { renderOperationAside } from './operation-aside.ts';
import { explorerButton } from './explorer-button.ts';
import { environmentBaseUrls } from './overview.ts';
import { renderSecurityRequirements } from './security.ts';
import type { OperationRef, ReferenceContext, ReferenceIndex, RenderedPage, SpecObject } from './types.ts';

/** A summary short enough for a heading (GitHub's webhook "summaries" are paragraphs). */
function headingSummary(summary: string | undefined): string | undefined {
  return summary && summary.length <= 120 && !summary.includes('\n') ? summary : undefined;
}

export function operationTitle(ref: OperationRef): string {
  return (
    headingSummary(ref.summary) ??
    (ref.kind === 'webhook' ? ref.path : undefined) ??
    ref.operationId ??
    `${ref.method.toUpperCase()} ${ref.path}`
  );
}

const KIND_LABEL: Record<OperationRef['kind'], string> = { operation: '', webhook: 'Webhook', callback: 'Callback' };

/** Each operation's callbacks, in index order: found once per index, not by a scan of every operation per page. */
const CALLBACKS = new WeakMap<ReferenceIndex, Map<string, OperationRef[]>>();

function callbacksOf(index: ReferenceIndex, slug: string): OperationRef[] {
  let byParent = CALLBACKS.get(index);
  if (!byParent) {
    byParent = new Map();
    for (const op of index.operations) {
      if (op.kind !== 'callback' || op.parent === undefined) continue;
      const list = byParent.get(op.parent);
      if (list) list.push(op);
      else byParent.set(op.parent, [op]);
    }
    CALLBACKS.set(index, byParent);
  }
  return byParent.get(slug) ?? [];
}

function callbacksSection(index: ReferenceIndex, ref: OperationRef, ctx: ReferenceContext): SafeHtml {
  const callbacks = callbacksOf(index, ref.slug);
  if (!callbacks.length) return html``;
  return html`<section class="ref-section" aria-labelledby="callbacks"><h2 id="callbacks">Callbacks</h2><p>This operation may later call you back:</p><ul class="ref-op-list">${callbacks.map(
    (cb) =>
      html`<li><a class="ref-op-link" href="${ctx.operationUrl(cb.slug)}">${methodBadge(cb.method)} <code class="ref-path">${cb.path}</code> <span class="ref-op-summary">${cb.callbackName ?? ''}</span></a></li>`,
  )}</ul></section>`;
}

export function renderOperationPage(
  openapi: SpecObject,
  index: ReferenceIndex,
  slug: string,
  ctx: ReferenceContext,
): RenderedPage {
  const ref = findOperationRef(index, slug);
  if (!ref) throw new Error(`No operation with the slug "${slug}" in this API reference.`);
  const operation = resolvePointer(openapi, ref.pointer);
  const pathItem = resolvePointer(openapi, pathItemPointer(ref.pointer));
  if (!isObject(operation) || !isObject(pathItem)) {
    throw new Error(`The operation "${slug}" is no longer at ${ref.pointer}; build the index from the same document.`);
  }

  const schemas = new PageSchemas(openapi, { budget: SCHEMA_SECTION_BUDGET, schemaUrl: ctx.schemaUrl });
  const tree = { use: schemas.use };
  const parameters = operationParameters(openapi, { operation, pathItem });
  const title = operationTitle(ref);
  const longSummary = ref.summary && !headingSummary(ref.summary) ? ref.summary : undefined;
  const descriptionText = text(operation.description) ?? ref.summary ?? '';
  const parent = ref.parent ? index.operations.find((op) => op.slug === ref.parent) : undefined;
  const externalDocs = isObject(operation.externalDocs) ? operation.externalDocs : undefined;

  // Order matters: sections register the schemas they link to before the Schemas section renders.
  const header = html`<header class="ref-op-header">${KIND_LABEL[ref.kind] ? html`<p class="ref-kind">${KIND_LABEL[ref.kind]}</p>` : ''}<h1>${title}</h1><p class="ref-op-line">${methodBadge(
    ref.method,
  )} <code class="ref-path">${ref.path}</code>${
    ref.kind === 'operation' ? html` ${explorerButton(environmentBaseUrls(openapi, ctx.environments), ctx, { method: ref.method, path: ref.path })}` : ''
  }</p>${
    ref.operationId ? html`<p class="ref-muted ref-operation-id">Operation ID: <code>${ref.operationId}</code></p>` : ''
  }</header>`;
  const main = html`${deprecationBanner(ctx.deprecation, ref)}${
    parent
      ? html`<p class="ref-callback-of">Sent by the API after <a href="${ctx.operationUrl(parent.slug)}">${methodBadge(parent.method)} <code>${parent.path}</code></a>${
          ref.callbackName ? html` (callback <code>${ref.callbackName}</code>)` : ''
        }.</p>`
      : ''
  }${ref.kind === 'webhook' ? html`<p class="ref-muted">The API sends this request to the URL you register for the webhook.</p>` : ''}${
    longSummary ? markdownBlock(longSummary, 'ref-md ref-lead') : ''
  }${markdownBlock(operation.description)}${
    externalDocs && externalDocs.url ? html`<p class="ref-external-docs">${link(externalDocs.url, text(externalDocs.description) ?? 'More documentation')}</p>` : ''
  }${ref.kind === 'operation' ? renderSecurityRequirements(openapi, operation, ctx.environments) : ''}${renderParameters(
    openapi,
    parameters,
    tree,
  )}${renderRequestBody(openapi, operation, tree, ref.kind === 'operation' ? 'request' : 'response', ctx.highlight)}${renderResponses(openapi, operation, tree, {
    examples: ref.kind !== 'operation',
    highlight: ctx.highlight,
  })}${
    ref.kind === 'operation'
      ? renderGatewaySection(ref, ctx.environments, isObject(operation.responses) ? Object.keys(operation.responses) : [], ctx.internal === true)
      : ''
  }${renderResponseLinks(responseLinks(openapi, operation, index), ctx.operationUrl)}${callbacksSection(index, ref, ctx)}`;

  // Two panes (reference.css, from ~1100 px): reading on the left, what to copy on the right.
  const page =
    ref.kind === 'operation'
      ? html`<article class="atrium-ref ref-operation-page">${header}<div class="ref-op-panes"><div class="ref-op-main">${main}</div>${renderOperationAside(
          openapi,
          { method: ref.method, path: ref.path, operation, pathItem, parameters },
          ctx.environments,
          ctx.highlight,
        )}</div>${schemas.render()}</article>`
      : html`<article class="atrium-ref ref-operation-page">${header}${main}${schemas.render()}</article>`;
  return {
    title,
    description: markdownToPlainText(descriptionText, 160) || `${ref.method.toUpperCase()} ${ref.path}`,
    // The highlighter's classes for this page's code, once all of it is rendered.
    html: schemas.localizeLinks(page.value) + (ctx.highlight?.css() ?? ''),
  };
}
