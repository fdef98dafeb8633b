/**
 * Computed values kept across builds by content hash (./hashed-cache.ts), stored with V8's
 * serialisation, which keeps `undefined` fields, Maps and Sets as they were: what is read back is
 * exactly what computing gives. The key covers every input and the code that computes the value
 * (the caller puts Atrium's code fingerprint among its parts). A corrupt entry is a miss.
 */
import { deserialize, serialize } from 'node:v8';
import { createHashedCache } from './hashed-cache.ts';

export interface SerialisedCache<T> {
  /** The value kept for `parts`, else `compute()`, kept for the next build. */
  get(parts: readonly string[], compute: () => T): T;
}

export function serialisedCache<T>(dir: string, maxBytes: number): SerialisedCache<T> {
  const cache = createHashedCache<string>(dir, (v) => (typeof v === 'string' ? v : undefined), { maxBytes });
  return {
    get(parts, compute) {
      const key = cache.key(parts);
      const hit = cache.get(key);
      if (hit !== undefined) {
        try {
          return deserialize(Buffer.from(hit, 'base64')) as T;
        } catch {
          // Not a value this Node writes: compute it again.
        }
      }
      const value = compute();
      cache.set(key, serialize(value).toString('base64'));
      return value;
    },
  };
}
