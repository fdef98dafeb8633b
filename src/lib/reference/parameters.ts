/** The parameters of an operation, one table per location (path, query, header, cookie). */
import { html, type SafeHtml } from '../html.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject } from '../openapi/object.ts';
import { examplesOf } from './example.ts';
import { deprecatedBadge, markdownBlock, tableWrap } from './markup.ts';
import type { ParameterEntry } from '../openapi/parameters.ts';
import { formatValue } from './schema-facts.ts';
import { badges, renderSchemaTree, renderTypeLabel, schemaFacts, schemaHasChildren, type TreeOptions } from './schema-tree.ts';
import type { SpecObject } from './types.ts';

const LOCATIONS = [
  { in: 'path', title: 'Path parameters' },
  { in: 'query', title: 'Query parameters' },
  // OpenAPI 3.2: one parameter that is the whole query string, described by its `content`.
  { in: 'querystring', title: 'Query string' },
  { in: 'header', title: 'Header parameters' },
  { in: 'cookie', title: 'Cookie parameters' },
] as const;

/** A parameter's schema: `schema`, or the schema of its first `content` media type. */
export function parameterSchema(parameter: SpecObject): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  if (isObject(parameter.content)) {
    const first = Object.values(parameter.content)[0];
    if (isObject(first)) return first.schema;
  }
  return undefined;
}

function parameterRow(doc: SpecObject, parameter: SpecObject, tree: TreeOptions): SafeHtml {
  const schema = parameterSchema(parameter);
  const resolved = followRef(doc, schema).value ?? {};
  const examples = examplesOf(doc, parameter, undefined, 'request').filter((e) => e.value !== undefined);
  const required = parameter.required === true || parameter.in === 'path';
  return html`<tr><th scope="row"><code class="ref-prop-name">${parameter.name}</code>${
    required ? html` <span class="ref-badge ref-badge-required">required</span>` : ''
  }${parameter.deprecated === true ? html` ${deprecatedBadge()}` : ''}</th><td>${
    schema === undefined ? html`<span class="ref-type">any</span>` : renderTypeLabel(doc, schema, tree)
  }${badges({ ...resolved, deprecated: undefined }, false)}${schemaFacts(resolved)}</td><td>${markdownBlock(parameter.description)}${
    examples.length
      ? html`<div class="ref-facts"><span class="ref-fact"><span class="ref-fact-label">example</span> ${examples.map(
          (e, i) => html`${i ? ', ' : ''}<code>${typeof e.value === 'string' ? e.value : formatValue(e.value)}</code>`,
        )}</span></div>`
      : ''
  }${
    schema !== undefined && schemaHasChildren(doc, schema)
      ? html`<details class="ref-nested"><summary>Fields</summary>${renderSchemaTree(doc, schema, tree)}</details>`
      : ''
  }</td></tr>`;
}

export function renderParameters(doc: SpecObject, parameters: ParameterEntry[], tree: TreeOptions): SafeHtml {
  if (!parameters.length) return html``;
  const groups: { title: string; items: ParameterEntry[] }[] = LOCATIONS.map((loc) => ({
    title: loc.title,
    items: parameters.filter((p) => p.parameter.in === loc.in),
  }));
  const other = parameters.filter((p) => !LOCATIONS.some((l) => l.in === p.parameter.in));
  if (other.length) groups.push({ title: 'Other parameters', items: other });
  return html`<section class="ref-section" aria-labelledby="parameters"><h2 id="parameters">Parameters</h2>${groups
    .filter((g) => g.items.length)
    .map(
      (g) =>
        html`<h3>${g.title}</h3>${tableWrap(
          html`<table class="ref-table"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${g.items.map(
            (p) => parameterRow(doc, p.parameter, tree),
          )}</tbody></table>`,
          g.title,
        )}`,
    )}</section>`;
}

/** Response headers: the same table shape as parameters. `label` names its region, unique on the page (axe landmark-unique). */
export function renderHeaders(doc: SpecObject, headers: unknown, tree: TreeOptions, label = 'Response headers'): SafeHtml {
  if (!isObject(headers)) return html``;
  const rows = Object.entries(headers)
    .map(([name, raw]) => ({ name, header: followRef(doc, raw).value }))
    .filter((h): h is { name: string; header: SpecObject } => !!h.header && h.name.toLowerCase() !== 'content-type');
  if (!rows.length) return html``;
  return html`<h4>Headers</h4>${tableWrap(
    html`<table class="ref-table"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows.map(
      ({ name, header }) => parameterRow(doc, { ...header, name, in: 'header', required: header.required === true }, tree),
    )}</tbody></table>`,
    label,
  )}`;
}
