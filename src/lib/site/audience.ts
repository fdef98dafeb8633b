/**
 * The audience filter (DESIGN §5, contract). It runs before anything is resolved or rendered,
 * so unpublished products, versions and docs never enter the public site model at all —
 * the safest way to keep them out of pages, manifests, search, feeds and bundles.
 */
import type { Audience, ContentModel, DocEntry, ProductEntry, VersionEntry } from '../content/model.ts';

export function isVisibleProduct(product: ProductEntry, audience: Audience): boolean {
  return audience === 'internal' || product.published;
}

export function isVisibleVersion(version: VersionEntry, audience: Audience): boolean {
  return audience === 'internal' || version.publish_status === 'published';
}

export function isVisibleDoc(doc: DocEntry, audience: Audience): boolean {
  return audience === 'internal' || doc.status === 'published';
}

/** A copy of the content with only what `audience` may see. */
export function filterForAudience(content: ContentModel, audience: Audience): ContentModel {
  if (audience === 'internal') return content;
  const products = content.products
    .filter((p) => isVisibleProduct(p, audience))
    .map((p) => ({
      ...p,
      docs: p.docs.filter((d) => isVisibleDoc(d, audience)),
      versions: p.versions
        .filter((v) => isVisibleVersion(v, audience))
        .map((v) => ({ ...v, docs: v.docs.filter((d) => isVisibleDoc(d, audience)) }))
        // A deprecation may name an unpublished replacement; don't point readers at it.
        .map((v, _i, visible) =>
          v.deprecation?.replacement &&
          !visible.some((o) => o.name === v.deprecation!.replacement || o.slug === v.deprecation!.replacement)
            ? { ...v, deprecation: { ...v.deprecation, replacement: undefined } }
            : v,
        ),
    }));
  return { ...content, products };
}
