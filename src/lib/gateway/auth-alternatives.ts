/**
 * What a caller must present on one route, as alternatives (DESIGN §4a): a list of ways in,
 * each a set of plugins that must all pass.
 *
 * Kong runs every credential plugin on the route. One without `anonymous` always demands its
 * credential. One with `anonymous` lets a request without its credential through as the
 * anonymous consumer, and steps aside when another plugin already authenticated the caller —
 * Kong's "logical OR" of auth plugins. So:
 * - any plugin without `anonymous`: all of those are required together (one alternative);
 * - only plugins with `anonymous`: any one of them suffices, when something turns the
 *   anonymous consumer away (an `acl`, or a request-termination on that consumer); otherwise
 *   authentication is optional (`required: false`, the plugins listed as `optional`);
 * - `acl` needs an authenticated consumer in an allowed group: it is part of every alternative.
 *
 * The `anonymous` value (a consumer's name or id) is read to decide this and never published.
 */
import type { DeckPlugin } from './deck.ts';
import { compareText } from './plugins/config-values.ts';

/** Plugins that identify a caller from a credential in the request. */
export const CREDENTIAL_PLUGINS: ReadonlySet<string> = new Set([
  'basic-auth',
  'header-cert-auth',
  'hmac-auth',
  'jwt',
  'key-auth',
  'key-auth-enc',
  'ldap-auth',
  'ldap-auth-advanced',
  'mtls-auth',
  'oauth2',
  'oauth2-introspection',
  'openid-connect',
  'saml',
  'vault-auth',
]);

export interface AuthAlternatives {
  required: boolean;
  /** Each alternative: plugin names that must all pass, sorted; `[]` when nothing is required. */
  any_of: string[][];
  /** Credential plugins a caller may use without being required to (anonymous fallback). */
  optional: string[];
}

export function authAlternatives(plugins: readonly DeckPlugin[], gatedConsumers: ReadonlySet<string>): AuthAlternatives {
  const credentials = plugins.filter((plugin) => CREDENTIAL_PLUGINS.has(plugin.name));
  const acl = plugins.some((plugin) => plugin.name === 'acl') ? ['acl'] : [];
  const names = (list: readonly DeckPlugin[]) => [...new Set(list.map((plugin) => plugin.name))].sort(compareText);
  const always = credentials.filter((plugin) => anonymousOf(plugin) === undefined);
  const fallback = credentials.filter((plugin) => anonymousOf(plugin) !== undefined);

  if (always.length > 0) {
    return { required: true, any_of: [[...names(always), ...acl].sort(compareText)], optional: names(fallback) };
  }
  if (fallback.length > 0) {
    const turnedAway = acl.length > 0 || fallback.every((plugin) => gatedConsumers.has(anonymousOf(plugin)!));
    if (!turnedAway) return { required: false, any_of: [], optional: names(fallback) };
    return { required: true, any_of: names(fallback).map((name) => [name, ...acl].sort(compareText)), optional: [] };
  }
  if (acl.length > 0) return { required: true, any_of: [acl], optional: [] };
  return { required: false, any_of: [], optional: [] };
}

function anonymousOf(plugin: DeckPlugin): string | undefined {
  const value = Object.hasOwn(plugin.config, 'anonymous') ? plugin.config.anonymous : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
