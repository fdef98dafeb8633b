/**
 * getStaticPaths of every page file, read from the route table (src/lib/site/routes.ts): the
 * pages, the sitemap, the page count and the link checker share one list of which pages exist.
 * Each path carries its route's inputs hash as Astro's `cacheKey`, so an incremental build
 * (astro.config.ts `experimental.incrementalBuild`) reuses the earlier file of an unchanged page.
 *
 * Props are typed per page file (`PageProps`), so a page reads them with
 * `InferGetStaticPropsType<typeof getStaticPaths>` and no cast.
 */
import { hasApi, type ApiVersion, type SiteAnalytics, type SiteDoc, type SiteProduct, type SiteVersion } from '../lib/site/model.ts';
import type { RouteKind, SiteRoute } from '../lib/site/routes.ts';
import { routesOf } from '../lib/site/routes.ts';
import { getSiteModel } from './state.ts';

/** What each page file receives from its route. */
export interface PageProps {
  catalog: Record<string, never>;
  'not-found': Record<string, never>;
  internal: Record<string, never>;
  product: { product: SiteProduct };
  'product-doc': { product: SiteProduct; doc: SiteDoc };
  analytics: { product: SiteProduct; analytics: SiteAnalytics };
  version: { product: SiteProduct; version: SiteVersion };
  'version-doc': { product: SiteProduct; version: SiteVersion; doc: SiteDoc };
  reference: { product: SiteProduct; version: ApiVersion };
  'reference-nav': { product: SiteProduct; version: ApiVersion };
  changes: { product: SiteProduct; version: ApiVersion };
  operation: { product: SiteProduct; version: ApiVersion; slug: string };
  schema: { product: SiteProduct; version: ApiVersion; name: string };
}

export function staticPathsOf<K extends RouteKind>(kind: K) {
  return routesOf(getSiteModel(), kind).map((route) => ({
    params: route.params,
    props: PROPS[kind](route),
    cacheKey: route.inputsHash,
  }));
}

/** A route the table built without what its page needs is a bug of the table, said at once. */
function need<T>(value: T | undefined, what: string, route: SiteRoute): T {
  if (value === undefined) throw new Error(`Atrium: route ${route.url} (${route.kind}) has no ${what}`);
  return value;
}

const product = (r: SiteRoute) => need(r.product, 'product', r);
const version = (r: SiteRoute) => need(r.version, 'version', r);
const apiVersion = (r: SiteRoute): ApiVersion => {
  const v = version(r);
  return hasApi(v) ? v : need<ApiVersion>(undefined, 'loaded spec', r);
};

const PROPS: { [K in RouteKind]: (route: SiteRoute) => PageProps[K] } = {
  catalog: () => ({}),
  'not-found': () => ({}),
  internal: () => ({}),
  product: (r) => ({ product: product(r) }),
  'product-doc': (r) => ({ product: product(r), doc: need(r.doc, 'doc', r) }),
  analytics: (r) => ({ product: product(r), analytics: need(product(r).analytics, 'analytics', r) }),
  version: (r) => ({ product: product(r), version: version(r) }),
  'version-doc': (r) => ({ product: product(r), version: version(r), doc: need(r.doc, 'doc', r) }),
  reference: (r) => ({ product: product(r), version: apiVersion(r) }),
  'reference-nav': (r) => ({ product: product(r), version: apiVersion(r) }),
  changes: (r) => ({ product: product(r), version: apiVersion(r) }),
  operation: (r) => ({ product: product(r), version: apiVersion(r), slug: need(r.operation, 'operation', r) }),
  schema: (r) => ({ product: product(r), version: apiVersion(r), name: need(r.schema, 'schema', r) }),
};
