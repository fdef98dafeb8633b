/**
 * Resolve phase "specs": every visible version's spec loaded (bundling cached by content
 * hash) and indexed for the reference. A spec that does not load leaves its version without
 * an `api`; its diagnostics say why.
 */
import type { ContentModel, VersionEntry } from '../../content/model.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { loadSpec } from '../../openapi/index.ts';
import { buildReferenceIndex } from '../../reference/index.ts';
import type { SiteApi } from '../model.ts';
import { createProgress } from '../progress.ts';
import { mapConcurrently } from '../../map-concurrently.ts';
import { NO_CACHE, type ResolveCache } from './resolve-cache.ts';

const SPECS_AT_ONCE = 4;

export interface LoadedApis {
  byVersion: Map<VersionEntry, SiteApi>;
  diagnostics: Diagnostic[];
  operations: number;
}

export async function loadApis(
  content: ContentModel,
  visible: ContentModel,
  options: { cacheDir: string; onProgress?: (line: string) => void; cache?: ResolveCache },
): Promise<LoadedApis> {
  const byVersion = new Map<VersionEntry, SiteApi>();
  const diagnostics: Diagnostic[] = [];
  let operations = 0;
  const withSpec = visible.products.flatMap((p) => p.versions.flatMap((version) => (version.spec ? [{ version, spec: version.spec }] : [])));
  const progress = createProgress('specs', withSpec.length, options.onProgress);
  // A few at a time: a spec read back from the cache mostly waits on the disk. Indexed in order.
  const results = await mapConcurrently(withSpec, SPECS_AT_ONCE, async ({ spec }) => {
    const result = await loadSpec({ root: content.root, file: spec, cacheDir: options.cacheDir });
    progress.tick();
    return result;
  });
  for (const [i, { version }] of withSpec.entries()) {
    const result = results[i]!;
    diagnostics.push(...result.diagnostics);
    if (!result.spec) continue;
    const index = buildReferenceIndex(result.spec.openapi);
    byVersion.set(version, {
      specFile: result.spec.file,
      specHash: result.spec.hash,
      sourceFormat: result.spec.sourceFormat,
      bundled: result.spec.bundled,
      openapi: result.spec.openapi,
      operations: index.operations.map((o) => ({
        slug: o.slug,
        method: o.method,
        path: o.path,
        summary: o.summary,
        deprecated: o.deprecated,
        kind: o.kind,
      })),
      index,
      lint: result.diagnostics.filter((d) => d.severity === 'warning'),
    });
    // Asked for by the route table before any page renders; the same for the same spec and code.
    (options.cache ?? NO_CACHE).schemaPages({ specHash: result.spec.hash, openapi: result.spec.openapi, index });
    operations += index.operations.length;
  }
  return { byVersion, diagnostics, operations };
}
