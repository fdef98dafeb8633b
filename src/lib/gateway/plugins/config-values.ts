/**
 * Typed reads of single plugin-configuration fields. Every value that leaves a plugin module
 * goes through one of these: a field is read only when its module names it, and only a value
 * of the expected primitive type comes back. A string that is a vault reference
 * (`{vault://env/...}`) or a decK template (`${{ env "DECK_…" }}`) is dropped, never copied:
 * the reference itself says where a secret lives (`../templated-values.ts`). A reader that
 * drops one says so with `configuredPerEnvironment`, so the page does not show Kong's default
 * in place of a value that is really set at deploy time.
 */
import { containsUnresolvedReference, isUnresolvedReference } from '../templated-values.ts';

/** A plugin's `config` after `_plugin_configs` merging; read only through the functions below. */
export type PluginConfig = Readonly<Record<string, unknown>>;

// Control characters never belong in a header name, scope or origin; a value holding one is
// not what the field is for, so it is dropped rather than published.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** The subset of `keys` whose value in `config` is (or holds) a template or vault reference. */
export function configuredPerEnvironment(config: PluginConfig, keys: readonly string[]): string[] {
  return keys.filter((key) => containsUnresolvedReference(field(config, key)));
}

/** `{ configured_per_environment: keys }` for the templated ones among `keys`, or `{}`: spread it into a result. */
export function perEnvironmentMarker(
  config: PluginConfig,
  keys: readonly string[],
): { configured_per_environment?: string[] } {
  const templated = configuredPerEnvironment(config, keys);
  return templated.length > 0 ? { configured_per_environment: templated } : {};
}

/** Own properties only: a config key named `constructor` must not find Object.prototype's. */
function field(config: PluginConfig, key: string): unknown {
  return Object.hasOwn(config, key) ? config[key] : undefined;
}

function isPublishableText(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim() !== '' &&
    !isUnresolvedReference(value) &&
    !CONTROL_CHARACTER.test(value)
  );
}

/** A boolean field, or `fallback` (Kong's default) when absent or not a boolean. */
export function readBoolean(config: PluginConfig, key: string, fallback: boolean): boolean {
  const value = field(config, key);
  return typeof value === 'boolean' ? value : fallback;
}

/** A non-empty plain string field (not a vault reference or template), or undefined. */
export function readText(config: PluginConfig, key: string): string | undefined {
  const value = field(config, key);
  return isPublishableText(value) ? value.trim() : undefined;
}

/**
 * A list of strings, deduplicated and sorted. When the field is not a list (absent, null) the
 * `fallback` (Kong's default) applies; when it is a list, elements that are not publishable
 * strings are dropped one by one, and `allowed` (when given) limits them to known values.
 * A template in place of the list is not "absent": it gives no items, not Kong's default.
 */
export function readTextList(
  config: PluginConfig,
  key: string,
  fallback: readonly string[],
  allowed?: readonly string[],
): string[] {
  const value = field(config, key);
  const items = Array.isArray(value) ? value : isUnresolvedReference(value) ? [] : fallback;
  const kept = items
    .filter(isPublishableText)
    .map((item) => item.trim())
    .filter((item) => allowed === undefined || allowed.includes(item));
  return sortedUnique(kept);
}

/** A finite number greater than zero, or undefined. */
export function readPositiveNumber(config: PluginConfig, key: string): number | undefined {
  return toPositiveNumber(field(config, key));
}

/**
 * A list of positive numbers, in order (positions matter: rate-limiting-advanced pairs
 * `limit[i]` with `window_size[i]`). A single number counts as a one-element list; an element
 * that is not a positive number becomes undefined so the pairing stays aligned.
 */
export function readNumberList(config: PluginConfig, key: string): (number | undefined)[] {
  const value = field(config, key);
  if (Array.isArray(value)) return value.map(toPositiveNumber);
  const single = toPositiveNumber(value);
  return single === undefined ? [] : [single];
}

function toPositiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Sorted by code unit (not locale), so output is identical on every machine. */
export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareText);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
