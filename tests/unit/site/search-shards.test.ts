import { describe, expect, it } from 'vitest';
import { isSearchShardFolder, searchShardCount, searchShardFolder, searchShardOf } from '../../../src/lib/site/search-shards.ts';

describe('search shards', () => {
  it('splits only a portal larger than a shard, into a power of two that changes only when the portal doubles', () => {
    expect(searchShardCount(0)).toBe(1);
    expect(searchShardCount(2000)).toBe(1);
    expect(searchShardCount(2001)).toBe(2);
    expect(searchShardCount(4000)).toBe(2);
    expect(searchShardCount(4001)).toBe(4);
    expect(searchShardCount(15002)).toBe(8);
    expect(searchShardCount(60, 8)).toBe(8);
  });

  it('keeps a product in one shard whatever else the portal holds, and pages outside products in pagefind/ itself', () => {
    const shards = 8;
    const of = (file: string) => searchShardOf(file, shards);
    expect(of('products/payments-001/docs/guides/index.html')).toBe(of('products/payments-001/v2/reference/list-payments/index.html'));
    expect(of('products/payments-001/index.html')).toBe(of('products/payments-001/docs/index.html'));
    expect(of('index.html')).toBe(0);
    expect(of('404.html')).toBe(0);
    expect(of('docs/intro/index.html')).toBe(0);
    expect(searchShardOf('products/payments-001/index.html', 1)).toBe(0);
    // Products spread over the shards: 100 products leave none empty.
    const used = new Set(Array.from({ length: 100 }, (_, i) => of(`products/product-${String(i).padStart(3, '0')}/index.html`)));
    expect(used.size).toBe(shards);
    // The same on every run and machine: FNV-1a of the slug (0xbf9cf968 is its published value for "foobar").
    expect(searchShardOf('products/foobar/index.html', 1 << 20)).toBe(0xbf9cf968 % (1 << 20));
  });

  it('names shard folders, and accepts only those names from shards.json', () => {
    expect(searchShardFolder(0)).toBe('');
    expect(searchShardFolder(3)).toBe('shard-3/');
    for (const good of ['shard-1/', 'shard-7/', 'shard-1024/']) expect(isSearchShardFolder(good), good).toBe(true);
    for (const bad of ['', 'shard-0/', 'shard-1', '../', 'shard-1/../../', '/etc/', 'shard-01/', 'https://elsewhere/', 3, null]) expect(isSearchShardFolder(bad), String(bad)).toBe(false);
  });
});
