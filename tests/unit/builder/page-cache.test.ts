import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPageCache } from '../../../src/builder/page-cache.ts';
import type { SiteRoute } from '../../../src/lib/site/routes.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function cacheRoot(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atrium-page-cache-'));
  dirs.push(dir);
  return dir;
}

const routes = [{ file: 'index.html', inputsHash: 'h1' }] as unknown as SiteRoute[];

/** One successful build with `code`, leaving a page copy in Astro's folder. */
async function buildOnce(root: string, code: string) {
  const cache = await openPageCache(root, 'public', path.join(root, 'private'), code);
  await writeFile(path.join(cache.dir, 'page-copy.html'), '<p>kept</p>');
  await cache.commit(routes);
  await cache.release();
  return cache;
}

describe('page cache', () => {
  it('keeps the pages of the last successful build of the same Atrium code', async () => {
    const root = await cacheRoot();
    await buildOnce(root, 'code-a');
    const again = await openPageCache(root, 'public', path.join(root, 'private'), 'code-a');
    expect(again.previous?.get('index.html')).toBe('h1');
    expect(await readdir(again.dir)).toContain('page-copy.html');
    await again.release();
  });

  it('empties the pages kept by other Atrium code, so nothing it rendered is reused', async () => {
    const root = await cacheRoot();
    await buildOnce(root, 'code-a');
    const upgraded = await openPageCache(root, 'public', path.join(root, 'private'), 'code-b');
    expect(upgraded.previous).toBeUndefined();
    expect(await readdir(upgraded.dir)).not.toContain('page-copy.html');
    await upgraded.release();
  });

  it('empties what a failed build left', async () => {
    const root = await cacheRoot();
    const failed = await openPageCache(root, 'public', path.join(root, 'private'), 'code-a');
    await writeFile(path.join(failed.dir, 'half.html'), '<p>half</p>');
    await failed.release();
    const next = await openPageCache(root, 'public', path.join(root, 'private'), 'code-a');
    expect(await readdir(next.dir)).not.toContain('half.html');
    await next.release();
  });
});
