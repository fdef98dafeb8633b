/**
 * A deprecation's `replacement` names another version of the same product (by name or
 * folder), so the banner can link to it; a `deprecation` block on a version that is not
 * `deprecated: true` is probably a forgotten flag. (`sunset` dates are checked by the schema.)
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { didYouMean, listNames } from '../../diagnostics/did-you-mean.ts';
import type { ContentRule } from './context.ts';
import { at, trusted } from './context.ts';

export const deprecationRules: ContentRule = (context) => {
  const diagnostics: Diagnostic[] = [];
  for (const product of context.products) {
    for (const version of product.versions) {
      if (!trusted(context, version.file, 'deprecation', 'deprecated') || !version.deprecation) continue;
      if (!version.deprecated) {
        diagnostics.push({
          severity: 'warning',
          code: 'deprecation-not-deprecated',
          message: '`deprecation` is set but the version is not deprecated; add `deprecated: true` or remove `deprecation`',
          ...at(context, version.file, ['deprecation'], 'key'),
        });
      }
      const replacement = version.deprecation.replacement;
      if (replacement === undefined) continue;
      const others = product.versions.filter((v) => v !== version);
      if (replacement === version.name || replacement === version.slug) {
        diagnostics.push({
          severity: 'error',
          code: 'replacement',
          message: `deprecation.replacement: \`${replacement}\` is this version itself; name the version users should move to`,
          ...at(context, version.file, ['deprecation', 'replacement']),
        });
      } else if (!others.some((v) => v.name === replacement || v.slug === replacement)) {
        const candidates = [...new Set(others.flatMap((v) => [v.name, v.slug]))];
        const known = others.length
          ? ` (its other versions: ${listNames(others.map((v) => v.name))})${didYouMean(replacement, candidates)}`
          : `; it has no other version to move to`;
        diagnostics.push({
          severity: 'error',
          code: 'replacement',
          message: `deprecation.replacement: no version \`${replacement}\` in product \`${product.slug}\`${known}`,
          ...at(context, version.file, ['deprecation', 'replacement']),
        });
      }
    }
  }
  return diagnostics;
};
