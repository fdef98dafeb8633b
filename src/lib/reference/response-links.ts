/**
 * Response `links` (OpenAPI 3 Link Objects): the calls a response makes possible next, each
 * naming its target by `operationId` or `operationRef`, with the parameters (runtime
 * expressions such as `$response.body#/id`) to fill in. Shown on the operation page and in its
 * markdown twin, linking to the target's page when it is an operation of this document.
 */
import { html, type SafeHtml } from '../html.ts';
import { parseRefPointer, toRefPointer } from '../openapi/json-pointer.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject, text } from '../openapi/object.ts';
import { markdownBlock, methodBadge } from './markup.ts';
import { inlineCode, tableCell } from './markdown-text.ts';
import type { OperationRef, ReferenceIndex, SpecObject } from './types.ts';

export interface ResponseLink {
  status: string;
  name: string;
  /** The operation of this document the link leads to, when it can be found. */
  target?: OperationRef;
  /** How the spec names the target (`operationId` or `operationRef`), for display when `target` is missing. */
  targetText: string;
  parameters: [string, string][];
  requestBody?: string;
  description?: string;
}

function expressionText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** The operation an `operationRef` names, when it is a pointer into this document. */
function byOperationRef(index: ReferenceIndex, ref: string): OperationRef | undefined {
  const hash = ref.indexOf('#');
  if (hash !== 0) return undefined; // another document: nothing here to link to
  const segments = parseRefPointer(ref, true);
  if (!segments) return undefined;
  const pointer = toRefPointer(segments);
  return index.operations.find((op) => op.pointer === pointer);
}

/** Every link of every response of `operation`, in document order. */
export function responseLinks(doc: SpecObject, operation: SpecObject, index: ReferenceIndex): ResponseLink[] {
  const found: ResponseLink[] = [];
  if (!isObject(operation.responses)) return found;
  for (const [status, raw] of Object.entries(operation.responses)) {
    const response = followRef(doc, raw).value;
    if (!response || !isObject(response.links)) continue;
    for (const [name, rawLink] of Object.entries(response.links)) {
      const link = followRef(doc, rawLink).value;
      if (!link) continue;
      const operationId = typeof link.operationId === 'string' ? link.operationId : undefined;
      const operationRef = typeof link.operationRef === 'string' ? link.operationRef : undefined;
      const target = operationId
        ? index.operations.find((op) => op.operationId === operationId)
        : operationRef
          ? byOperationRef(index, operationRef)
          : undefined;
      found.push({
        status,
        name,
        target,
        targetText: operationId ?? operationRef ?? '',
        parameters: isObject(link.parameters) ? Object.entries(link.parameters).map(([k, v]) => [k, expressionText(v)]) : [],
        requestBody: link.requestBody === undefined ? undefined : expressionText(link.requestBody),
        description: text(link.description),
      });
    }
  }
  return found;
}

export function renderResponseLinks(links: ResponseLink[], operationUrl: (slug: string) => string): SafeHtml {
  if (links.length === 0) return html``;
  return html`<section class="ref-section ref-links" aria-labelledby="ref-next-calls"><h2 id="ref-next-calls">Next calls</h2><p class="ref-muted">What a response of this operation lets you call next (its <code>links</code>).</p><ul class="ref-link-list">${links.map(
    (l) =>
      html`<li class="ref-link"><p><code>${l.name}</code> after <strong>${l.status}</strong>: ${
        l.target
          ? html`<a class="ref-op-link" href="${operationUrl(l.target.slug)}">${methodBadge(l.target.method)} <code class="ref-path">${l.target.path}</code></a>`
          : html`<code>${l.targetText}</code>`
      }</p>${l.description ? markdownBlock(l.description) : ''}${
        l.parameters.length > 0 || l.requestBody !== undefined
          ? html`<table class="ref-table"><thead><tr><th scope="col">Parameter</th><th scope="col">Value</th></tr></thead><tbody>${l.parameters.map(
              ([k, v]) => html`<tr><td><code>${k}</code></td><td><code>${v}</code></td></tr>`,
            )}${l.requestBody !== undefined ? html`<tr><td>request body</td><td><code>${l.requestBody}</code></td></tr>` : ''}</tbody></table>`
          : ''
      }</li>`,
  )}</ul></section>`;
}

export function responseLinksMarkdown(links: ResponseLink[], operationUrl: (slug: string) => string): string[] {
  if (links.length === 0) return [];
  const out = ['## Next calls', '', 'What a response of this operation lets you call next (its `links`):', ''];
  for (const l of links) {
    const target = l.target ? `[${l.target.method.toUpperCase()} ${l.target.path}](${operationUrl(l.target.slug)})` : inlineCode(l.targetText);
    out.push(`### ${inlineCode(l.name)} after ${l.status}: ${target}`, '');
    if (l.description) out.push(l.description.trim(), '');
    if (l.parameters.length > 0 || l.requestBody !== undefined) {
      out.push('| Parameter | Value |', '| --- | --- |');
      for (const [k, v] of l.parameters) out.push(`| ${tableCell(inlineCode(k))} | ${tableCell(inlineCode(v))} |`);
      if (l.requestBody !== undefined) out.push(`| request body | ${tableCell(inlineCode(l.requestBody))} |`);
      out.push('');
    }
  }
  return out;
}
