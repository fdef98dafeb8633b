/**
 * Values a decK file does not hold itself. `deck gateway sync` fills `${{ env "DECK_…" }}`
 * templates from the environment of whoever runs it, and Kong fills `{vault://…}` references
 * from a vault at run time: what the file holds is only where the real value comes from (often
 * the name of a secret). Such a value is never published, in any output; where it stood for
 * something a consumer needs (a key name, a host, a CORS origin), the portal says the fact is
 * "configured per environment" instead of guessing Kong's default.
 *
 * This is the one test for it: plugin readers (`plugins/config-values.ts`), route exposure and
 * anything else that copies a decK value into output call `isUnresolvedReference`.
 */

import type { PerEnvironment } from './types.ts';

/** What the portal says where a fact comes from a template or a vault. */
export const CONFIGURED_PER_ENVIRONMENT = 'configured per environment';

// `${{ … }}` is decK's template syntax (Go templates behind a `$`); any of it, not only `env`,
// is filled in at sync time. A lone `${{` is still a template to decK (a broken one), so it
// counts too: publishing half a template would publish the variable name.
const TEMPLATE = /\$\{\{/;
const VAULT_REFERENCE = /\{vault:\/\//i;

/** True for text holding a decK template (`${{ … }}`) or a vault reference (`{vault://…}`). */
export function isUnresolvedReference(value: unknown): boolean {
  return typeof value === 'string' && (TEMPLATE.test(value) || VAULT_REFERENCE.test(value));
}

/** True when `value`, or any string inside it (lists and maps, keys included), is unresolved. */
export function containsUnresolvedReference(value: unknown, depth = 0): boolean {
  // decK configs are shallow; a depth cap keeps a hostile, deeply nested value from recursing
  // without end. Deeper than that is treated as unresolved: nothing of it is published.
  if (depth > 64) return true;
  if (typeof value === 'string') return isUnresolvedReference(value);
  if (Array.isArray(value)) return value.some((item) => containsUnresolvedReference(item, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(
      ([key, item]) => isUnresolvedReference(key) || containsUnresolvedReference(item, depth + 1),
    );
  }
  return false;
}

/** `value` when it may be copied into output as it is; undefined for a template or vault reference. */
export function consumerSafeValue(value: string): string | undefined {
  return isUnresolvedReference(value) ? undefined : value;
}

/** True when the decK file set `field` of `item` (a route, plugin fact or environment) by a template or vault reference. */
export function isConfiguredPerEnvironment(item: PerEnvironment | undefined, field: string): boolean {
  return item?.configured_per_environment?.includes(field) ?? false;
}
