import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, renderOperationPage, renderReferenceOverview } from '../../../src/lib/reference/index.ts';
import { activeContent, byClass, context, elements, environment, keyAuth, loadSpec, parseHtml, textOf } from './helpers.ts';

const doc = loadSpec('reference/hostile.yaml');
const index = buildReferenceIndex(doc);
const ctx = context({ environments: [environment({ auth: [keyAuth()] }), environment({ name: 'staging', base_urls: ['https://stg.example.net'] })] });

describe('the inertness check itself', () => {
  it('flags what it must flag', () => {
    expect(activeContent('<p><script>x</script></p>')).toEqual(['<script>']);
    expect(activeContent('<img src="x" onerror="alert(1)">')).toEqual(['img[onError]']);
    expect(activeContent('<a href=" JaVaScript:alert(1)">x</a>')).toHaveLength(1);
    expect(activeContent('<iframe src="https://e.com"></iframe>')).toEqual(['<iframe>']);
    expect(activeContent('<a href="https://e.com">ok</a><code>&lt;script&gt;</code>')).toEqual([]);
  });
});

describe('a hostile spec', () => {
  const overview = renderReferenceOverview(doc, index, ctx);
  const pages = index.operations.map((op) => renderOperationPage(doc, index, op.slug, ctx));

  it('still has its operation', () => {
    expect(pages).toHaveLength(1);
    expect(index.operations[0]!.slug).toMatch(/^[a-z0-9-]+$/);
  });

  it('renders inert HTML: no scripts, handlers, javascript:/data: URLs or frames', () => {
    expect(activeContent(overview)).toEqual([]);
    for (const page of pages) expect(activeContent(page.html)).toEqual([]);
  });

  it('shows markup from titles, summaries, paths and names as text', () => {
    const tree = parseHtml(overview);
    expect(textOf(elements(tree).find((e) => e.tagName === 'h1')!)).toBe(doc.info.title);
    const page = parseHtml(pages[0]!.html);
    expect(pages[0]!.title).toBe(doc.paths[Object.keys(doc.paths)[0]!].get.summary);
    expect(textOf(byClass(page, 'ref-path')[0]!)).toBe(Object.keys(doc.paths)[0]);
    const names = byClass(page, 'ref-prop-name').map(textOf);
    expect(names).toContain(`id"><script>alert('param')</script>`);
    expect(names).toContain(`<script>alert('prop')</script>`);
    // Enum values and defaults are code, not markup.
    expect(textOf(page)).toContain(`"<script>alert('enum')</script>"`);
  });

  it('keeps examples literal inside <pre>', () => {
    const tree = parseHtml(pages[0]!.html);
    const examples = [...byClass(tree, 'ref-example'), ...byClass(tree, 'ref-code-frame')].map(textOf);
    expect(examples.some((t) => t.includes(`"</code></pre><script>alert('example-body')</script>"`))).toBe(true);
    expect(examples.some((t) => t.includes(`<script>alert('exvalue')</script>`))).toBe(true);
  });

  it('drops unsafe links but keeps their text', () => {
    const links = elements(parseHtml(overview + pages[0]!.html)).filter((e) => e.tagName === 'a');
    for (const a of links) {
      const href = String(a.properties.href ?? '');
      expect(href === '' || /^(https?:|mailto:|\/|#|[a-z0-9-]+\/?$)/i.test(href)).toBe(true);
    }
    expect(textOf(parseHtml(overview))).toContain("javascript:alert('oidc')");
  });

  it('quotes hostile example values in code samples', () => {
    const panel = byClass(parseHtml(pages[0]!.html), 'ref-tabpanel').find((e) => e.properties.dataTab === 'curl')!;
    const curl = textOf(byClass(panel as never, 'ref-code')[0]!);
    expect(curl).toContain(`--header 'X-Evil: $(curl evil.example) \`id\` '\\''"<script>'`);
    expect(curl).toContain(`'\\''; DROP TABLE pets; --`);
  });
});
