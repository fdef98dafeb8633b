/**
 * Which base URL code samples call.
 *
 * 1. The version's first environment with a base URL (the gateway is what consumers call).
 * 2. Else the spec's `servers[0]` (operation, then path item, then document level), with
 *    server variables set to their defaults.
 * 3. Else a placeholder host.
 *
 * Joining a gateway base URL with the spec's server path. Spec paths are relative to the
 * server URL: for `servers: [{url: https://api.example.com/v1}]` and `/flights` the upstream
 * serves `/v1/flights`. A gateway base URL is a route's host and path prefix:
 * - a route with `strip_path: false` forwards the whole request path, so the caller sends
 *   exactly what the upstream serves: origin + server path (+ operation path); the route's
 *   own prefix is already part of that path and is not repeated;
 * - a route matched at the root (no path) forwards the path unchanged too: base + server path;
 * - a route with a path prefix and the default `strip_path: true` is the public prefix the
 *   platform team chose; Kong strips it and the service's own path (which the portal
 *   cannot see) maps the rest onto the upstream, so the base URL is used as is;
 * - a base URL that already ends with the server path is used as is.
 */
import { isObject } from '../openapi/object.ts';
import type { ExposedRoute } from '../gateway/types.ts';
import type { SpecObject } from './types.ts';

export const PLACEHOLDER_BASE_URL = 'https://api.example.com';

/** A server object's URL with `{variables}` replaced by their defaults (or first enum value). */
export function serverUrl(server: unknown): string | undefined {
  if (!isObject(server) || typeof server.url !== 'string' || !server.url.trim()) return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url.trim().replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = variables[name];
    if (isObject(v)) {
      if (typeof v.default === 'string' || typeof v.default === 'number') return String(v.default);
      if (Array.isArray(v.enum) && v.enum.length) return String(v.enum[0]);
    }
    return whole;
  });
}

/** The servers that apply to an operation: its own, else its path item's, else the document's. */
export function applicableServers(doc: SpecObject, operation?: SpecObject, pathItem?: SpecObject): SpecObject[] {
  for (const holder of [operation, pathItem, doc]) {
    if (holder && Array.isArray(holder.servers) && holder.servers.some((s: unknown) => serverUrl(s))) {
      return holder.servers.filter((s: unknown): s is SpecObject => serverUrl(s) !== undefined);
    }
  }
  return [];
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** The path part of a server URL (absolute or relative), without a trailing slash. */
export function serverPath(url: string): string {
  try {
    return trimSlash(new URL(url, 'https://server.invalid').pathname);
  } catch {
    return '';
  }
}

/** Whether `base` is a URL of a route that keeps its path (`strip_path: false`). */
function fromUnstrippedRoute(base: URL, routes: readonly ExposedRoute[]): boolean {
  const path = trimSlash(base.pathname);
  return routes.some(
    (route) =>
      (route as { strip_path?: boolean }).strip_path === false &&
      route.protocols.includes(base.protocol.slice(0, -1)) &&
      route.hosts.includes(base.host) &&
      route.paths.some((p) => trimSlash(p) === path),
  );
}

/** A gateway base URL joined with the spec server's path, by the rules in this module's comment. */
export function gatewayBaseUrl(base: string, specServerUrl?: string, routes: readonly ExposedRoute[] = []): string {
  const clean = trimSlash(base);
  const path = specServerUrl ? serverPath(specServerUrl) : '';
  let url: URL;
  try {
    url = new URL(clean);
  } catch {
    return clean;
  }
  const basePath = trimSlash(url.pathname);
  if (basePath !== '' && fromUnstrippedRoute(url, routes)) return url.origin + path;
  if (!path) return clean;
  if (basePath === '' && !clean.endsWith(path)) return clean + path;
  return clean;
}

/** A spec server URL made absolute: relative ones get the placeholder host. */
export function absoluteServerUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return trimSlash(url);
  return trimSlash(PLACEHOLDER_BASE_URL + (url.startsWith('/') ? url : '/' + url));
}
