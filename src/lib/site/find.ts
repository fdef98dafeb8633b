/** Look-ups pages use in getStaticPaths and layouts. */
import type { SiteModel, SiteProduct, SiteVersion } from './model.ts';

export function findProduct(model: SiteModel, slug: string): SiteProduct {
  const product = model.products.find((p) => p.entry.slug === slug);
  if (!product) throw new Error(`unknown product ${slug}`);
  return product;
}

export function findVersion(model: SiteModel, product: string, version: string): SiteVersion {
  const found = findProduct(model, product).versions.find((v) => v.entry.slug === version);
  if (!found) throw new Error(`unknown version ${product}/${version}`);
  return found;
}

export function allVersions(model: SiteModel): { product: SiteProduct; version: SiteVersion }[] {
  return model.products.flatMap((product) => product.versions.map((version) => ({ product, version })));
}
