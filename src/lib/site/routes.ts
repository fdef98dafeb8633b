/**
 * The route table: every page of one audience's portal, stated once. The pages'
 * getStaticPaths (src/site/static-paths.ts), the sitemap, the page count and the link checker
 * all read it, so they cannot disagree about which pages exist. Each route carries the hash of
 * everything its page reads (src/lib/site/route-inputs.ts): an incremental build re-renders a
 * page only when that hash changed.
 */
import type { SiteDoc, SiteModel, SiteProduct, SiteVersion } from './model.ts';
import { schemaPageSlug } from '../reference/index.ts';
import { schemaPages } from './reference-context.ts';
import type { ResolveCache } from './resolve/resolve-cache.ts';
import { routeInputs } from './route-inputs.ts';
import { urls } from './urls.ts';

/** One per page file in src/pages/. */
export type RouteKind =
  | 'catalog'
  | 'not-found'
  | 'product'
  | 'product-doc'
  | 'analytics'
  | 'version'
  | 'version-doc'
  | 'reference'
  | 'operation'
  | 'schema'
  | 'reference-nav'
  | 'changes'
  | 'internal';

export interface SiteRoute {
  kind: RouteKind;
  /** Site-root URL path, without the base path: `/products/flights/v1/`. */
  url: string;
  /** Output file relative to the site root: `products/flights/v1/index.html`. */
  file: string;
  /** Astro route params of the page file (`[...slug]` is `undefined` for a docs root). */
  params: Record<string, string | undefined>;
  /** An HTML page (nav.json is data). */
  html: boolean;
  /** Listed in the sitemap (not the 404 page, internal pages or data). */
  sitemap: boolean;
  /** Hash of everything the page reads: its doc, its spec, the navigation it shows, the site settings. */
  inputsHash: string;
  product?: SiteProduct;
  version?: SiteVersion;
  doc?: SiteDoc;
  /** Operation slug (`operation`) or component schema name (`schema`). */
  operation?: string;
  schema?: string;
}

type RouteDraft = Omit<SiteRoute, 'file' | 'html' | 'sitemap' | 'inputsHash'> & Partial<Pick<SiteRoute, 'html' | 'sitemap'>>;

/**
 * Every route of the model, in sitemap order (catalog, then per product and version), with
 * its inputs hash. Built once the model is complete (the internal pages read every diagnostic).
 */
export function buildRouteTable(model: SiteModel, cache?: ResolveCache): SiteRoute[] {
  const inputs = routeInputs(model, cache);
  return routeDrafts(model).map((d) => ({ ...d, file: outputFile(d.url), html: d.html ?? true, sitemap: d.sitemap ?? true, inputsHash: inputs.hashOf(d) }));
}

/** The URL of every page, before hashing: what the link checker needs while the model is being completed. */
export function routeUrls(model: Omit<SiteModel, 'routes'>): string[] {
  return routeDrafts(model).map((d) => d.url);
}

function routeDrafts(model: Omit<SiteModel, 'routes'>): RouteDraft[] {
  const drafts: RouteDraft[] = [{ kind: 'catalog', url: urls.catalog(), params: {} }];
  for (const product of model.products) {
    const p = product.entry.slug;
    drafts.push({ kind: 'product', url: product.url, params: { product: p }, product });
    for (const doc of product.docs) drafts.push({ kind: 'product-doc', url: doc.url, params: { product: p, slug: doc.entry.slug || undefined }, product, doc });
    if (product.analytics) drafts.push({ kind: 'analytics', url: product.analytics.url, params: { product: p }, product });
    for (const version of product.versions) {
      const v = version.entry.slug;
      const at = { product, version };
      drafts.push({ kind: 'version', url: version.url, params: { product: p, version: v }, ...at });
      for (const doc of version.docs) drafts.push({ kind: 'version-doc', url: doc.url, params: { product: p, version: v, slug: doc.entry.slug || undefined }, ...at, doc });
      if (!version.api) continue;
      drafts.push({ kind: 'reference', url: urls.reference(p, v), params: { product: p, version: v }, ...at });
      for (const op of version.api.operations) drafts.push({ kind: 'operation', url: urls.operation(p, v, op.slug), params: { product: p, version: v, operation: op.slug }, ...at, operation: op.slug });
      for (const name of schemaPages(version)) {
        const slug = schemaPageSlug(version.api.openapi, name);
        drafts.push({ kind: 'schema', url: urls.schema(p, v, slug), params: { product: p, version: v, schema: slug }, ...at, schema: name });
      }
      drafts.push({ kind: 'changes', url: urls.changes(p, v), params: { product: p, version: v }, ...at });
      drafts.push({ kind: 'reference-nav', url: urls.referenceNav(p, v), params: { product: p, version: v }, ...at, html: false, sitemap: false });
    }
  }
  drafts.push({ kind: 'not-found', url: '/404.html', params: {}, sitemap: false });
  if (model.audience === 'internal') {
    for (const page of ['environments', 'health'] as const) {
      drafts.push({ kind: 'internal', url: page === 'environments' ? urls.environments() : urls.health(), params: { page }, sitemap: false });
    }
  }
  return drafts;
}

/** Where Astro writes a route (`build.format: 'directory'`): `/products/a/` → `products/a/index.html`, `/404.html` → `404.html`. */
export function outputFile(url: string): string {
  const path = url.replace(/^\/+/, '');
  return url.endsWith('/') ? `${path}index.html` : path;
}

/** The routes one page file renders, for its getStaticPaths. */
export function routesOf(model: SiteModel, kind: RouteKind): SiteRoute[] {
  return model.routes.filter((r) => r.kind === kind);
}

/** URLs of the sitemap, in order. */
export function sitemapUrls(model: SiteModel): string[] {
  return model.routes.filter((r) => r.sitemap).map((r) => r.url);
}

/** How many HTML pages the build writes. */
export function pageCount(model: SiteModel): number {
  return model.routes.filter((r) => r.html).length;
}
