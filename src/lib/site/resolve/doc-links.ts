/**
 * Resolve phase "links": every internal link and anchor in the docs must land on a page (or
 * file) of this audience's portal. Runs once the model is complete, as the pages it may link
 * to come from every other phase.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { checkLinks } from '../../markdown/index.ts';
import type { RenderedDoc } from '../../markdown/types.ts';
import type { SiteModel } from '../model.ts';
import { routeUrls } from '../routes.ts';
import { urls, withBase } from '../urls.ts';

export function checkDocLinks(model: Omit<SiteModel, 'routes'>, rendered: Map<string, RenderedDoc>, urlOf: Map<string, string>): Diagnostic[] {
  return checkLinks(
    [...rendered.entries()].map(([file, r]) => ({ file, url: withBase(model.base, urlOf.get(file)!), ...r })),
    { base: model.base, knownUrls: knownUrls(model) },
  );
}

/** Every URL a doc may link to besides other docs: pages, spec downloads, report files, feeds. */
export function knownUrls(model: Omit<SiteModel, 'routes'>): string[] {
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
