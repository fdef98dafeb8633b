import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, renderOperationPage, renderReferenceOverview } from '../../../src/lib/reference/index.ts';
import { activeContent, byClass, context, elements, loadSpec, parseHtml, textOf } from './helpers.ts';

const doc = loadSpec('reference/pets-3.1.yaml');
const index = buildReferenceIndex(doc);
const ctx = context();
const page = (slug: string) => renderOperationPage(doc, index, slug, ctx);
/** Schemas whose fields the page shows, in document order (in place, or in the appendix). */
const componentIds = (html: string) =>
  elements(parseHtml(html))
    .filter((e) => String(e.properties.id ?? '').startsWith('schema-'))
    .map((e) => String(e.properties.id));

describe('OpenAPI 3.1 pages', () => {
  it('renders every operation, webhook and callback', () => {
    for (const op of index.operations) {
      const p = page(op.slug);
      expect(p.html).toContain('<h1>');
      expect(activeContent(p.html)).toEqual([]);
    }
  });

  it("shows 3.1 `type: [string, 'null']` as a nullable string", () => {
    const html = page('list-pets').html;
    const heads = byClass(parseHtml(html), 'ref-prop-head').map(textOf);
    expect(heads).toContain('nickname string nullable');
    expect(heads).toContain('name string required');
    // The query parameter with type [string, null] and `null` in its enum.
    const status = elements(parseHtml(html)).find((e) => e.tagName === 'li' && textOf(e).startsWith('status'))!;
    expect(textOf(status)).toContain('nullable');
    expect(textOf(status)).toContain('one of "available", "sold"');
  });

  it('gives webhooks their own page with the payload', () => {
    const p = page('webhook-new-pet');
    const tree = parseHtml(p.html);
    expect(p.title).toBe('A pet was added');
    expect(textOf(byClass(tree, 'ref-kind')[0]!)).toBe('Webhook');
    expect(textOf(byClass(tree, 'ref-op-line')[0]!)).toBe('POST newPet');
    expect(componentIds(p.html)).toEqual(['schema-PetEvent', 'schema-Pet', 'schema-Tag', 'schema-Owner', 'schema-Dog', 'schema-Cat']);
    // The API writes webhook payloads: read-only fields are in the example, write-only ones not.
    const example = textOf(byClass(tree, 'ref-example')[0]!);
    expect(example).toContain('"id": 0');
    expect(example).not.toContain('"secret"');
    // No code samples: the reader receives webhooks, it does not send them.
    expect(p.html).not.toContain('id="code-samples"');
  });

  it('gives callbacks a page linked from and to the declaring operation', () => {
    const cb = page('create-pet-on-adopted-callback');
    expect(textOf(byClass(parseHtml(cb.html), 'ref-kind')[0]!)).toBe('Callback');
    expect(cb.html).toContain('href="/products/p/v1/reference/create-pet/"');
    const parent = page('create-pet');
    expect(parent.html).toContain('id="callbacks"');
    expect(parent.html).toContain('href="/products/p/v1/reference/create-pet-on-adopted-callback/"');
  });

  it('renders a recursive schema once, with ↻ links back to where its fields are', () => {
    const html = page('get-family-tree').html;
    expect(componentIds(html)).toEqual(['schema-TreeNode']);
    const recursive = byClass(parseHtml(html), 'ref-recursive');
    expect(recursive.map((a) => [textOf(a), a.properties.href])).toEqual([
      ['↻ TreeNode', '#schema-TreeNode'],
      ['↻ TreeNode', '#schema-TreeNode'],
    ]);
  });

  it('renders each shared schema once per page, linking every use', () => {
    const html = page('create-pet').html;
    const ids = componentIds(html);
    expect(ids).toEqual([...new Set(ids)]);
    // NewPet (request) and Pet (response; NewPet's allOf merges it in place) both used; Pet once.
    expect(ids.filter((id) => id === 'schema-Pet')).toHaveLength(1);
    expect(ids).toContain('schema-NewPet');
    const links = elements(parseHtml(html)).filter((e) => e.tagName === 'a' && e.properties.href === '#schema-Pet');
    expect(links.length).toBeGreaterThanOrEqual(1);
    // Every link on the page points at a section that exists.
    for (const a of elements(parseHtml(html)).filter((e) => e.tagName === 'a' && String(e.properties.href).startsWith('#schema-'))) {
      expect(ids).toContain(String(a.properties.href).slice(1));
    }
  });

  it('shows compositions, read/write-only, maps, constraints and defaults', () => {
    const html = page('create-pet').html;
    const text = textOf(parseHtml(html));
    // NewPet's allOf [Pet, {callbackUrl}] is one object: Pet's fields and its own, no "All of".
    const newPet = elements(parseHtml(html)).find((e) => e.properties.id === 'schema-NewPet')!;
    const newPetText = textOf(newPet);
    expect(newPetText).not.toContain('All of');
    expect(newPetText).toMatch(/callbackUrl string/);
    expect(newPetText).toMatch(/name string required/);
    // oneOf of two components is a switcher of variants, each shown in place; anyOf too.
    const heads = byClass(parseHtml(html), 'ref-prop-head').map(textOf);
    expect(heads).toContain('kind one of');
    const variants = byClass(parseHtml(html), 'ref-variant').filter((e) => e.tagName === 'details');
    expect(variants.map((v) => textOf(elements(v as never).find((e) => e.tagName === 'summary')!))).toEqual(expect.arrayContaining(['Dog', 'Cat']));
    expect(text).toContain('Any of');
    expect(text).toMatch(/id integer required read-only/);
    expect(text).toMatch(/secret string write-only/);
    expect(text).toContain('attributes map of string');
    expect(text).toMatch(/min length 1\s*max length 64/);
    expect(text).toContain('default true');
  });

  it('says a deprecated operation is deprecated once on its page, and badges it in the overview', () => {
    const p = page('delete-pets-pet-id');
    const banners = byClass(parseHtml(p.html), 'ref-banner');
    expect(banners.map(textOf)).toEqual(['This operation is deprecated and may be removed in a future version.']);
    expect(textOf(parseHtml(p.html)).match(/deprecated/gi)).toHaveLength(1);
    const overview = parseHtml(renderReferenceOverview(doc, index, ctx));
    const item = elements(overview).find((e) => e.tagName === 'li' && textOf(e).includes('DELETE'))!;
    expect(textOf(item)).toContain('deprecated');
  });

  it('merges path-level parameters and resolves parameter refs', () => {
    const html = page('get-pets-pet-id').html;
    expect(html).toContain('<code class="ref-prop-name">petId</code>');
    const list = page('list-pets').html;
    expect(list).toContain('<code class="ref-prop-name">limit</code>');
    expect(textOf(parseHtml(list))).toContain('How many pets to return.');
  });

  it('renders the version deprecation as one banner from the context: the message, the sunset, the replacement', () => {
    const p = renderOperationPage(doc, index, 'list-pets', context({
      deprecation: { message: 'Move on.', headline: 'Pets v2 is deprecated.', sunset: '2027-01-31', replacementName: 'v3', replacementUrl: '/products/p/v3/' },
    }));
    const banners = byClass(parseHtml(p.html), 'ref-banner');
    expect(banners.map(textOf)).toEqual(['Move on. Switched off on 2027-01-31. Use v3 instead.']);
    expect(p.html).toContain('<a href="/products/p/v3/">v3</a>');
    // Without a message the headline says it; kept out of the search index either way.
    const plain = renderOperationPage(doc, index, 'list-pets', context({ deprecation: { headline: 'Pets v2 is deprecated.' } }));
    expect(byClass(parseHtml(plain.html), 'ref-banner').map(textOf)).toEqual(['Pets v2 is deprecated.']);
    expect(plain.html).toMatch(/class="ref-banner[^"]*"[^>]*data-pagefind-ignore/);
  });

  it('links the equivalent operation of the replacement version when the context knows it', () => {
    const p = renderOperationPage(doc, index, 'list-pets', context({
      deprecation: {
        headline: 'Pets v2 is deprecated.',
        replacementName: 'v3',
        replacementUrl: '/products/p/v3/',
        equivalent: (op) => (op.method === 'get' ? { url: '/products/p/v3/reference/list-pets/', label: `GET ${op.path} in v3` } : undefined),
      },
    }));
    const banner = byClass(parseHtml(p.html), 'ref-banner')[0]!;
    expect(textOf(banner)).toBe('Pets v2 is deprecated. Use GET /pets in v3 instead.');
    expect(p.html).toContain('<a href="/products/p/v3/reference/list-pets/">GET /pets in v3</a>');
  });
});

describe('OpenAPI 3.1 overview', () => {
  const html = renderReferenceOverview(doc, index, ctx);
  const tree = parseHtml(html);

  it('shows servers with variables filled in, authentication and tags', () => {
    const text = textOf(tree);
    expect(text).toContain('https://eu.pets.example.com/v2');
    expect(text).toContain('API key in the header X-Api-Key');
    const headings = elements(tree).filter((e) => e.tagName === 'h3').map(textOf);
    expect(headings).toEqual(['pets', 'events', 'Webhooks', 'Callbacks']);
    expect(html).toContain('<em>pets</em>');
  });

  it('renders the explorer button as markup only, hidden until its script runs', () => {
    const button = elements(tree).find((e) => e.tagName === 'button')!;
    expect(button.properties.hidden).toBe(true);
    expect(button.properties.dataAtriumExplorer).toBe('');
    expect(button.properties.dataSpecUrl).toBe('/products/p/v1/openapi.json');
    expect(button.properties.dataElementsBase).toBe('/_atrium/elements/');
    expect(elements(tree).some((e) => e.tagName === 'script')).toBe(false);
  });
});
