import { link, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copiesDir, linkKeptPages, stampCopies } from '../../../src/builder/page-links.ts';
import type { SiteRoute } from '../../../src/lib/site/routes.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const FILES = ['index.html', 'products/a/index.html', 'products/a/v1/reference/list/index.html'];
const routes = [...FILES, 'products/a/v1/reference/nav.json'].map((file) => ({ file, html: file.endsWith('.html') })) as unknown as SiteRoute[];

/** A page cache whose copies a "last build" wrote and stamped, and an empty run folder. */
async function lastBuild() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atrium-page-links-'));
  dirs.push(root);
  const cache = path.join(root, 'cache');
  for (const file of [...FILES, 'products/a/v1/reference/nav.json']) {
    await mkdir(path.dirname(path.join(copiesDir(cache), file)), { recursive: true });
    await writeFile(path.join(copiesDir(cache), file), `<p>${file}</p>`);
  }
  const stamps = new Map(Object.entries(stampCopies(cache, routes)));
  return { cache, site: path.join(root, 'site'), published: path.join(root, 'published'), stamps };
}

describe('kept pages linked from the page cache', () => {
  it('stamps the HTML pages only, and links each kept page: one file under both names', async () => {
    const { cache, site, stamps } = await lastBuild();
    expect([...stamps.keys()].sort()).toEqual([...FILES].sort());
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: site, kept: FILES.slice(1), stamps });
    expect(links).toMatchObject({ linked: 2, changed: 0 });
    for (const file of FILES.slice(1)) {
      expect((await stat(path.join(site, file))).ino).toBe((await stat(path.join(copiesDir(cache), file))).ino);
    }
    await expect(stat(path.join(site, 'index.html'))).rejects.toThrow(/ENOENT/);
  });

  it('links nothing without stamps (a cache from before them)', async () => {
    const { cache, site } = await lastBuild();
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: site, kept: FILES, stamps: undefined });
    expect(links.linked).toBe(0);
    await expect(stat(site)).rejects.toThrow(/ENOENT/);
  });

  it('deletes a copy changed since its stamp (a published page edited in place), so Astro renders that page again', async () => {
    const { cache, site, stamps } = await lastBuild();
    const edited = path.join(copiesDir(cache), 'products/a/index.html');
    await writeFile(edited, '<p>edited by a deploy step</p>');
    // Replaced by a file of the same size (written beside it and renamed over it, as `sed -i` does).
    const other = path.join(copiesDir(cache), 'index.html');
    await writeFile(`${other}.new`, '<p>index.htmX</p>');
    await rename(`${other}.new`, other);
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: site, kept: FILES, stamps });
    expect(links).toMatchObject({ linked: 1, changed: 2 });
    await expect(stat(edited)).rejects.toThrow(/ENOENT/);
    await expect(stat(path.join(site, 'products/a/index.html'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(site, 'products/a/v1/reference/list/index.html'), 'utf8')).toBe('<p>products/a/v1/reference/list/index.html</p>');
  });

  it('before a page renders, unlinks its copy and its linked file: writing them again leaves the published page as it was', async () => {
    const { cache, site, published, stamps } = await lastBuild();
    const file = 'products/a/index.html';
    // The last build published the page as a link to its copy.
    await mkdir(path.dirname(path.join(published, file)), { recursive: true });
    await link(path.join(copiesDir(cache), file), path.join(published, file));
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: site, kept: [file], stamps });
    expect(links.linked).toBe(1);
    links.beforeRender('/products/a/');
    // What Astro then does when it renders the page: writeFile into both names.
    await writeFile(path.join(site, file), '<p>new</p>');
    await writeFile(path.join(copiesDir(cache), file), '<p>new</p>');
    expect(await readFile(path.join(published, file), 'utf8')).toBe(`<p>${file}</p>`);
  });

  it('without stamps to link by, still unlinks the copy of a page before it renders', async () => {
    const { cache, published } = await lastBuild();
    const file = 'products/a/v1/reference/list/index.html';
    await mkdir(path.dirname(path.join(published, file)), { recursive: true });
    await link(path.join(copiesDir(cache), file), path.join(published, file));
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: path.join(cache, '..', 'site'), kept: [file], stamps: undefined });
    expect(links.linked).toBe(0);
    links.beforeRender('/products/a/v1/reference/list/');
    await writeFile(path.join(copiesDir(cache), file), '<p>new</p>');
    expect(await readFile(path.join(published, file), 'utf8')).toBe(`<p>${file}</p>`);
  });

  it('leaves the pages to Astro when the run folder is on another file system (no hard links there)', async () => {
    const { cache, stamps } = await lastBuild();
    const elsewhere = await mkdtemp(path.join('/dev/shm', 'atrium-page-links-'));
    dirs.push(elsewhere);
    expect((await stat(elsewhere)).dev).not.toBe((await stat(cache)).dev);
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: path.join(elsewhere, 'site'), kept: FILES, stamps });
    expect(links).toMatchObject({ linked: 0, changed: 0 });
    // Nothing is deleted from the cache: Astro copies every page from it.
    for (const file of FILES) expect((await stat(path.join(copiesDir(cache), file))).isFile()).toBe(true);
  });

  it('ignores a path that could name a file outside the site', async () => {
    const { cache, site, stamps } = await lastBuild();
    // Where `/../index.html` would lead from the cache's copies.
    const outside = path.join(cache, 'index.html');
    await writeFile(outside, 'not a page copy');
    const links = await linkKeptPages({ pageCacheDir: cache, siteDir: site, kept: [], stamps });
    links.beforeRender('/../index.html');
    links.beforeRender('products/a/');
    expect(await readFile(outside, 'utf8')).toBe('not a page copy');
    expect((await stat(path.join(copiesDir(cache), 'index.html'))).isFile()).toBe(true);
    expect((await stat(path.join(copiesDir(cache), 'products/a/index.html'))).isFile()).toBe(true);
  });
});
