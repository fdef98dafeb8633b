/**
 * Whether a request with a known method, path and protocol matches a route under Kong 3.x's
 * router, and with what priority.
 *
 * Traditional (`traditional_compatible`) routes, from Kong's router documentation: a request
 * matches when it satisfies every field the route sets, one value per field; paths match as
 * prefixes or as regexes anchored at the start; methods compare upper case; hosts may have a
 * leading or trailing `*`; `snis` only match TLS, so such a route serves https only. What the
 * portal cannot know of a request — the host, headers, SNI,
 * source and destination a caller will use — is returned as what a request must carry.
 *
 * Priority, most significant first, as Kong 3.x computes it (`route_priority` in Kong's
 * router/transform.lua; the documentation lists the same order but leaves paths out of the
 * points, the code counts them): "priority points" (one each for methods, hosts, paths,
 * headers, snis), then hosts that are all plain (no wildcard), then the number of headers,
 * then regex paths before prefix paths, regexes by `regex_priority` and prefixes by length —
 * per path, since Kong splits a route's paths. It is one 64-bit number, so under the
 * expressions router an expression route's own `priority` is compared with it directly.
 */
import { fieldsOf, formatExpression, reduce, requiredHosts } from './expression.ts';
import { HTTP_PROTOCOLS, type RoutePath, type RouterRoute } from './route.ts';

export interface ConsumerRequest {
  method: string;
  /** The path a consumer sends, without query. */
  path: string;
}

export interface RouteMatch {
  route: RouterRoute;
  /** The route path that matched; undefined for a route without paths or an expression route. */
  path?: RoutePath;
  /** `http` / `https` on which the route matches the request. */
  protocols: string[];
  /** Hosts a request must name (empty: any host). Wildcards kept as written. */
  hosts: string[];
  /** Headers a request must carry, name → accepted values (`~*…` is a regex). */
  headers: Record<string, string[]>;
  snis: string[];
  sources: string[];
  destinations: string[];
  /** An expression route's remaining condition on what the portal cannot know, in Kong's syntax. */
  condition?: string;
}

export function matchRoute(route: RouterRoute, request: ConsumerRequest): RouteMatch | undefined {
  if (route.unreadable || route.httpProtocols.length === 0) return undefined;
  const method = request.method.toUpperCase();
  // Cheap tests first: this runs for every route against every operation (shadowing).
  if (route.methods.length > 0 && !route.methods.includes(method)) return undefined;
  let path: RoutePath | undefined;
  if (!route.expression && route.paths.length > 0) {
    for (const candidate of route.paths) {
      if (pathMatches(candidate, request.path) && (path === undefined || comparePathPriority(candidate, path) < 0)) path = candidate;
    }
    if (!path) return undefined;
  }
  const deck = route.deck;
  const protocols = route.httpProtocols;
  const base = { route, hosts: route.hosts, headers: deck.headers, snis: deck.snis, sources: deck.sources, destinations: deck.destinations };

  if (route.expression) {
    const residuals = protocols.flatMap((protocol) => {
      const known = new Map<string, string>([
        ['http.path', request.path],
        ['http.method', method],
        ['net.protocol', protocol],
      ]);
      const reduced = reduce(route.expression!, known);
      return reduced === false ? [] : [{ protocol, reduced }];
    });
    if (residuals.length === 0) return undefined;
    const residual = residuals[0]!.reduced;
    const match: RouteMatch = {
      ...base,
      protocols: residuals.map((r) => r.protocol),
      hosts: [...route.hosts, ...requiredHosts(residual)],
    };
    if (residual !== true) match.condition = formatExpression(residual);
    return match;
  }
  return path ? { ...base, path, protocols } : { ...base, protocols };
}

export function pathMatches(path: RoutePath, requestPath: string): boolean {
  if (path.kind === 'prefix') return requestPath.startsWith(path.path);
  return path.regex !== undefined && path.regex.test(requestPath);
}

/** Regexes first (by `regex_priority`, applied by the caller), then longer prefixes. */
function comparePathPriority(a: RoutePath, b: RoutePath): number {
  if (a.kind !== b.kind) return a.kind === 'regex' ? -1 : 1;
  return a.kind === 'prefix' ? b.path.length - a.path.length : 0;
}

/** Kong's priority of a match (higher is tried first). */
export function matchPriority(match: RouteMatch): bigint {
  const deck = match.route.deck;
  if (match.route.expression) return BigInt(Math.max(0, deck.priority));
  const hosts = match.route.hosts;
  const headers = Math.min(Object.keys(deck.headers).length, 255);
  const points = [match.route.methods, hosts, match.route.paths, Object.keys(deck.headers), deck.snis].filter((field) => field.length > 0).length;
  const plainHostsOnly = hosts.length > 0 && hosts.every((host) => !host.includes('*'));
  const regex = match.path?.kind === 'regex';
  const regexPriority = regex ? BigInt(Math.max(0, Math.min(deck.regex_priority, 0xffffffff))) : 0n;
  const length = !regex && match.path ? BigInt(match.path.path.length & 0x7ffff) : 0n;
  return (
    (BigInt(points) << 61n) |
    ((plainHostsOnly ? 1n : 0n) << 60n) |
    (BigInt(headers) << 52n) |
    ((regex ? 1n : 0n) << 51n) |
    (regexPriority << 19n) |
    length
  );
}

/** Positive when `a` is tried before `b`, negative when after, 0 when Kong does not define the order. */
export function comparePriority(a: RouteMatch, b: RouteMatch): number {
  const pa = matchPriority(a);
  const pb = matchPriority(b);
  return pa > pb ? 1 : pa < pb ? -1 : 0;
}

/**
 * True when every request that matches `shadowed` on its protocols also meets `winner`'s
 * conditions, so the higher-priority `winner` takes them all.
 */
export function covers(winner: RouteMatch, shadowed: RouteMatch): boolean {
  if (winner.condition !== undefined) return false;
  if (!shadowed.protocols.every((protocol) => winner.protocols.includes(protocol))) return false;
  const within = (outer: string[], inner: string[]) => outer.length === 0 || (inner.length > 0 && inner.every((value) => outer.includes(value)));
  if (!within(winner.hosts, shadowed.hosts)) return false;
  if (!within(winner.snis, shadowed.snis) || !within(winner.sources, shadowed.sources) || !within(winner.destinations, shadowed.destinations)) return false;
  return Object.entries(winner.headers).every(([name, values]) => within(values, shadowed.headers[name] ?? []));
}

/** Fields an expression route reads besides what the portal knows, for "what a request must carry". */
export function expressionFields(route: RouterRoute): string[] {
  return route.expression ? [...new Set(fieldsOf(route.expression))] : [];
}
