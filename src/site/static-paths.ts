/**
 * getStaticPaths of every page file, read from the route table (src/lib/site/routes.ts): the
 * pages, the sitemap, the page count and the link checker share one list of which pages exist.
 * Each path carries its route's inputs hash as Astro's `cacheKey`, so an incremental build
 * (astro.config.ts `experimental.incrementalBuild`) reuses the earlier file of an unchanged page.
 */
import type { RouteKind } from '../lib/site/routes.ts';
import { routesOf } from '../lib/site/routes.ts';
import { getSiteModel } from './state.ts';

export function staticPathsOf(kind: RouteKind) {
  return routesOf(getSiteModel(), kind).map((route) => ({
    params: route.params,
    props: { product: route.product, version: route.version, doc: route.doc, slug: route.operation, name: route.schema },
    cacheKey: route.inputsHash,
  }));
}
