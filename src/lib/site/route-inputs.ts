/**
 * The inputs hash of a page: a hash of everything its page file and the components it uses
 * read from the site model. Two builds that give a page the same hash render it to the same
 * bytes (given the same Atrium code, which Astro's incremental build tracks by itself), so an
 * incremental build reuses the earlier file. The hash may be coarser than what a page reads
 * (then a page re-renders without need) but never finer (then a stale page would be kept).
 *
 * Layers, each hashed once per build:
 * - frame: the site settings every page's frame shows (title, branding, base, site URL, audience);
 * - product shell: what any page of a product shows about the product and all its versions
 *   (tabs, version switcher, versions table, docs trees, operations list for equivalents);
 * - version detail: what the reference pages of a version read (the whole spec, environments);
 *   an operation page reads less: the spec beyond its operations, and its own operation
 *   (./spec-inputs.ts), so an edit of one operation re-renders that page, not the version;
 * - the page's own part: its doc, its operation or schema name, its version's changes.
 */
import type { DocNode } from './doc-tree.ts';
import { feedEntries } from './feed.ts';
import type { SiteDoc, SiteModel, SiteProduct, SiteVersion } from './model.ts';
import { schemaPages } from './reference-context.ts';
import { NO_CACHE, type ResolveCache } from './resolve/resolve-cache.ts';
import type { RouteKind } from './routes.ts';
import { hashOfKept, hashValue } from './value-hash.ts';
import type { SpecInputs } from './spec-inputs.ts';

export interface RouteInputsSubject {
  kind: RouteKind;
  url: string;
  product?: SiteProduct;
  version?: SiteVersion;
  doc?: SiteDoc;
  operation?: string;
  schema?: string;
}

/** A docs tree as the sidebar, pager and breadcrumbs show it (titles, URLs, order, status), without doc bodies. */
export function treeShape(node: DocNode): unknown {
  return [node.slug, node.title, node.url ?? null, node.order ?? null, node.doc?.status ?? null, node.children.map(treeShape)];
}

function without<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

/** What pages of the product show about one of its versions besides its own reference. */
function versionShell(version: SiteVersion): unknown {
  const index = version.api?.index;
  return {
    entry: without(version.entry, ['docs']),
    url: version.url,
    previous: version.previous ?? null,
    tree: treeShape(version.docsTree),
    docs: version.docs.length,
    environments: version.environments.map((e) => e.label ?? e.name),
    changes: version.changes ? [version.changes.from, version.changes.breaking, version.changes.nonBreaking] : null,
    // Tabs, cards, the version switcher and deprecation banners find operations in other versions by these.
    operations: index ? index.operations.map((o) => [o.slug, o.kind, o.method, o.path, o.operationId ?? null]) : null,
    operationCount: version.api?.operations.length ?? null,
  };
}

function productShell(product: SiteProduct): unknown {
  return {
    entry: without(product.entry, ['docs', 'versions']),
    url: product.url,
    latest: product.latest?.entry.slug ?? null,
    tree: treeShape(product.docsTree),
    docs: product.docs.length,
    analytics: product.analytics ? hashValue(product.analytics) : null,
    versions: product.versions.map(versionShell),
  };
}

/** What a version's reference pages read beyond the product shell: the whole spec (./spec-inputs.ts) and environments. */
function versionDetail(version: SiteVersion, environments: string, spec: SpecInputs | undefined): unknown {
  const api = version.api;
  return {
    environments,
    api: api ? { specFile: api.specFile, sourceFormat: api.sourceFormat, spec: spec!.whole, lint: hashValue(api.lint) } : null,
  };
}

/** A doc page: its rendered body, and its markdown body for its twin (a comment-only edit changes only that). */
function docPart(doc: SiteDoc): unknown {
  return { entry: without(doc.entry, ['bodyLine']), url: doc.url, html: doc.html, headings: doc.headings, clientMermaid: doc.clientMermaid, scope: doc.scope };
}

export interface RouteInputs {
  hashOf(subject: RouteInputsSubject): string;
}

/**
 * The inputs hasher of one model; each layer is hashed once however many pages share it. `cache`
 * keeps what is hashed of a spec across builds (resolve/resolve-cache.ts).
 */
export function routeInputs(model: SiteModel, cache: ResolveCache = NO_CACHE): RouteInputs {
  const frame = hashValue({
    audience: model.audience,
    base: model.base,
    site: model.site ?? null,
    portal: model.portal,
    brand: model.brand,
    feed: feedEntries(model).length > 0,
  });
  const memo = <K extends object, V = string>(fn: (key: K) => V) => {
    const cache = new WeakMap<K, V>();
    return (key: K) => {
      let hash = cache.get(key);
      if (hash === undefined) cache.set(key, (hash = fn(key)));
      return hash;
    };
  };
  const shellOf = memo((p: SiteProduct) => hashValue(productShell(p)));
  const environmentsOf = memo((v: SiteVersion) => hashOfKept(v.environments));
  const specOf = memo((v: SiteVersion) => cache.specInputs(v.api!, schemaPages(v)));
  const detailOf = memo((v: SiteVersion) => hashValue(versionDetail(v, environmentsOf(v), v.api ? specOf(v) : undefined)));
  const operationFrameOf = memo((v: SiteVersion) =>
    hashValue([environmentsOf(v), v.api!.specFile, v.api!.sourceFormat, specOf(v).shared]),
  );
  const changesOf = memo((v: SiteVersion) => hashValue(v.changes ?? null));
  let everything: string | undefined;
  const allProducts = () =>
    (everything ??= hashValue({
      products: model.products.map((p) => [shellOf(p), ...p.versions.map((v) => detailOf(v))]),
      diagnostics: hashValue(model.diagnostics),
    }));

  return {
    hashOf(subject) {
      const { kind, product, version, doc } = subject;
      const parts: unknown[] = [kind, subject.url, frame];
      switch (kind) {
        case 'catalog':
        case 'not-found':
        case 'internal':
          // These list every product (the internal pages every environment and finding too).
          parts.push(allProducts());
          break;
        case 'product':
        case 'analytics':
          parts.push(shellOf(product!));
          break;
        case 'version':
          parts.push(shellOf(product!), environmentsOf(version!));
          break;
        case 'product-doc':
        case 'version-doc':
          parts.push(shellOf(product!), hashValue(docPart(doc!)));
          break;
        case 'operation': {
          // Its own operation and what every operation page shares, when those can be told apart.
          const own = specOf(version!).slices.get(subject.operation!);
          if (own !== undefined) parts.push(shellOf(product!), operationFrameOf(version!), own, subject.operation!);
          else parts.push(shellOf(product!), detailOf(version!), subject.operation ?? null);
          break;
        }
        case 'reference':
        case 'schema':
        case 'reference-nav':
          parts.push(shellOf(product!), detailOf(version!), subject.operation ?? null, subject.schema ?? null);
          break;
        case 'changes':
          parts.push(shellOf(product!), changesOf(version!));
          break;
      }
      return hashValue(parts);
    },
  };
}
