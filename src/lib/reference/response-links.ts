/**
 * Response `links` shown as "Next calls" on the operation page and in its markdown twin,
 * linking to the target's page when it is an operation of this document. Reading the links
 * and finding their targets is the `ApiDocument`'s (`openapi/links.ts`).
 */
import { html, type SafeHtml } from '../html.ts';
import { apiDocument, type ApiLink } from '../openapi/api-document.ts';
import { markdownBlock, methodBadge } from './markup.ts';
import { inlineCode, tableCell } from './markdown-text.ts';
import type { OperationRef, ReferenceIndex, SpecObject } from './types.ts';

export interface ResponseLink extends Omit<ApiLink, 'target'> {
  /** The page of the operation the link leads to, when it is an operation of this document. */
  target?: OperationRef;
}

/** Every link of every response of `operation` (read by the `ApiDocument`), with its target's page. */
export function responseLinks(doc: SpecObject, operation: SpecObject, index: ReferenceIndex): ResponseLink[] {
  return apiDocument(doc)
    .linksOf(operation)
    .map(({ target, ...link }) => ({ ...link, target: target && index.operations.find((op) => op.pointer === target.pointer) }));
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
