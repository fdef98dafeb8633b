/**
 * Build results on disk by content hash: the key is the sha256 of everything that decides
 * the result (its input, the settings and the versions of the code that made it), so an
 * unchanged input is read back instead of recomputed and a changed character gives a new key.
 * Used for drawn diagrams (markdown/diagrams/diagram-cache.ts), bundled specs, resolved
 * models and kept parses: few entries, each worth its own file (many small ones go in packs,
 * ./packed-cache.ts). Entries are written to a temporary name and renamed, so a
 * crashed or parallel build never leaves half a file; a corrupt entry is a miss.
 *
 * With `maxBytes` the folder is bounded: least recently used entries (by modification time,
 * which a hit renews) are deleted once the entries pass `maxBytes`, down to three quarters
 * of it, so a sweep is rare. Without it the folder only grows (drawn diagrams: each costs a
 * browser render, and a portal has few).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface HashedCache<T> {
  key(parts: readonly string[]): string;
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

export function hashedCacheKey(parts: readonly string[]): string {
  // JSON keeps part boundaries unambiguous: ["ab","c"] ≠ ["a","bc"].
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface HashedCacheOptions {
  /** Bound on the entries' total bytes; the least recently used go first. */
  maxBytes?: number;
}

interface Entry {
  bytes: number;
  usedMs: number;
}

/** The entries on disk now, by file (a folder another process is sweeping may lose some meanwhile). */
function scanEntries(dir: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let folders: string[];
  try {
    folders = fs.readdirSync(dir);
  } catch {
    return entries; // no cache yet
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dir, folder));
    } catch {
      continue; // a stray file, or gone
    }
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(dir, folder, name);
      try {
        const stat = fs.statSync(file);
        entries.set(file, { bytes: stat.size, usedMs: stat.mtimeMs });
      } catch {
        // deleted meanwhile
      }
    }
  }
  return entries;
}

/** `accept` checks a parsed entry's shape and returns it, or `undefined` to treat it as a miss. */
export function createHashedCache<T>(dir: string, accept: (parsed: unknown) => T | undefined, options: HashedCacheOptions = {}): HashedCache<T> {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`);
  const { maxBytes } = options;
  // Read on first use: a build that never touches the cache pays nothing.
  let entries: Map<string, Entry> | undefined;
  let total = 0;
  function known(): Map<string, Entry> {
    if (!entries) {
      entries = scanEntries(dir);
      for (const entry of entries.values()) total += entry.bytes;
    }
    return entries;
  }
  function record(file: string, bytes: number, usedMs: number): void {
    const all = known();
    total += bytes - (all.get(file)?.bytes ?? 0);
    all.set(file, { bytes, usedMs });
    if (total > maxBytes!) sweep(all, file);
  }
  /** Never `just`, the entry being written or read: it is the newest use even when its time ties with older ones. */
  function sweep(all: Map<string, Entry>, just: string): void {
    const target = Math.floor(maxBytes! * 0.75);
    // Oldest first; ties by name, so two sweeps of the same folder delete the same entries.
    const oldest = [...all].sort(([fa, a], [fb, b]) => a.usedMs - b.usedMs || (fa < fb ? -1 : 1));
    for (const [file, entry] of oldest) {
      if (total <= target) break;
      if (file === just) continue;
      fs.rmSync(file, { force: true });
      all.delete(file);
      total -= entry.bytes;
    }
  }
  return {
    key: hashedCacheKey,
    get(key) {
      const file = fileOf(key);
      // A bounded cache has listed its entries: one not there is a miss without a failed read
      // (a cold build asks for every entry it is about to compute).
      if (maxBytes !== undefined && !known().has(file)) return undefined;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        return undefined; // missing: compute again
      }
      let value: T | undefined;
      try {
        value = accept(JSON.parse(text));
      } catch {
        return undefined; // corrupt: compute again (and overwrite)
      }
      if (value !== undefined && maxBytes !== undefined) {
        // A hit is a use: renew it so the sweep keeps what builds still read.
        const now = Date.now();
        try {
          fs.utimesSync(file, now / 1000, now / 1000);
        } catch {
          // swept by another build meanwhile: the value read is still good
        }
        record(file, Buffer.byteLength(text), now);
      }
      return value;
    },
    set(key, value) {
      const file = fileOf(key);
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const text = JSON.stringify(value);
      try {
        fs.writeFileSync(temp, text);
      } catch {
        // Make a folder only when writing into it fails, not before every entry.
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(temp, text);
      }
      fs.renameSync(temp, file);
      if (maxBytes !== undefined) record(file, Buffer.byteLength(text), Date.now());
    },
  };
}
