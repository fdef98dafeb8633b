/**
 * Issue 17 "search at scale" in Chromium: a large portal's index is split by product into
 * shards (src/lib/site/search-shards.ts), and the palette searches them as one. The example is
 * re-indexed eight pages to a shard, as a 15,000-page portal is split, with a word put into a
 * page whose product is in a shard other than pagefind/.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSearchIndex } from '../../src/builder/search-index.ts';
import { searchShardCount, searchShardFolder, searchShardOf } from '../../src/lib/site/search-shards.ts';
import { listFiles } from '../helpers/cli.ts';
import { servePortalBuild } from '../helpers/served-portal.ts';

const PER_SHARD = 8;
const WORD = 'quokkashard';
let inShard = '';
let shardFolder = '';

describe('a sharded search index in the palette', () => {
  const portal = servePortalBuild([], async (out) => {
    const pages = (await listFiles(out)).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
    const shards = searchShardCount(pages.length, PER_SHARD);
    inShard = pages.find((p) => p.includes('/docs/') && searchShardOf(p, shards) !== 0)!;
    shardFolder = searchShardFolder(searchShardOf(inShard, shards));
    const page = await fs.readFile(path.join(out, inShard), 'utf8');
    await fs.writeFile(path.join(out, inShard), page.replace('</main>', `<p>The ${WORD} paragraph.</p></main>`));
    await fs.rm(path.join(out, 'pagefind'), { recursive: true });
    const result = await writeSearchIndex({ siteDir: out, pagesPerShard: PER_SHARD });
    expect(result.shards).toBe(shards);
  });

  it('finds a page of another shard, fetching that shard’s data and no second copy of Pagefind', async () => {
    expect(shardFolder).toMatch(/^shard-\d+\/$/);
    const { page, errors, close } = await portal.open('/products/flights/docs/getting-started/', 1440, 'light');
    try {
      // Pagefind fetches from its worker: requests, not the page's resource timings, show those.
      const fetched: string[] = [];
      page.context().on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await page.keyboard.press('Control+K');
      await page.keyboard.type(WORD);
      const option = page.locator('#search-listbox [role="option"]').first();
      await option.waitFor({ timeout: 15_000 });
      expect(await option.getAttribute('href')).toBe(`/${inShard.replace(/index\.html$/, '')}`);
      expect(await option.locator('.excerpt mark').first().textContent()).toBe(WORD);
      expect(fetched.some((p) => p.startsWith(`/pagefind/${shardFolder}`) && p.endsWith('.pf_meta'))).toBe(true);
      expect(fetched.filter((p) => /\/pagefind\/shard-\d+\/.*\.(js|pagefind)$/.test(p))).toEqual([]);
      // The other shards are searched as before.
      await page.fill('#site-search-input', 'List scheduled flights from an airport');
      await expect.poll(() => page.locator('#search-listbox [role="option"] .search-title').first().textContent(), { timeout: 15_000 }).toMatch(/^List scheduled flights/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
