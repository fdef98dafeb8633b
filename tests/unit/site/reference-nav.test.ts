/**
 * Issue 17, navigation weight: every reference page carries the sidebar, so on a
 * 1,000-operation spec it must stay ≤ 20 KB of markup while a reader without JavaScript
 * still sees the current tag's operations and reaches every other tag (its section of the
 * overview page). Measured on generated specs: the benchmark's synthetic one (125 tags) and
 * one whose 1,000 operations have no tag at all (a single group).
 */
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { byClass, context, elements, parseHtml, textOf } from '../reference/helpers.ts';
import { syntheticSpec } from '../../../scripts/bench/synthetic/spec.ts';
import { buildReferenceIndex, renderReferenceOverview } from '../../../src/lib/reference/index.ts';
import type { ReferenceIndex } from '../../../src/lib/reference/types.ts';
import { FLAT_LIMIT, buildReferenceNav, navData, renderReferenceNav } from '../../../src/lib/site/reference-nav.ts';

const OVERVIEW = '/docs/products/big/v1/reference/';
const LINKS = { label: 'Big v1 operations', heading: 'v1 reference', overview: OVERVIEW, version: '/docs/products/big/v1/', data: `${OVERVIEW}nav.json` };

function taggedSpec(): Record<string, any> {
  return syntheticSpec({ product: 7, productName: 'Big', version: 1, operations: 1000, openapi: '3.1.0', serverUrl: 'https://api.example.com' });
}

function untaggedSpec(): Record<string, any> {
  const spec = taggedSpec();
  for (const item of Object.values(spec.paths as Record<string, Record<string, any>>)) for (const op of Object.values(item)) if (op && typeof op === 'object') delete op.tags;
  delete spec.tags;
  return spec;
}

const bytes = (markup: string) => Buffer.byteLength(markup, 'utf8');

function overviewIds(spec: Record<string, any>, index: ReferenceIndex): Set<string> {
  const tree = parseHtml(renderReferenceOverview(spec, index, context({ operationUrl: (slug) => `${OVERVIEW}${slug}/` })));
  return new Set(elements(tree).map((e) => e.properties.id).filter((id): id is string => typeof id === 'string'));
}

const links = (node: Element) => elements(node).filter((e) => e.tagName === 'a');
const href = (a: Element) => String(a.properties.href);

describe.each([
  ['125 tags', taggedSpec],
  ['no tags', untaggedSpec],
])('the sidebar of a page of a 1,000-operation spec (%s)', (_name, make) => {
  const spec = make();
  const index = buildReferenceIndex(spec);
  const current = index.operations[537]!;
  const markup = renderReferenceNav(buildReferenceNav(index, current.slug), LINKS, current.slug);
  const tree = parseHtml(markup);
  const open = elements(tree).filter((e) => e.tagName === 'details' && e.properties.open);
  const groupItems = byClass(tree, 'ref-nav-groups')[0]!.children.filter((c): c is Element => c.type === 'element');

  it('is at most 20 KB of markup', () => {
    expect(index.operations).toHaveLength(1000);
    expect(bytes(markup)).toBeLessThanOrEqual(20 * 1024);
  });

  it("lists the current tag's operations as links without JavaScript, the current one marked", () => {
    expect(open).toHaveLength(1);
    const group = index.tags.find((g) => g.operations.includes(current.slug))!;
    expect(textOf(elements(open[0]!).find((e) => e.tagName === 'summary')!)).toContain(group.name);
    const listed = links(byClass({ type: 'root', children: [open[0]!] }, 'ref-nav-ops')[0]!);
    expect(listed.map(href)).toContain(`${OVERVIEW}${current.slug}/`);
    expect(listed.length).toBe(Math.min(group.operations.length, 50));
    expect(links(open[0]!).filter((a) => a.properties.ariaCurrent === 'page').map(href)).toEqual([`${OVERVIEW}${current.slug}/`]);
    const more = byClass(tree, 'ref-nav-more');
    if (group.operations.length > listed.length) expect(textOf(more[0]!)).toBe(`All ${group.operations.length} in ${group.name}`);
    else expect(more).toEqual([]);
  });

  it('links every other tag to its section of the overview page, which exists', () => {
    const ids = overviewIds(spec, index);
    expect(groupItems).toHaveLength(index.tags.length);
    const collapsed = groupItems.filter((li) => !open.some((d) => li.children.includes(d)));
    expect(collapsed).toHaveLength(index.tags.length - 1);
    const sections = [...collapsed.map((li) => links(li)[0]!), ...byClass(tree, 'ref-nav-more')].map(href);
    for (const section of sections) {
      expect(section.startsWith(`${OVERVIEW}#`)).toBe(true);
      expect(ids.has(section.slice(OVERVIEW.length + 1)), section).toBe(true);
    }
  });

  it('renders each page for itself: another page opens its own group, another version links its own overview', () => {
    const groupOf = (slug: string) => index.tags.findIndex((g) => g.operations.includes(slug));
    const other = index.operations.find((op) => groupOf(op.slug) !== groupOf(current.slug)) ?? index.operations[0]!;
    const otherLinks = { ...LINKS, overview: '/docs/products/big/v2/reference/', data: '/docs/products/big/v2/reference/nav.json' };
    for (const [page, pageLinks] of [[other, LINKS], [current, otherLinks], [current, LINKS]] as const) {
      const again = parseHtml(renderReferenceNav(buildReferenceNav(index, page.slug), pageLinks, page.slug));
      const opened = elements(again).filter((e) => e.tagName === 'details' && e.properties.open);
      expect(opened).toHaveLength(1);
      expect(textOf(elements(opened[0]!).find((e) => e.tagName === 'summary')!)).toContain(index.tags[groupOf(page.slug)]!.name);
      const hrefs = links(byClass(again, 'ref-nav-groups')[0]!).map(href);
      expect(hrefs.every((h) => h.startsWith(pageLinks.overview)), pageLinks.overview).toBe(true);
    }
    expect(renderReferenceNav(buildReferenceNav(index, current.slug), LINKS, current.slug)).toBe(markup);
  });

  it('has every operation of every group in the shared nav.json, in the sidebar group order', () => {
    const data = navData(index);
    expect(data.groups.map((g) => g.length)).toEqual(index.tags.map((g) => g.operations.length));
    expect(data.groups.flat().map(([slug]) => slug)).toContain(current.slug);
  });
});

it(`a spec of up to ${FLAT_LIMIT} operations keeps one flat list of every operation`, () => {
  const index = buildReferenceIndex(syntheticSpec({ product: 3, productName: 'Small', version: 1, operations: FLAT_LIMIT, openapi: '3.0.3', serverUrl: 'https://api.example.com' }));
  const tree = parseHtml(renderReferenceNav(buildReferenceNav(index), LINKS));
  expect(links(byClass(tree, 'ref-nav-ops')[0]!)).toHaveLength(index.operations.length);
  expect(elements(tree).filter((e) => e.tagName === 'details')).toEqual([]);
  expect(links(tree as never).filter((a) => a.properties.ariaCurrent === 'page').map(textOf)).toEqual(['Overview']);
});
