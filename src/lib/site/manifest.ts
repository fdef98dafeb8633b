/**
 * `portal.json` (DESIGN §6, contract): what this audience may see, for machines. Built
 * from the already-filtered site model, so it cannot list anything the pages don't show.
 */
import type { SiteModel } from './model.ts';
import { authTypes } from './auth-notes.ts';
import { urls } from './urls.ts';
import { readingOrder, type DocNode } from './doc-tree.ts';
import type { SiteDoc } from './model.ts';

export function buildPortalManifest(model: SiteModel) {
  return {
    title: model.portal.title,
    audience: model.audience,
    products: model.products.map((product) => ({
      slug: product.entry.slug,
      name: product.entry.name,
      description: product.entry.description ?? '',
      published: product.entry.published,
      labels: model.audience === 'internal' ? product.entry.labels : product.entry.public_labels,
      url: product.url,
      analytics_url: product.analytics?.url ?? null,
      docs: inReadingOrder(product.docs, product.docsTree),
      versions: product.versions.map((version) => ({
        name: version.entry.name,
        publish_status: version.entry.publish_status,
        deprecated: version.entry.deprecated,
        sunset: version.entry.deprecation?.sunset ?? null,
        replacement: version.entry.deprecation?.replacement ?? null,
        url: version.url,
        reference_url: version.api ? urls.reference(product.entry.slug, version.entry.slug) : null,
        spec_url: version.api ? urls.specJson(product.entry.slug, version.entry.slug) : null,
        operations: version.api?.operations.filter((o) => o.kind === 'operation').length ?? 0,
        changes_url: version.changes ? urls.changes(product.entry.slug, version.entry.slug) : null,
        docs: inReadingOrder(version.docs, version.docsTree),
        environments: version.environments.map((env) => ({
          name: env.name,
          control_plane: env.control_plane,
          service: env.service,
          base_urls: env.base_urls,
          auth: authTypes(env.auth),
          rate_limits: env.rate_limits.map((r) => ({ limit: r.limit, window: r.window })),
        })),
      })),
    })),
  };
}

/** Docs as the sidebar lists them (folders nest, `order` then title), not by file name. */
function inReadingOrder(docs: readonly SiteDoc[], tree: DocNode): { title: string; url: string }[] {
  const bySlug = new Map(docs.map((d) => [d.entry.slug, d]));
  return readingOrder(tree)
    .map((node) => bySlug.get(node.slug))
    .filter((d): d is SiteDoc => d !== undefined)
    .map((d) => ({ title: d.entry.title, url: d.url }));
}
