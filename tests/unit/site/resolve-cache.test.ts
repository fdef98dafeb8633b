/**
 * Resolve results kept across builds (src/lib/site/resolve/resolve-cache.ts): spec diffs,
 * environments with gateway facts and schema-page lists read back from the cache are exactly
 * what computing them gives, on the example portal (whose versions differ and link to decK
 * services); a changed input or other code misses, and a corrupt entry is computed again.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentModel } from '../../../src/lib/content/model.ts';
import { loadContent } from '../../../src/lib/content/load-content.ts';
import { filterForAudience } from '../../../src/lib/site/audience.ts';
import type { SiteApi } from '../../../src/lib/site/model.ts';
import { loadApis } from '../../../src/lib/site/resolve/apis.ts';
import { NO_CACHE, resolveCache } from '../../../src/lib/site/resolve/resolve-cache.ts';
import { hashOfKept, hashValue } from '../../../src/lib/site/value-hash.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../content');
let dir: string;
let content: ContentModel;
let flights: SiteApi[];
let linked: ContentModel['products'][number]['versions'][number];

async function entries(name: string): Promise<string[]> {
  const folders = await fs.readdir(path.join(dir, 'cache', name)).catch(() => [] as string[]);
  const files = await Promise.all(folders.map(async (f) => (await fs.readdir(path.join(dir, 'cache', name, f))).map((n) => path.join(dir, 'cache', name, f, n))));
  return files.flat().filter((f) => f.endsWith('.json'));
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-resolve-cache-'));
  content = await loadContent(CONTENT);
  const visible = filterForAudience(content, 'internal');
  const apis = await loadApis(content, visible, { cacheDir: path.join(dir, 'specs') });
  const product = visible.products.find((p) => p.slug === 'flights')!;
  flights = product.versions.map((v) => apis.byVersion.get(v)).filter((a): a is SiteApi => a !== undefined);
  linked = product.versions.find((v) => v.gateway_services.length > 0)!;
}, 60_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('resolve cache', () => {
  it('gives back exactly the computed diff, environments and schema pages, from disk in a later build', async () => {
    const [v1, v2] = flights as [SiteApi, SiteApi];
    const api = flights.find((a) => a.operations.length > 0)!;
    const operations = api.operations.filter((o) => o.kind === 'operation');
    const expected = {
      diff: NO_CACHE.diff(v1, v2),
      environments: NO_CACHE.environments(content, linked.gateway_services, operations),
      schemaPages: NO_CACHE.schemaPages(api),
      specInputs: NO_CACHE.specInputs(api, NO_CACHE.schemaPages(api)),
    };
    expect(expected.specInputs.slices.size).toBeGreaterThan(0);
    expect(expected.diff.changed.length + expected.diff.added.length).toBeGreaterThan(0);
    expect(expected.environments.length).toBeGreaterThan(0);
    const first = resolveCache(path.join(dir, 'cache'), 'code-1');
    expect(first.diff(v1, v2)).toStrictEqual(expected.diff);
    expect(first.environments(content, linked.gateway_services, operations)).toStrictEqual(expected.environments);
    expect(first.schemaPages(api)).toStrictEqual(expected.schemaPages);
    expect(first.specInputs(api, expected.schemaPages)).toStrictEqual(expected.specInputs);
    expect((await entries('diffs')).length).toBe(1);
    expect((await entries('environments')).length).toBe(1);
    expect((await entries('spec-inputs')).length).toBe(1);

    // A later build: a new cache object reads the entries back (no new entry is written).
    const later = resolveCache(path.join(dir, 'cache'), 'code-1');
    expect(later.diff(v1, v2)).toStrictEqual(expected.diff);
    const environments = later.environments(content, linked.gateway_services, operations);
    expect(environments).toStrictEqual(expected.environments);
    // Read back with the hash of its content, which the route table then need not compute.
    expect(hashOfKept(environments)).toBe(hashValue(expected.environments));
    expect(later.specInputs(api, expected.schemaPages)).toStrictEqual(expected.specInputs);
    expect((await entries('diffs')).length).toBe(1);
    expect((await entries('environments')).length).toBe(1);
    expect((await entries('spec-inputs')).length).toBe(1);
  });

  it('misses for other inputs or other code, and computes a corrupt entry again', async () => {
    const [v1, v2] = flights as [SiteApi, SiteApi];
    const cache = resolveCache(path.join(dir, 'cache'), 'code-1');
    const before = (await entries('diffs')).length;
    cache.diff(v2, v1);
    resolveCache(path.join(dir, 'cache'), 'code-2').diff(v1, v2);
    expect((await entries('diffs')).length).toBe(before + 2);
    const api = flights.find((a) => a.operations.length > 0)!;
    const fewer = api.operations.filter((o) => o.kind === 'operation').slice(1);
    const envBefore = (await entries('environments')).length;
    cache.environments(content, linked.gateway_services, fewer);
    expect((await entries('environments')).length).toBe(envBefore + 1);

    for (const file of await entries('diffs')) await fs.writeFile(file, '"not a serialised value"');
    expect(resolveCache(path.join(dir, 'cache'), 'code-1').diff(v1, v2)).toStrictEqual(NO_CACHE.diff(v1, v2));
  });

  it('caches nothing without a code fingerprint', async () => {
    await fs.rm(path.join(dir, 'none'), { recursive: true, force: true });
    const [v1, v2] = flights as [SiteApi, SiteApi];
    resolveCache(path.join(dir, 'none'), undefined).diff(v1, v2);
    await expect(fs.readdir(path.join(dir, 'none'))).rejects.toThrow();
  });
});
