/**
 * The documentation tree of a product or version: folders nest, a folder's `index` doc is
 * the folder's own page, siblings sort by `order` then title. The same ordered walk gives
 * the sidebar, previous/next links and breadcrumbs, so they can never disagree.
 */
import type { DocEntry } from '../content/model.ts';

export interface DocNode {
  /** Slug of the doc or folder ('' for the docs root). */
  slug: string;
  title: string;
  /** Absent for a folder without an index page. */
  url?: string;
  doc?: DocEntry;
  order?: number;
  children: DocNode[];
}

function humanize(segment: string): string {
  const words = segment.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function compareNodes(a: DocNode, b: DocNode): number {
  const ao = a.order ?? Number.POSITIVE_INFINITY;
  const bo = b.order ?? Number.POSITIVE_INFINITY;
  if (ao !== bo) return ao < bo ? -1 : 1;
  return a.title.localeCompare(b.title, 'en') || a.slug.localeCompare(b.slug, 'en');
}

/** Builds the tree; the returned root has slug '' and holds the root index doc if any. */
export function buildDocTree(docs: readonly DocEntry[], urlFor: (slug: string) => string): DocNode {
  const root: DocNode = { slug: '', title: 'Documentation', children: [] };
  const folders = new Map<string, DocNode>([['', root]]);

  const folder = (slug: string): DocNode => {
    const existing = folders.get(slug);
    if (existing) return existing;
    const cut = slug.lastIndexOf('/');
    const parent = folder(cut === -1 ? '' : slug.slice(0, cut));
    const node: DocNode = { slug, title: humanize(slug.slice(cut + 1)), children: [] };
    parent.children.push(node);
    folders.set(slug, node);
    return node;
  };

  // Index docs first, so a folder node takes its page before its children arrive.
  const isIndex = (d: DocEntry) => /(^|\/)index\.mdx?$/.test(d.file);
  for (const doc of [...docs].sort((a, b) => Number(isIndex(b)) - Number(isIndex(a)))) {
    if (isIndex(doc)) {
      const node = folder(doc.slug);
      Object.assign(node, { title: doc.title, url: urlFor(doc.slug), doc, order: doc.order });
    } else {
      const cut = doc.slug.lastIndexOf('/');
      const parent = folder(cut === -1 ? '' : doc.slug.slice(0, cut));
      parent.children.push({ slug: doc.slug, title: doc.title, url: urlFor(doc.slug), doc, order: doc.order, children: [] });
    }
  }

  const sortDeep = (node: DocNode) => {
    node.children.sort(compareNodes);
    node.children.forEach(sortDeep);
  };
  sortDeep(root);
  return root;
}

/** Pages in reading order (depth-first, a folder's page before its children). */
/** A doc or folder that has a page of its own. */
export type DocPageNode = DocNode & { url: string };

const hasPage = (node: DocNode): node is DocPageNode => node.url !== undefined;

export function readingOrder(root: DocNode): DocPageNode[] {
  const out: DocPageNode[] = [];
  const walk = (node: DocNode) => {
    if (hasPage(node)) out.push(node);
    node.children.forEach(walk);
  };
  walk(root);
  return out;
}

export function neighbours(root: DocNode, slug: string): { previous?: DocPageNode; next?: DocPageNode } {
  const pages = readingOrder(root);
  const i = pages.findIndex((p) => p.slug === slug);
  if (i === -1) return {};
  return { previous: pages[i - 1], next: pages[i + 1] };
}

/** The folders and page from the docs root down to `slug` (excluding the root itself). */
export function docTrail(root: DocNode, slug: string): DocNode[] {
  const trail: DocNode[] = [];
  const walk = (node: DocNode): boolean => {
    if (node.slug === slug) return true;
    for (const child of node.children) {
      trail.push(child);
      if (walk(child)) return true;
      trail.pop();
    }
    return false;
  };
  return walk(root) ? trail : [];
}
