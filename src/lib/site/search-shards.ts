/**
 * Which search index a page goes into. Pagefind builds an index from all of its pages at once
 * and cannot update one: a portal in one index re-indexes every page after any edit (about
 * 20 s of Pagefind's time for 15,000 pages). So a large portal's index is split by product
 * into shards: an edit re-indexes the shard of the product it touched, and the others are the
 * previous build's files. The reader's search merges the shards (Pagefind's mergeIndex), so it
 * finds what one index would; each shard it merges costs one more small request per query,
 * which is why a portal is split only when it is large, and into few shards.
 *
 * Shard 0 is `pagefind/` itself (Pagefind's code and the pages outside any product); shard N
 * is `pagefind/shard-N/`, data only, listed in `pagefind/shards.json`. A product's shard is a
 * hash of its slug, so it stays in its shard as others come and go; the number of shards is a
 * power of two that grows with the portal, so it changes only when the portal doubles.
 */

/** Pages per shard a portal may reach before its index is split further. */
export const PAGES_PER_SEARCH_SHARD = 2000;

/** The file listing the shards to merge (folders relative to `pagefind/`). */
export const SEARCH_SHARDS_FILE = 'shards.json';

/** How many shards an index of `pages` HTML pages is split into: 1, 2, 4, 8, … */
export function searchShardCount(pages: number, perShard = PAGES_PER_SEARCH_SHARD): number {
  let shards = 1;
  while (shards * perShard < pages) shards *= 2;
  return shards;
}

/** The shard of a site-relative HTML file (`products/x/v1/reference/op/index.html`). */
export function searchShardOf(file: string, shards: number): number {
  const product = /^products\/([^/]+)\//.exec(file)?.[1];
  if (shards === 1 || product === undefined) return 0;
  // FNV-1a: the same shard on every machine and run, unlike anything seeded.
  let hash = 0x811c9dc5;
  for (let i = 0; i < product.length; i++) hash = Math.imul(hash ^ product.charCodeAt(i), 0x01000193) >>> 0;
  return hash % shards;
}

/** The shard's folder under `pagefind/`: '' for shard 0, `shard-N/` for the others. */
export function searchShardFolder(shard: number): string {
  return shard === 0 ? '' : `shard-${shard}/`;
}

/** The folders `pagefind/shards.json` may name: nothing else is merged, by the palette or by `atrium mcp`. */
export function isSearchShardFolder(name: unknown): name is string {
  return typeof name === 'string' && /^shard-[1-9][0-9]{0,5}\/$/.test(name);
}
