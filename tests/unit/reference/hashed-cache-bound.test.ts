/**
 * A bounded hashed cache (lib/hashed-cache.ts `maxBytes`, used for highlighted reference
 * code): past the bound the least recently used entries are deleted, a hit counts as a use,
 * and a later build sees what earlier ones left.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHashedCache } from '../../../src/lib/hashed-cache.ts';

const accept = (parsed: unknown) => (typeof parsed === 'string' ? parsed : undefined);
/** An entry of exactly 1,000 bytes on disk (JSON string of 998 characters). */
const value = (c: string) => c.repeat(998);

function files(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')) : [];
}
function bytes(dir: string): number {
  return files(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}
/** Sets an entry's last use `ageSeconds` ago, as an earlier build would have left it. */
function age(dir: string, key: string, ageSeconds: number) {
  const when = Date.now() / 1000 - ageSeconds;
  fs.utimesSync(path.join(dir, key.slice(0, 2), `${key}.json`), when, when);
}

describe('a bounded hashed cache', () => {
  it('never holds more than the bound after a write, deleting the least recently used first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bound-'));
    const cache = createHashedCache(dir, accept, { maxBytes: 5000 });
    const keys = 'abcdefghij'.split('').map((c) => cache.key([c]));
    keys.forEach((key, i) => {
      cache.set(key, value(String(i)));
      age(dir, key, 100 - i); // written in order: the first is the oldest
      expect(bytes(dir)).toBeLessThanOrEqual(5000);
    });
    // The last write went past 5,000 once, at most a quarter below remains, newest kept.
    expect(cache.get(keys[9]!)).toBe(value('9'));
    expect(cache.get(keys[0]!)).toBeUndefined();
  });

  it('keeps an entry a build read over older writes, across builds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bound-'));
    const first = createHashedCache(dir, accept, { maxBytes: 4000 });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => first.key([k])) as [string, string, string, string];
    first.set(a, value('a'));
    first.set(b, value('b'));
    first.set(c, value('c'));
    age(dir, a, 300);
    age(dir, b, 200);
    age(dir, c, 100);

    // A later build reads `a` (the oldest write), then adds `d`: 4,000 bytes is not past the bound.
    const later = createHashedCache(dir, accept, { maxBytes: 4000 });
    expect(later.get(a)).toBe(value('a'));
    later.set(d, value('d'));
    expect(files(dir)).toHaveLength(4);

    // One more entry passes it: `b` and `c` (least recently used) go, `a` was read, so it stays.
    const e = later.key(['e']);
    later.set(e, value('e'));
    expect([a, b, c, d, e].map((k) => later.get(k) !== undefined)).toEqual([true, false, false, true, true]);
    expect(bytes(dir)).toBeLessThanOrEqual(3000);
  });

  it('deletes nothing without a bound', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bound-'));
    const cache = createHashedCache(dir, accept);
    for (const c of 'abcdefghij') cache.set(cache.key([c]), value(c));
    expect(files(dir)).toHaveLength(10);
  });

  it('a bounded cache answers a miss from its listing, without reading the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bound-'));
    const cache = createHashedCache(dir, accept, { maxBytes: 10_000 });
    cache.set(cache.key(['a']), value('a'));
    const reads = vi.spyOn(fs, 'readFileSync');
    expect(cache.get(cache.key(['missing']))).toBeUndefined();
    expect(reads).not.toHaveBeenCalled();
    expect(cache.get(cache.key(['a']))).toBe(value('a'));
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });
});
