/**
 * Every URL of the portal in one place (DESIGN §6, contract). Paths are relative to the
 * site root with trailing slashes; `withBase` adds the deployment base path for links.
 */
export const urls = {
  catalog: (): string => '/',
  product: (product: string): string => `/products/${product}/`,
  productDocs: (product: string, slug: string): string =>
    slug ? `/products/${product}/docs/${slug}/` : `/products/${product}/docs/`,
  version: (product: string, version: string): string => `/products/${product}/${version}/`,
  versionDocs: (product: string, version: string, slug: string): string =>
    slug ? `/products/${product}/${version}/docs/${slug}/` : `/products/${product}/${version}/docs/`,
  reference: (product: string, version: string): string => `/products/${product}/${version}/reference/`,
  operation: (product: string, version: string, operation: string): string =>
    `/products/${product}/${version}/reference/${operation}/`,
  /** The reference sidebar's operations, for the tag groups a page does not list (src/lib/site/reference-nav.ts). */
  referenceNav: (product: string, version: string): string => `/products/${product}/${version}/reference/nav.json`,
  /** A component schema's own page (only specs too big to show every schema inline have them). */
  schema: (product: string, version: string, schema: string): string =>
    `/products/${product}/${version}/reference/schemas/${schema}/`,
  specJson: (product: string, version: string): string => `/products/${product}/${version}/openapi.json`,
  specYaml: (product: string, version: string): string => `/products/${product}/${version}/openapi.yaml`,
  changes: (product: string, version: string): string => `/products/${product}/${version}/changes/`,
  analytics: (product: string): string => `/products/${product}/analytics/`,
  environments: (): string => '/internal/environments/',
  health: (): string => '/internal/health/',
};

/** Normalises a `--base` value to `/x/` form ('' and '/' mean the root). */
export function normalizeBase(base: string | undefined): string {
  if (!base || base === '/') return '/';
  return `/${base.replace(/^\/+|\/+$/g, '')}/`;
}

/** Prefixes a site-root path with the base path: withBase('/docs/', '/products/') = '/docs/products/'. */
export function withBase(base: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('#')) return path;
  return normalizeBase(base).replace(/\/$/, '') + path;
}
