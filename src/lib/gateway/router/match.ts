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
 * Priority, most significant first: "priority points" (one each for methods, hosts, headers,
 * snis), then plain (non-wildcard) hosts, then the number of headers, then regex paths before
 * prefix paths, regexes by `regex_priority` and prefixes by length, computed per path.
 * Expression routes order by their `priority` field; the two kinds are not compared.
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
  if (route.unreadable) return undefined;
  const deck = route.deck;
  // An SNI exists only on TLS connections: a route with `snis` matches https requests only.
  const protocols = route.protocols.filter((protocol) => (deck.snis.length > 0 ? protocol === 'https' : HTTP_PROTOCOLS.includes(protocol)));
  if (protocols.length === 0) return undefined;
  const base = { route, hosts: route.hosts, headers: deck.headers, snis: deck.snis, sources: deck.sources, destinations: deck.destinations };

  if (route.expression) {
    const residuals = protocols.flatMap((protocol) => {
      const known = new Map<string, string>([
        ['http.path', request.path],
        ['http.method', request.method.toUpperCase()],
        ['net.protocol', protocol],
      ]);
      const reduced = reduce(route.expression!, known);
      return reduced === false ? [] : [{ protocol, reduced }];
    });
    if (residuals.length === 0) return undefined;
    if (route.methods.length > 0 && !route.methods.includes(request.method.toUpperCase())) return undefined;
    const residual = residuals[0]!.reduced;
    const match: RouteMatch = {
      ...base,
      protocols: residuals.map((r) => r.protocol),
      hosts: [...route.hosts, ...requiredHosts(residual)],
    };
    if (residual !== true) match.condition = formatExpression(residual);
    return match;
  }

  if (route.methods.length > 0 && !route.methods.includes(request.method.toUpperCase())) return undefined;
  if (route.paths.length === 0) return { ...base, protocols };
  const path = route.paths.filter((candidate) => pathMatches(candidate, request.path)).sort(comparePathPriority)[0];
  return path ? { ...base, path, protocols } : undefined;
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

/** Kong's priority of a match as a tuple (compare element by element, higher first). */
export function matchPriority(match: RouteMatch): number[] {
  const deck = match.route.deck;
  if (match.route.expression) return [deck.priority];
  const points = [match.route.methods, match.route.hosts, Object.keys(deck.headers), deck.snis].filter((field) => field.length > 0).length;
  const plainHost = match.route.hosts.some((host) => !host.includes('*')) ? 1 : 0;
  const regex = match.path?.kind === 'regex' ? 1 : 0;
  const order = match.path?.kind === 'regex' ? deck.regex_priority : (match.path?.path.length ?? 0);
  return [points, plainHost, Object.keys(deck.headers).length, regex, order];
}

/**
 * Positive when `a` is tried before `b`, negative when after, 0 when Kong does not define the
 * order (equal priority, or an expression route against a traditional one).
 */
export function comparePriority(a: RouteMatch, b: RouteMatch): number {
  if (Boolean(a.route.expression) !== Boolean(b.route.expression)) return 0;
  const pa = matchPriority(a);
  const pb = matchPriority(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
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
