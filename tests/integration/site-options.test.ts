/**
 * Build options a platform team relies on: a base path (`--base /docs/`), a second build that
 * reuses every rendered diagram from the cache, and the changes page between two versions.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, runAtrium, tempDir } from '../helpers/cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

describe('--base', () => {
  it('prefixes every internal link, asset and search path with the base path', async () => {
    const out = path.join(dir, 'based');
    const result = await runAtrium(['build', '--out', out, '--base', '/docs/']);
    expect(result.code, result.stderr).toBe(0);
    for (const file of (await listFiles(out)).filter((f) => f.endsWith('.html'))) {
      const html = await fs.readFile(path.join(out, file), 'utf8');
      const internal = [...html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
      expect(internal.filter((u) => !u.startsWith('/docs/')), file).toEqual([]);
      expect(html).toContain('data-base="/docs/"');
    }
    const manifest = JSON.parse(await fs.readFile(path.join(out, 'portal.json'), 'utf8'));
    // portal.json URLs stay relative to the site root (DESIGN §6).
    expect(manifest.products[0].url).toMatch(/^\/products\//);
    const sitemap = await fs.readFile(path.join(out, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://developer.kongair.example/docs/products/flights/</loc>');
  });
});

describe('diagram cache', () => {
  it('renders each diagram once; the second build takes all of them from the cache', async () => {
    const cache = path.join(dir, 'cache');
    const env = { ATRIUM_CACHE_DIR: cache };
    const first = await runAtrium(['build', '--out', path.join(dir, 'c1')], { env });
    expect(first.code, first.stderr).toBe(0);
    const rendered = Number(/diagrams (\d+) rendered/.exec(first.stdout)?.[1]);
    expect(rendered).toBeGreaterThanOrEqual(3); // the example has two Mermaid and one PlantUML diagram at least
    const second = await runAtrium(['build', '--out', path.join(dir, 'c2')], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`diagrams 0 rendered, ${rendered} from cache`));
  }, 120_000);
});

describe('rendered-doc cache', () => {
  it('re-renders only the doc that changed, and a doc whose image changed', async () => {
    const content = path.join(dir, 'doc-cache-content');
    await fs.cp(path.join(process.cwd(), 'content'), content, { recursive: true });
    const env = { ATRIUM_CACHE_DIR: path.join(dir, 'doc-cache') };
    const build = async (n: number) => {
      const result = await runAtrium(['build', '--content', content, '--out', path.join(dir, `doc-cache-${n}`)], { env });
      expect(result.code, result.stderr).toBe(0);
      const m = /docs\s+(\d+) doc\(s\) \((\d+) from cache\)/.exec(result.stdout)!;
      return { total: Number(m[1]), cached: Number(m[2]) };
    };
    const first = await build(1);
    expect(first.cached).toBe(0);
    expect((await build(2)).cached).toBe(first.total);
    await fs.appendFile(path.join(content, 'products/flights/docs/getting-started.md'), '\nOne more paragraph.\n');
    expect((await build(3)).cached).toBe(first.total - 1);
    const image = path.join(content, 'products/flights/docs/guides/img/flow.svg');
    await fs.writeFile(image, (await fs.readFile(image, 'utf8')).replace('</svg>', '<!-- changed --></svg>'));
    expect((await build(4)).cached).toBe(first.total - 1);
  }, 120_000);
});

describe('mermaid.render: client', () => {
  it('leaves diagrams to the browser and ships Mermaid only then', async () => {
    const content = path.join(dir, 'client-mermaid');
    await fs.cp(path.join(process.cwd(), 'content'), content, { recursive: true });
    const portal = path.join(content, 'portal.yaml');
    await fs.writeFile(portal, (await fs.readFile(portal, 'utf8')).replace('render: build', 'render: client'));
    const out = path.join(dir, 'client-out');
    const result = await runAtrium(['build', '--content', content, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const page = await fs.readFile(path.join(out, 'products/flights/docs/architecture/index.html'), 'utf8');
    expect(page).toContain('<pre class="mermaid ');
    expect(await fs.stat(path.join(out, '_atrium/mermaid/mermaid.min.js'))).toBeTruthy();
    const other = await fs.readFile(path.join(out, 'products/flights/docs/getting-started/index.html'), 'utf8');
    expect(other).not.toContain('mermaid.min.js');
  });
});

describe('changes page', () => {
  it('lists v2’s breaking changes since v1 first, with links to both versions’ operation pages', async () => {
    const out = path.join(dir, 'changes');
    expect((await runAtrium(['build', '--out', out])).code).toBe(0);
    const html = await fs.readFile(path.join(out, 'products/flights/v2/changes/index.html'), 'utf8');
    expect(html).toMatch(/[Bb]reaking/);
    expect(html).toContain('href="/products/flights/v1/reference/');
    expect(html).toContain('href="/products/flights/v2/reference/');
    const version = await fs.readFile(path.join(out, 'products/flights/v2/index.html'), 'utf8');
    expect(version).toMatch(/\d+ breaking/);
    const first = await fs.readFile(path.join(out, 'products/flights/v1/changes/index.html'), 'utf8');
    expect(first).toContain('nothing to compare');
  });
});
