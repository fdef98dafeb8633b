/**
 * What a build wrote into the cache folder, by area (`specs`, `diagrams`, …). Compared
 * before and after a warm build, it shows independently of the CLI's own counters whether
 * an unchanged spec was parsed again (the spec loader rewrites its entry after every
 * uncached load) or an unchanged diagram rendered again.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type CacheSnapshot = Map<string, string>;

export async function snapshotCache(dir: string): Promise<CacheSnapshot> {
  const snapshot: CacheSnapshot = new Map();
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        const s = await stat(full);
        snapshot.set(path.relative(dir, full).split(path.sep).join('/'), `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return snapshot;
}

/** Files added or rewritten between two snapshots, counted by top-level folder. */
export function cacheWrites(before: CacheSnapshot, after: CacheSnapshot): Record<string, number> {
  const writes: Record<string, number> = {};
  for (const [file, stamp] of after) {
    if (before.get(file) === stamp) continue;
    const area = file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
    writes[area] = (writes[area] ?? 0) + 1;
  }
  return writes;
}
