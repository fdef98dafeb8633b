import { describe, expect, it } from 'vitest';
import { SNIPPET_LANGUAGES } from '../../../src/lib/reference/snippets.ts';
import { buildReferenceIndex, renderOperationPage, renderReferenceOverview } from '../../../src/lib/reference/index.ts';
import { activeContent, byClass, context, elements, environment, keyAuth, kongAir, parseHtml, textOf } from './helpers.ts';

const SPECS = ['flights', 'routes', 'bookings', 'customer'] as const;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe.each(SPECS)('KongAir %s spec', (name) => {
  const doc = kongAir(name);
  const index = buildReferenceIndex(doc);
  const ctx = context({ environments: [environment({ base_urls: ['https://api.kong-air.com'], auth: [keyAuth(['apikey'])] })] });

  it('indexes every operation of the spec', () => {
    let count = 0;
    for (const item of Object.values(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of METHODS) if (item[m]) count++;
    }
    expect(count).toBeGreaterThan(0);
    expect(index.operations).toHaveLength(count);
  });

  it.each(index.operations.map((op) => [op.slug, op] as const))('renders %s', (slug, op) => {
    const page = renderOperationPage(doc, index, slug, ctx);
    const tree = parseHtml(page.html);
    expect(page.title.length).toBeGreaterThan(0);
    expect(textOf(elements(tree).find((e) => e.tagName === 'h1')!)).toBe(page.title);
    const line = byClass(tree, 'ref-op-line')[0]!;
    expect(textOf(line)).toContain(op.method.toUpperCase());
    expect(textOf(line)).toContain(op.path);

    const operation = (doc.paths as any)[op.path][op.method];
    for (const p of [...((doc.paths as any)[op.path].parameters ?? []), ...(operation.parameters ?? [])]) {
      if (p.name) expect(page.html).toContain(`<code class="ref-prop-name">${p.name}</code>`);
    }
    const statuses = byClass(tree, 'ref-status').map(textOf);
    expect(statuses.sort()).toEqual(Object.keys(operation.responses).sort());
    // Code samples call the environment's gateway with its key-auth header.
    const samples = byClass(tree, 'ref-env-samples').flatMap((block) => byClass(block as never, 'ref-code').map(textOf));
    expect(samples).toHaveLength(SNIPPET_LANGUAGES.length);
    expect(samples[0]).toContain('curl');
    expect(samples[0]).toContain('https://api.kong-air.com/');
    expect(samples[0]).toContain("--header 'apikey: <YOUR_API_KEY>'");
    expect(activeContent(page.html)).toEqual([]);
  });

  it('renders the overview with a link to every operation', () => {
    const html = renderReferenceOverview(doc, index, ctx);
    const hrefs = elements(parseHtml(html))
      .filter((e) => e.tagName === 'a')
      .map((e) => String(e.properties.href));
    for (const op of index.operations) expect(hrefs).toContain(`/products/p/v1/reference/${op.slug}/`);
    expect(hrefs).toContain('/products/p/v1/openapi.json');
    expect(hrefs).toContain('/products/p/v1/openapi.yaml');
    expect(activeContent(html)).toEqual([]);
  });
});

describe('KongAir flights specifics', () => {
  const doc = kongAir('flights');
  const index = buildReferenceIndex(doc);

  it('links the shared Flight schema and renders it once, with its fields', () => {
    const page = renderOperationPage(doc, index, 'get-flights', context());
    const tree = parseHtml(page.html);
    const sections = elements(tree).filter((e) => e.properties.id === 'schema-Flight');
    expect(sections).toHaveLength(1);
    expect(textOf(sections[0]!)).toContain('scheduled_departure');
    expect(textOf(sections[0]!)).toContain('date-time');
    // The 200 response is "array of Flight", linking to the section.
    const link = elements(tree).find((e) => e.tagName === 'a' && e.properties.href === '#schema-Flight');
    expect(link && textOf(link)).toBe('Flight');
    expect(page.html).toContain('array of</span> <a class="ref-type ref-schema-link" href="#schema-Flight">Flight</a>');
  });

  it('shows the examples the spec gives', () => {
    const page = renderOperationPage(doc, index, 'get-flight-by-number', context());
    const aside = byClass(parseHtml(page.html), 'ref-op-aside')[0]!;
    expect(textOf(aside)).toContain('application/json · Example Flight KD924');
    expect(textOf(aside)).toContain('"number": "KD924"');
    expect(page.description).toBe('Returns a specific flight given its flight number');
  });

  it("uses the spec's server when the version has no environment", () => {
    const page = renderOperationPage(doc, index, 'get-flights', context());
    const curl = textOf(byClass(parseHtml(page.html), 'ref-code')[0]!);
    expect(curl).toBe('curl https://api.kong-air.com/flights');
  });
});
