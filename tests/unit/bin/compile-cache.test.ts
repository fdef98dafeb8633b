import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneCompileCache as prune } from '../../../bin/compile-cache.js';

describe('the CLI compile cache', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** `count` entries in a Node version's folder, entry i last used i minutes after the first. */
  function cacheWith(count: number): string[] {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
    const folder = path.join(dir, 'v24.0.0-x64-abc-0');
    fs.mkdirSync(folder);
    const start = Date.now() / 1000 - 86_400;
    return Array.from({ length: count }, (_, i) => {
      const file = path.join(folder, `entry${i}`);
      fs.writeFileSync(file, 'x');
      fs.utimesSync(file, start + i * 60, start + i * 60);
      return file;
    });
  }

  it('leaves a cache at or below the limit as it is', () => {
    const files = cacheWith(10);
    expect(prune(dir, { above: 10, keep: 4 })).toBe(0);
    expect(files.filter((f) => fs.existsSync(f))).toHaveLength(10);
  });

  it('past the limit, keeps the most recently used entries, across Node versions', () => {
    const files = cacheWith(12);
    // An older Node's folder: its entries are the least recently used of all.
    const old = path.join(dir, 'v22.0.0-x64-def-0');
    fs.mkdirSync(old);
    fs.writeFileSync(path.join(old, 'stale'), 'x');
    fs.utimesSync(path.join(old, 'stale'), 1000, 1000);
    expect(prune(dir, { above: 10, keep: 5 })).toBe(8);
    expect(fs.existsSync(path.join(old, 'stale'))).toBe(false);
    expect(files.filter((f) => fs.existsSync(f))).toEqual(files.slice(7));
  });
});
