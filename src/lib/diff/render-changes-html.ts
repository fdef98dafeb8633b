/**
 * The body of a version's `changes/` page: a summary, then operations with breaking
 * changes (clearly badged) before the rest, each linking to the operation's page in both
 * versions where it exists. Every string from the specs is escaped by `html`.
 */
import { html, type SafeHtml } from '../html.ts';
import { displaySections, type DisplayOperation } from './display-order.ts';
import { messageParts } from './message-parts.ts';
import { plural, summarizeDiff } from './summary.ts';
import type { SpecDiff } from './types.ts';

export interface ChangesHtmlOptions {
  oldVersion: string;
  newVersion: string;
  /** URL of the operation's (or webhook's, then `path` is its name) page in the old version; `undefined` when there is none. */
  oldOperationUrl?: (method: string, path: string, kind: 'operation' | 'webhook') => string | undefined;
  newOperationUrl?: (method: string, path: string, kind: 'operation' | 'webhook') => string | undefined;
}

function message(text: string): SafeHtml {
  return html`${messageParts(text).map((p) => (p.code ? html`<code>${p.text}</code>` : html`${p.text}`))}`;
}

const STATUS_BADGE = {
  removed: html`<span class="badge badge-breaking">Removed</span>`,
  added: html`<span class="badge badge-added">New</span>`,
  changed: html``,
};

function links(op: DisplayOperation, options: ChangesHtmlOptions): SafeHtml {
  const kind = op.webhook !== undefined ? 'webhook' : 'operation';
  const oldUrl = op.status === 'added' ? undefined : options.oldOperationUrl?.(op.method, op.path, kind);
  const newUrl = op.status === 'removed' ? undefined : options.newOperationUrl?.(op.method, op.path, kind);
  if (!oldUrl && !newUrl) return html``;
  const items = [
    oldUrl ? html`<a href="${oldUrl}">${options.oldVersion}</a>` : null,
    newUrl ? html`<a href="${newUrl}">${options.newVersion}</a>` : null,
  ].filter((x): x is SafeHtml => x !== null);
  return html`<p class="api-change-links">View in ${items.map((item, i) => html`${i > 0 ? ' · ' : ''}${item}`)}</p>`;
}

function operation(op: DisplayOperation, options: ChangesHtmlOptions): SafeHtml {
  const method = op.method.toLowerCase();
  const changes =
    op.status === 'changed'
      ? html`<ul class="api-change-list">${op.changes.map(
          (c) =>
            html`<li class="api-change${c.breaking ? ' api-change-breaking' : ''}" data-kind="${c.kind}">${
              c.breaking ? html`<span class="badge badge-breaking">Breaking</span> ` : ''
            }${message(c.message)}</li>`,
        )}</ul>`
      : html`<p class="api-change-status">${op.status === 'removed' ? 'This operation was removed.' : 'This operation is new.'}</p>`;
  return html`<article class="api-change-operation${op.breaking ? ' api-change-operation-breaking' : ''}">
<h3><span class="http-method http-method-${method}">${op.method.toUpperCase()}</span> ${op.webhook !== undefined ? 'webhook ' : ''}<code>${op.path}</code> ${STATUS_BADGE[op.status]}</h3>
${links(op, options)}${changes}
</article>`;
}

export function renderChangesHtml(diff: SpecDiff, options: ChangesHtmlOptions): string {
  const s = summarizeDiff(diff);
  if (s.breaking + s.nonBreaking === 0) {
    return html`<div class="api-changes"><p class="api-changes-empty">No changes to operations since ${options.oldVersion}.</p></div>`.value;
  }
  const { breaking, nonBreaking } = displaySections(diff);
  const summary = html`<p class="api-changes-summary">Since ${options.oldVersion}: <strong>${s.breaking} breaking</strong> and ${s.nonBreaking} non-breaking change${s.breaking + s.nonBreaking === 1 ? '' : 's'}; ${plural(s.added, 'operation')} added, ${s.removed} removed, ${s.changed} changed.</p>`;
  const section = (id: string, title: string, ops: DisplayOperation[]) =>
    ops.length === 0
      ? ''
      : html`<section class="api-changes-group" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
${ops.map((op) => operation(op, options))}
</section>`;
  return html`<div class="api-changes">
${summary}
${section('breaking-changes', 'Breaking changes', breaking)}
${section('non-breaking-changes', 'Non-breaking changes', nonBreaking)}
</div>`.value;
}
