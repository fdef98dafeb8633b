/**
 * The markdown twins kept between builds (src/builder/twin-store.ts): a later build links the
 * exact twin of each unchanged page into its output, computes a changed or unknown page's, never
 * writes through a twin an earlier output still publishes, and never reuses a twin that was
 * edited in place or written by a build that did not commit.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TwinStore } from '../../../src/builder/twin-store.ts';

let dir: string;
const twins = {
  '/': '# Portal\n',
  '/products/flights/': '# Flights — vols, 航班 ✈\n\nÜber alles.\n',
  '/products/flights/v1/reference/get-flight/': `# GET /flights/{id}\n\n${'x'.repeat(300_000)}\n`,
};
type Url = keyof typeof twins;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-twin-store-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const cache = () => path.join(dir, 'cache');
const twinIn = (out: string, url: string) => path.join(dir, out, ...url.split('/').filter(Boolean), 'index.md');

/** A build that computes every twin into `out` and commits. */
async function buildAll(out: string): Promise<void> {
  const store = new TwinStore(cache(), () => false);
  for (const [url, markdown] of Object.entries(twins)) await store.keep(url, Buffer.from(markdown), twinIn(out, url));
  await store.commit();
}

describe('twin store', () => {
  it('links the exact twin of each unchanged page into the next output, and nothing for a changed or unknown one', async () => {
    await buildAll('out-1');
    const later = new TwinStore(cache(), (url) => url !== '/');
    for (const url of ['/products/flights/', '/products/flights/v1/reference/get-flight/'] as Url[]) {
      const text = await later.placeKept(url, twinIn('out-2', url));
      expect(text?.()).toBe(twins[url]);
      expect(await fs.readFile(twinIn('out-2', url), 'utf8')).toBe(twins[url]);
      // One file under both outputs' names: nothing was copied.
      expect((await fs.stat(twinIn('out-2', url))).ino).toBe((await fs.stat(twinIn('out-1', url))).ino);
    }
    expect(await later.placeKept('/', twinIn('out-2', '/'))).toBeUndefined();
    expect(await later.placeKept('/products/other/', twinIn('out-2', '/products/other/'))).toBeUndefined();
    await expect(fs.stat(twinIn('out-2', '/'))).rejects.toThrow();
  });

  it('writes a changed twin as a new file: the earlier output keeps publishing its own text', async () => {
    await buildAll('out-1');
    const later = new TwinStore(cache(), (url) => url !== '/products/flights/');
    await later.keep('/products/flights/', Buffer.from('# Flights, edited\n'), twinIn('out-2', '/products/flights/'));
    await later.commit();
    expect(await fs.readFile(twinIn('out-1', '/products/flights/'), 'utf8')).toBe(twins['/products/flights/']);
    expect(await fs.readFile(twinIn('out-2', '/products/flights/'), 'utf8')).toBe('# Flights, edited\n');
    const third = new TwinStore(cache(), () => true);
    expect((await third.placeKept('/products/flights/', twinIn('out-3', '/products/flights/')))?.()).toBe('# Flights, edited\n');
  });

  it('does not reuse a twin edited in place in the output, nor one written by a build that did not commit', async () => {
    await buildAll('out-1');
    // A deploy step rewriting the published twin in place rewrites the cache's copy with it.
    await fs.appendFile(twinIn('out-1', '/'), 'tampered\n');
    const failed = new TwinStore(cache(), () => true);
    expect(await failed.placeKept('/', twinIn('out-2', '/'))).toBeUndefined();
    await failed.keep('/products/flights/', Buffer.from('# From a build that failed\n'), twinIn('out-2', '/products/flights/'));
    // not committed
    const next = new TwinStore(cache(), () => true);
    expect(await next.placeKept('/', twinIn('out-3', '/'))).toBeUndefined();
    expect(await next.placeKept('/products/flights/', twinIn('out-3', '/products/flights/'))).toBeUndefined();
    expect((await next.placeKept('/products/flights/v1/reference/get-flight/', twinIn('out-3', '/products/flights/v1/reference/get-flight/')))?.()).toBe(
      twins['/products/flights/v1/reference/get-flight/'],
    );
  });

  it("removes the copies of pages a committed build no longer has", async () => {
    await buildAll('out-1');
    const later = new TwinStore(cache(), () => true);
    await later.placeKept('/', twinIn('out-2', '/'));
    await later.commit();
    const copies = await fs.readdir(path.join(cache(), 'twin-copies'), { recursive: true });
    expect(copies.filter((f) => f.endsWith('index.md'))).toEqual(['index.md']);
  });

  it('never keeps a copy outside its folder for a URL that climbs out of it', async () => {
    const store = new TwinStore(cache(), () => false);
    const target = path.join(dir, 'out', 'odd', 'index.md');
    await store.keep('/../../escaped/', Buffer.from('# odd\n'), target);
    await store.commit();
    expect(await fs.readFile(target, 'utf8')).toBe('# odd\n');
    await expect(fs.stat(path.join(dir, 'escaped'))).rejects.toThrow();
    expect(await new TwinStore(cache(), () => true).placeKept('/../../escaped/', path.join(dir, 'out-2', 'index.md'))).toBeUndefined();
  });
});
