/**
 * Component schemas where they are used (issue 15 item 2), on real specs: KongAir, and
 * verbatim fragments of Box's (Collaboration, 17 schemas) and Stripe's (price, 10 schemas, a
 * price ↔ product cycle through expandable `anyOf [string, X]` fields) public specs.
 */
import { readFileSync } from 'node:fs';
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { upgradeDocument } from '../../../src/lib/openapi/upgrade.ts';
import { buildReferenceIndex, renderOperationPage, type SpecObject } from '../../../src/lib/reference/index.ts';
import { schemaMarkdown } from '../../../src/lib/reference/schema-markdown.ts';
import { byClass, context, elements, kongAir, parseHtml, textOf } from './helpers.ts';

/** A fixture as the build reads it: the 3.1-shaped view of the upgrade step (3.0 `nullable` → `[X, null]`). */
const fixture = (name: string): SpecObject =>
  upgradeDocument(JSON.parse(readFileSync(new URL(`../../fixtures/reference/${name}.json`, import.meta.url), 'utf8')));

function operationPage(doc: SpecObject, slug?: string) {
  const index = buildReferenceIndex(doc);
  const html = renderOperationPage(doc, index, slug ?? index.operations[0]!.slug, context()).html;
  return { html, tree: parseHtml(html) };
}

const summaryOf = (d: Element) => textOf(d.children.find((c): c is Element => c.type === 'element' && c.tagName === 'summary')!);
const withId = (tree: ReturnType<typeof parseHtml>, id: string) => elements(tree).filter((e) => e.properties.id === id);

/** The property `name` directly under the list that holds it, and its nested `<details>`. */
function prop(scope: Element | ReturnType<typeof parseHtml>, name: string): { li: Element; nested?: Element } {
  const li = elements(scope as never).find(
    (e) => e.tagName === 'li' && String(e.properties.className).includes('ref-prop') && textOf(byClass(e as never, 'ref-prop-name')[0]!) === name,
  )!;
  const nested = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'details');
  return { li, nested };
}

/** Every in-page link lands on an element of the page. */
function danglingAnchors(tree: ReturnType<typeof parseHtml>): string[] {
  const ids = new Set(elements(tree).map((e) => String(e.properties.id ?? '')));
  return elements(tree)
    .filter((e) => e.tagName === 'a' && String(e.properties.href ?? '').startsWith('#'))
    .map((a) => String(a.properties.href).slice(1))
    .filter((id) => !ids.has(id));
}

describe('schemas in place on real specs', () => {
  it('KongAir: a Flight page lists its fields under the response, once, with the anchor deep links use', () => {
    const { html, tree } = operationPage(kongAir('flights'), 'get-flights');
    const flight = withId(tree, 'schema-Flight');
    expect(flight).toHaveLength(1);
    // The response is an array of Flight: its fields are the body's own, open, under the type line.
    expect(flight[0]!.tagName).toBe('div');
    expect(textOf(flight[0]!)).toMatch(/scheduled_departure string required\s*format date-time/);
    // No appendix: nothing is only a link to the bottom of the page any more.
    expect(byClass(tree, 'ref-schemas')).toEqual([]);
    expect(html).not.toMatch(/[\uE000\uE001]/);
  });

  it('KongAir: on every operation page each schema is placed once and every schema link lands on the page', () => {
    for (const name of ['flights', 'routes', 'bookings', 'customer'] as const) {
      const doc = kongAir(name);
      for (const op of buildReferenceIndex(doc).operations) {
        const { html, tree } = operationPage(doc, op.slug);
        expect(danglingAnchors(tree), `${name} ${op.slug}`).toEqual([]);
        const ids = elements(tree).map((e) => String(e.properties.id ?? '')).filter((id) => id.startsWith('schema-'));
        expect(ids, `${name} ${op.slug}`).toEqual([...new Set(ids)]);
        expect(html).not.toMatch(/[\uE000\uE001]/);
      }
    }
  });

  it('Box: allOf [oneOf [File, Folder, WebLink], {description}] is a variant switcher with the description, each variant in place', () => {
    const { tree } = operationPage(fixture('box-collaboration'));
    const item = prop(tree, 'item');
    expect(textOf(item.li)).toContain('The file or folder to which access is granted.');
    expect(textOf(item.li)).not.toContain('All of');
    expect(textOf(item.li)).not.toContain('Option 1');
    // 3.0's `nullable: true` beside the allOf: one badge, not a "null" variant.
    expect(textOf(byClass(item.li as never, 'ref-prop-head')[0]!)).toBe('item one of nullable');
    const all = elements(item.li).filter((e) => e.tagName === 'details' && String(e.properties.className).includes('ref-variant'));
    const variants = all.filter((v) => v.properties.name === all[0]!.properties.name);
    expect(variants.map(summaryOf)).toEqual(['File', 'Folder', 'Web link']);
    expect(variants.map((v) => v.properties.open === true)).toEqual([true, false, false]);
    // Each variant holds its component's fields, placed there (the anchor on them).
    for (const [i, name] of ['File', 'Folder', 'WebLink'].entries()) {
      expect(elements(variants[i]!).some((e) => e.properties.id === `schema-${name}`), name).toBe(true);
    }
    expect(textOf(variants[0]!)).toMatch(/sha1 string/);
  });

  it('Box: fields are open down to depth 2 and collapsed below it; each component once, every link on the page', () => {
    const { tree } = operationPage(fixture('box-collaboration'));
    const status = prop(tree, 'acceptance_requirements_status');
    expect(status.nested!.properties.open).toBe(true); // its fields are depth 2
    const password = prop(status.nested!, 'strong_password_requirement');
    expect(password.nested!.properties.open).toBeUndefined(); // depth 3: collapsed, still on the page
    expect(textOf(password.nested!)).toContain('user_has_strong_password');
    const ids = elements(tree).map((e) => String(e.properties.id ?? '')).filter((id) => id.startsWith('schema-'));
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(danglingAnchors(tree)).toEqual([]);
  });

  it('Stripe: the expandable product of a price is shown in place, and its default_price leads back: ↻ price, never infinite', () => {
    const { html, tree } = operationPage(fixture('stripe-price'));
    const product = prop(tree, 'product');
    const variants = elements(product.li).filter((e) => e.tagName === 'details' && String(e.properties.className).includes('ref-variant'));
    expect(variants.map(summaryOf).slice(0, 2)).toEqual(['string', 'Product']);
    expect(textOf(variants[1]!)).toMatch(/active boolean required/);
    const back = byClass(tree, 'ref-recursive');
    expect(back.map((a) => [textOf(a), a.properties.href])).toEqual([['↻ price', '#schema-price']]);
    expect(withId(tree, 'schema-price')).toHaveLength(1);
    expect(withId(tree, 'schema-product')).toHaveLength(1);
    // The ten schemas' fields fit in a few tens of KB, once each.
    expect(html.length).toBeLessThan(80_000);
  });

  it('the markdown twin reads them the same way: the described, nullable oneOf with its variants, allOf merged', () => {
    const md = schemaMarkdown(fixture('box-collaboration'), { $ref: '#/components/schemas/Collaboration' });
    expect(md).toContain('- `item` (File | Folder | WebLink; nullable)\n  The file or folder to which access is granted.');
    expect(md).toMatch(/- one of:\n {4}- option 1 \(File\)/);
    expect(md).not.toContain('- all of:');
    expect(md).toMatch(/- `accessible_by` \(User--Collaborations\)\n  The user or group that is granted access.\n  - `id` \(string/);
  });
});
