import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks, tableOfContents } from '../../../src/lib/markdown/index.ts';
import { DOCS, FIXTURE_PAGES, fixtureDoc, inlineDoc, newRenderer, resolveLink } from './helpers.ts';

const renderer = newRenderer();
afterAll(() => renderer.close());
const render = (doc: Parameters<typeof renderer.render>[0]) => renderer.render(doc, { resolveLink });

describe('GFM and prose', async () => {
  const out = await render(fixtureDoc(`${DOCS}/guides/everything.md`));

  it('renders tables, task lists, footnotes, strikethrough and autolinks', () => {
    expect(out.html).toContain('<table>');
    expect(out.html).toContain('<th align="right">Requests per minute</th>');
    expect(out.html).toMatch(/<li class="task-list-item"><input type="checkbox" checked disabled aria-label="Create a consumer"> Create a consumer<\/li>/);
    expect(out.html).toContain('<del>strikethrough</del>');
    expect(out.html).toContain('<a href="https://example.com/docs" rel="noopener">https://example.com/docs</a>');
    expect(out.html).toContain('<section data-footnotes="" class="footnotes">');
    expect(out.html).toContain('<li id="user-content-fn-gw">');
  });

  it('gives headings GitHub ids, a link icon, and a table of contents of h2–h3', () => {
    expect(out.html).toContain(
      '<div class="atrium-heading atrium-heading-h2"><h2 id="checklist">Checklist</h2><a class="atrium-anchor" href="#checklist" data-pagefind-ignore="index"><span aria-hidden="true">#</span><span class="atrium-sr-only">Section titled “Checklist”</span></a></div>',
    );
    expect(out.headings).toEqual([
      { depth: 1, id: 'every-construct', text: 'Every construct' },
      { depth: 2, id: 'checklist', text: 'Checklist' },
      { depth: 3, id: 'nested-section', text: 'Nested section' },
    ]);
    expect(tableOfContents(out.headings)).toEqual([
      { depth: 2, id: 'checklist', text: 'Checklist', children: [{ depth: 3, id: 'nested-section', text: 'Nested section' }] },
    ]);
  });

  it('renders no diagnostics for a clean doc', () => {
    expect(out.diagnostics).toEqual([]);
  });
});

describe('admonitions', async () => {
  const out = await render(fixtureDoc(`${DOCS}/guides/everything.md`));

  it('renders each type as an <aside role="note"> with its default or custom title', () => {
    expect(out.html).toContain('<aside class="atrium-admonition atrium-admonition-note" role="note" aria-label="Note"><p class="atrium-admonition-title">Note</p><p>Plain note.</p></aside>');
    expect(out.html).toContain('<aside class="atrium-admonition atrium-admonition-tip" role="note" aria-label="Tip">');
    expect(out.html).toContain(
      '<aside class="atrium-admonition atrium-admonition-warning" role="note" aria-label="Mind the limits"><p class="atrium-admonition-title">Mind the <em>limits</em></p>',
    );
    expect(out.html).toContain('<aside class="atrium-admonition atrium-admonition-danger" role="note" aria-label="Danger">');
  });

  it('reports an unknown container name with its line, and leaves inline colons alone', async () => {
    const doc = await render(inlineDoc('Intro\n\nTime 10:30, see:this and a:b.\n\n:::caution\nBody\n:::\n', { bodyLine: 4 }));
    expect(doc.html).toContain('<p>Time 10:30, see:this and a:b.</p>');
    expect(doc.diagnostics).toEqual([
      {
        severity: 'error',
        file: `${DOCS}/guides/inline.md`,
        line: 8,
        column: 1,
        code: 'unknown-directive',
        message: 'Unknown block ":::caution"; the supported admonitions are :::note, :::tip, :::warning, :::danger',
      },
    ]);
  });
});

describe('code blocks', async () => {
  const out = await render(fixtureDoc(`${DOCS}/guides/everything.md`));

  it('highlights with Shiki, both themes as CSS variables', () => {
    expect(out.html).toContain('<pre style="--shiki-light:#0e1116;--shiki-dark:#e1e4e8;--shiki-light-bg:#ffffff;--shiki-dark-bg:#24292e" class="shiki shiki-themes github-dark" tabindex="0">');
    expect(out.html).toContain('<span style="--shiki-light:#A0111F;--shiki-dark:#F97583">import</span>');
    expect(out.hasCode).toBe(true);
  });

  it('shows the title as a caption and highlights the requested lines', () => {
    const figure = /<figure class="atrium-code" data-language="ts" data-pagefind-ignore="all">([\s\S]*?)<\/figure>/.exec(out.html)![1]!;
    expect(figure).toContain('<figcaption class="atrium-code-title">client.ts</figcaption>');
    const lines = [...figure.matchAll(/<span class="(line[^"]*)">/g)].map((m) => m[1]);
    expect(lines).toEqual(['line', 'line highlighted', 'line highlighted', 'line']);
  });

  it('adds a copy button that stays hidden until the script runs', () => {
    // Kept out of the search index, so excerpts read as content.
    expect(out.html).toContain('<button type="button" class="atrium-copy" data-atrium-copy data-pagefind-ignore="index" hidden>Copy</button>');
  });

  it('shows unknown and missing languages as plain text instead of failing', () => {
    // Code samples are kept out of the search index (issue 17); the prose around them is indexed.
    expect(out.html).toContain('<div class="atrium-code" data-language="promql" data-pagefind-ignore="all"><pre');
    expect(out.html).toContain('<span class="line"><span>rate(kong_http_requests_total[5m])</span></span>');
    expect(out.html).toContain('<span class="line"><span>no language at all</span></span>');
  });
});

describe('links and assets', async () => {
  const out = await render(fixtureDoc(`${DOCS}/guides/everything.md`));

  it('rewrites doc file links to page URLs and keeps the anchor', () => {
    expect(out.html).toContain('<a href="/products/demo/docs/guides/auth/#api-keys">the auth guide</a>');
    expect(out.links).toContainEqual({ url: '/products/demo/docs/guides/auth/', anchor: 'rate-limits', targetFile: `${DOCS}/guides/auth.md`, line: 54, column: 44, raw: 'auth.md#rate-limits' });
    expect(out.links).toContainEqual({ url: '', anchor: 'checklist', line: 55, column: 1, raw: '#checklist' });
    expect(out.links).toContainEqual({ url: '/products/demo/', line: 55, column: 32, raw: '/products/demo/' });
  });

  it('reports images as assets with a content-hash URL', () => {
    expect(out.assets).toHaveLength(1);
    expect(out.assets[0]!.source).toMatch(/fixtures\/markdown\/content\/products\/demo\/docs\/guides\/img\/flow\.png$/);
    expect(out.assets[0]!.url).toMatch(/^\/_atrium\/assets\/flow\.[0-9a-f]{12}\.png$/);
    expect(out.html).toContain(`<img src="${out.assets[0]!.url}" alt="Request flow">`);
  });

  it('reports a link to a doc that does not exist at file:line:col', async () => {
    const doc = await render(inlineDoc('# T\n\nSee [setup](../setup.md#step-2).\n', { bodyLine: 5 }));
    expect(doc.diagnostics).toEqual([
      {
        severity: 'error',
        file: `${DOCS}/guides/inline.md`,
        line: 7,
        column: 5,
        code: 'broken-link',
        message:
          'Broken link "../setup.md#step-2": no doc at products/demo/docs/setup.md (link another doc by its file path, e.g. ../guides/auth.md, or a portal page by a URL starting with /)',
      },
    ]);
  });

  it('refuses assets outside the content folder', async () => {
    const doc = await render(inlineDoc('![x](../../../../../../etc/passwd)\n\n[y](../../../../../package.json)\n'));
    expect(doc.assets).toEqual([]);
    expect(doc.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, 'Image "../../../../../../etc/passwd" points outside the content folder; link only files inside it'],
      [3, 'Link "../../../../../package.json" points outside the content folder; link docs by a path inside it or by URL'],
    ]);
    expect(doc.html).toBe('<p><img alt="x"></p>\n<p><a>y</a></p>');
  });

  it('finds broken anchors across docs once all are rendered', async () => {
    const pages = await Promise.all(
      FIXTURE_PAGES.filter(([file]) => file.endsWith('.md') && !file.includes('hostile')).map(async ([file, url]) => ({ file, url, ...(await render(fixtureDoc(file))) })),
    );
    expect(checkLinks(pages)).toEqual([]);
    const broken = await render(inlineDoc('[a](./auth.md#api-keyz)\n', { file: `${DOCS}/guides/broken.md`, bodyLine: 3 }));
    expect(checkLinks([...pages, { file: `${DOCS}/guides/broken.md`, url: '/products/demo/docs/guides/broken/', ...broken }])).toEqual([
      {
        severity: 'error',
        file: `${DOCS}/guides/broken.md`,
        line: 3,
        column: 1,
        code: 'broken-link',
        message: 'Broken anchor in "./auth.md#api-keyz": products/demo/docs/guides/auth.md has no heading or id "api-keyz"; did you mean "#api-keys"?',
      },
    ]);
  });
});

describe('untrusted HTML', async () => {
  const out = await render(fixtureDoc(`${DOCS}/guides/hostile.md`));

  it('strips scripts, handlers, javascript: URLs, iframes, styles, forms and objects', () => {
    for (const bad of ['<script', 'alert(', 'onerror', 'onclick', 'onmouseover', 'onload', 'javascript:', '<iframe', '<style', 'display: none', '<form', '<object', 'position:fixed', 'url(https://evil', '<svg']) {
      expect(out.html, bad).not.toContain(bad);
    }
  });

  it('keeps the harmless parts', () => {
    expect(out.html).toContain('<a href="https://example.com" rel="noopener">site</a>');
    expect(out.html).toMatch(/<img src="\/_atrium\/assets\/flow\.[0-9a-f]{12}\.png" alt="flow">/);
    expect(out.html).toContain('<div>overlay</div>');
    expect(out.html).toContain('<a>js link</a>');
  });

  it('refuses the path traversal image with an error', () => {
    expect(out.diagnostics.map((d) => [d.line, d.code])).toEqual([[21, 'broken-image']]);
  });
});

describe('determinism', () => {
  it('renders the same input to byte-identical HTML, across renderers', async () => {
    const doc = fixtureDoc(`${DOCS}/guides/everything.md`);
    const other = newRenderer();
    try {
      const [a, b, c] = [await render(doc), await render(doc), await other.render(doc, { resolveLink })];
      expect(b.html).toBe(a.html);
      expect(c.html).toBe(a.html);
    } finally {
      await other.close();
    }
  });
});
