/** What the reference renderers need to know about the site around a version's spec. */
import type { SiteProduct, SiteVersion } from './model.ts';
import { listSchemaPages, schemaPageSlug, type ReferenceIndex } from '../reference/index.ts';
import { urls, withBase } from './urls.ts';

/** The version's schema pages (component names); computed once per version and cached. */
export function schemaPages(version: SiteVersion): string[] {
  return version.api ? listSchemaPages(version.api.openapi, version.api.index as ReferenceIndex) : [];
}

export function referenceContext(base: string, product: SiteProduct, version: SiteVersion) {
  const p = product.entry.slug;
  const v = version.entry.slug;
  const dep = version.entry.deprecation;
  const replacement = dep?.replacement
    ? product.versions.find((o) => o.entry.name === dep.replacement || o.entry.slug === dep.replacement)
    : undefined;
  return {
    operationUrl: (slug: string) => withBase(base, urls.operation(p, v, slug)),
    // Pages link here only for schemas beyond their budget, which `schemaPages` always lists.
    schemaUrl: (name: string) => withBase(base, urls.schema(p, v, schemaPageSlug(version.api!.openapi, name))),
    referenceUrl: withBase(base, urls.reference(p, v)),
    specJsonUrl: withBase(base, urls.specJson(p, v)),
    specYamlUrl: withBase(base, urls.specYaml(p, v)),
    elementsBaseUrl: withBase(base, '/_atrium/elements/'),
    environments: version.environments,
    deprecation: version.entry.deprecated
      ? {
          message: dep?.message,
          sunset: dep?.sunset,
          replacementUrl: replacement ? withBase(base, replacement.url) : undefined,
          replacementName: replacement?.entry.name,
        }
      : undefined,
  };
}
