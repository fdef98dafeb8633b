/**
 * The "Code samples" section. Languages are tabs made of radio buttons and CSS, so they
 * work without JavaScript (and degrade to three stacked blocks without CSS). With several
 * environments, each gets its own `<details>` (the first open) with its base URL and auth.
 */
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { SAMPLE_LANGUAGES, renderSample } from './code-samples.ts';
import { textContent } from './markup.ts';
import type { ParameterEntry } from './operations.ts';
import { buildSampleRequest, type SampleRequest } from './sample-request.ts';
import { operationInEnvironment, sampleRoute } from './gateway-operation.ts';
import type { SpecObject } from './types.ts';

interface SampleInput {
  method: string;
  path: string;
  operation: SpecObject;
  pathItem: SpecObject;
  parameters: ParameterEntry[];
}

function tabs(group: string, request: SampleRequest): SafeHtml {
  return html`<div class="ref-tabs">${SAMPLE_LANGUAGES.map(
    (lang, i) =>
      html`<input class="ref-tab-input" type="radio" name="${group}" id="${group}-${lang.id}"${i === 0 ? raw(' checked') : ''}><label class="ref-tab-label" for="${group}-${lang.id}">${lang.label}</label>`,
  )}${SAMPLE_LANGUAGES.map(
    (lang) =>
      html`<div class="ref-tab-panel" data-language="${lang.id}"><pre class="ref-code" tabindex="0" aria-label="${lang.label} sample"><code>${textContent(renderSample(lang.id, request))}</code></pre></div>`,
  )}</div>`;
}

function sourceNote(request: SampleRequest, environment?: ResolvedEnvironment): SafeHtml {
  if (request.baseUrlSource === 'environment' && environment) {
    return html`<p class="ref-muted">Calls the ${environment.label ?? environment.name} environment. Replace the placeholders in <code>&lt;…&gt;</code> and <code>{…}</code>.</p>`;
  }
  if (request.baseUrlSource === 'spec') {
    return html`<p class="ref-muted">Uses the server URL from the spec. Replace the placeholders in <code>&lt;…&gt;</code> and <code>{…}</code>.</p>`;
  }
  return html`<p class="ref-muted">The spec names no server: replace <code>https://api.example.com</code> with the API's base URL.</p>`;
}

export function renderCodeSamples(doc: SpecObject, input: SampleInput, environments: ResolvedEnvironment[]): SafeHtml {
  // An environment whose gateway serves this operation at no URL (or not at all) gets no sample.
  const key = { method: input.method, path: input.path };
  const usable = environments.filter((e) => (operationInEnvironment(e, key) ? sampleRoute(e, key) !== undefined : e.base_urls.some((u) => u.trim())));
  let body: SafeHtml;
  if (usable.length <= 1) {
    const env = usable[0];
    const request = buildSampleRequest(doc, input, env);
    body = html`${sourceNote(request, env)}${tabs('ref-sample-0', request)}`;
  } else {
    body = html`${usable.map((env, i) => {
      const request = buildSampleRequest(doc, input, env);
      const base = request.url.split('?')[0];
      return html`<details class="ref-env"${i === 0 ? raw(' open') : ''}><summary><strong>${env.label ?? env.name}</strong> <code class="ref-env-url">${base}</code></summary>${tabs(
        `ref-sample-${i}`,
        request,
      )}</details>`;
    })}`;
  }
  return html`<section class="ref-section ref-samples" aria-labelledby="code-samples" data-pagefind-ignore="all"><h2 id="code-samples">Code samples</h2>${body}</section>`;
}
