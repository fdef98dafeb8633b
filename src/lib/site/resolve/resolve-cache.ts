/**
 * The costly results of resolving kept across builds by content hash: the diff of two versions'
 * specs, a version's environments with their gateway facts (and their hash), which schemas of a
 * spec get their own page, and the hashes of a spec that pages' inputs hashes are made of. A
 * rebuild after a doc edit finds every one unchanged and reads it back instead of comparing
 * specs, matching every operation against every route and hashing every spec again. The results are exactly what the computation gives: the
 * key covers every input it reads and the code that computes it (`code`, Atrium's fingerprint),
 * and values are stored with V8's serialisation, which keeps `undefined` fields as they were.
 *
 * Entries live in lib/serialised-cache.ts folders (bounded, written atomically; a corrupt entry
 * is a miss). Without a code fingerprint (a caller that cannot tell which code computed an entry)
 * nothing is cached.
 */
import path from 'node:path';
import type { ContentModel, GatewayLink } from '../../content/model.ts';
import { diffSpecs, type SpecDiff } from '../../diff/index.ts';
import type { ResolvedEnvironment } from '../../gateway/types.ts';
import type { SpecOperationRef } from '../../gateway/operation-facts.ts';
import { serialisedCache } from '../../serialised-cache.ts';
import { knownSchemaPages, listSchemaPages } from '../../reference/index.ts';
import { resolveVersionEnvironments } from '../environments.ts';
import type { SiteApi } from '../model.ts';
import { specInputs, type SpecInputs } from '../spec-inputs.ts';
import { hashValue, rememberHash } from '../value-hash.ts';

const MAX_BYTES = 128 * 2 ** 20;
const stored = <T>(dir: string) => serialisedCache<T>(dir, MAX_BYTES);

export interface ResolveCache {
  /** The component schemas that get their own page (reference/schema-pages.ts), of a spec with its index. */
  schemaPages(api: Pick<SiteApi, 'specHash' | 'openapi' | 'index'>): string[];
  diff(previous: SiteApi, current: SiteApi): SpecDiff;
  /** With its content hash kept (../value-hash.ts): the route table need not walk every gateway fact again. */
  environments(content: Pick<ContentModel, 'portal' | 'controlPlanes'>, links: readonly GatewayLink[], operations: readonly SpecOperationRef[]): ResolvedEnvironment[];
  /** The hashes of a spec that pages' inputs hashes are made of (../spec-inputs.ts). */
  specInputs(api: Pick<SiteApi, 'specHash' | 'bundled' | 'openapi' | 'index'>, schemaPages: readonly string[]): SpecInputs;
}

/** The computations themselves, for a build without a cache. */
export const NO_CACHE: ResolveCache = {
  schemaPages: (api) => listSchemaPages(api.openapi, api.index),
  diff: (previous, current) => diffSpecs(previous.openapi, current.openapi),
  environments: resolveVersionEnvironments,
  specInputs,
};

export function resolveCache(cacheDir: string, code: string | undefined): ResolveCache {
  if (code === undefined) return NO_CACHE;
  const diffs = stored<SpecDiff>(path.join(cacheDir, 'diffs'));
  const environments = stored<{ value: ResolvedEnvironment[]; hash: string }>(path.join(cacheDir, 'environments'));
  const schemaPages = stored<string[]>(path.join(cacheDir, 'schema-pages'));
  const specHashes = stored<SpecInputs>(path.join(cacheDir, 'spec-inputs'));
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
      const key = ['environments-with-hash', code, hashValue([content.portal.environments, links, planes, operations])];
      const { value, hash } = environments.get(key, () => {
        const value = resolveVersionEnvironments(content, links, operations);
        return { value, hash: hashValue(value) };
      });
      return rememberHash(value, hash);
    },
    specInputs(api, pages) {
      // The schema pages are of the spec too (above), so the spec hash covers them.
      return specHashes.get(['spec-inputs', code, api.specHash], () => specInputs(api, pages));
    },
  };
}
