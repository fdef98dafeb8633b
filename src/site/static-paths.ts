/** getStaticPaths pieces shared by the routes below a version's API reference. */
import type { SiteProduct, SiteVersion } from '../lib/site/model.ts';
import { getSiteModel } from './state.ts';

/** Every version that has a loaded spec, with its product. */
export function apiVersions(): { product: SiteProduct; version: SiteVersion }[] {
  return getSiteModel().products.flatMap((product) => product.versions.filter((v) => v.api).map((version) => ({ product, version })));
}

/** One route per version with a spec: `/products/<product>/<version>/…`. */
export function apiVersionPaths() {
  return apiVersions().map(({ product, version }) => ({
    params: { product: product.entry.slug, version: version.entry.slug },
    props: { product, version },
  }));
}
