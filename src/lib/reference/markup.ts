/** Small pieces of markup shared by the reference pages (badges, banners, example blocks). */
import { html, raw, type SafeHtml } from '../html.ts';
import { HTTP_METHODS } from '../openapi/object.ts';
import { text } from '../openapi/object.ts';
import { exampleText, type NamedExample } from './example.ts';
import { renderMarkdown } from './markdown.ts';
import { codeFrame, type Highlight } from './code-highlight.ts';
import type { ReferenceDeprecation } from './types.ts';

const KNOWN_METHODS = new Set<string>(HTTP_METHODS);

/**
 * Text for element content (never attributes): only `&`, `<` and `>` need escaping there.
 * Code samples and JSON examples are full of quotes; leaving them as they are keeps
 * big pages a third smaller than `escapeHtml` would.
 */
export function textContent(value: string): SafeHtml {
  return raw(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

export function methodBadge(method: string): SafeHtml {
  const m = method.toLowerCase();
  return html`<span class="ref-method ref-method-${KNOWN_METHODS.has(m) ? m : 'other'}">${m.toUpperCase()}</span>`;
}

export function deprecatedBadge(): SafeHtml {
  return html`<span class="ref-badge ref-badge-deprecated">deprecated</span>`;
}

/**
 * A URL from a spec made safe for `href`: http(s), mailto and relative URLs pass; anything
 * else (`javascript:`, `data:`, `vbscript:`…) gives undefined and the text renders unlinked.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Browsers ignore tabs/newlines and leading control characters inside a scheme.
  const url = value.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (!url) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!scheme) return value.trim();
  return ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase()) ? value.trim() : undefined;
}

export function link(url: unknown, label: string): SafeHtml {
  const href = safeUrl(url);
  return href ? html`<a href="${href}">${label}</a>` : html`${label}`;
}

export function markdownBlock(value: unknown, className = 'ref-md'): SafeHtml {
  const md = text(value);
  return md ? html`<div class="${className}">${raw(renderMarkdown(md))}</div>` : html``;
}

/** Tables scroll inside their own box on narrow screens instead of widening the page. */
export function tableWrap(table: SafeHtml, label: string): SafeHtml {
  return html`<div class="ref-table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/**
 * The one deprecation notice of a page: the writer's message (or a headline when there is
 * none), the sunset, the replacement — on an operation page its equivalent operation — and,
 * for a deprecated operation, that fact too. Kept out of the search index: it is the same on
 * every page of the version.
 */
export function deprecationBanner(
  deprecation: ReferenceDeprecation | undefined,
  op?: { method: string; path: string; operationId?: string; deprecated?: boolean; kind?: string },
): SafeHtml {
  const opDeprecated = op?.deprecated === true;
  if (!deprecation && !opDeprecated) return html``;
  const sunset = text(deprecation?.sunset);
  const message = text(deprecation?.message);
  const headline = message ? undefined : text(deprecation?.headline);
  const equivalent = deprecation && op ? deprecation.equivalent?.(op) : undefined;
  const replacement = text(deprecation?.replacementName);
  const use = equivalent
    ? html` Use ${link(equivalent.url, equivalent.label)} instead.`
    : replacement
      ? html` Use ${deprecation!.replacementUrl ? link(deprecation!.replacementUrl, replacement) : replacement} instead.`
      : '';
  const kind = op?.kind && op.kind !== 'operation' ? op.kind : 'operation';
  const opNote = !opDeprecated
    ? ''
    : deprecation
      ? html` This ${kind} may also be removed before then.`
      : html`<strong>This ${kind} is deprecated</strong> and may be removed in a future version.`;
  return html`<div class="ref-banner ref-banner-deprecated banner banner--deprecated" role="note" aria-label="Deprecation notice" data-pagefind-ignore><p>${
    message ? html`${message}` : headline ? html`<strong>${headline}</strong>` : ''
  }${opNote}${sunset ? html` Switched off on <time datetime="${sunset}">${sunset}</time>.` : ''}${use}</p></div>`;
}

/** Examples as `<details>` blocks, the first open; generated ones say so. With a highlighter, in colour with a copy button. */
export function exampleBlocks(examples: NamedExample[], label: string, highlight?: Highlight): SafeHtml {
  return html`${examples.map((example, i) => {
    const title = example.name ? `${label}: ${example.summary ?? example.name}` : example.generated ? `${label} (generated from the schema)` : label;
    if (example.externalValue !== undefined) {
      return html`<p class="ref-example-external">${title}: ${link(example.externalValue, example.externalValue)}</p>`;
    }
    const { text: body, truncated } = exampleText(example.value);
    const code = highlight
      ? codeFrame(body, typeof example.value === 'string' ? 'text' : 'json', title, highlight)
      : html`<pre class="ref-code" tabindex="0"><code>${textContent(body)}</code></pre>`;
    // Raw example data stays out of the search index: excerpts should read as prose.
    return html`<details class="ref-example" data-pagefind-ignore${i === 0 ? raw(' open') : ''}><summary>${title}</summary>${code}${
      truncated ? html`<p class="ref-muted">Example cut short; the full example is in the downloadable spec.</p>` : ''
    }</details>`;
  })}`;
}

const REASONS: Record<string, string> = {
  '100': 'Continue', '101': 'Switching Protocols', '200': 'OK', '201': 'Created', '202': 'Accepted',
  '203': 'Non-Authoritative Information', '204': 'No Content', '205': 'Reset Content', '206': 'Partial Content',
  '207': 'Multi-Status', '300': 'Multiple Choices', '301': 'Moved Permanently', '302': 'Found', '303': 'See Other',
  '304': 'Not Modified', '307': 'Temporary Redirect', '308': 'Permanent Redirect', '400': 'Bad Request',
  '401': 'Unauthorized', '402': 'Payment Required', '403': 'Forbidden', '404': 'Not Found', '405': 'Method Not Allowed',
  '406': 'Not Acceptable', '408': 'Request Timeout', '409': 'Conflict', '410': 'Gone', '411': 'Length Required',
  '412': 'Precondition Failed', '413': 'Content Too Large', '414': 'URI Too Long', '415': 'Unsupported Media Type',
  '416': 'Range Not Satisfiable', '422': 'Unprocessable Content', '423': 'Locked', '425': 'Too Early',
  '428': 'Precondition Required', '429': 'Too Many Requests', '451': 'Unavailable For Legal Reasons',
  '500': 'Internal Server Error', '501': 'Not Implemented', '502': 'Bad Gateway', '503': 'Service Unavailable',
  '504': 'Gateway Timeout', '1XX': 'Informational', '2XX': 'Success', '3XX': 'Redirection', '4XX': 'Client error',
  '5XX': 'Server error', default: 'Any other status',
};

export function statusReason(status: string): string | undefined {
  return REASONS[status.toUpperCase()] ?? REASONS[status];
}

export function statusClass(status: string): string {
  const first = status.trim()[0];
  return first && '12345'.includes(first) ? `ref-status-${first}xx` : 'ref-status-default';
}
