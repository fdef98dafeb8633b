/**
 * Site files kept between builds (src/builder/kept-files.ts): a later build links the exact
 * file kept under the same key into its output, computes a file whose key changed or that was
 * never kept, never writes through a file an earlier output still publishes, and never reuses a
 * file that was edited in place or written by a build that did not commit.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeptSiteFiles } from '../../../src/builder/kept-files.ts';

let dir: string;
/** Site path → [key, text]: twins keyed by their page's inputs hash, a spec download by its spec's hash. */
const files = {
  '/index.md': ['page-hash-1', '# Portal\n'],
  '/products/flights/index.md': ['page-hash-2', '# Flights — vols, 航班 ✈\n\nÜber alles.\n'],
  '/products/flights/v1/reference/get-flight/index.md': ['page-hash-3', `# GET /flights/{id}\n\n${'x'.repeat(300_000)}\n`],
  '/products/flights/v1/openapi.json': ['spec:abc', '{\n  "openapi": "3.1.0"\n}\n'],
} as const;
type SitePath = keyof typeof files;
const sitePaths = Object.keys(files) as SitePath[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-kept-files-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cache = () => path.join(dir, 'cache');
const fileIn = (out: string, sitePath: string) => path.join(dir, out, ...sitePath.split('/').filter(Boolean));

/** A build that makes every file into `out` and commits. */
async function buildAll(out: string): Promise<void> {
  const store = new KeptSiteFiles(cache());
  for (const sitePath of sitePaths) await store.keep(sitePath, files[sitePath][0], Buffer.from(files[sitePath][1]), fileIn(out, sitePath));
  await store.commit();
}

describe('kept site files', () => {
  it('links the exact file kept under the same key into the next output, and nothing for another key or an unknown file', async () => {
    await buildAll('out-1');
    const later = new KeptSiteFiles(cache());
    for (const sitePath of sitePaths.slice(1)) {
      const text = await later.placeKept(sitePath, files[sitePath][0], fileIn('out-2', sitePath));
      expect(text?.()).toBe(files[sitePath][1]);
      expect(await fs.readFile(fileIn('out-2', sitePath), 'utf8')).toBe(files[sitePath][1]);
      // One file under both outputs' names: nothing was copied.
      expect((await fs.stat(fileIn('out-2', sitePath))).ino).toBe((await fs.stat(fileIn('out-1', sitePath))).ino);
    }
    expect(await later.placeKept('/index.md', 'page-hash-changed', fileIn('out-2', '/index.md'))).toBeUndefined();
    expect(await later.placeKept('/products/other/index.md', 'page-hash-1', fileIn('out-2', '/products/other/index.md'))).toBeUndefined();
    await expect(fs.stat(fileIn('out-2', '/index.md'))).rejects.toThrow();
  });

  it('writes a changed file as a new file: the earlier output keeps publishing its own text', async () => {
    await buildAll('out-1');
    const sitePath = '/products/flights/index.md';
    const later = new KeptSiteFiles(cache());
    await later.keep(sitePath, 'page-hash-2b', Buffer.from('# Flights, edited\n'), fileIn('out-2', sitePath));
    await later.commit();
    expect(await fs.readFile(fileIn('out-1', sitePath), 'utf8')).toBe(files[sitePath][1]);
    expect(await fs.readFile(fileIn('out-2', sitePath), 'utf8')).toBe('# Flights, edited\n');
    const third = new KeptSiteFiles(cache());
    expect((await third.placeKept(sitePath, 'page-hash-2b', fileIn('out-3', sitePath)))?.()).toBe('# Flights, edited\n');
    expect(await third.placeKept(sitePath, 'page-hash-2', fileIn('out-3b', sitePath))).toBeUndefined();
  });

  it('does not reuse a file edited in place in the output, nor one written by a build that did not commit', async () => {
    await buildAll('out-1');
    // A deploy step rewriting the published file in place rewrites the cache's copy with it.
    await fs.appendFile(fileIn('out-1', '/index.md'), 'tampered\n');
    const failed = new KeptSiteFiles(cache());
    expect(await failed.placeKept('/index.md', 'page-hash-1', fileIn('out-2', '/index.md'))).toBeUndefined();
    await failed.keep('/products/flights/index.md', 'page-hash-2', Buffer.from('# From a build that failed\n'), fileIn('out-2', '/products/flights/index.md'));
    // not committed
    const next = new KeptSiteFiles(cache());
    expect(await next.placeKept('/index.md', 'page-hash-1', fileIn('out-3', '/index.md'))).toBeUndefined();
    expect(await next.placeKept('/products/flights/index.md', 'page-hash-2', fileIn('out-3', '/products/flights/index.md'))).toBeUndefined();
    const spec = '/products/flights/v1/openapi.json';
    expect((await next.placeKept(spec, 'spec:abc', fileIn('out-3', spec)))?.()).toBe(files[spec][1]);
  });

  it('removes the copies of files a committed build no longer has', async () => {
    await buildAll('out-1');
    const later = new KeptSiteFiles(cache());
    await later.placeKept('/index.md', 'page-hash-1', fileIn('out-2', '/index.md'));
    await later.commit();
    const copies = await fs.readdir(path.join(cache(), 'kept-files'), { recursive: true });
    expect(copies.filter((f) => f.includes('.'))).toEqual(['index.md']);
  });

  it('never keeps a copy outside its folder for a path that climbs out of it', async () => {
    const store = new KeptSiteFiles(cache());
    const target = path.join(dir, 'out', 'odd', 'index.md');
    await store.keep('/../../escaped/index.md', 'k', Buffer.from('# odd\n'), target);
    await store.commit();
    expect(await fs.readFile(target, 'utf8')).toBe('# odd\n');
    await expect(fs.stat(path.join(dir, 'escaped'))).rejects.toThrow();
    expect(await new KeptSiteFiles(cache()).placeKept('/../../escaped/index.md', 'k', path.join(dir, 'out-2', 'index.md'))).toBeUndefined();
  });
});
