/**
 * The resolve phase: content model → site model for one audience. Each step is a module of
 * src/lib/site/resolve/, run in this order: the audience filter first (nothing it leaves out
 * is loaded, rendered or linked), then specs, docs, analytics snapshots, products and
 * versions (gateway facts, changes), assets, the doc link check, and last the route table.
 * Every problem is collected; the caller decides whether the run fails.
 */
import type { Audience, ContentModel } from '../content/model.ts';
import { sortDiagnostics } from '../diagnostics/diagnostic.ts';
import type { DiagramPrograms } from '../markdown/diagrams/programs.ts';
import { loadAnalyticsSnapshots } from '../analytics/index.ts';
import { filterForAudience } from './audience.ts';
import type { BuildStats, SiteModel } from './model.ts';
import { buildRouteTable } from './routes.ts';
import { normalizeBase } from './urls.ts';
import { loadApis } from './resolve/apis.ts';
import { brandFiles, siteAssets } from './resolve/assets.ts';
import { checkDocLinks } from './resolve/doc-links.ts';
import { renderDocs } from './resolve/docs.ts';
import { resolveProducts } from './resolve/products.ts';
import { resolveCache } from './resolve/resolve-cache.ts';

export interface ResolveOptions {
  audience: Audience;
  base?: string;
  site?: string;
  /** Where content-hash caches live (diagrams, bundled specs). */
  cacheDir: string;
  /** Programs the runner chose for diagrams (CLI flags, environment); else Atrium's lookup. */
  programs?: DiagramPrograms;
  /**
   * Fingerprint of Atrium's code: with it, spec diffs and gateway facts are kept in `cacheDir` by
   * content hash across builds (resolve/resolve-cache.ts); without, they are computed every time.
   */
  code?: string;
  /** Called at phase boundaries for progress output. */
  onPhase?: (phase: string, detail: string) => void;
  /** Called with a progress line at most every few seconds during long phases. */
  onProgress?: (line: string) => void;
}

/** The site model's `base` and `site`, known before the site resolves (Astro is started with them). */
export function siteLocation(content: ContentModel, options: Pick<ResolveOptions, 'base' | 'site'>): Pick<SiteModel, 'base' | 'site'> {
  return { base: normalizeBase(options.base), site: (options.site ?? content.portal.site)?.replace(/\/+$/, '') };
}

export async function resolveSite(content: ContentModel, options: ResolveOptions): Promise<SiteModel> {
  const visible = filterForAudience(content, options.audience);
  const { base, site } = siteLocation(content, options);
  const phase = options.onPhase ?? (() => {});

  const cache = resolveCache(options.cacheDir, options.code);
  let started = Date.now();
  const apis = await loadApis(content, visible, { cacheDir: options.cacheDir, onProgress: options.onProgress, cache });
  phase('specs', `${apis.byVersion.size} spec(s), ${apis.operations} operation(s) in ${Date.now() - started} ms`);

  started = Date.now();
  const docs = await renderDocs(content, visible, { audience: options.audience, base, cacheDir: options.cacheDir, programs: options.programs, onProgress: options.onProgress });
  const stats: BuildStats = {
    docs: docs.docs,
    docsCached: docs.docsCached,
    operations: apis.operations,
    mermaidRendered: docs.diagrams.mermaidRendered,
    mermaidCached: docs.diagrams.mermaidCached,
    plantumlRendered: docs.diagrams.plantumlRendered,
    plantumlCached: docs.diagrams.plantumlCached,
    specsLoaded: apis.byVersion.size,
  };
  phase('docs', `${stats.docs} doc(s) (${stats.docsCached} from cache) in ${Date.now() - started} ms; diagrams ${describeDiagrams(stats)}`);

  const analytics = await loadAnalyticsSnapshots(content.root);
  const products = resolveProducts({
    content,
    visible,
    audience: options.audience,
    apis: apis.byVersion,
    rendered: docs.rendered,
    snapshots: analytics.snapshots,
    cache,
  });
  const brand = brandFiles(content, base);

  const model: SiteModel = {
    audience: options.audience,
    portal: content.portal,
    base,
    site,
    products: products.products,
    diagnostics: [],
    stats,
    assets: siteAssets(docs.rendered.values(), brand.assets, base),
    brand: brand.brand,
    routes: [],
  };
  model.diagnostics = sortDiagnostics([
    ...content.diagnostics,
    ...apis.diagnostics,
    ...docs.diagnostics,
    ...analytics.diagnostics,
    ...products.diagnostics,
    ...checkDocLinks(model, docs.rendered, docs.urlOf),
  ]);
  model.routes = buildRouteTable(model, cache);
  return model;
}

function describeDiagrams(s: BuildStats): string {
  return `${s.mermaidRendered + s.plantumlRendered} rendered, ${s.mermaidCached + s.plantumlCached} cached`;
}
