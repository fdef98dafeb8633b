import { describe, expect, it } from 'vitest';
import type { DocEntry } from '../../../src/lib/content/model.ts';
import { buildDocTree, docTrail, neighbours, readingOrder } from '../../../src/lib/site/doc-tree.ts';

const doc = (file: string, slug: string, title: string, order?: number): DocEntry => ({
  file: `products/p/docs/${file}`,
  slug,
  title,
  order,
  status: 'published',
  format: 'md',
  body: '',
  bodyLine: 1,
});

const docs = [
  doc('zeta.md', 'zeta', 'Zeta'),
  doc('guides/index.md', 'guides', 'Guides', 2),
  doc('guides/b.md', 'guides/b', 'Beta'),
  doc('guides/a.md', 'guides/a', 'Alpha'),
  doc('index.md', '', 'Overview'),
  doc('start.md', 'start', 'Start here', 1),
  doc('ref/deep/x.md', 'ref/deep/x', 'Deep page'),
];
const tree = buildDocTree(docs, (slug) => `/d/${slug ? slug + '/' : ''}`);

describe('doc tree', () => {
  it('nests folders, gives index pages to folders and sorts by order, then title', () => {
    expect(tree.url).toBe('/d/');
    expect(tree.title).toBe('Overview');
    expect(tree.children.map((n) => n.title)).toEqual(['Start here', 'Guides', 'Ref', 'Zeta']);
    const guides = tree.children[1]!;
    expect(guides.url).toBe('/d/guides/');
    expect(guides.children.map((n) => n.title)).toEqual(['Alpha', 'Beta']);
    // A folder without an index page has no URL but keeps its pages.
    const ref = tree.children[2]!;
    expect(ref.url).toBeUndefined();
    expect(ref.children[0]!.children[0]!.url).toBe('/d/ref/deep/x/');
  });

  it('gives previous/next in reading order and a trail for breadcrumbs', () => {
    expect(readingOrder(tree).map((n) => n.slug)).toEqual(['', 'start', 'guides', 'guides/a', 'guides/b', 'ref/deep/x', 'zeta']);
    const { previous, next } = neighbours(tree, 'guides/a');
    expect(previous?.slug).toBe('guides');
    expect(next?.slug).toBe('guides/b');
    expect(docTrail(tree, 'ref/deep/x').map((n) => n.title)).toEqual(['Ref', 'Deep', 'Deep page']);
  });
});
