/**
 * Rendered diagrams on disk (lib/hashed-cache.ts), keyed by sha256 of everything that decides
 * the drawing (kind, source, theme settings, renderer versions). An unchanged diagram is read
 * back instead of rendered; a changed character gives a new key.
 */
import { createHashedCache, hashedCacheKey, type HashedCache } from '../../hashed-cache.ts';

export interface CachedDrawing {
  light: string;
  dark?: string;
}

export type DiagramCache = HashedCache<CachedDrawing>;

export const diagramCacheKey = hashedCacheKey;

export function createDiagramCache(dir: string): DiagramCache {
  return createHashedCache(dir, (parsed) => {
    const entry = parsed as Partial<CachedDrawing> | null;
    if (typeof entry?.light !== 'string') return undefined;
    return { light: entry.light, ...(typeof entry.dark === 'string' ? { dark: entry.dark } : {}) };
  });
}
