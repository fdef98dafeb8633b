/**
 * Responses Kong's plugins can answer with before the upstream is reached (DESIGN §4a), per
 * route, from the plugins that run there: 401 from credential plugins, 401/403 from acl, 429
 * (or the configured `error_code`) from rate limiters, 413 from request-size-limiting, 403 (or the configured `status`) from
 * ip-restriction and bot-detection, and request-termination's `status_code` (Kong's default 503).
 * Allow-list: only the status fields named here are read.
 */
import { CREDENTIAL_PLUGINS } from './auth-alternatives.ts';
import type { DeckPlugin } from './deck.ts';
import { readBoolean, readPositiveNumber } from './plugins/config-values.ts';

export interface GatewayError {
  status: number;
  /** Plugin names that can answer with this status. */
  plugins: string[];
  /** Response headers that come with it. */
  headers: string[];
  description: string;
}

const CHALLENGE = new Set(['basic-auth', 'hmac-auth', 'key-auth', 'key-auth-enc', 'ldap-auth', 'ldap-auth-advanced', 'oauth2', 'openid-connect']);
const RATE_LIMITERS = new Set(['rate-limiting', 'rate-limiting-advanced', 'graphql-rate-limiting-advanced']);
const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After'];

export function gatewayErrors(plugins: readonly DeckPlugin[]): GatewayError[] {
  const byStatus = new Map<number, GatewayError>();
  const add = (status: number, plugin: string, description: string, headers: string[] = []) => {
    const entry = byStatus.get(status) ?? { status, plugins: [], headers: [], description };
    if (!entry.plugins.includes(plugin)) entry.plugins.push(plugin);
    for (const header of headers) if (!entry.headers.includes(header)) entry.headers.push(header);
    byStatus.set(status, entry);
  };
  for (const plugin of plugins) {
    const name = plugin.name;
    if (CREDENTIAL_PLUGINS.has(name)) {
      add(401, name, 'Missing or invalid credentials.', CHALLENGE.has(name) ? ['WWW-Authenticate'] : []);
    } else if (name === 'acl') {
      add(401, name, 'Missing or invalid credentials.');
      add(403, name, 'The caller is not allowed to use this API.');
    } else if (RATE_LIMITERS.has(name)) {
      const hidden = readBoolean(plugin.config, 'hide_client_headers', false);
      // rate-limiting and rate-limiting-advanced answer with `error_code` (default 429).
      add(status(plugin, 'error_code', 429), name, 'Rate limit exceeded; retry after the time the response gives.', hidden ? [] : RATE_LIMIT_HEADERS);
    } else if (name === 'request-size-limiting') {
      add(413, name, 'Request body larger than the gateway accepts.');
    } else if (name === 'ip-restriction') {
      add(status(plugin, 'status', 403), name, 'The caller’s IP address is not allowed.');
    } else if (name === 'bot-detection') {
      add(403, name, 'The request looks like it comes from a bot.');
    } else if (name === 'request-termination') {
      add(status(plugin, 'status_code', 503), name, 'The gateway answers this request itself, without calling the API.');
    }
  }
  return [...byStatus.values()].sort((a, b) => a.status - b.status);
}

function status(plugin: DeckPlugin, key: string, fallback: number): number {
  const value = readPositiveNumber(plugin.config, key);
  return value !== undefined && Number.isInteger(value) && value >= 100 && value <= 599 ? value : fallback;
}
