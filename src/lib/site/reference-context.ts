/** What the reference renderers need to know about the site around a version's spec. */
import type { SiteProduct, SiteVersion } from './model.ts';
import { listSchemaPages, schemaPageSlug } from '../reference/index.ts';
import { urls, withBase } from './urls.ts';

type OperationMatch = { method: string; path: string; operationId?: string };

/**
 * The replacement version's counterpart of an operation: the same method and path, else the
 * same operationId (a path renamed between versions), else none (the banner names the version).
 */
export function equivalentOperation(base: string, product: SiteProduct, replacement: SiteVersion, op: OperationMatch) {
  const operations = replacement.api?.index.operations ?? [];
  const same =
    operations.find((o) => o.kind === 'operation' && o.method === op.method && o.path === op.path) ??
    (op.operationId ? operations.find((o) => o.kind === 'operation' && o.operationId === op.operationId) : undefined);
  if (!same) return undefined;
  return {
    url: withBase(base, urls.operation(product.entry.slug, replacement.entry.slug, same.slug)),
    label: `${same.method.toUpperCase()} ${same.path} in ${product.entry.name} ${replacement.entry.name}`,
  };
}

/** The version's schema pages (component names); computed once per version and cached. */
export function schemaPages(version: SiteVersion): string[] {
  return version.api ? listSchemaPages(version.api.openapi, version.api.index) : [];
}

export function referenceContext(base: string, product: SiteProduct, version: SiteVersion) {
  const p = product.entry.slug;
  const v = version.entry.slug;
  const dep = version.entry.deprecation;
  const replacement = dep?.replacement
    ? product.versions.find((o) => o.entry.name === dep.replacement || o.entry.slug === dep.replacement)
    : undefined;
  const openapi = version.api?.openapi;
  return {
    operationUrl: (slug: string) => withBase(base, urls.operation(p, v, slug)),
    // Pages link here only for schemas beyond their budget, which `schemaPages` always lists.
    schemaUrl: openapi ? (name: string) => withBase(base, urls.schema(p, v, schemaPageSlug(openapi, name))) : undefined,
    referenceUrl: withBase(base, urls.reference(p, v)),
    specJsonUrl: withBase(base, urls.specJson(p, v)),
    specYamlUrl: withBase(base, urls.specYaml(p, v)),
    elementsBaseUrl: withBase(base, '/_atrium/elements/'),
    environments: version.environments,
    deprecation: version.entry.deprecated
      ? {
          message: dep?.message,
          headline: `${product.entry.name} ${version.entry.name} is deprecated.`,
          sunset: dep?.sunset,
          replacementUrl: replacement ? withBase(base, replacement.url) : undefined,
          replacementName: replacement ? `${product.entry.name} ${replacement.entry.name}` : undefined,
          equivalent: replacement ? (op: OperationMatch) => equivalentOperation(base, product, replacement, op) : undefined,
        }
      : undefined,
  };
}
