import { describe, expect, it } from 'vitest';
import {
  buildReferenceIndex,
  listSchemaPages,
  renderOperationPage,
  renderSchemaPage,
  schemaPageSlug,
  type SpecObject,
} from '../../../src/lib/reference/index.ts';
import { SCHEMA_SECTION_BUDGET } from '../../../src/lib/reference/page-schemas.ts';
import { byClass, context, kongAir, parseHtml } from './helpers.ts';

const SCHEMA_PAGE = /^\/products\/p\/v1\/reference\/schemas\/([a-z0-9-]+)\/$/;

/**
 * `Node0`…`Node{count-1}` as a binary tree (Node i uses Node 2i+1 and 2i+2), each with
 * a dozen described fields, so the whole graph is several times a page's budget. `Tree`
 * contains itself. One operation reaches Node0 through a component response.
 */
function wideDeepSpec(count = 400): SpecObject {
  const schemas: Record<string, unknown> = {
    Tree: { type: 'object', properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
  };
  for (let i = 0; i < count; i++) {
    const properties: Record<string, unknown> = {};
    for (let f = 0; f < 12; f++) properties[`field${f}`] = { type: 'string', maxLength: 64, description: `Field ${f} of node ${i}, described at some length so the section has weight.` };
    for (const child of [2 * i + 1, 2 * i + 2]) if (child < count) properties[`child${child}`] = { $ref: `#/components/schemas/Node${child}` };
    if (i % 50 === 0) properties.tree = { $ref: '#/components/schemas/Tree' };
    schemas[`Node${i}`] = { type: 'object', properties };
  }
  const ok = (ref: string) => ({ description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } });
  return {
    openapi: '3.0.3',
    info: { title: 'Wide', version: '1' },
    paths: {
      '/nodes': { get: { operationId: 'getRoot', responses: { '200': { $ref: '#/components/responses/Root' } } } },
      '/trees': { get: { operationId: 'getTree', responses: { '200': ok('#/components/schemas/Tree') } } },
      '/leaves': { get: { operationId: 'getLeaf', responses: { '200': ok(`#/components/schemas/Node${count - 1}`) } } },
    },
    components: { schemas, responses: { Root: ok('#/components/schemas/Node0') } },
  };
}

function schemaContext(doc: SpecObject) {
  return context({ schemaUrl: (name) => `/products/p/v1/reference/schemas/${schemaPageSlug(doc, name)}/` });
}

/** Links of a page: `#schema-…` anchors and schema page slugs. */
function links(page: string) {
  const tree = parseHtml(page);
  const hrefs = byClass(tree, 'ref-schema-link').map((a) => String(a.properties.href));
  // Where a schema's fields are: in place (`ref-fields`), in the appendix, or the page's subject.
  const placed = [...byClass(tree, 'ref-fields'), ...byClass(tree, 'ref-component')].map((s) => String(s.properties.id));
  const ids = new Set(placed);
  for (const s of byClass(tree, 'ref-schema-subject')) ids.add(String(s.properties.id));
  return {
    sections: placed,
    anchors: hrefs.filter((h) => h.startsWith('#')).map((h) => h.slice(1)),
    ids,
    pages: hrefs.filter((h) => !h.startsWith('#')).map((h) => SCHEMA_PAGE.exec(h)?.[1] ?? `bad:${h}`),
  };
}

describe('operation pages within a budget', () => {
  const doc = wideDeepSpec();
  const index = buildReferenceIndex(doc);
  const ctx = schemaContext(doc);
  const slugToName = new Map(Object.keys(doc.components.schemas).map((n) => [schemaPageSlug(doc, n), n]));

  it('place a breadth-first prefix of the schemas and open the rest from schema pages', () => {
    const page = renderOperationPage(doc, index, 'get-root', ctx).html;
    // The generated example takes ~40 KB; the fields placed stay within the budget.
    expect(page.length).toBeLessThan(SCHEMA_SECTION_BUDGET + 100 * 1024);
    const { sections, anchors, ids, pages } = links(page);
    // Shallow schemas are placed, each once; the deepest are not.
    expect(sections).toEqual([...new Set(sections)]);
    expect(sections).toEqual(expect.arrayContaining(['schema-Node0', 'schema-Node1', 'schema-Node2', 'schema-Tree', 'schema-Node3', 'schema-Node6']));
    expect(sections).not.toContain('schema-Node399');
    // Those not placed open on demand from their own page, a plain link inside for readers without script.
    const lazy = byClass(parseHtml(page), 'ref-lazy');
    expect(lazy.length).toBeGreaterThan(0);
    for (const d of lazy) expect(String(d.properties.dataSchemaPage)).toMatch(SCHEMA_PAGE);
    expect(sections.length).toBeGreaterThan(20);
    expect(sections.length).toBeLessThan(400);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((p) => p.startsWith('bad:'))).toEqual([]);
    // Every in-page link lands on a section of the page; every other link has a schema page.
    expect(anchors.filter((a) => !ids.has(a))).toEqual([]);
    const listed = new Set(listSchemaPages(doc, index));
    expect(pages.map((s) => slugToName.get(s)).filter((n) => !n || !listed.has(n))).toEqual([]);
    expect(page).not.toContain('ref-schema-page-link'); // no list of them: each use links to its page
  });

  it('lose nothing: every schema the operation reaches is on its page or one schema page away, transitively', () => {
    const reached = new Set<string>();
    const queue = [renderOperationPage(doc, index, 'get-root', ctx).html];
    const visited = new Set<string>();
    while (queue.length) {
      const { sections, pages } = links(queue.pop()!);
      for (const id of sections) reached.add(id.slice('schema-'.length));
      for (const slug of pages) {
        if (visited.has(slug)) continue;
        visited.add(slug);
        const name = slugToName.get(slug)!;
        reached.add(name);
        queue.push(renderSchemaPage(doc, index, name, ctx).html);
      }
    }
    expect(reached.size).toBe(401); // Node0…Node399 and Tree
  });

  it('keeps every schema inline when the caller gives no schema URLs (the old behaviour)', () => {
    const page = renderOperationPage(doc, index, 'get-root', context()).html;
    expect(links(page).sections).toHaveLength(401);
    expect(links(page).pages).toEqual([]);
  });

  it('lists schema pages only for schemas reachable from an operation over budget, in spec order', () => {
    const list = listSchemaPages(doc, index);
    expect(list).toHaveLength(401);
    expect(list[0]).toBe('Tree');
    expect(list[1]).toBe('Node0');
    // A small spec needs none.
    const small = wideDeepSpec(5);
    expect(listSchemaPages(small, buildReferenceIndex(small))).toEqual([]);
  });

  it('still marks recursive references with ↻, on operation and schema pages', () => {
    const op = parseHtml(renderOperationPage(doc, index, 'get-tree', ctx).html);
    expect(byClass(op, 'ref-recursive').map((a) => a.properties.href)).toEqual(['#schema-Tree']);
    const schemaPage = renderSchemaPage(doc, index, 'Tree', ctx).html;
    const recursive = byClass(parseHtml(schemaPage), 'ref-recursive');
    expect(recursive.map((a) => a.properties.href)).toEqual(['#schema-Tree']);
    expect(links(schemaPage).ids.has('schema-Tree')).toBe(true);
  });
});

describe('schema pages', () => {
  const doc = wideDeepSpec();
  const index = buildReferenceIndex(doc);
  const ctx = schemaContext(doc);

  it('render the schema under its name, what it uses within the budget, and link onwards', () => {
    const page = renderSchemaPage(doc, index, 'Node1', ctx);
    expect(page.title).toBe('Node1');
    expect(page.description).toBe('The Node1 schema of Wide.');
    expect(page.html.length).toBeLessThan(SCHEMA_SECTION_BUDGET + 20_000);
    const tree = parseHtml(page.html);
    expect(byClass(tree, 'ref-schema-subject').map((s) => s.properties.id)).toEqual(['schema-Node1']);
    const { sections, pages, anchors, ids } = links(page.html);
    expect(sections.slice(0, 2)).toEqual(['schema-Node3', 'schema-Node7']);
    expect(sections).not.toContain('schema-Node1');
    expect(pages.length).toBeGreaterThan(0);
    expect(anchors.filter((a) => !ids.has(a))).toEqual([]);
  });

  it('show the whole reach inline when it fits, and refuse unknown names', () => {
    const page = renderSchemaPage(doc, index, 'Node199', ctx).html;
    expect(links(page).sections).toEqual(['schema-Node399']);
    // In place, under the property that uses it, open at depth 2.
    const fields = byClass(parseHtml(page), 'ref-fields')[0]!;
    expect(fields.tagName).toBe('details');
    expect(fields.properties.open).toBe(true);
    expect(links(page).pages).toEqual([]);
    expect(() => renderSchemaPage(doc, index, 'Nope', ctx)).toThrow(/No component schema named "Nope"/);
  });

  it('have URL-safe, unique, deterministic slugs', () => {
    const names = ['checkout.session', 'checkout_session', 'CheckoutSession', 'Ünïcode Ñame', '%%%'];
    const clash: SpecObject = { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {}, components: { schemas: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) } };
    expect(names.map((n) => schemaPageSlug(clash, n))).toEqual(['checkout-session', 'checkout-session-2', 'checkout-session-3', 'unicode-name', 'schema']);
    expect(() => schemaPageSlug(clash, 'other')).toThrow();
  });
});

describe('KongAir', () => {
  it('needs no schema pages and renders exactly as before', () => {
    for (const name of ['flights', 'routes', 'bookings', 'customer'] as const) {
      const doc = kongAir(name);
      const index = buildReferenceIndex(doc);
      expect(listSchemaPages(doc, index)).toEqual([]);
      for (const op of index.operations) {
        const inline = renderOperationPage(doc, index, op.slug, context()).html;
        expect(renderOperationPage(doc, index, op.slug, schemaContext(doc)).html).toBe(inline);
      }
    }
  });
});
