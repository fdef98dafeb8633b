/**
 * Issue 12: links as other tools' writers write them. A relative link without file extension
 * is a page URL, resolved against the linking page's URL as a browser resolves it, and
 * checked against every page of the build; file links (`./auth.md#x`) keep working.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks, createLinkResolver } from '../../../src/lib/markdown/index.ts';
import type { RenderContext } from '../../../src/lib/markdown/index.ts';
import { DOCS, FIXTURE_PAGES, fixtureDoc, inlineDoc, newRenderer, resolveLink } from './helpers.ts';

const renderer = newRenderer();
afterAll(() => renderer.close());
const FILE = `${DOCS}/guides/inline.md`;
const PAGES: [string, string][] = [...FIXTURE_PAGES, [FILE, '/products/demo/docs/guides/inline/']];
const pageUrl = (file: string) => new Map(PAGES).get(file);
// The inline doc is a page of the build too, so page-relative links start from its URL.
const ctx: RenderContext = { resolveLink: createLinkResolver(PAGES), pageUrl };

const renderInline = (body: string) => renderer.render(inlineDoc(body, { file: FILE, bodyLine: 4 }), ctx);

describe('browser-style relative links', () => {
  it('resolve against the page URL of the linking doc, anchors kept', async () => {
    const out = await renderInline('[auth](../auth/#api-keys) · [home](../../) · [guides](../) · [self](.)\n');
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toBe(
      '<p><a href="/products/demo/docs/guides/auth/#api-keys">auth</a> · <a href="/products/demo/docs/">home</a> · <a href="/products/demo/docs/guides/">guides</a> · <a href="/products/demo/docs/guides/inline/">self</a></p>',
    );
    expect(out.links[0]).toEqual({ url: '/products/demo/docs/guides/auth/', anchor: 'api-keys', targetFile: `${DOCS}/guides/auth.md`, line: 4, column: 1, raw: '../auth/#api-keys' });
  });

  it('keep file links working next to them', async () => {
    const out = await renderInline('[a](./auth.md#rate-limits) and [b](../auth/#rate-limits)\n');
    expect(out.links.map((l) => [l.url, l.anchor, l.targetFile])).toEqual([
      ['/products/demo/docs/guides/auth/', 'rate-limits', `${DOCS}/guides/auth.md`],
      ['/products/demo/docs/guides/auth/', 'rate-limits', `${DOCS}/guides/auth.md`],
    ]);
  });

  it('that name no doc are checked against the other pages of the build, with their position', async () => {
    const out = await renderInline('Spec: [v1](../../../v1/) and [gone](../../../v9/reference/).\n');
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toContain('<a href="/products/demo/v1/">v1</a>');
    const pages = [{ file: FILE, url: '/products/demo/docs/guides/inline/', ...out }];
    expect(checkLinks(pages, { knownUrls: ['/products/demo/v1/'] })).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 4,
        column: 30,
        code: 'broken-link',
        message: 'Broken link "../../../v9/reference/": /products/demo/v9/reference/ is not a page of this portal',
      },
    ]);
  });

  it('check anchors in both forms', async () => {
    const auth = await renderer.render(fixtureDoc(`${DOCS}/guides/auth.md`), { resolveLink, pageUrl });
    const out = await renderInline('[a](./auth.md#api-keyz) [b](../auth/#api-keyz) [c](../auth/#api-keys)\n');
    const problems = checkLinks([
      { file: FILE, url: '/products/demo/docs/guides/inline/', ...out },
      { file: `${DOCS}/guides/auth.md`, url: '/products/demo/docs/guides/auth/', ...auth },
    ]);
    expect(problems.filter((p) => p.file === FILE).map((p) => [p.column, p.message])).toEqual([
      [1, 'Broken anchor in "./auth.md#api-keyz": products/demo/docs/guides/auth.md has no heading or id "api-keyz"; did you mean "#api-keys"?'],
      [25, 'Broken anchor in "../auth/#api-keyz": products/demo/docs/guides/auth.md has no heading or id "api-keyz"; did you mean "#api-keys"?'],
    ]);
  });

  it('without a page URL for the doc, a link that names no doc is still an error at the link', async () => {
    const out = await renderer.render(inlineDoc('[x](nowhere/)\n', { file: FILE }), { resolveLink });
    expect(out.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 1, 'Broken link "nowhere/": no doc at products/demo/docs/guides/nowhere (link another doc by its file path, e.g. ../guides/auth.md, or a portal page by a URL starting with /)'],
    ]);
  });
});
