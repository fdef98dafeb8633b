import { describe, expect, it } from 'vitest';
import type { ContentModel, ProductEntry, VersionEntry } from '../../../src/lib/content/model.ts';
import { defaultPortalConfig } from '../../../src/lib/content/load-content.ts';
import { filterForAudience } from '../../../src/lib/site/audience.ts';

const version = (slug: string, publish_status: 'published' | 'unpublished', extra: Partial<VersionEntry> = {}): VersionEntry => ({
  slug,
  name: slug,
  dir: `products/p/versions/${slug}`,
  file: `products/p/versions/${slug}/version.yaml`,
  publish_status,
  deprecated: false,
  gateway_services: [],
  docs: [],
  ...extra,
});
const product = (slug: string, published: boolean, versions: VersionEntry[]): ProductEntry => ({
  slug,
  dir: `products/${slug}`,
  file: `products/${slug}/product.yaml`,
  name: slug,
  labels: {},
  public_labels: {},
  published,
  analytics: {},
  docs: [
    { file: 'a.md', slug: 'a', title: 'A', status: 'published', format: 'md', body: '', bodyLine: 1 },
    { file: 'b.md', slug: 'b', title: 'B', status: 'unpublished', format: 'md', body: '', bodyLine: 1 },
  ],
  versions,
});

const content: ContentModel = {
  root: '/c',
  portal: defaultPortalConfig(),
  controlPlanes: [],
  diagnostics: [],
  products: [
    product('open', true, [
      version('v1', 'published', { deprecated: true, deprecation: { replacement: 'v2' } }),
      version('v2', 'unpublished'),
    ]),
    product('secret', false, [version('v1', 'published')]),
  ],
};

describe('audience filter', () => {
  it('public keeps only published products, versions and docs', () => {
    const pub = filterForAudience(content, 'public');
    expect(pub.products.map((p) => p.slug)).toEqual(['open']);
    expect(pub.products[0]!.versions.map((v) => v.slug)).toEqual(['v1']);
    expect(pub.products[0]!.docs.map((d) => d.slug)).toEqual(['a']);
  });

  it('does not point public readers at an unpublished replacement', () => {
    const pub = filterForAudience(content, 'public');
    expect(pub.products[0]!.versions[0]!.deprecation?.replacement).toBeUndefined();
  });

  it('internal keeps everything', () => {
    expect(filterForAudience(content, 'internal')).toBe(content);
  });
});
