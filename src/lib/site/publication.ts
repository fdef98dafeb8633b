/**
 * Whether a version reaches the public portal, said the same way on every page. A version is
 * public only when it and its product are published (DESIGN §5), so a `published` version of an
 * unpublished product reads "Unpublished" on its product page, its own page and the environment
 * matrix alike, with the reason.
 */
import type { SiteProduct, SiteVersion } from './model.ts';

export interface Publication {
  published: boolean;
  /** Why it is not public, when it is not: "product not published" or "version not published". */
  reason?: string;
}

export function productPublication(product: SiteProduct): Publication {
  return product.entry.published ? { published: true } : { published: false, reason: 'product not published' };
}

export function versionPublication(product: SiteProduct, version: SiteVersion): Publication {
  if (version.entry.publish_status !== 'published') return { published: false, reason: 'version not published' };
  return productPublication(product);
}
