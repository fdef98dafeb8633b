/**
 * The search index of a built example portal (issue 17 "search at scale", issue 15 item 5):
 * what is and is not indexed, that each page's cut-down record indexes like the page,
 * that an incremental index (records from the cache, one page re-read) is byte-identical to a
 * cold one, and what the index costs per page.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, runAtrium, tempDir } from '../helpers/cli.ts';
import { startSearchIndex, writeSearchIndex } from '../../src/builder/search-index.ts';
import { searchableHtml } from '../../src/lib/site/searchable-page.ts';
import { SEARCH_SHARDS_FILE, searchShardCount, searchShardFolder, searchShardOf } from '../../src/lib/site/search-shards.ts';
import { PortalFolder } from '../../src/lib/mcp/portal-folder.ts';
import { PortalSearch } from '../../src/lib/mcp/portal-search.ts';

let site: string;
let pages: string[];

beforeAll(async () => {
  site = path.join(await tempDir(), 'public');
  const result = await runAtrium(['build', '--content', 'content', '--out', site]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  pages = (await listFiles(site)).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
}, 240_000);

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

async function fragments(pagefindDir: string): Promise<Fragment[]> {
  const dir = path.join(pagefindDir, 'fragment');
  return Promise.all(
    (await fs.readdir(dir)).map(async (name) => {
      const text = gunzipSync(await fs.readFile(path.join(dir, name))).toString('utf8');
      return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
    }),
  );
}

/** Every file of a Pagefind folder, path → bytes. */
async function indexFiles(pagefindDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await listFiles(pagefindDir)) files.set(file, await fs.readFile(path.join(pagefindDir, file)));
  return files;
}

/** Two Pagefind folders hold the same files, byte for byte. */
function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [file, bytes] of expected) expect(actual.get(file)!.equals(bytes), file).toBe(true);
}

/** A copy of the built pages (no index) to index again. */
async function copyOfPages(): Promise<string> {
  const dir = path.join(await tempDir('atrium-search-'), 'site');
  for (const page of pages) {
    await fs.mkdir(path.dirname(path.join(dir, page)), { recursive: true });
    await fs.copyFile(path.join(site, page), path.join(dir, page));
  }
  return dir;
}

describe('what the index holds', () => {
  it('holds page content, not chrome: no navigation, breadcrumbs, footer, Copy, code samples or gateway boilerplate', async () => {
    const all = await fragments(path.join(site, 'pagefind'));
    const doc = all.find((p) => p.url === '/products/flights/docs/getting-started/')!;
    expect(doc.content).toContain('Create an application in the developer console');
    // The page itself has them: they are left out of the index, not missing from the page.
    const html = await fs.readFile(path.join(site, 'products/flights/docs/getting-started/index.html'), 'utf8');
    for (const chrome of ['Skip to content', 'Built with Atrium', 'aria-label="Breadcrumb"', '>Copy</button>', 'class="atrium-code']) expect(html).toContain(chrome);
    expect(doc.content).not.toMatch(/Skip to content|Built with Atrium|Section titled|\bCopy\b|On this page/);
    expect(html).toContain('KONGAIR_API_KEY');
    expect(doc.content).not.toMatch(/KONGAIR_API_KEY|--show-error/); // its code samples
    const op = all.find((p) => p.url === '/products/flights/v2/reference/list-flights/')!;
    expect(op.content).toContain('List scheduled flights');
    const opHtml = await fs.readFile(path.join(site, 'products/flights/v2/reference/list-flights/index.html'), 'utf8');
    expect(opHtml).toContain('id="through-the-gateway"');
    expect(op.content).not.toMatch(/Through the gateway|Responses from the gateway|Try it|\bCopy\b/);
    for (const page of all) expect(page.content, page.url).not.toMatch(/Skip to content|Built with Atrium|Section titled|\bCopy\b(?! its key)/);
  });

  it('keeps the meta and filters the palette reads, and no filter it does not', async () => {
    const op = (await fragments(path.join(site, 'pagefind'))).find((p) => p.url === '/products/flights/v2/reference/list-flights/')!;
    expect(op.meta).toMatchObject({ method: 'GET', path: '/flights', product: 'Flights', version: 'v2' });
    expect(op.meta.title).toMatch(/^List scheduled flights/);
    expect(Object.keys(op.filters).sort()).toEqual(['product', 'version']);
  });

  it('indexes each searchable page once, and no page without a body marker', async () => {
    const all = await fragments(path.join(site, 'pagefind'));
    const searchable = [];
    for (const page of pages) if (searchableHtml(await fs.readFile(path.join(site, page), 'utf8'))) searchable.push(page);
    expect(all.length).toBe(searchable.length);
    expect(new Set(all.map((f) => f.url)).size).toBe(all.length);
    expect(all.some((f) => f.url.includes('404'))).toBe(false);
  });
});

describe('records and incremental indexing', () => {
  it("a page's record indexes like the page: the same word index, filters and text, only no anchors", async () => {
    const pagefind = await import('pagefind');
    const build = async (content: (html: string) => string | undefined) => {
      const { index } = await pagefind.createIndex({});
      for (const page of pages) {
        const html = content(await fs.readFile(path.join(site, page), 'utf8'));
        if (html !== undefined) expect((await index!.addHTMLFile({ sourcePath: page, content: html })).errors).toEqual([]);
      }
      const { files, errors } = await index!.getFiles();
      expect(errors).toEqual([]);
      const byKind = (prefix: string) =>
        files
          .filter((f) => f.path.replace(/^\/+/, '').startsWith(prefix))
          .sort((a, b) => a.path.localeCompare(b.path))
          .map((f) => Buffer.from(f.content));
      const fragments = byKind('fragment/').map((bytes) => {
        const text = gunzipSync(bytes).toString('utf8');
        const { anchors, ...rest } = JSON.parse(text.slice(text.indexOf('{'))) as Fragment & { anchors: unknown[] };
        return { ...rest, anchors: anchors.length };
      });
      return { words: byKind('index/'), filters: byKind('filter/'), fragments: fragments.sort((a, b) => a.url.localeCompare(b.url)) };
    };
    try {
      const whole = await build((html) => (searchableHtml(html) ? html : undefined));
      const records = await build(searchableHtml);
      expect(records.words.length).toBeGreaterThan(0);
      expect(Buffer.concat(records.words).equals(Buffer.concat(whole.words))).toBe(true);
      expect(Buffer.concat(records.filters).equals(Buffer.concat(whole.filters))).toBe(true);
      expect(records.fragments.map(({ anchors, ...f }) => f)).toEqual(whole.fragments.map(({ anchors, ...f }) => f));
      expect(whole.fragments.some((f) => f.anchors > 0)).toBe(true);
      expect(records.fragments.every((f) => f.anchors === 0)).toBe(true);
    } finally {
      await pagefind.close();
    }
  }, 120_000);

  it('an incremental index (one page re-read, the rest from the cache) is byte-identical to a cold one', async () => {
    const dir = await copyOfPages();
    const cacheDir = await tempDir('atrium-search-cache-');
    const first = await writeSearchIndex({ siteDir: dir, cacheDir });
    expect(first.reused).toBe(0);
    const before = await indexFiles(path.join(dir, 'pagefind'));

    // One doc edited, one page gone: what a rebuild after an author's edit hands the step.
    const edited = 'products/flights/docs/getting-started/index.html';
    const removed = 'products/bookings/docs/error-codes/index.html';
    const page = await fs.readFile(path.join(dir, edited), 'utf8');
    await fs.writeFile(path.join(dir, edited), page.replace('Create an application in the developer console', 'Create an application in the partner workbench'));
    await fs.rm(path.join(dir, removed));
    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    const incremental = await writeSearchIndex({ siteDir: dir, cacheDir, changed: [edited] });
    expect(incremental.reused).toBe(pages.length - 2);
    expect(incremental.pages).toBe(first.pages - 1);
    const after = await indexFiles(path.join(dir, 'pagefind'));

    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    const cold = await writeSearchIndex({ siteDir: dir });
    expect(cold.reused).toBe(0);
    const coldFiles = await indexFiles(path.join(dir, 'pagefind'));
    expectSameFiles(after, coldFiles);

    // And the edit is in it: the index is not the previous one.
    expect(after).not.toEqual(before);
    const doc = (await fragments(path.join(dir, 'pagefind'))).find((f) => f.url === '/products/flights/docs/getting-started/')!;
    expect(doc.content).toContain('partner workbench');
    expect((await fragments(path.join(dir, 'pagefind'))).some((f) => f.url === '/products/bookings/docs/error-codes/')).toBe(false);
  }, 120_000);

  it('an index started ahead with the kept records (pages rendered, added, gone, grown) is byte-identical to a cold one', async () => {
    const dir = await copyOfPages();
    const cacheDir = await tempDir('atrium-search-cache-');
    await writeSearchIndex({ siteDir: dir, cacheDir });
    const htmlPages = async () => (await listFiles(dir)).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));

    // What the build knows before rendering: the pages it will have and those it renders.
    const edited = 'products/flights/docs/getting-started/index.html';
    const added = 'products/flights/docs/getting-started/again/index.html';
    const removed = 'products/bookings/docs/error-codes/index.html';
    const grown = pages.find((p) => p.startsWith('products/bookings/') && p !== removed && p.endsWith('/index.html'))!;
    const notSearchable = '404.html';
    expect(pages).toContain(notSearchable);
    const willHave = [...pages.filter((p) => p !== removed), added];
    const ahead = startSearchIndex({ cacheDir, pages: willHave, rendering: [edited, added, notSearchable] });

    // Then the pages change: one re-rendered, one new, one gone, one changed without the build knowing.
    const page = await fs.readFile(path.join(dir, edited), 'utf8');
    await fs.writeFile(path.join(dir, edited), page.replace('Create an application in the developer console', 'Create an application in the partner workbench'));
    await fs.mkdir(path.dirname(path.join(dir, added)), { recursive: true });
    await fs.writeFile(path.join(dir, added), page.replace('Create an application in the developer console', 'Register a second application'));
    await fs.rm(path.join(dir, removed));
    const other = await fs.readFile(path.join(dir, grown), 'utf8');
    expect(other).toContain('</main>');
    await fs.writeFile(path.join(dir, grown), other.replace('</main>', '<p>A paragraph the build did not announce</p></main>'));
    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });

    const result = await writeSearchIndex({ siteDir: dir, cacheDir, changed: [edited, added, notSearchable], ahead });
    await ahead.close();
    expect(result.reused).toBe(pages.length - 4);
    // Edited, added, grown and removed (an empty page in its place); the 404 page had its empty one.
    expect(result.resent).toBe(4);
    expect(result.pages).toBe((await htmlPages()).length - 1);
    const incremental = await indexFiles(path.join(dir, 'pagefind'));
    const all = await fragments(path.join(dir, 'pagefind'));
    expect(all.find((f) => f.url === '/products/flights/docs/getting-started/')!.content).toContain('partner workbench');
    expect(all.find((f) => f.url === '/products/flights/docs/getting-started/again/')!.content).toContain('Register a second application');
    expect(all.some((f) => f.url === '/products/bookings/docs/error-codes/')).toBe(false);
    expect(all.find((f) => f.url === `/${grown.replace(/index\.html$/, '')}`)!.content).toContain('did not announce');

    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    await writeSearchIndex({ siteDir: dir });
    const cold = await indexFiles(path.join(dir, 'pagefind'));
    expectSameFiles(incremental, cold);
  }, 120_000);

  it('a page the index started ahead kept no place for makes it index afresh, to the same files', async () => {
    const dir = await copyOfPages();
    const cacheDir = await tempDir('atrium-search-cache-');
    await writeSearchIndex({ siteDir: dir, cacheDir });
    const ahead = startSearchIndex({ cacheDir, pages, rendering: [] });
    const unforeseen = 'products/flights/docs/unforeseen/index.html';
    const page = await fs.readFile(path.join(dir, 'products/flights/docs/getting-started/index.html'), 'utf8');
    await fs.mkdir(path.dirname(path.join(dir, unforeseen)), { recursive: true });
    await fs.writeFile(path.join(dir, unforeseen), page.replace('Create an application in the developer console', 'An unforeseen page'));
    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    const result = await writeSearchIndex({ siteDir: dir, cacheDir, changed: [unforeseen], ahead });
    await ahead.close();
    expect(result.reused).toBe(pages.length);
    expect(result.resent).toBeUndefined();
    const incremental = await indexFiles(path.join(dir, 'pagefind'));
    expect((await fragments(path.join(dir, 'pagefind'))).find((f) => f.url === '/products/flights/docs/unforeseen/')!.content).toContain('An unforeseen page');

    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    await writeSearchIndex({ siteDir: dir });
    const cold = await indexFiles(path.join(dir, 'pagefind'));
    expectSameFiles(incremental, cold);
  }, 120_000);

  it('re-reads a page the build did not list as changed when its size differs from the kept one', async () => {
    const dir = await copyOfPages();
    const cacheDir = await tempDir('atrium-search-cache-');
    await writeSearchIndex({ siteDir: dir, cacheDir });
    const edited = 'products/flights/docs/getting-started/index.html';
    const page = await fs.readFile(path.join(dir, edited), 'utf8');
    await fs.writeFile(path.join(dir, edited), page.replace('Create an application', 'Create one application'));
    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    const result = await writeSearchIndex({ siteDir: dir, cacheDir, changed: [] });
    expect(result.reused).toBe(pages.length - 1);
    const doc = (await fragments(path.join(dir, 'pagefind'))).find((f) => f.url === '/products/flights/docs/getting-started/')!;
    expect(doc.content).toContain('Create one application');
  }, 120_000);
});

describe('what the index costs', () => {
  it('stays small per page: fragments (the text excerpts come from) and all data files', async () => {
    const dir = path.join(site, 'pagefind');
    const bytes = { fragment: 0, data: 0 };
    for (const file of await listFiles(dir)) {
      if (!/^(fragment|index|filter)\/|\.pf_meta$/.test(file)) continue;
      const size = (await fs.stat(path.join(dir, file))).size;
      bytes.data += size;
      if (file.startsWith('fragment/')) bytes.fragment += size;
    }
    const indexed = (await fragments(dir)).length;
    expect(indexed).toBeGreaterThan(40);
    // Measured on the example: 625 B of fragment and 1,201 B of data per page (the word index
    // is one chunk on a site this small); 652 B and 1,261 B with nested fields, components
    // expanded under a property and examples indexed (before e82a6e2), and 883 B and 1,655 B with
    // code, gateway facts, error models and anchors indexed (517b011).
    expect(bytes.fragment / indexed).toBeLessThan(700);
    expect(bytes.data / indexed).toBeLessThan(1350);
  });
});

describe('a portal split into shards', () => {
  // The example has ~60 pages: eight to a shard splits it as a 15,000-page portal is split.
  const PER_SHARD = 8;
  const htmlOf = (url: string) => `${url.replace(/^\//, '')}index.html`;

  async function shardFragments(dir: string): Promise<Map<string, Fragment[]>> {
    const listed = JSON.parse(await fs.readFile(path.join(dir, 'pagefind', SEARCH_SHARDS_FILE), 'utf8')) as { shards: string[] };
    const byFolder = new Map<string, Fragment[]>([['', await fragments(path.join(dir, 'pagefind'))]]);
    for (const folder of listed.shards) byFolder.set(folder, await fragments(path.join(dir, 'pagefind', folder)));
    return byFolder;
  }

  it('puts each product in one shard, lists the shards, and keeps only data in them', async () => {
    const dir = await copyOfPages();
    const result = await writeSearchIndex({ siteDir: dir, pagesPerShard: PER_SHARD });
    const shards = searchShardCount(pages.length, PER_SHARD);
    expect(shards).toBeGreaterThan(2);
    expect(result.shards).toBe(shards);
    const byFolder = await shardFragments(dir);
    // pagefind/ and at least one shard of its own (the example's products hash to two).
    expect(byFolder.size).toBeGreaterThanOrEqual(2);
    let indexed = 0;
    for (const [folder, found] of byFolder) {
      expect(found.length, folder).toBeGreaterThan(0);
      indexed += found.length;
      for (const f of found) expect(searchShardFolder(searchShardOf(htmlOf(f.url), shards)), f.url).toBe(folder);
      if (folder === '') continue;
      const files = await listFiles(path.join(dir, 'pagefind', folder));
      expect(files.filter((f) => !/^(fragment|index|filter)\/|\.pf_meta$|^pagefind-entry\.json$/.test(f)), folder).toEqual([]);
    }
    expect(indexed).toBe(result.pages);
    expect(await fs.stat(path.join(dir, 'pagefind', 'pagefind.js'))).toBeTruthy();
  }, 120_000);

  it('an edit re-indexes only its shard (started ahead or not), the others are copied from the cache, and the files are a cold build’s', async () => {
    const dir = await copyOfPages();
    const cacheDir = await tempDir('atrium-search-cache-');
    const first = await writeSearchIndex({ siteDir: dir, cacheDir, pagesPerShard: PER_SHARD });
    expect(first.indexed).toBe((await shardFragments(dir)).size);

    // Nothing changed: nothing is indexed, and the files are the same.
    const before = await indexFiles(path.join(dir, 'pagefind'));
    await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
    const again = await writeSearchIndex({ siteDir: dir, cacheDir, changed: [], pagesPerShard: PER_SHARD });
    expect(again.indexed).toBe(0);
    const restored = await indexFiles(path.join(dir, 'pagefind'));
    expectSameFiles(restored, before);

    for (const ahead of [false, true]) {
      const edited = 'products/flights/docs/getting-started/index.html';
      const page = await fs.readFile(path.join(dir, edited), 'utf8');
      await fs.writeFile(path.join(dir, edited), page.replace('</main>', `<p>An edit ${ahead ? 'ahead' : 'after'}</p></main>`));
      await fs.rm(path.join(dir, 'pagefind'), { recursive: true });
      const started = ahead ? startSearchIndex({ cacheDir, pages, rendering: [edited], pagesPerShard: PER_SHARD }) : undefined;
      const incremental = await writeSearchIndex({ siteDir: dir, cacheDir, changed: [edited], pagesPerShard: PER_SHARD, ...(started ? { ahead: started } : {}) });
      await started?.close();
      expect(incremental.indexed, `ahead: ${ahead}`).toBe(1);
      if (ahead) expect(incremental.resent).toBe(1);
      const after = await indexFiles(path.join(dir, 'pagefind'));
      const folder = searchShardFolder(searchShardOf(edited, first.shards));
      expect((await shardFragments(dir)).get(folder)!.find((f) => f.url === '/products/flights/docs/getting-started/')!.content).toContain(`An edit ${ahead ? 'ahead' : 'after'}`);

      const cold = path.join(await tempDir('atrium-search-cold-'), 'site');
      await fs.cp(dir, cold, { recursive: true, filter: (source) => !source.includes(`${path.sep}pagefind`) });
      await writeSearchIndex({ siteDir: cold, pagesPerShard: PER_SHARD });
      const coldFiles = await indexFiles(path.join(cold, 'pagefind'));
      expectSameFiles(after, coldFiles);
    }
  }, 240_000);

  it('is searched as one index by atrium mcp: a page in a shard other than pagefind/ is found', async () => {
    const dir = await copyOfPages();
    const shards = searchShardCount(pages.length, PER_SHARD);
    const inShard = pages.find((p) => p.startsWith('products/') && searchShardOf(p, shards) !== 0 && p.includes('/docs/'))!;
    expect(inShard).toBeDefined();
    const page = await fs.readFile(path.join(dir, inShard), 'utf8');
    await fs.writeFile(path.join(dir, inShard), page.replace('</main>', '<p>quokkashard</p></main>'));
    await writeSearchIndex({ siteDir: dir, pagesPerShard: PER_SHARD });
    await fs.copyFile(path.join(site, 'portal.json'), path.join(dir, 'portal.json'));
    const search = new PortalSearch(new PortalFolder(dir));
    const hits = await search.search('quokkashard', 5);
    expect(hits.map((h) => h.url)).toEqual([`/${inShard.replace(/index\.html$/, '')}`]);
    // Results come from every shard: a common word finds pages of more than one.
    const common = await search.search('flights', 50);
    const found = new Set(common.map((h) => searchShardOf(htmlOf(h.url), shards)));
    expect(found.size).toBeGreaterThan(1);
  }, 120_000);
});
