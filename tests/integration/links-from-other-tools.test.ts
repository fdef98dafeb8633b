/**
 * Issue 12: docs written for other tools build unchanged. tests/fixtures/content/other-tools/
 * links pages the way Docusaurus, MkDocs and Hugo writers do (`guides/search-flights/`,
 * `../../#flights`, `../../../v1/`), uses GitHub alerts and task lists; it builds, and its
 * broken links still fail with their positions.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/content/other-tools');
let dir: string;
beforeAll(async () => {
  dir = await tempDir('atrium-other-tools-');
});
const env = () => ({ ATRIUM_CACHE_DIR: path.join(dir, 'cache') });

describe('a doc tree with browser-style relative links', () => {
  it('builds, with links rewritten to the pages a browser would open (under a base path)', async () => {
    const out = path.join(dir, 'out');
    const build = await runAtrium(['build', '--content', FIXTURE, '--out', out, '--base', '/docs/'], { env: env() });
    expect(build.stderr).not.toMatch(/error:/);
    expect(build.code).toBe(0);
    const search = await fs.readFile(path.join(out, 'products/flights/docs/guides/search-flights/index.html'), 'utf8');
    expect(search).toContain('<a href="/docs/products/flights/docs/guides/">all guides</a>');
    expect(search).toContain('<a href="/docs/products/flights/docs/#flights">the start</a>');
    expect(search).toContain('<a href="/docs/products/flights/v1/">v1 version page</a>');
    expect(search).toContain('<aside class="atrium-admonition atrium-admonition-note" role="note" aria-label="Important">');
    const home = await fs.readFile(path.join(out, 'products/flights/docs/index.html'), 'utf8');
    expect(home).toContain('<a href="/docs/products/flights/docs/guides/search-flights/">searching flights</a>');
    expect(home).toContain('<a href="/docs/products/flights/v1/reference/">API reference</a>');
    expect(home).toContain('aria-label="Get an API key"');
    expect(home).toMatch(/<link rel="icon" href="\/docs\/_atrium\/brand\/favicon\.[0-9a-f]{12}\.svg">/);
    // Files are written at their path below the site root, which the base path is not part of.
    const assets = [...home.matchAll(/(?:src|href)="\/docs\/(_atrium\/(?:assets|brand)\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual([expect.stringMatching(/^_atrium\/brand\/favicon\./), expect.stringMatching(/^_atrium\/assets\/flow\.[0-9a-f]{12}\.png$/)]);
    for (const file of assets) await fs.access(path.join(out, file));
  });

  it('fails on its broken links and anchors with file:line:col', async () => {
    const content = path.join(dir, 'broken');
    await fs.cp(FIXTURE, content, { recursive: true });
    const guides = path.join(content, 'products/flights/docs/guides/index.md');
    await fs.appendFile(guides, '\nSee [nothing](search-flight/), [v9](../../v9/) and [a bad anchor](search-flights/#sortng).\n\nAlso [the on-call notes](on-call/).\n');
    await fs.mkdir(path.join(content, 'products/flights/docs/guides/on-call'));
    await fs.writeFile(path.join(content, 'products/flights/docs/guides/on-call/index.md'), '---\ntitle: On call\nstatus: unpublished\n---\n\nInternal.\n');
    const build = await runAtrium(['build', '--content', content, '--out', path.join(dir, 'broken-out')], { env: env() });
    expect(build.code).toBe(1);
    const errors = build.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toEqual([
      'products/flights/docs/guides/index.md:9:5: error: Broken link "search-flight/": /products/flights/docs/guides/search-flight/ is not a page of this portal',
      'products/flights/docs/guides/index.md:9:32: error: Broken link "../../v9/": /products/flights/v9/ is not a page of this portal',
      'products/flights/docs/guides/index.md:9:52: error: Broken anchor in "search-flights/#sortng": products/flights/docs/guides/search-flights/index.md has no heading or id "sortng"; did you mean "#sorting"?',
      // A page of the other audience: said as for file links.
      'products/flights/docs/guides/index.md:11:6: error: Broken link "on-call/": products/flights/docs/guides/on-call/index.md is not published in the public portal (the doc, its version or its product is unpublished), so readers would get a 404; remove the link or publish the target',
    ]);
  });
});
