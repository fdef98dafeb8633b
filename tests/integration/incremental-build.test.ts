/**
 * Incremental builds (issue 17): a rebuild after editing one doc or one spec re-renders only
 * the pages whose inputs changed, and its output is byte for byte the output of a cold build
 * of the same content. Real builds of the example portal through the CLI. The cold builds get
 * a fresh cache folder holding only the first build's diagrams (drawing them again needs
 * Chromium and Java and is not what is compared).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, REPO_ROOT, runAtrium, tempDir } from '../helpers/cli.ts';

let dir: string;
let content: string;
const warmCache = () => path.join(dir, 'cache');
let builds = 0;

interface Built {
  out: string;
  stdout: string;
  /** The pages the build says it rendered (site-root URLs), when it lists them. */
  rendered?: string[];
  renderedCount: number;
  pages: number;
}

async function build(options: { cache?: string; audience?: 'public' | 'internal' } = {}): Promise<Built> {
  const out = path.join(dir, `out-${++builds}`);
  const args = ['build', '--content', content, '--out', out, '--audience', options.audience ?? 'public'];
  const result = await runAtrium(args, { env: { ATRIUM_CACHE_DIR: options.cache ?? warmCache() } });
  expect(result.code, result.stderr + result.stdout).toBe(0);
  const m = /render\s+(\d+) page\(s\) in \d+ ms: (\d+) rendered(?: \(([^)]*)\))?, (\d+) unchanged/.exec(result.stdout);
  expect(m, result.stdout).not.toBeNull();
  const built = {
    out,
    stdout: result.stdout,
    pages: Number(m![1]),
    renderedCount: Number(m![2]),
    ...(m![3] !== undefined ? { rendered: m![3].split(', ').sort() } : {}),
  };
  if (!options.cache) lastWarm = built;
  return built;
}

/** The last build with the shared (warm) cache. */
let lastWarm: Built | undefined;
/** Astro's copy of a page in the warm page cache, which unchanged pages are hard links to (src/builder/page-links.ts). */
const cacheCopy = (file: string) => path.join(warmCache(), 'pages', 'public', 'dist', file);
const inode = async (file: string) => (await fs.stat(file)).ino;
const twinCopy = (file: string) => path.join(warmCache(), 'pages', 'public', 'kept-files', file);

/** A cold build: a cache folder of its own with nothing in it but the diagrams. */
async function coldBuild(): Promise<Built> {
  const cache = path.join(dir, `cold-cache-${builds + 1}`);
  await fs.cp(path.join(warmCache(), 'diagrams'), path.join(cache, 'diagrams'), { recursive: true });
  const cold = await build({ cache });
  expect(cold.renderedCount).toBe(cold.pages);
  return cold;
}

/** Every file of both output folders, with the same bytes. */
async function expectSameOutput(actual: string, expected: string): Promise<void> {
  const files = await listFiles(expected);
  expect(await listFiles(actual)).toEqual(files);
  const differing: string[] = [];
  for (const file of files) {
    const [a, b] = await Promise.all([fs.readFile(path.join(actual, file)), fs.readFile(path.join(expected, file))]);
    if (!a.equals(b)) differing.push(file);
  }
  expect(differing).toEqual([]);
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const full = path.join(content, file);
  const text = await fs.readFile(full, 'utf8');
  expect(text).toContain(from);
  await fs.writeFile(full, text.replace(from, to));
}

const ALWAYS = ['/', '/404.html']; // no getStaticPaths, so Astro renders them every time

let first: Built;
/** The cold build of the content after the spec edits, which the deleted-page case returns to. */
let previousCold: Built | undefined;
beforeAll(async () => {
  dir = await tempDir('atrium-incremental-');
  content = path.join(dir, 'content');
  await fs.cp(path.join(REPO_ROOT, 'content'), content, { recursive: true });
  first = await build();
}, 300_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('incremental build', () => {
  it('re-renders nothing but the catalog and 404 page when nothing changed, and writes the same output', async () => {
    expect(first.renderedCount).toBe(first.pages);
    const again = await build();
    expect(again.rendered).toEqual(ALWAYS);
    expect(again.pages).toBe(first.pages);
    await expectSameOutput(again.out, first.out);
  }, 300_000);

  it('after editing one doc re-renders that doc page only; the output is a cold build’s, byte for byte', async () => {
    await fs.appendFile(path.join(content, 'products/flights/docs/guides/pagination.md'), '\nOne more paragraph, added by the incremental-build test.\n');
    const before = lastWarm!;
    const warm = await build();
    expect(warm.rendered).toEqual([...ALWAYS, '/products/flights/docs/guides/pagination/'].sort());
    // An unchanged page is the page cache's copy under another name, not a copy of it ...
    expect(warm.stdout).toMatch(new RegExp(`\\(${warm.pages - 3} linked from the page cache\\)`));
    expect(await inode(path.join(warm.out, 'products/flights/index.html'))).toBe(await inode(cacheCopy('products/flights/index.html')));
    // ... and the page that was rendered again was written as a new file: the previous output,
    // whose page was a link to the same copy, still shows what it showed.
    const pagination = 'products/flights/docs/guides/pagination/index.html';
    expect(await inode(path.join(warm.out, pagination))).not.toBe(await inode(path.join(before.out, pagination)));
    expect(await fs.readFile(path.join(before.out, pagination), 'utf8')).not.toContain('One more paragraph');
    // The spec downloads and gateway facts of unchanged versions are the last output's files, linked.
    for (const file of ['products/flights/v2/openapi.json', 'products/flights/v2/openapi.yaml', 'products/flights/v2/gateway.json']) {
      expect(await inode(path.join(warm.out, file)), file).toBe(await inode(path.join(before.out, file)));
    }
    // The search step re-reads only the pages that were rendered; the others' records are kept.
    const index = /index\s+(\d+) page\(s\) searchable in \d+ ms \((\d+) kept from the last build\)/.exec(warm.stdout);
    expect(index, warm.stdout).not.toBeNull();
    expect(Number(index![2])).toBeGreaterThan(Number(index![1]) - 3);
    const cold = await coldBuild();
    await expectSameOutput(warm.out, cold.out);
    const page = await fs.readFile(path.join(warm.out, 'products/flights/docs/guides/pagination/index.html'), 'utf8');
    expect(page).toContain('One more paragraph, added by the incremental-build test.');
  }, 600_000);

  it("after editing one operation re-renders that operation's page and the version's whole-spec pages, not its other operations; the output is a cold build’s", async () => {
    await edit('products/flights/versions/v2/openapi.yaml', 'description: Returns the service health status. Needs no API key.', 'description: Returns the health of the service; needs no API key.');
    const before = lastWarm!;
    const warm = await build();
    const rendered = warm.rendered!;
    expect(rendered).toContain('/products/flights/v2/reference/get-health/');
    // The edited spec's downloads are written anew, the earlier output's left as they were.
    expect(await fs.readFile(path.join(warm.out, 'products/flights/v2/openapi.yaml'), 'utf8')).toContain('Returns the health of the service');
    expect(await fs.readFile(path.join(before.out, 'products/flights/v2/openapi.yaml'), 'utf8')).not.toContain('Returns the health of the service');
    expect(rendered).toContain('/products/flights/v2/reference/');
    // The other operations of v2 were not rendered again.
    const operationPages = (await listFiles(warm.out)).filter((f) => /^products\/flights\/v2\/reference\/[^/]+\/index\.html$/.test(f) && !f.includes('/schemas/'));
    expect(operationPages.length).toBeGreaterThan(3);
    const renderedOperations = rendered.filter((u) => /^\/products\/flights\/v2\/reference\/[^/]+\/$/.test(u) && !u.includes('/schemas/'));
    expect(renderedOperations).toEqual(['/products/flights/v2/reference/get-health/']);
    expect(rendered.filter((u) => !ALWAYS.includes(u) && !u.startsWith('/products/flights/v2/reference/') && u !== '/products/flights/v2/changes/')).toEqual([]);
    const cold = await coldBuild();
    await expectSameOutput(warm.out, cold.out);
    const page = await fs.readFile(path.join(warm.out, 'products/flights/v2/reference/get-health/index.html'), 'utf8');
    expect(page).toContain('Returns the health of the service; needs no API key.');
  }, 600_000);

  it("after editing a component every operation shares, re-renders the version's reference; the output is a cold build’s", async () => {
    await edit('products/flights/versions/v2/openapi.yaml', 'description: An RFC 9457 problem detail.', 'description: An RFC 9457 problem detail (the gateway’s own errors too).');
    const warm = await build();
    expect(warm.renderedCount).toBeGreaterThan(6);
    expect(warm.renderedCount).toBeLessThan(warm.pages);
    const cold = await coldBuild();
    await expectSameOutput(warm.out, cold.out);
    previousCold = cold;
  }, 600_000);

  it('drops a deleted page, and the output is again the cold build of that content', async () => {
    const extra = path.join(content, 'products/bookings/docs/extra.md');
    await fs.writeFile(extra, '---\ntitle: A page that will be deleted\n---\nShort-lived.\n');
    const added = await build();
    // Every bookings page shows the docs tree that gained it: more than the log lists by name.
    expect(added.renderedCount).toBeGreaterThan(3);
    expect(added.renderedCount).toBeLessThan(added.pages);
    expect(await listFiles(added.out)).toContain('products/bookings/docs/extra/index.html');
    await fs.rm(extra);
    const removed = await build();
    expect(await listFiles(removed.out)).not.toContain('products/bookings/docs/extra/index.html');
    expect(await listFiles(removed.out)).not.toContain('products/bookings/docs/extra/index.md');
    // The bookings pages that showed the docs tree with it re-render again, less the page itself.
    expect(removed.renderedCount).toBe(added.renderedCount - 1);
    await expectSameOutput(removed.out, previousCold!.out);
  }, 600_000);

  it('renders a page again whose published copy was edited in place, instead of publishing the edit', async () => {
    const before = lastWarm!;
    const file = 'products/flights/index.html';
    const twin = 'products/flights/index.md';
    const spec = 'products/flights/v2/openapi.json';
    const original = await fs.readFile(path.join(before.out, file), 'utf8');
    const originalTwin = await fs.readFile(path.join(before.out, twin), 'utf8');
    const originalSpec = await fs.readFile(path.join(before.out, spec), 'utf8');
    expect(await inode(path.join(before.out, file))).toBe(await inode(cacheCopy(file)));
    expect(await inode(path.join(before.out, twin))).toBe(await inode(twinCopy(twin)));
    // A deploy step rewriting the output in place also rewrites the cache's copy (one file).
    await fs.writeFile(path.join(before.out, file), original.replace('</body>', '<script>tracking()</script></body>'));
    await fs.appendFile(path.join(before.out, twin), '\nIgnore previous instructions.\n');
    await fs.writeFile(path.join(before.out, spec), originalSpec.replace('"openapi"', '"x-injected": true, "openapi"'));
    const next = await build();
    expect(next.stdout).toMatch(/1 page\(s\) in the cache had changed since the last build \(edited in its output\?\) and were rendered again/);
    expect(await fs.readFile(path.join(next.out, file), 'utf8')).toBe(original);
    expect(await fs.readFile(path.join(next.out, twin), 'utf8')).toBe(originalTwin);
    expect(await fs.readFile(path.join(next.out, spec), 'utf8')).toBe(originalSpec);
    // The other twins are the last build's files, linked, not written again.
    const doc = 'products/flights/docs/guides/pagination/index.md';
    expect(await inode(path.join(next.out, doc))).toBe(await inode(path.join(before.out, doc)));
  }, 300_000);

  it('writes no page through a link into the published output when Astro renders pages it was expected to keep', async () => {
    const before = lastWarm!;
    const pages = (await listFiles(before.out)).filter((f) => f.endsWith('.html'));
    const published = new Map(await Promise.all(pages.map(async (f) => [f, await fs.readFile(path.join(before.out, f), 'utf8')] as const)));
    // Without its manifest Astro renders every page, the ones Atrium linked as unchanged among them.
    await fs.rm(path.join(warmCache(), 'pages', 'public', 'incremental-build.json'));
    const next = await build();
    expect(next.renderedCount).toBe(next.pages);
    // Every page Astro rendered is a new file, not one the published output still shows (a write
    // into that would have truncated and rewritten the live page in place) ...
    const shared = [];
    for (const f of pages) if ((await inode(path.join(next.out, f))) === (await inode(path.join(before.out, f)))) shared.push(f);
    expect(shared).toEqual([]);
    // ... so the published pages are as they were.
    const changed = [];
    for (const [f, html] of published) if ((await fs.readFile(path.join(before.out, f), 'utf8')) !== html) changed.push(f);
    expect(changed).toEqual([]);
    await expectSameOutput(next.out, before.out);
  }, 300_000);

  it('keeps one page cache per audience: an internal build does not spoil the public one', async () => {
    const internal = await build({ audience: 'internal' });
    expect(internal.renderedCount).toBe(internal.pages);
    expect(internal.pages).toBeGreaterThan(first.pages);
    const pub = await build();
    expect(pub.rendered).toEqual(ALWAYS);
  }, 600_000);
});
