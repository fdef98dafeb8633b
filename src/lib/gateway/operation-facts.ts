/**
 * What Kong enforces per spec operation in one environment (DESIGN §4a): the routes that serve
 * it with the URLs a consumer calls, what a request must carry to match, the effective
 * plugins' auth alternatives, rate limits and the errors the gateway itself can answer with;
 * and, per environment, the spec operations no route serves and the routes that serve no
 * spec operation.
 *
 * Published values pass the same rules as the rest of the gateway facts: plugin settings only
 * through the plugin allow-list, and nothing set by a decK template or vault reference
 * (`templated-values.ts`) — such a host, path or header value is left out.
 */
import { authAlternatives, type AuthAlternatives } from './auth-alternatives.ts';
import { findServiceIn, type Deck, type DeckPlugin, type DeckService } from './deck.ts';
import { gatewayErrors, type GatewayError } from './gateway-errors.ts';
import { compareText, sortedUnique } from './plugins/config-values.ts';
import { summarisePlugin } from './plugins/registry.ts';
import { compareRateLimits } from './plugins/summary.ts';
import { effectivePlugins } from './resolve.ts';
import { routerOf, routesServing, type RouterRoute, type ServingRoute } from './router/index.ts';
import type { RouteMatch } from './router/match.ts';
import { HTTP_PROTOCOLS } from './router/route.ts';
import { isUnresolvedReference } from './templated-values.ts';
import type { AuthRequirement, RateLimit } from './types.ts';

export interface SpecOperationRef {
  method: string;
  path: string;
}

/** A route of the service as `gateway.json` lists it. */
export interface GatewayRoute {
  name: string;
  protocols: string[];
  hosts: string[];
  paths: string[];
  methods: string[];
  headers: Record<string, string[]>;
  expression: string | null;
  strip_path: boolean;
}

/** What a request must carry, besides method and path, to match the route. */
export type MatchRequirements = Pick<RouteMatch, 'hosts' | 'headers' | 'snis' | 'sources' | 'destinations' | 'condition'>;

export interface OperationRoute {
  route: string;
  urls: string[];
  auth: { required: boolean; any_of: string[][] };
  rate_limits: RateLimit[];
  gateway_errors: number[];
  // Below: for pages, not part of gateway.json.
  protocols: string[];
  requires: MatchRequirements;
  /** Credential plugins usable but not required (anonymous fallback). */
  optional_auth: string[];
  /** Allow-listed details of each auth plugin on the route (how to send the credential). */
  auth_methods: AuthRequirement[];
  errors: GatewayError[];
  cors?: { origins: string[]; methods: string[]; credentials: boolean };
  request_size_limit_bytes?: number;
  /** Internal audience only: consumer- or consumer-group-scoped plugins also run here. */
  some_consumers_differ: boolean;
}

export interface OperationFacts {
  method: string;
  path: string;
  served_by: OperationRoute[];
}

export interface EnvironmentOperations {
  name: string;
  control_plane: string;
  service: string;
  enabled: boolean;
  routes: GatewayRoute[];
  operations: OperationFacts[];
  unrouted_operations: SpecOperationRef[];
  undocumented_routes: string[];
  /** Non-HTTP routes (grpc, tcp, tls…): shown with protocol and host, never as an http URL. */
  other_protocol_routes: { name: string; protocols: string[]; hosts: string[] }[];
}

export interface OperationEnvironment {
  name: string;
  control_plane: string;
  base_url?: string;
}

export function operationFacts(
  deck: Deck,
  serviceRef: string,
  env: OperationEnvironment,
  operations: readonly SpecOperationRef[],
): EnvironmentOperations {
  const service = findServiceIn(deck, serviceRef);
  const refs = operations.map(({ method, path }) => ({ method: method.toLowerCase(), path }));
  const head = { name: env.name || env.control_plane, control_plane: env.control_plane, service: [service?.name, service?.id].find((v) => v !== undefined && !isUnresolvedReference(v)) ?? serviceRef };
  if (!service) {
    return { ...head, enabled: false, routes: [], operations: refs.map((op) => ({ ...op, served_by: [] })), unrouted_operations: refs, undocumented_routes: [], other_protocol_routes: [] };
  }
  const router = routerOf(deck);
  const serviceRoutes = router.routes.filter((route) => route.deck.service === service.index);
  const routes = serviceRoutes.map(toGatewayRoute).sort((a, b) => compareText(a.name, b.name));
  const other_protocol_routes = serviceRoutes
    .filter((route) => !route.protocols.some((protocol) => HTTP_PROTOCOLS.includes(protocol)))
    .map((route) => ({ name: route.label, protocols: [...route.protocols].sort(compareText), hosts: publishable(route.hosts) }));

  const served = new Set<string>();
  const routeFacts = new Map<RouterRoute, RouteFacts>();
  const factsOf = (route: RouterRoute) => {
    let facts = routeFacts.get(route);
    if (!facts) routeFacts.set(route, (facts = routeFactsOf(deck, service, route)));
    return facts;
  };
  const facts = refs.map((op): OperationFacts => {
    if (!service.enabled) return { ...op, served_by: [] };
    const serving = routesServing(serviceRoutes.filter((route) => router.live.includes(route)), router.candidates, op);
    return {
      ...op,
      served_by: serving.map((found) => {
        served.add(found.match.route.label);
        return operationRoute(found, factsOf(found.match.route), env.base_url);
      }),
    };
  });
  return {
    ...head,
    enabled: service.enabled,
    routes,
    operations: facts,
    unrouted_operations: facts.filter((op) => op.served_by.length === 0).map(({ method, path }) => ({ method, path })),
    undocumented_routes: sortedUnique(serviceRoutes.map((route) => route.label).filter((label) => !served.has(label))),
    other_protocol_routes,
  };
}

interface RouteFacts {
  auth: AuthAlternatives;
  auth_methods: AuthRequirement[];
  rate_limits: RateLimit[];
  errors: GatewayError[];
  cors?: OperationRoute['cors'];
  request_size_limit_bytes?: number;
  some_consumers_differ: boolean;
}

function routeFactsOf(deck: Deck, service: DeckService, route: RouterRoute): RouteFacts {
  const plugins = effectivePlugins(deck.plugins, service, route.deck);
  const summaries = plugins.flatMap((plugin) => {
    const summary = summarisePlugin(plugin.name, plugin.config);
    return summary ? [summary] : [];
  });
  const rateLimits = new Map<string, RateLimit>();
  for (const limit of summaries.flatMap((summary) => summary.rate_limits ?? [])) rateLimits.set(`${limit.limit}/${limit.window}`, { limit: limit.limit, window: limit.window });
  const corsParts = summaries.flatMap((summary) => (summary.cors ? [summary.cors] : []));
  const sizes = summaries.flatMap((summary) => summary.request_size_limit_bytes ?? []);
  const authMethods = new Map<string, AuthRequirement>();
  for (const summary of summaries) if (summary.auth) authMethods.set(JSON.stringify(summary.auth), summary.auth);
  return {
    auth: authAlternatives(plugins, deck.gated_consumers),
    auth_methods: [...authMethods.values()].sort((a, b) => compareText(a.type, b.type)),
    rate_limits: [...rateLimits.values()].sort(compareRateLimits),
    errors: gatewayErrors(plugins),
    ...(corsParts.length > 0
      ? {
          cors: {
            origins: sortedUnique(corsParts.flatMap((cors) => cors.origins)),
            methods: sortedUnique(corsParts.flatMap((cors) => cors.methods)),
            credentials: corsParts.some((cors) => cors.credentials),
          },
        }
      : {}),
    ...(sizes.length > 0 ? { request_size_limit_bytes: Math.min(...sizes) } : {}),
    some_consumers_differ: consumerPluginsApply(deck.consumer_plugins, service, route) || plugins.some(overridesForGroups),
  };
}

function consumerPluginsApply(plugins: readonly DeckPlugin[], service: DeckService, route: RouterRoute): boolean {
  return plugins.some(
    (plugin) => (plugin.service === undefined || plugin.service === service.index) && (plugin.route === undefined || plugin.route === route.deck.index),
  );
}

/** rate-limiting-advanced with per-consumer-group limits: some callers have other limits. */
function overridesForGroups(plugin: DeckPlugin): boolean {
  if (plugin.name !== 'rate-limiting-advanced') return false;
  const config = plugin.config;
  return config.enforce_consumer_groups === true && Array.isArray(config.consumer_groups) && config.consumer_groups.length > 0;
}

function operationRoute(found: ServingRoute, facts: RouteFacts, baseUrl: string | undefined): OperationRoute {
  const match = found.match;
  const protocols = match.protocols;
  return {
    route: match.route.label,
    urls: urlsOf(match.hosts, protocols, found.paths, baseUrl),
    auth: { required: facts.auth.required, any_of: facts.auth.any_of },
    rate_limits: facts.rate_limits,
    gateway_errors: facts.errors.map((error) => error.status),
    protocols,
    requires: {
      hosts: publishable(match.hosts),
      headers: publishableHeaders(match.headers),
      snis: publishable(match.snis),
      sources: publishable(match.sources),
      destinations: publishable(match.destinations),
      ...(match.condition !== undefined && !isUnresolvedReference(match.condition) ? { condition: match.condition } : {}),
    },
    optional_auth: facts.auth.optional,
    auth_methods: facts.auth_methods,
    errors: facts.errors,
    ...(facts.cors ? { cors: facts.cors } : {}),
    ...(facts.request_size_limit_bytes === undefined ? {} : { request_size_limit_bytes: facts.request_size_limit_bytes }),
    some_consumers_differ: facts.some_consumers_differ,
  };
}

/**
 * Hosts (or the environment's base URL when the route names none) × http/https × consumer
 * paths. Wildcard and templated hosts make no URL; https first.
 */
function urlsOf(hosts: readonly string[], protocols: readonly string[], paths: readonly string[], baseUrl: string | undefined): string[] {
  const origins: string[] = [];
  const schemes = ['https', 'http'].filter((scheme) => protocols.includes(scheme));
  if (hosts.length > 0) {
    for (const scheme of schemes) for (const host of hosts) if (!host.includes('*') && !isUnresolvedReference(host)) origins.push(`${scheme}://${host}`);
  } else if (baseUrl && URL.canParse(baseUrl.trim())) {
    // The environment's public address, as written when the route speaks its scheme (§4a's
    // example: an http+https route behind `https://…` is called on https); otherwise its host
    // on the route's own protocols.
    const base = new URL(baseUrl.trim());
    const rest = `${base.host}${base.pathname.replace(/\/+$/, '')}`;
    const scheme = base.protocol.replace(/:$/, '');
    if (schemes.includes(scheme)) origins.push(`${scheme}://${rest}`);
    else for (const other of schemes) origins.push(`${other}://${rest}`);
  }
  const urls: string[] = [];
  for (const origin of origins) for (const path of paths) if (!isUnresolvedReference(path)) urls.push(origin + path);
  return [...new Set(urls)];
}

function toGatewayRoute(route: RouterRoute): GatewayRoute {
  const deck = route.deck;
  return {
    name: route.label,
    protocols: sortedUnique(route.protocols),
    hosts: publishable(route.hosts),
    paths: route.paths.map((path) => path.path).filter((path) => !isUnresolvedReference(path)),
    methods: route.methods,
    headers: publishableHeaders(deck.headers),
    expression: deck.expression !== undefined && !isUnresolvedReference(deck.expression) ? deck.expression : null,
    strip_path: deck.strip_path,
  };
}

function publishable(values: readonly string[]): string[] {
  return values.filter((value) => !isUnresolvedReference(value));
}

function publishableHeaders(headers: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(headers).sort(compareText)) {
    if (isUnresolvedReference(name) || name === '__proto__') continue;
    const values = publishable(headers[name]!);
    if (values.length > 0) out[name] = values;
  }
  return out;
}
