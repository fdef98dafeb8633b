/**
 * The right pane of an operation page: what a reader copies. An environment picker (with
 * several environments), the request sample in language tabs for the chosen environment's
 * real URL and auth, and the response examples in tabs per status.
 *
 * Without JavaScript every block is there, stacked under its own heading (environment,
 * language, status); client/reference-tabs.ts turns the blocks into tabs and the environments
 * into a picker, remembering both choices.
 */
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { statusOrder } from './bodies.ts';
import { codeFrame, type Highlight } from './code-highlight.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject } from '../openapi/object.ts';
import { examplesOf, exampleText } from './example.ts';
import { operationInEnvironment, sampleRoute } from './gateway-operation.ts';
import { statusReason } from './markup.ts';
import type { ParameterEntry } from '../openapi/parameters.ts';
import { buildSampleRequest, type SampleRequest } from './sample-request.ts';
import { SNIPPET_LANGUAGES, renderSnippet } from './snippets.ts';
import { slugify } from './slug.ts';
import type { SpecObject } from './types.ts';

export interface AsideInput {
  method: string;
  path: string;
  operation: SpecObject;
  pathItem: SpecObject;
  parameters: ParameterEntry[];
}

/** Environments whose gateway serves this operation at a URL (or, unlinked, that have a base URL). */
export function sampleEnvironments(environments: ResolvedEnvironment[], input: { method: string; path: string }): ResolvedEnvironment[] {
  const key = { method: input.method, path: input.path };
  return environments.filter((e) => (operationInEnvironment(e, key) ? sampleRoute(e, key) !== undefined : e.base_urls.some((u) => u.trim())));
}

function sourceNote(request: SampleRequest): SafeHtml {
  if (request.baseUrlSource === 'spec') return html`<p class="ref-muted ref-aside-note">Uses the server URL from the spec.</p>`;
  if (request.baseUrlSource === 'placeholder') {
    return html`<p class="ref-muted ref-aside-note">The spec names no server: replace <code>https://api.example.com</code> with the API's base URL.</p>`;
  }
  return html``;
}

function languageTabs(group: string, request: SampleRequest, highlight: Highlight | undefined): SafeHtml {
  return html`<div class="ref-tabset" data-atrium-tabs="language">${SNIPPET_LANGUAGES.map(
    (language) =>
      html`<section class="ref-tabpanel" id="${group}-${language.id}" data-tab="${language.id}"><h4 class="ref-tabpanel-title">${language.label}</h4>${codeFrame(
        renderSnippet(language, request),
        language.highlight,
        `${language.label} request`,
        highlight,
      )}</section>`,
  )}</div>`;
}

/**
 * Where `other` is `first` sent to another base URL (same auth, headers, body), that base and
 * the one it replaces: its samples need not be written twice.
 */
export function sameRequestElsewhere(first: SampleRequest, other: SampleRequest): { from: string; to: string } | undefined {
  const rest = (r: SampleRequest) => JSON.stringify([r.method, r.headers, r.basicAuth, r.clientCertificate, r.body, r.notes]);
  if (rest(first) !== rest(other) || first.url === other.url) return undefined;
  // The longest common tail that starts at a path segment is the operation's own path and query.
  let n = 0;
  while (n < first.url.length && n < other.url.length && first.url.at(-1 - n) === other.url.at(-1 - n)) n++;
  let tail = first.url.slice(first.url.length - n);
  const slash = tail.indexOf('/');
  tail = slash < 0 ? '' : tail.slice(slash);
  const from = first.url.slice(0, first.url.length - tail.length);
  const to = other.url.slice(0, other.url.length - tail.length);
  if (!/^https?:\/\/[^/]+/.test(from) || !/^https?:\/\/[^/]+/.test(to)) return undefined;
  return { from, to };
}

function requestSamples(doc: SpecObject, input: AsideInput, environments: ResolvedEnvironment[], highlight: Highlight | undefined): SafeHtml {
  const usable = sampleEnvironments(environments, input);
  const requests = (usable.length ? usable : [undefined]).map((env) => ({ env, request: buildSampleRequest(doc, input, env) }));
  const first = requests[0]!;
  // Environments that differ from the first only by base URL: one line each, and the picker
  // (reference-tabs.ts) rewrites the first environment's samples to that URL.
  const aliases = requests.slice(1).flatMap(({ env, request }) => {
    const moved = sameRequestElsewhere(first.request, request);
    return moved && env ? [{ env, ...moved }] : [];
  });
  const full = requests.filter((r, i) => i === 0 || !aliases.some((a) => a.env === r.env));
  const picker =
    usable.length > 1
      ? html`<p class="ref-env-picker" hidden><label for="ref-env-select">Environment</label> <select id="ref-env-select" data-atrium-env-picker>${usable.map(
          (env) => html`<option value="${env.name}">${env.label ?? env.name}</option>`,
        )}</select></p>`
      : '';
  return html`<section class="ref-aside-section" aria-labelledby="request-samples"><h2 id="request-samples">Request</h2>${picker}${full.map(({ env, request }, i) => {
    const base = request.url.split('?')[0];
    const aliasList =
      i === 0 && aliases.length
        ? html`<ul class="ref-env-aliases">${aliases.map(
            (a) =>
              html`<li data-environment="${a.env.name}" data-base-url="${a.to}" data-replaces="${a.from}">${a.env.label ?? a.env.name}: the same request to <code>${a.to}</code></li>`,
          )}</ul>`
        : '';
    return html`<div class="ref-env-samples" data-environment="${env?.name ?? ''}">${
      env ? html`<h3 class="ref-env-heading">${env.label ?? env.name} <code class="ref-env-url">${base}</code></h3>` : ''
    }${aliasList}${sourceNote(request)}${languageTabs(`ref-sample-${i}`, request, highlight)}</div>`;
  })}</section>`;
}

function responseExamples(doc: SpecObject, operation: SpecObject, highlight: Highlight | undefined): SafeHtml {
  if (!isObject(operation.responses)) return html``;
  const panels: SafeHtml[] = [];
  const statuses = Object.keys(operation.responses).filter((s) => !s.startsWith('x-')).sort(statusOrder);
  for (const status of statuses) {
    const response = followRef(doc, operation.responses[status]).value;
    if (!response || !isObject(response.content)) continue;
    const [mediaType, media] = Object.entries(response.content).find(([type]) => /json/i.test(type)) ?? Object.entries(response.content)[0] ?? [];
    if (!mediaType || !isObject(media)) continue;
    const examples = examplesOf(doc, media, media.schema, 'response').filter((e) => e.value !== undefined);
    if (!examples.length) continue;
    const reason = statusReason(status);
    const title = `${status}${reason ? ` ${reason}` : ''}`;
    panels.push(
      html`<section class="ref-tabpanel" id="ref-example-${slugify(status) || 'status'}" data-tab="${status}"><h3 class="ref-tabpanel-title">${title}</h3>${examples.map((example) => {
        const detail = [example.summary ?? example.name, example.generated ? 'generated from the schema' : undefined].filter(Boolean).join(' · ');
        const language = typeof example.value === 'string' && !/json/i.test(mediaType) ? 'text' : 'json';
        return html`<p class="ref-muted ref-aside-note"><code>${mediaType}</code>${detail ? ` · ${detail}` : ''}</p>${codeFrame(
          exampleText(example.value).text,
          language,
          `${title} example${detail ? `: ${detail}` : ''}`,
          highlight,
        )}`;
      })}</section>`,
    );
  }
  if (!panels.length) return html``;
  return html`<section class="ref-aside-section" aria-labelledby="response-examples"><h2 id="response-examples">Response examples</h2><div class="ref-tabset" data-atrium-tabs="status">${panels}</div></section>`;
}

/** The pane; empty for webhooks and callbacks, which the reader receives rather than calls. */
export function renderOperationAside(
  doc: SpecObject,
  input: AsideInput,
  environments: ResolvedEnvironment[],
  highlight: Highlight | undefined,
): SafeHtml {
  return html`<aside class="ref-op-aside" aria-label="Request and response examples" data-pagefind-ignore="all"><div class="ref-op-aside-inner">${requestSamples(
    doc,
    input,
    environments,
    highlight,
  )}${responseExamples(doc, input.operation, highlight)}</div></aside>`;
}
