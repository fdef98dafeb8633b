/**
 * The costly results of resolving kept across builds by content hash: the diff of two versions'
 * specs, a version's environments with their gateway facts, and which schemas of a spec get
 * their own page. A rebuild after a doc
 * edit finds every one unchanged and reads it back instead of comparing specs and matching every
 * operation against every route again. The results are exactly what the computation gives: the
 * key covers every input it reads and the code that computes it (`code`, Atrium's fingerprint),
 * and values are stored with V8's serialisation, which keeps `undefined` fields as they were.
 *
 * Entries live in lib/hashed-cache.ts folders (bounded, written atomically; a corrupt entry is a
 * miss). Without a code fingerprint (a caller that cannot tell which code computed an entry)
 * nothing is cached.
 */
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ContentModel, GatewayLink } from '../../content/model.ts';
import { diffSpecs, type SpecDiff } from '../../diff/index.ts';
import type { ResolvedEnvironment } from '../../gateway/types.ts';
import type { SpecOperationRef } from '../../gateway/operation-facts.ts';
import { createHashedCache } from '../../hashed-cache.ts';
import { knownSchemaPages, listSchemaPages } from '../../reference/index.ts';
import { resolveVersionEnvironments } from '../environments.ts';
import type { SiteApi } from '../model.ts';
import { hashValue } from '../value-hash.ts';

const MAX_BYTES = 128 * 2 ** 20;

export interface ResolveCache {
  /** The component schemas that get their own page (reference/schema-pages.ts), of a spec with its index. */
  schemaPages(api: Pick<SiteApi, 'specHash' | 'openapi' | 'index'>): string[];
  diff(previous: SiteApi, current: SiteApi): SpecDiff;
  environments(content: Pick<ContentModel, 'portal' | 'controlPlanes'>, links: readonly GatewayLink[], operations: readonly SpecOperationRef[]): ResolvedEnvironment[];
}

/** The computations themselves, for a build without a cache. */
export const NO_CACHE: ResolveCache = {
  schemaPages: (api) => listSchemaPages(api.openapi, api.index),
  diff: (previous, current) => diffSpecs(previous.openapi, current.openapi),
  environments: resolveVersionEnvironments,
};

export function resolveCache(cacheDir: string, code: string | undefined): ResolveCache {
  if (code === undefined) return NO_CACHE;
  const diffs = stored<SpecDiff>(path.join(cacheDir, 'diffs'));
  const environments = stored<ResolvedEnvironment[]>(path.join(cacheDir, 'environments'));
  const schemaPages = stored<string[]>(path.join(cacheDir, 'schema-pages'));
  // A decK file is hashed once per build however many versions link to it.
  const deckHashes = new WeakMap<object, string>();
  const deckHash = (deck: Record<string, unknown>) => {
    let hash = deckHashes.get(deck);
    if (hash === undefined) deckHashes.set(deck, (hash = hashValue(deck)));
    return hash;
  };
  return {
    schemaPages(api) {
      // Told to the reference code, whose pages and twins ask for the list again.
      const list = schemaPages.get(['schema-pages', code, api.specHash], () => listSchemaPages(api.openapi, api.index));
      knownSchemaPages(api.index, list);
      return list;
    },
    diff(previous, current) {
      return diffs.get(['diff', code, previous.specHash, current.specHash], () => NO_CACHE.diff(previous, current));
    },
    environments(content, links, operations) {
      const planes = links.map((link) => {
        const cp = content.controlPlanes.find((c) => c.name === link.control_plane);
        return cp ? [cp.name, deckHash(cp.deck)] : null;
      });
      const key = ['environments', code, hashValue([content.portal.environments, links, planes, operations])];
      return environments.get(key, () => resolveVersionEnvironments(content, links, operations));
    },
  };
}

function stored<T>(dir: string) {
  const cache = createHashedCache<string>(dir, (v) => (typeof v === 'string' ? v : undefined), { maxBytes: MAX_BYTES });
  return {
    get(parts: readonly string[], compute: () => T): T {
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
