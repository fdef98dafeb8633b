import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneShards, restoreShard, shardDigest, writeShard } from '../../../src/builder/search-shard-cache.ts';

const files = [
  { path: 'pagefind-entry.json', content: Buffer.from('{"version":"1"}') },
  { path: 'fragment/en_1.pf_fragment', content: Buffer.from('one') },
  { path: 'index/en_2.pf_index', content: Buffer.from('two') },
];

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await fs.readFile(path.join(e.parentPath, e.name), 'utf8');
  return out;
}

describe('the search shard cache', () => {
  it('digests the folder and each record, so any change is another shard', () => {
    const base = shardDigest('shard-1/', [['a/index.html', '<p>x</p>']]);
    expect(shardDigest('shard-1/', [['a/index.html', '<p>x</p>']])).toBe(base);
    expect(shardDigest('shard-2/', [['a/index.html', '<p>x</p>']])).not.toBe(base);
    expect(shardDigest('shard-1/', [['a/index.html', '<p>y</p>']])).not.toBe(base);
    expect(shardDigest('shard-1/', [['b/index.html', '<p>x</p>']])).not.toBe(base);
    // Path and record are delimited: moving a character from one to the other changes the digest.
    expect(shardDigest('', [['ab', 'c']])).not.toBe(shardDigest('', [['a', 'bc']]));
  });

  it('writes a shard to the cache, links it into the site, restores it while it is as written, and prunes what a build did not use', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-shard-cache-'));
    const cacheDir = path.join(root, 'cache');
    const site = path.join(root, 'site', 'pagefind', 'shard-1');
    expect(await restoreShard(cacheDir, 'abc', site)).toBe(false);
    await writeShard(files, site, { cacheDir, digest: 'abc' });
    const written = await tree(site);
    expect(Object.keys(written).sort()).toEqual(files.map((f) => f.path).sort());

    // The site's file is the kept one under another name ...
    const kept = path.join(cacheDir, 'search', 'shards', 'abc');
    expect((await fs.stat(path.join(site, 'index/en_2.pf_index'))).ino).toBe((await fs.stat(path.join(kept, 'index/en_2.pf_index'))).ino);
    const again = path.join(root, 'again');
    expect(await restoreShard(cacheDir, 'abc', again)).toBe(true);
    expect(await tree(again)).toEqual(written);
    // ... so a published file edited in place (which edits the kept one) is not restored: the
    // shard is dropped from the cache, to be indexed again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fs.writeFile(path.join(site, 'index/en_2.pf_index'), 'edited in place');
    expect(await restoreShard(cacheDir, 'abc', path.join(root, 'third'))).toBe(false);
    await expect(fs.stat(kept)).rejects.toThrow();
    await writeShard(files, site.replace('shard-1', 'shard-1b'), { cacheDir, digest: 'abc' });

    // A temporary folder left by a stopped build and a shard no longer used go; the used one stays.
    await writeShard(files, path.join(root, 'other'), { cacheDir, digest: 'def' });
    await fs.mkdir(path.join(cacheDir, 'search', 'shards', '.ghi.123.tmp'));
    await pruneShards(cacheDir, new Set(['abc']));
    expect(await fs.readdir(path.join(cacheDir, 'search', 'shards'))).toEqual(['abc']);
    await fs.rm(root, { recursive: true, force: true });
  });
});
