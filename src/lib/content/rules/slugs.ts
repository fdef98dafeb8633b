/**
 * Product and version folder names become URL segments: they must be URL-safe, a version
 * folder must not take a name the product's own pages use, version names and doc slugs must
 * be unique. (Doc path segments are checked when the doc is parsed.)
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { DocEntry } from '../model.ts';
import { isUrlSafeSegment, reservedSegmentProblem, suggestSlug, URL_SAFE_RULE } from '../slugs.ts';
import type { ContentRule, RuleContext } from './context.ts';
import { at, trusted } from './context.ts';

/** Segments under products/<product>/ used by the product's own pages (DESIGN §6). */
export const RESERVED_VERSION_SLUGS: readonly string[] = ['docs', 'analytics'];

export const slugRules: ContentRule = (context) => {
  const diagnostics: Diagnostic[] = [];
  for (const product of context.products) {
    if (!isUrlSafeSegment(product.slug)) {
      diagnostics.push({
        severity: 'error',
        code: 'slug',
        message: `product folder \`${product.slug}\` is not URL-safe; rename it to \`${suggestSlug(product.slug)}\` (${URL_SAFE_RULE})`,
        ...fileOrFolder(context, product.file, product.dir),
      });
    }
    const byName = new Map<string, string>();
    for (const version of product.versions) {
      if (!isUrlSafeSegment(version.slug)) {
        diagnostics.push({
          severity: 'error',
          code: 'slug',
          message: `version folder \`${version.slug}\` is not URL-safe; rename it to \`${suggestSlug(version.slug)}\` (${URL_SAFE_RULE})`,
          ...fileOrFolder(context, version.file, version.dir),
        });
      } else if (reservedSegmentProblem(version.slug)) {
        diagnostics.push({
          severity: 'error',
          code: 'slug',
          message: `version folder ${reservedSegmentProblem(version.slug)}; rename the folder (the display name can stay, set \`name: ${version.slug}\`)`,
          ...fileOrFolder(context, version.file, version.dir),
        });
      } else if (RESERVED_VERSION_SLUGS.includes(version.slug)) {
        diagnostics.push({
          severity: 'error',
          code: 'slug',
          message: `version folder \`${version.slug}\` clashes with the product's /${version.slug}/ pages; rename the folder (the display name can stay, set \`name: ${version.slug}\`)`,
          ...fileOrFolder(context, version.file, version.dir),
        });
      }
      if (!trusted(context, version.file, 'name')) continue;
      const first = byName.get(version.name);
      if (first !== undefined) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-version',
          message: `version name \`${version.name}\` is already used by ${first}; give each version of a product its own name`,
          ...at(context, version.file, ['name']),
        });
      } else {
        byName.set(version.name, version.file);
      }
    }
    diagnostics.push(...duplicateDocSlugs(context, product.docs, `${product.dir}/docs`));
    for (const version of product.versions) diagnostics.push(...duplicateDocSlugs(context, version.docs, `${version.dir}/docs`));
  }
  return diagnostics;
};

function duplicateDocSlugs(context: RuleContext, docs: readonly DocEntry[], docsDir: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const bySlug = new Map<string, string>();
  for (const doc of docs) {
    const first = bySlug.get(doc.slug);
    if (first === undefined) {
      bySlug.set(doc.slug, doc.file);
      continue;
    }
    const url = doc.slug === '' ? `${docsDir}/ (the docs index)` : `${docsDir}/${doc.slug}/`;
    const hasOverride = context.sources.get(doc.file)?.value;
    const override = hasOverride && typeof hasOverride === 'object' && 'slug' in hasOverride;
    diagnostics.push({
      severity: 'error',
      code: 'duplicate-slug',
      message: `this page has the same URL as ${first}: ${url}; rename one of the files${override ? ' or change its `slug:`' : ' or set a different `slug:` in its frontmatter'}`,
      ...(override ? at(context, doc.file, ['slug']) : { file: doc.file, line: 1, column: 1 }),
    });
  }
  return diagnostics;
}

/** Points at the YAML file when it was read, else at the folder. */
function fileOrFolder(context: RuleContext, file: string, dir: string): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  return context.sources.has(file) ? at(context, file) : { file: dir };
}
