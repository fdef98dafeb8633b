/** The parameters of an operation, one list per location (path, query, header, cookie). */
import { html, type SafeHtml } from '../html.ts';
import { followRef } from '../openapi/json-pointer.ts';
import { isObject } from '../openapi/object.ts';
import { examplesOf } from './example.ts';
import { deprecatedBadge, markdownBlock } from './markup.ts';
import { parameterSchema, type ParameterEntry } from '../openapi/parameters.ts';
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

/**
 * One parameter as a stacked row, the way readers know from Stripe and Scalar: name, type and
 * badges on one line, constraints and description below. A row reads in full in the narrow
 * left pane of an operation page and on a phone, where a three-column table had to scroll.
 */
function parameterItem(doc: SpecObject, parameter: SpecObject, tree: TreeOptions): SafeHtml {
  const schema = parameterSchema(parameter);
  const resolved = followRef(doc, schema).value ?? {};
  const examples = examplesOf(doc, parameter, undefined, 'request').filter((e) => e.value !== undefined);
  const required = parameter.required === true || parameter.in === 'path';
  // The parameter's own example is the one to show; its schema's would say it a second time.
  const ownExample = examples.length > 0;
  return html`<li class="ref-param"><div class="ref-prop-head"><code class="ref-prop-name">${parameter.name}</code> ${
    schema === undefined ? html`<span class="ref-type">any</span>` : renderTypeLabel(doc, schema, tree)
  }${required ? html` <span class="ref-badge ref-badge-required">required</span>` : ''}${
    parameter.deprecated === true ? html` ${deprecatedBadge()}` : ''
  }${badges({ ...resolved, deprecated: undefined }, false)}</div>${schemaFacts(ownExample ? { ...resolved, example: undefined, examples: undefined } : resolved)}${markdownBlock(parameter.description)}${
    examples.length
      ? html`<div class="ref-facts"><span class="ref-fact" data-pagefind-ignore><span class="ref-fact-label">example</span> ${examples.map(
          (e, i) => html`${i ? ', ' : ''}<code>${typeof e.value === 'string' ? e.value : formatValue(e.value)}</code>`,
        )}</span></div>`
      : ''
  }${
    schema !== undefined && schemaHasChildren(doc, schema)
      ? // A parameter's name and description are searched, not the fields of its schema.
        html`<details class="ref-nested" data-pagefind-ignore="all"><summary>Fields</summary>${renderSchemaTree(doc, schema, tree)}</details>`
      : ''
  }</li>`;
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
        html`<h3>${g.title}</h3><ul class="ref-params">${g.items.map((p) => parameterItem(doc, p.parameter, tree))}</ul>`,
    )}</section>`;
}

/** Response headers: the same rows as parameters, listed under `label` (unique on the page). */
export function renderHeaders(doc: SpecObject, headers: unknown, tree: TreeOptions, label = 'Response headers'): SafeHtml {
  if (!isObject(headers)) return html``;
  const rows = Object.entries(headers)
    .map(([name, raw]) => ({ name, header: followRef(doc, raw).value }))
    .filter((h): h is { name: string; header: SpecObject } => !!h.header && h.name.toLowerCase() !== 'content-type');
  if (!rows.length) return html``;
  return html`<h4>Headers</h4><ul class="ref-params" aria-label="${label}">${rows.map(({ name, header }) =>
    parameterItem(doc, { ...header, name, in: 'header', required: header.required === true }, tree),
  )}</ul>`;
}
