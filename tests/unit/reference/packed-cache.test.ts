/**
 * Many small entries in packs (lib/packed-cache.ts, used for highlighted reference code): a
 * set entry reads back at once and from a later build, thousands of entries make a few files,
 * the bound deletes the least recently used packs, and a broken pack or entry is a miss.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createPackedCache } from '../../../src/lib/packed-cache.ts';

const accept = (parsed: unknown) => (typeof parsed === 'string' ? parsed : undefined);
const value = (c: string) => c.repeat(998);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-packed-'));
const packs = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.pack')).sort() : []);
const bytes = (dir: string) => packs(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);

describe('a packed cache', () => {
  it('reads a set entry back at once, writes thousands in a few packs, and a later build reads them all', async () => {
    const dir = tmp();
    const cache = createPackedCache(dir, accept, { maxBytes: 64 * 2 ** 20, packBytes: 1 << 20 });
    const keys = Array.from({ length: 3000 }, (_, i) => cache.key([String(i)]));
    keys.forEach((key, i) => cache.set(key, value(String(i % 10)) + i));
    expect(cache.get(keys[1234]!)).toBe(value('4') + 1234); // before any write finished
    await cache.settled();
    // ~3 MB of entries in 1 MiB packs: three or four files, no temporary left.
    expect(packs(dir).length).toBeGreaterThanOrEqual(3);
    expect(packs(dir).length).toBeLessThanOrEqual(4);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const later = createPackedCache(dir, accept, { maxBytes: 64 * 2 ** 20 });
    expect(keys.every((key, i) => later.get(key) === value(String(i % 10)) + i)).toBe(true);
    expect(later.get(cache.key(['never set']))).toBeUndefined();
  });

  it('writes the last few entries by itself, without being asked to settle', async () => {
    const dir = tmp();
    const cache = createPackedCache(dir, accept, { maxBytes: 1 << 20, flushAfterMs: 20 });
    cache.set(cache.key(['a']), value('a'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(packs(dir)).toHaveLength(1);
    expect(createPackedCache(dir, accept, { maxBytes: 1 << 20 }).get(cache.key(['a']))).toBe(value('a'));
  });

  it('a process that sets entries and ends leaves them on disk', async () => {
    const dir = tmp();
    const script = `import { createPackedCache } from ${JSON.stringify(path.resolve('src/lib/packed-cache.ts'))};
      const cache = createPackedCache(${JSON.stringify(dir)}, (v) => v, { maxBytes: 1 << 20 });
      cache.set(cache.key(['x']), 'kept');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    expect(createPackedCache(dir, accept, { maxBytes: 1 << 20 }).get(createPackedCache(dir, accept, { maxBytes: 1 }).key(['x']))).toBe('kept');
  });

  it('past the bound deletes the least recently used packs, keeping one a later build read', async () => {
    const dir = tmp();
    const first = createPackedCache(dir, accept, { maxBytes: 10_000 });
    const [a, b, c] = ['a', 'b', 'c'].map((k) => first.key([k])) as [string, string, string];
    for (const [key, letter] of [[a, 'a'], [b, 'b'], [c, 'c']] as const) {
      first.set(key, value(letter));
      await first.settled(); // one pack each
    }
    const [pa, pb, pc] = [a, b, c].map((key) => packs(dir).find((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(key))!);
    fs.utimesSync(path.join(dir, pa!), Date.now() / 1000 - 300, Date.now() / 1000 - 300);
    fs.utimesSync(path.join(dir, pb!), Date.now() / 1000 - 200, Date.now() / 1000 - 200);
    fs.utimesSync(path.join(dir, pc!), Date.now() / 1000 - 100, Date.now() / 1000 - 100);

    // A later build reads `a` (the oldest pack), then writes more than the bound allows.
    const later = createPackedCache(dir, accept, { maxBytes: 3500 });
    expect(later.get(a)).toBe(value('a'));
    const d = later.key(['d']);
    later.set(d, value('d'));
    await later.settled();
    expect([a, b, c, d].map((k) => later.get(k) !== undefined)).toEqual([true, false, false, true]);
    expect(bytes(dir)).toBeLessThanOrEqual(3500);
    expect(packs(dir)).toHaveLength(2);
  });

  it('a pack without a whole header is deleted, a corrupt entry is a miss, and the old layout is cleared', async () => {
    const dir = tmp();
    const cache = createPackedCache(dir, accept, { maxBytes: 1 << 20 });
    const [a, b] = [cache.key(['a']), cache.key(['b'])];
    cache.set(a, value('a'));
    cache.set(b, value('b'));
    await cache.settled();
    const [pack] = packs(dir);
    const text = fs.readFileSync(path.join(dir, pack!), 'utf8');
    // `a`'s entry loses its closing quote (same length, so `b`'s offset holds).
    fs.writeFileSync(path.join(dir, pack!), text.replace(`${value('a')}"`, `${value('a')}x`));
    fs.writeFileSync(path.join(dir, 'truncated.pack'), '[["abc",');
    fs.mkdirSync(path.join(dir, 'ab'));
    fs.writeFileSync(path.join(dir, 'ab', `${'ab'.padEnd(64, '0')}.json`), '"old"');

    const later = createPackedCache(dir, accept, { maxBytes: 1 << 20 });
    expect(later.get(a)).toBeUndefined();
    expect(later.get(b)).toBe(value('b'));
    expect(fs.existsSync(path.join(dir, 'truncated.pack'))).toBe(false);
    await vi.waitFor(() => expect(fs.existsSync(path.join(dir, 'ab'))).toBe(false));
  });

  it('a temporary file of a process that is gone is deleted; one of a running process is not', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, `x.pack.${process.pid}.abc.tmp`), 'being written');
    fs.writeFileSync(path.join(dir, 'y.pack.999999999.abc.tmp'), 'abandoned');
    createPackedCache(dir, accept, { maxBytes: 1 << 20 }).get('0'.repeat(64));
    expect(fs.readdirSync(dir).sort()).toEqual([`x.pack.${process.pid}.abc.tmp`]);
  });
});
