/**
 * The resolve phase: content model → site model for one audience. Filters by audience
 * first, then resolves gateway links, loads specs, renders docs, diffs versions. Every
 * problem is collected; the caller decides whether the run fails.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Audience, ContentModel, DocEntry, ProductEntry, VersionEntry } from '../content/model.ts';
import { type Diagnostic, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { filterForAudience } from './audience.ts';
import { buildDocTree, type DocNode } from './doc-tree.ts';
import { gatewayCoverageDiagnostics, resolveVersionEnvironments } from './environments.ts';
import type { BuildStats, SiteApi, SiteDoc, SiteModel, SiteProduct, SiteVersion } from './model.ts';
import { normalizeBase, urls, withBase } from './urls.ts';
import { loadSpec } from '../spec/index.ts';
import { buildReferenceIndex } from '../reference/index.ts';
import { createMarkdownRenderer, createLinkResolver, checkLinks, resolveDocFile } from '../markdown/index.ts';
import type { RenderedDoc } from '../markdown/types.ts';
import { findChromium } from '../markdown/diagrams/chromium.ts';
import { docCacheKey, docCacheSalt, readCachedDoc, writeCachedDoc } from './doc-render-cache.ts';
import { pageUrls } from './site-files.ts';
import { createProgress } from './progress.ts';
import { diffSpecs, summarizeDiff } from '../diff/index.ts';
import { loadAnalyticsSnapshots } from '../analytics/index.ts';
import { productAnalytics } from './analytics.ts';

export interface ResolveOptions {
  audience: Audience;
  base?: string;
  site?: string;
  /** Where content-hash caches live (diagrams, bundled specs). */
  cacheDir: string;
  /** Called at phase boundaries for progress output. */
  onPhase?: (phase: string, detail: string) => void;
  /** Called with a progress line at most every few seconds during long phases. */
  onProgress?: (line: string) => void;
}

export async function resolveSite(content: ContentModel, options: ResolveOptions): Promise<SiteModel> {
  const visible = filterForAudience(content, options.audience);
  const base = normalizeBase(options.base);
  const diagnostics: Diagnostic[] = [...content.diagnostics];
  const stats: BuildStats = {
    docs: 0,
    docsCached: 0,
    operations: 0,
    mermaidRendered: 0,
    mermaidCached: 0,
    plantumlRendered: 0,
    plantumlCached: 0,
    specsLoaded: 0,
  };
  const phase = options.onPhase ?? (() => {});

  // Specs: load every visible version's spec (bundling is cached by content hash).
  let started = Date.now();
  const apis = new Map<VersionEntry, SiteApi>();
  const versionsWithSpec = visible.products.flatMap((p) => p.versions.filter((v) => v.spec));
  const specProgress = createProgress('specs', versionsWithSpec.length, options.onProgress);
  for (const version of versionsWithSpec) {
    specProgress.tick();
    const result = await loadSpec({ root: content.root, file: version.spec!, cacheDir: options.cacheDir });
    diagnostics.push(...result.diagnostics);
    if (!result.spec) continue;
    const index = buildReferenceIndex(result.spec.openapi);
    apis.set(version, {
      specFile: result.spec.file,
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
    stats.specsLoaded++;
    stats.operations += index.operations.length;
  }
  phase('specs', `${stats.specsLoaded} spec(s), ${stats.operations} operation(s) in ${Date.now() - started} ms`);

  // Docs: one renderer (one browser) for the whole run.
  started = Date.now();
  const fileToUrl = new Map<string, string>();
  const docScopes: { doc: DocEntry; url: string; product: ProductEntry; version?: VersionEntry }[] = [];
  for (const product of visible.products) {
    for (const doc of product.docs) {
      const url = urls.productDocs(product.slug, doc.slug);
      fileToUrl.set(doc.file, url);
      docScopes.push({ doc, url, product });
    }
    for (const version of product.versions) {
      for (const doc of version.docs) {
        const url = urls.versionDocs(product.slug, version.slug, doc.slug);
        fileToUrl.set(doc.file, url);
        docScopes.push({ doc, url, product, version });
      }
    }
  }
  const renderer = createMarkdownRenderer({
    cacheDir: path.join(options.cacheDir, 'diagrams'),
    chromium: content.portal.chromium,
    mermaid: content.portal.mermaid.render,
    plantuml: content.portal.plantuml,
    contentRoot: content.root,
    assetBase: `${base}_atrium/assets/`,
  });
  const resolveLink = createLinkResolver([...fileToUrl].map(([file, url]) => [file, withBase(base, url)] as const));
  // A link to a doc this audience does not include (unpublished doc, version or product)
  // would be a 404 for readers; say so rather than "no doc there".
  const allDocFiles = new Set(content.products.flatMap((p) => [...p.docs, ...p.versions.flatMap((v) => v.docs)]).map((d) => d.file));
  const explainUnresolved = (target: string, fromFile: string) => {
    const file = resolveDocFile(target, fromFile, (f) => allDocFiles.has(f));
    return file && !fileToUrl.has(file)
      ? `${file} is not published in the ${options.audience} portal (the doc, its version or its product is unpublished), so readers would get a 404; remove the link or publish the target`
      : undefined;
  };
  const rendered = new Map<string, RenderedDoc>();
  const salt = docCacheSalt({
    base,
    links: [...fileToUrl].sort(([a], [b]) => a.localeCompare(b)),
    mermaid: content.portal.mermaid.render,
    plantuml: content.portal.plantuml,
    chromium: findChromium(content.portal.chromium),
    plantumlOnPath: (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, 'plantuml'))),
  });
  const fromCache = { docs: 0, mermaid: 0, plantuml: 0 };
  try {
    // Rendered concurrently so diagrams of different docs share one browser batch; the
    // output does not depend on the order.
    const docProgress = createProgress('docs', docScopes.length, options.onProgress);
    const results = await mapConcurrently(docScopes, 8, async ({ doc }) => {
      docProgress.tick();
      const key = docCacheKey(doc, salt);
      const cached = await readCachedDoc(options.cacheDir, key);
      if (cached) {
        fromCache.docs++;
        fromCache.mermaid += cached.diagrams.mermaid;
        fromCache.plantuml += cached.diagrams.plantuml;
        return cached as RenderedDoc;
      }
      const result = await renderer.render(doc, { resolveLink, explainUnresolved });
      await writeCachedDoc(options.cacheDir, key, result);
      return result;
    });
    docScopes.forEach(({ doc }, i) => {
      rendered.set(doc.file, results[i]!);
      diagnostics.push(...results[i]!.diagnostics);
    });
    diagnostics.push(...renderer.diagnostics());
  } finally {
    await renderer.close();
  }
  Object.assign(stats, pickDiagramStats(renderer.stats()));
  stats.mermaidCached += fromCache.mermaid;
  stats.plantumlCached += fromCache.plantuml;
  stats.docs = docScopes.length;
  stats.docsCached = fromCache.docs;
  phase('docs', `${stats.docs} doc(s) (${fromCache.docs} from cache) in ${Date.now() - started} ms; diagrams ${describeDiagrams(stats)}`);

  const siteDocs = (docs: DocEntry[], tree: DocNode, scope: SiteDoc['scope'], urlFor: (slug: string) => string) =>
    docs.map((entry) => {
      const r = rendered.get(entry.file)!;
      return { entry, url: urlFor(entry.slug), html: r.html, headings: r.headings, clientMermaid: r.clientMermaid, tree, scope } satisfies SiteDoc;
    });

  const analytics = await loadAnalyticsSnapshots(content.root);
  diagnostics.push(...analytics.diagnostics);

  const products: SiteProduct[] = visible.products.map((product) => {
    const productDocsUrl = (slug: string) => urls.productDocs(product.slug, slug);
    const docsTree = buildDocTree(product.docs, productDocsUrl);
    const versions: SiteVersion[] = [];
    let previousWithApi: SiteVersion | undefined;
    let previous: SiteVersion | undefined;
    for (const version of product.versions) {
      const versionDocsUrl = (slug: string) => urls.versionDocs(product.slug, version.slug, slug);
      const tree = buildDocTree(version.docs, versionDocsUrl);
      const site: SiteVersion = {
        entry: version,
        product: product.slug,
        url: urls.version(product.slug, version.slug),
        environments: resolveVersionEnvironments(
          content,
          version.gateway_services,
          apis.get(version)?.operations.filter((o) => o.kind === 'operation') ?? [],
        ),
        api: apis.get(version),
        previous: previous?.entry.slug,
        docsTree: tree,
        docs: siteDocs(version.docs, tree, { product: product.slug, version: version.slug }, versionDocsUrl),
      };
      if (site.api && previousWithApi?.api) {
        const diff = diffSpecs(previousWithApi.api.openapi, site.api.openapi);
        const summary = summarizeDiff(diff);
        site.changes = { from: previousWithApi.entry.slug, breaking: summary.breaking, nonBreaking: summary.nonBreaking, diff };
      }
      diagnostics.push(...gatewayCoverageDiagnostics(content, `${product.slug}/${version.slug}`, site.environments));
      versions.push(site);
      previous = site;
      if (site.api) previousWithApi = site;
    }
    const published = versions.filter((v) => v.entry.publish_status === 'published');
    const latest =
      [...published].reverse().find((v) => !v.entry.deprecated) ?? published.at(-1) ?? versions.at(-1);
    return {
      entry: product,
      url: urls.product(product.slug),
      versions,
      latest,
      docsTree,
      docs: siteDocs(product.docs, docsTree, { product: product.slug }, productDocsUrl),
      analytics: productAnalytics(content.portal, product, options.audience, analytics.snapshots),
    };
  });

  const assets = uniqueAssets([...rendered.values()].flatMap((r) => r.assets).concat(brandAssets(content, diagnostics)));
  const model: SiteModel = {
    audience: options.audience,
    portal: content.portal,
    base,
    site: (options.site ?? content.portal.site)?.replace(/\/+$/, ''),
    products,
    diagnostics: sortDiagnostics(diagnostics),
    stats,
    assets,
  };
  // Every internal link and anchor in the docs must land on a page of this audience's portal.
  model.diagnostics = sortDiagnostics([
    ...model.diagnostics,
    ...checkLinks(
      [...rendered.entries()].map(([file, r]) => ({ file, url: withBase(base, fileToUrl.get(file)!), ...r })),
      { base, knownUrls: knownUrls(model) },
    ),
  ]);
  return model;
}

/** Every URL a doc may link to besides other docs: pages, spec downloads, report files, feeds. */
function knownUrls(model: SiteModel): string[] {
  const out = pageUrls(model);
  for (const product of model.products) {
    if (product.analytics) out.push(product.analytics.url + 'report.json', product.analytics.url + 'report.csv');
    for (const version of product.versions) {
      if (version.api) out.push(urls.specJson(product.entry.slug, version.entry.slug), urls.specYaml(product.entry.slug, version.entry.slug));
    }
  }
  out.push('/portal.json', '/llms.txt', '/feed.xml', '/sitemap-index.xml', '/404.html');
  return out.map((u) => withBase(model.base, u));
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function pickDiagramStats(s: {
  mermaidRendered: number;
  mermaidCached: number;
  plantumlRendered: number;
  plantumlCached: number;
}) {
  return {
    mermaidRendered: s.mermaidRendered,
    mermaidCached: s.mermaidCached,
    plantumlRendered: s.plantumlRendered,
    plantumlCached: s.plantumlCached,
  };
}

function describeDiagrams(s: BuildStats): string {
  return `${s.mermaidRendered + s.plantumlRendered} rendered, ${s.mermaidCached + s.plantumlCached} cached`;
}

function uniqueAssets(assets: { source: string; url: string }[]) {
  const byUrl = new Map(assets.map((a) => [a.url, a]));
  return [...byUrl.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/** The portal logo, copied to /_atrium/brand/; it must be a file inside the content folder. */
function brandAssets(content: ContentModel, diagnostics: Diagnostic[]): { source: string; url: string }[] {
  const logo = content.portal.branding.logo;
  if (!logo) return [];
  const source = path.resolve(content.root, logo);
  // Resolved through symlinks, so a link pointing out of the content folder is refused too.
  const inside = existsSync(source) && realpathSync(source).startsWith(realpathSync(content.root) + path.sep);
  if (!inside || !statSync(source).isFile()) {
    diagnostics.push({
      severity: 'error',
      file: 'portal.yaml',
      message: `branding.logo: \`${logo}\` is not a file inside the content folder; give a path relative to the content folder, e.g. \`assets/logo.svg\``,
    });
    return [];
  }
  return [{ source, url: `/_atrium/brand/${path.basename(source)}` }];
}

