/**
 * What a reader sees first (issue 15 item 9): the catalog's hero — the portal's own description
 * and where to start — and a version page as cards (reference, downloads, changes, docs,
 * environments, traffic) instead of a bullet list. Computed here; the pages only lay it out.
 */
import type { SiteModel, SiteProduct, SiteVersion } from './model.ts';
import type { DocNode } from './doc-tree.ts';
import { readerBaseUrls } from './base-urls.ts';
import { urls, withBase } from './urls.ts';

export interface Action {
  label: string;
  href: string;
  primary: boolean;
}

export interface CatalogHero {
  title: string;
  description?: string;
  actions: Action[];
}

function findDoc(node: DocNode, test: (n: DocNode) => boolean): DocNode | undefined {
  if (node.url && test(node)) return node;
  for (const child of node.children) {
    const found = findDoc(child, test);
    if (found) return found;
  }
  return undefined;
}

/** "Get started" goes to a doc named so (by slug or title) when a product has one, else to the first product. */
export function catalogHero(model: SiteModel): CatalogHero {
  const actions: Action[] = [];
  const starts = /(^|\/)(getting-started|get-started|quickstart|quick-start)$|^(getting started|get started|quickstart)$/i;
  for (const product of model.products) {
    const doc = findDoc(product.docsTree, (n) => starts.test(n.slug) || starts.test(n.title));
    if (doc) {
      actions.push({ label: `Get started with ${product.entry.name}`, href: withBase(model.base, doc.url!), primary: true });
      break;
    }
  }
  if (model.products.length > 0) actions.push({ label: `Browse ${model.products.length === 1 ? 'the API' : `${model.products.length} APIs`}`, href: '#apis', primary: actions.length === 0 });
  return { title: model.portal.title, description: model.portal.description, actions };
}

export interface VersionCard {
  kind: 'reference' | 'downloads' | 'changes' | 'docs' | 'environments' | 'traffic';
  title: string;
  /** The whole card links here; absent for a card of several links. */
  href?: string;
  summary: string;
  links: { label: string; href: string; download?: boolean }[];
  /** Breaking changes, for the changes card's badge. */
  breaking?: number;
}

export function versionCards(base: string, product: SiteProduct, version: SiteVersion): VersionCard[] {
  const p = product.entry.slug;
  const v = version.entry.slug;
  const cards: VersionCard[] = [];
  if (version.api) {
    const n = version.api.operations.length;
    cards.push({ kind: 'reference', title: 'API reference', href: withBase(base, urls.reference(p, v)), summary: `${n} operation${n === 1 ? '' : 's'}, with code samples and try-it.`, links: [] });
  }
  if (version.environments.length) {
    const names = version.environments.map((e) => e.label ?? e.name);
    const url = readerBaseUrls(version.environments[0]!.base_urls)[0];
    cards.push({ kind: 'environments', title: 'Environments', href: '#environments', summary: `${names.join(', ')}${url ? ` · ${url}` : ''}`, links: [] });
  }
  if (version.changes) {
    const total = version.changes.breaking + version.changes.nonBreaking;
    cards.push({
      kind: 'changes',
      title: `Changes since ${version.changes.from}`,
      href: withBase(base, urls.changes(p, v)),
      // The breaking count is the card's badge; the summary does not repeat it.
      summary: `${total} change${total === 1 ? '' : 's'} to operations.`,
      links: [],
      breaking: version.changes.breaking,
    });
  }
  if (version.docs.length) {
    const first = version.docsTree.url ?? findDoc(version.docsTree, () => true)?.url;
    if (first) cards.push({ kind: 'docs', title: `${version.entry.name} documentation`, href: withBase(base, first), summary: `${version.docs.length} page${version.docs.length === 1 ? '' : 's'} for this version.`, links: [] });
  }
  if (version.api) {
    cards.push({
      kind: 'downloads',
      title: 'Download the spec',
      summary: 'The bundled OpenAPI document, every $ref resolved.',
      links: [
        { label: 'openapi.json', href: withBase(base, urls.specJson(p, v)), download: true },
        { label: 'openapi.yaml', href: withBase(base, urls.specYaml(p, v)), download: true },
      ],
    });
  }
  if (product.analytics) cards.push({ kind: 'traffic', title: 'Traffic and errors', href: withBase(base, product.analytics.url), summary: 'Requests, error rate and latency per environment.', links: [] });
  return cards;
}
