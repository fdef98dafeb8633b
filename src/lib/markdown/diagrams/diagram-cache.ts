/**
 * Rendered diagrams on disk, keyed by sha256 of everything that decides the drawing
 * (kind, source, theme settings, renderer versions). An unchanged diagram is read back
 * instead of rendered; a changed character gives a new key. Entries are written to a
 * temporary name and renamed, so a crashed or parallel build never leaves half a file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface CachedDrawing {
  light: string;
  dark?: string;
}

export interface DiagramCache {
  key(parts: readonly string[]): string;
  get(key: string): CachedDrawing | undefined;
  set(key: string, drawing: CachedDrawing): void;
}

export function diagramCacheKey(parts: readonly string[]): string {
  // JSON keeps part boundaries unambiguous: ["ab","c"] ≠ ["a","bc"].
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function createDiagramCache(dir: string): DiagramCache {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`);
  return {
    key: diagramCacheKey,
    get(key) {
      try {
        const parsed = JSON.parse(fs.readFileSync(fileOf(key), 'utf8')) as Partial<CachedDrawing>;
        return typeof parsed.light === 'string' ? { light: parsed.light, ...(typeof parsed.dark === 'string' ? { dark: parsed.dark } : {}) } : undefined;
      } catch {
        return undefined; // missing or corrupt: render again
      }
    },
    set(key, drawing) {
      const file = fileOf(key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(drawing));
      fs.renameSync(temp, file);
    },
  };
}
