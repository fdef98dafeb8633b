/**
 * Build results on disk by content hash: the key is the sha256 of everything that decides
 * the result (its input, the settings and the versions of the code that made it), so an
 * unchanged input is read back instead of recomputed and a changed character gives a new key.
 * Used for drawn diagrams (markdown/diagrams/diagram-cache.ts) and highlighted reference code
 * (reference/code-highlight.ts). Entries are written to a temporary name and renamed, so a
 * crashed or parallel build never leaves half a file; a corrupt entry is a miss.
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

/** `accept` checks a parsed entry's shape and returns it, or `undefined` to treat it as a miss. */
export function createHashedCache<T>(dir: string, accept: (parsed: unknown) => T | undefined): HashedCache<T> {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`);
  return {
    key: hashedCacheKey,
    get(key) {
      try {
        return accept(JSON.parse(fs.readFileSync(fileOf(key), 'utf8')));
      } catch {
        return undefined; // missing or corrupt: compute again
      }
    },
    set(key, value) {
      const file = fileOf(key);
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const text = JSON.stringify(value);
      try {
        fs.writeFileSync(temp, text);
      } catch {
        // A large spec writes tens of thousands of entries into 256 folders: make a folder
        // only when writing into it fails, not before every entry.
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(temp, text);
      }
      fs.renameSync(temp, file);
    },
  };
}
