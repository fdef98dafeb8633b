/** A product has at least one version: the portal has nothing to show for it otherwise. */
import type { ContentRule } from './context.ts';
import { at } from './context.ts';

export const productHasVersions: ContentRule = (context) =>
  context.products
    .filter((product) => product.versions.length === 0)
    .map((product) => ({
      severity: 'error' as const,
      code: 'product-without-versions',
      message: `product \`${product.slug}\` has no versions; add a folder ${product.dir}/versions/v1/ with a version.yaml`,
      ...at(context, product.file),
    }));
