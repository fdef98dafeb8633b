/**
 * The resolve phase: content model → site model for one audience. Filters by audience
 * first, then resolves gateway links, loads specs, renders docs, diffs versions. Every
 * problem is collected; the caller decides whether the run fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Audience, ContentModel, DocEntry, ProductEntry, VersionEntry } from '../content/model.ts';
import { type Diagnostic, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { filterForAudience } from './audience.ts';
import { buildDocTree, type DocNode } from './doc-tree.ts';
import { gatewayCoverageDiagnostics, resolveVersionEnvironments } from './environments.ts';
import type { BuildStats, SiteApi, SiteDoc, SiteModel, SiteProduct, SiteVersion } from './model.ts';
import { normalizeBase, urls, withBase } from './urls.ts';
import { loadSpec } from '../openapi/index.ts';
import { buildReferenceIndex } from '../reference/index.ts';
import { createMarkdownRenderer, createLinkResolver, checkLinks } from '../markdown/index.ts';
import type { RenderedDoc } from '../markdown/types.ts';
import { findChromium } from '../markdown/diagrams/chromium.ts';
import { findPlantuml } from '../markdown/diagrams/plantuml-process.ts';
import type { DiagramPrograms } from '../markdown/diagrams/programs.ts';
import { publishedFileName } from '../publish/published-name.ts';
import { docCacheKey, docCacheSalt, readCachedDoc, writeCachedDoc } from './doc-render-cache.ts';
import { buildRouteTable, routeUrls } from './routes.ts';
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
  /** Programs the runner chose for diagrams (CLI flags, environment); else Atrium's lookup. */
  programs?: DiagramPrograms;
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
  // Files of products and versions this audience leaves out are not published either.
  const publish = {
    downloadFolders: content.portal.public_folder ? [content.portal.public_folder] : [],
    unpublishedFolders: unpublishedFolders(content, visible),
  };
  const renderer = createMarkdownRenderer({
    cacheDir: path.join(options.cacheDir, 'diagrams'),
    ...(options.programs ? { programs: options.programs } : {}),
    mermaid: content.portal.mermaid.render,
    plantuml: content.portal.plantuml,
    contentRoot: content.root,
    assetBase: `${base}_atrium/assets/`,
    publish,
  });
  const docPageUrls = new Map([...fileToUrl].map(([file, url]) => [file, withBase(base, url)] as const));
  const resolveLink = createLinkResolver(docPageUrls);
  const pageUrl = (file: string) => docPageUrls.get(file);
  // A link to a doc this audience does not include (unpublished doc, version or product)
  // would be a 404 for readers; say so rather than "no doc there". Every doc of the content
  // with the URL it would have, so both link forms (file path, page URL) are explained.
  const resolveAnyDoc = createLinkResolver(
    content.products.flatMap((p) => [
      ...p.docs.map((d) => [d.file, withBase(base, urls.productDocs(p.slug, d.slug))] as const),
      ...p.versions.flatMap((v) => v.docs.map((d) => [d.file, withBase(base, urls.versionDocs(p.slug, v.slug, d.slug))] as const)),
    ]),
  );
  const explainUnresolved = (target: string, fromFile: string) => {
    const file = resolveAnyDoc(target, fromFile)?.file;
    return file && !fileToUrl.has(file)
      ? `${file} is not published in the ${options.audience} portal (the doc, its version or its product is unpublished), so readers would get a 404; remove the link or publish the target`
      : undefined;
  };
  const rendered = new Map<string, RenderedDoc>();
  const salt = docCacheSalt({
    base,
    links: [...fileToUrl].sort(([a], [b]) => a.localeCompare(b)),
    publish,
    mermaid: content.portal.mermaid.render,
    plantuml: content.portal.plantuml,
    chromium: findChromium(options.programs?.chromium),
    plantumlProgram: plantumlIdentity(options.programs),
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
      const result = await renderer.render(doc, { resolveLink, explainUnresolved, pageUrl });
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
      analytics: productAnalytics(content.portal, product, options.audience, analytics.snapshots, versions),
    };
  });

  const brand = brandFiles(content, base);
  // Docs link assets with the base path (`/docs/_atrium/assets/…`); the output folder is the
  // site root, so they are written at the path without it, like every other file.
  const docAssets = [...rendered.values()].flatMap((r) => r.assets).map((a) => ({ source: a.source, url: a.url.startsWith(base) ? a.url.slice(base.length - 1) : a.url }));
  const assets = uniqueAssets(docAssets.concat(brand.assets));
  const model: SiteModel = {
    audience: options.audience,
    portal: content.portal,
    base,
    site: (options.site ?? content.portal.site)?.replace(/\/+$/, ''),
    products,
    diagnostics: sortDiagnostics(diagnostics),
    stats,
    assets,
    brand: brand.brand,
    routes: [],
  };
  // Every internal link and anchor in the docs must land on a page of this audience's portal.
  model.diagnostics = sortDiagnostics([
    ...model.diagnostics,
    ...checkLinks(
      [...rendered.entries()].map(([file, r]) => ({ file, url: withBase(base, fileToUrl.get(file)!), ...r })),
      { base, knownUrls: knownUrls(model) },
    ),
  ]);
  model.routes = buildRouteTable(model);
  return model;
}

/** Every URL a doc may link to besides other docs: pages, spec downloads, report files, feeds. */
function knownUrls(model: SiteModel): string[] {
  const out = routeUrls(model);
  for (const product of model.products) {
    if (product.analytics) out.push(product.analytics.url + 'report.json', product.analytics.url + 'report.csv');
    for (const version of product.versions) {
      if (version.api) out.push(urls.specJson(product.entry.slug, version.entry.slug), urls.specYaml(product.entry.slug, version.entry.slug));
    }
  }
  out.push('/portal.json', '/llms.txt', '/feed.xml', '/sitemap-index.xml');
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

/** Folders of the products and versions in `content` that `visible` (one audience) leaves out. */
function unpublishedFolders(content: ContentModel, visible: ContentModel): string[] {
  const shown = new Set(visible.products.flatMap((p) => [p.dir, ...p.versions.map((v) => v.dir)]));
  return content.products.flatMap((p) => [p.dir, ...p.versions.map((v) => v.dir)]).filter((dir) => !shown.has(dir));
}

/** Atrium's own icon, for portals that set neither `branding.favicon` nor a logo file. */
const DEFAULT_FAVICON = fileURLToPath(new URL('../../assets/atrium-favicon.svg', import.meta.url));

/**
 * The logo and favicon, copied to /_atrium/brand/ under content-hash names. Load already
 * checked them against the publish policy with their portal.yaml positions
 * (content/portal-files.ts); a file that failed that check is left out here.
 */
function brandFiles(content: ContentModel, base: string): { assets: { source: string; url: string }[]; brand: SiteModel['brand'] } {
  const assets: { source: string; url: string }[] = [];
  const publish = (source: string, name: string): string | undefined => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(source);
    } catch {
      return undefined;
    }
    const url = `/_atrium/brand/${publishedFileName(name, bytes)}`;
    assets.push({ source, url });
    return withBase(base, url);
  };
  const { logo, favicon } = content.portal.branding;
  const logoIsUrl = logo !== undefined && /^https?:\/\//i.test(logo);
  const logoUrl = logo === undefined ? undefined : logoIsUrl ? logo : publish(path.join(content.root, logo), logo);
  const faviconUrl =
    (favicon !== undefined ? publish(path.join(content.root, favicon), favicon) : logoIsUrl ? undefined : logoUrl) ??
    publish(DEFAULT_FAVICON, 'favicon.svg')!;
  return { assets, brand: { ...(logoUrl ? { logo: logoUrl } : {}), favicon: faviconUrl } };
}

/** Which PlantUML would draw, for the rendered-doc cache: another PlantUML draws differently. */
function plantumlIdentity(programs: DiagramPrograms | undefined): string {
  const lookup = findPlantuml(programs?.plantumlJar);
  return lookup.found ? `${lookup.kind}:${lookup.command.identity}` : 'none';
}
