/**
 * The tabs every page of a product carries (Overview · Docs · Reference · Changes · Analytics)
 * and its version switcher, computed once here so every page says the same thing. Reference and
 * Changes are the page's own version's, else the product's latest; the switcher keeps the reader
 * on the same kind of page in the other version (an operation's equivalent where there is one).
 */
import type { SiteProduct, SiteVersion } from './model.ts';
import { equivalentOperation } from './reference-context.ts';
import type { DocNode } from './doc-tree.ts';
import { urls, withBase } from './urls.ts';

export type ProductSection = 'overview' | 'docs' | 'reference' | 'changes' | 'analytics';

export interface ProductTab {
  label: string;
  href: string;
  current: boolean;
}

export interface VersionChoice {
  label: string;
  href: string;
  current: boolean;
}

export interface ProductTabs {
  /** Accessible name of the tab bar: "Flights". */
  label: string;
  tabs: ProductTab[];
  /** Empty when the product has one version. */
  versions: VersionChoice[];
  /** The version the tabs' Reference and Changes point at. */
  version?: string;
}

export interface TabsPlace {
  section: ProductSection;
  version?: SiteVersion;
  /** An operation page's slug, so the switcher can find its equivalent. */
  operation?: string;
}

function firstDocUrl(node: DocNode): string | undefined {
  if (node.url) return node.url;
  for (const child of node.children) {
    const url = firstDocUrl(child);
    if (url) return url;
  }
  return undefined;
}

export function productTabs(base: string, product: SiteProduct, place: TabsPlace): ProductTabs {
  const p = product.entry.slug;
  const version = place.version ?? product.latest;
  const tabs: ProductTab[] = [{ label: 'Overview', href: product.url, current: place.section === 'overview' }];
  const docs = product.docs.length ? firstDocUrl(product.docsTree) : version?.docs.length ? firstDocUrl(version.docsTree) : undefined;
  if (docs) tabs.push({ label: 'Docs', href: docs, current: place.section === 'docs' });
  if (version?.api) tabs.push({ label: 'Reference', href: urls.reference(p, version.entry.slug), current: place.section === 'reference' });
  if (version?.api) tabs.push({ label: 'Changes', href: urls.changes(p, version.entry.slug), current: place.section === 'changes' });
  if (product.analytics) tabs.push({ label: 'Analytics', href: product.analytics.url, current: place.section === 'analytics' });

  const versions =
    product.versions.length < 2 || !place.version
      ? []
      : [...product.versions].reverse().map((other) => ({
          // Names only: a deprecated version says so once, in its pages' banner.
          label: other.entry.name,
          href: counterpart(base, product, place, other),
          current: other === place.version,
        }));
  return {
    label: product.entry.name,
    tabs: tabs.map((t) => ({ ...t, href: withBase(base, t.href) })),
    versions,
    version: version?.entry.name,
  };
}

/** The same kind of page in another version, with the base path. */
function counterpart(base: string, product: SiteProduct, place: TabsPlace, other: SiteVersion): string {
  const p = product.entry.slug;
  const v = other.entry.slug;
  if (place.section === 'reference' && other.api) {
    if (place.operation && place.version?.api) {
      const op = place.version.api.index.operations.find((o) => o.slug === place.operation);
      const same = op ? equivalentOperation(base, product, other, op) : undefined;
      if (same) return same.url;
    }
    return withBase(base, urls.reference(p, v));
  }
  if (place.section === 'changes' && other.api) return withBase(base, urls.changes(p, v));
  return withBase(base, other.url);
}
