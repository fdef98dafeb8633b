/**
 * Resolve phase "products": the audience's products and versions with what their pages show —
 * environments and gateway facts, the loaded API, the changes since the previous version with
 * a spec, rendered docs in their trees, analytics — and which version is the latest.
 */
import type { Audience, ContentModel, DocEntry, VersionEntry } from '../../content/model.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { RenderedDoc } from '../../markdown/types.ts';
import type { ControlPlaneSnapshot } from '../../analytics/index.ts';
import { summarizeDiff } from '../../diff/index.ts';
import { productAnalytics } from '../analytics.ts';
import { buildDocTree, type DocNode } from '../doc-tree.ts';
import { gatewayCoverageDiagnostics } from '../environments.ts';
import type { ChangesSummary, SiteApi, SiteDoc, SiteProduct, SiteVersion } from '../model.ts';
import { urls } from '../urls.ts';
import { NO_CACHE, type ResolveCache } from './resolve-cache.ts';

export interface ProductsInput {
  content: ContentModel;
  visible: ContentModel;
  audience: Audience;
  apis: Map<VersionEntry, SiteApi>;
  rendered: Map<string, RenderedDoc>;
  snapshots: Map<string, ControlPlaneSnapshot>;
  /** Diffs and environments kept from earlier builds (./resolve-cache.ts); computed each time without. */
  cache?: ResolveCache;
}

export function resolveProducts({ content, visible, audience, apis, rendered, snapshots, cache = NO_CACHE }: ProductsInput): { products: SiteProduct[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const siteDocs = (docs: DocEntry[], tree: DocNode, scope: SiteDoc['scope'], urlFor: (slug: string) => string) =>
    docs.map((entry) => {
      const r = rendered.get(entry.file)!;
      return { entry, url: urlFor(entry.slug), html: r.html, headings: r.headings, clientMermaid: r.clientMermaid, tree, scope } satisfies SiteDoc;
    });

  const products = visible.products.map((product): SiteProduct => {
    const productDocsUrl = (slug: string) => urls.productDocs(product.slug, slug);
    const docsTree = buildDocTree(product.docs, productDocsUrl);
    const versions: SiteVersion[] = [];
    for (const version of product.versions) {
      const versionDocsUrl = (slug: string) => urls.versionDocs(product.slug, version.slug, slug);
      const tree = buildDocTree(version.docs, versionDocsUrl);
      const api = apis.get(version);
      const site: SiteVersion = {
        entry: version,
        product: product.slug,
        url: urls.version(product.slug, version.slug),
        environments: cache.environments(content, version.gateway_services, api?.operations.filter((o) => o.kind === 'operation') ?? []),
        api,
        previous: versions.at(-1)?.entry.slug,
        changes: versionChanges(versions, api, cache),
        docsTree: tree,
        docs: siteDocs(version.docs, tree, { product: product.slug, version: version.slug }, versionDocsUrl),
      };
      diagnostics.push(...gatewayCoverageDiagnostics(content, `${product.slug}/${version.slug}`, site.environments));
      versions.push(site);
    }
    return {
      entry: product,
      url: urls.product(product.slug),
      versions,
      latest: latestVersion(versions),
      docsTree,
      docs: siteDocs(product.docs, docsTree, { product: product.slug }, productDocsUrl),
      analytics: productAnalytics(content.portal, product, audience, snapshots, versions),
    };
  });
  return { products, diagnostics };
}

/**
 * What changed since the newest earlier version that has a spec (versions without one are
 * skipped, so v3 compares with v1 when v2 has no spec); none for the first version with a spec.
 */
export function versionChanges(earlier: readonly SiteVersion[], api: SiteApi | undefined, cache: ResolveCache = NO_CACHE): ChangesSummary | undefined {
  const previous = earlier.findLast((v) => v.api);
  if (!api || !previous?.api) return undefined;
  const diff = cache.diff(previous.api, api);
  const summary = summarizeDiff(diff);
  return { from: previous.entry.slug, breaking: summary.breaking, nonBreaking: summary.nonBreaking, diff };
}

/** The newest published version that is not deprecated, else the newest published, else the newest. */
export function latestVersion(versions: readonly SiteVersion[]): SiteVersion | undefined {
  const published = versions.filter((v) => v.entry.publish_status === 'published');
  return [...published].reverse().find((v) => !v.entry.deprecated) ?? published.at(-1) ?? versions.at(-1);
}
