/** Request bodies and responses: per media type, a schema tree and its examples. */
import { html, raw, type SafeHtml } from '../html.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject, text } from '../openapi/object.ts';
import type { Highlight } from './code-highlight.ts';
import { examplesOf, type Direction } from './example.ts';
import { exampleBlocks, markdownBlock, statusClass, statusReason } from './markup.ts';
import { renderHeaders } from './parameters.ts';
import { renderSchemaTree, type TreeOptions } from './schema-tree.ts';
import { slugify } from './slug.ts';
import type { SpecObject } from './types.ts';

function mediaBlocks(
  doc: SpecObject,
  content: unknown,
  direction: Direction,
  tree: TreeOptions,
  heading: 'h3' | 'h4',
  label: string,
  showExamples = true,
  highlight?: Highlight,
): SafeHtml {
  if (!isObject(content)) return html``;
  return html`${Object.entries(content).map(([mediaType, raw]) => {
    const media = isObject(raw) ? raw : {};
    const examples = showExamples ? examplesOf(doc, media, media.schema, direction) : [];
    const title = html`<code>${mediaType}</code>`;
    return html`<div class="ref-media">${heading === 'h3' ? html`<h3>${title}</h3>` : html`<h4>${title}</h4>`}${
      media.schema !== undefined ? renderSchemaTree(doc, media.schema, tree) : ''
    }${exampleBlocks(examples, label, highlight)}</div>`;
  })}`;
}

/**
 * `direction` is who writes the body: `request` for a client calling the API (read-only
 * fields left out of examples), `response` for webhooks and callbacks, whose "request" the
 * API itself sends (write-only fields left out instead).
 */
export function renderRequestBody(
  doc: SpecObject,
  operation: SpecObject,
  tree: TreeOptions,
  direction: Direction = 'request',
  highlight?: Highlight,
): SafeHtml {
  const body = followRef(doc, operation.requestBody).value;
  if (!body) return html``;
  return html`<section class="ref-section" aria-labelledby="request-body"><h2 id="request-body">Request body${
    body.required === true ? html` <span class="ref-badge ref-badge-required">required</span>` : ''
  }</h2>${markdownBlock(body.description)}${mediaBlocks(doc, body.content, direction, tree, 'h3', 'Example request', true, highlight)}</section>`;
}

/** Status codes in reading order: 1xx…5xx, ranges after exact codes, `default` last. */
export function statusOrder(a: string, b: string): number {
  const key = (s: string) => (s === 'default' ? '9' : s.toUpperCase().replace(/X/g, '~'));
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** `examples: false` when the page shows the response examples elsewhere (the operation page's right pane). */
/** 4xx and 5xx (and their `4XX` ranges). */
const isErrorStatus = (status: string) => /^[45]/.test(status.trim());
const NOT_INDEXED = raw(' data-pagefind-ignore="all"');

export function renderResponses(
  doc: SpecObject,
  operation: SpecObject,
  tree: TreeOptions,
  options: { examples?: boolean; highlight?: Highlight } = {},
): SafeHtml {
  if (!isObject(operation.responses)) return html``;
  const entries = Object.entries(operation.responses)
    .filter(([status]) => !status.startsWith('x-'))
    .sort(([a], [b]) => statusOrder(a, b));
  if (!entries.length) return html``;
  return html`<section class="ref-section" aria-labelledby="responses"><h2 id="responses">Responses</h2>${entries.map(([status, raw]) => {
    const response = followRef(doc, raw).value ?? {};
    const reason = statusReason(status);
    const id = `response-${slugify(status) || 'status'}`;
    // Error responses are mostly the spec's one error model on every operation: out of the
    // search index, so an operation is found and excerpted by what it alone says (issue 17).
    return html`<section class="ref-response" aria-labelledby="${id}"${isErrorStatus(status) ? NOT_INDEXED : ''}><h3 id="${id}"><span class="ref-status ${statusClass(status)}">${status}</span>${
      reason ? html` <span class="ref-status-reason">${reason}</span>` : ''
    }</h3>${text(response.description) ? markdownBlock(response.description) : ''}${renderHeaders(doc, response.headers, tree, `Response ${status} headers`)}${mediaBlocks(
      doc,
      response.content,
      'response',
      tree,
      'h4',
      'Example response',
      options.examples !== false,
      options.highlight,
    )}</section>`;
  })}</section>`;
}
