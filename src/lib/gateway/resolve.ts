/**
 * A version's gateway service in one environment, as the portal shows it (DESIGN §4): base
 * URLs, routes, authentication, rate limits, CORS and request-size limit.
 *
 * Which plugins apply follows Kong: for each route, one instance per plugin name, the most
 * specific one winning (route+service, then route, then service, then global); consumer-scoped
 * and disabled plugins never count (`deck.ts` drops them); a plugin restricted to protocols the
 * route does not speak does not apply to it. A service without routes gets its service-level
 * and global plugins. The environment summary merges the routes: auth methods and rate limits
 * are the union over routes (each route also lists its own), CORS origins and methods the
 * union, and the request-size limit the smallest (what is safe to send to every route).
 *
 * Only what the plugin modules read (their allow-lists) reaches the result.
 */
import { findServiceIn, readDeck } from './deck.ts';
import type { Deck, DeckPlugin, DeckRoute, DeckService } from './deck.ts';
import { compareText, sortedUnique } from './plugins/config-values.ts';
import { summarisePlugin } from './plugins/registry.ts';
import { compareRateLimits } from './plugins/summary.ts';
import type { CorsPolicy, PluginSummary } from './plugins/summary.ts';
import { baseUrlsOf, compareRoutes, exposeRoute, sortBaseUrls } from './routes.ts';
import type { AuthRequirement, ExposedRoute, RateLimit, ResolvedEnvironment } from './types.ts';
import { isUnresolvedReference } from './templated-values.ts';

export interface GatewayEnvironment {
  name: string;
  control_plane: string;
  label?: string;
  base_url?: string;
}

export function resolveGatewayService(
  document: unknown,
  serviceRef: string,
  env: GatewayEnvironment,
): ResolvedEnvironment {
  return resolveInDeck(readDeck(document), serviceRef, env);
}

/** As `resolveGatewayService`, over a deck already read (one read per control plane). */
export function resolveInDeck(deck: Deck, serviceRef: string, env: GatewayEnvironment): ResolvedEnvironment {
  const service = findServiceIn(deck, serviceRef);
  const head = {
    name: env.name || env.control_plane,
    ...(env.label === undefined ? {} : { label: env.label }),
    control_plane: env.control_plane,
    // A templated name or id (`${{ env "DECK_…" }}`) is not published; the link's own text is.
    service: [service?.name, service?.id].find((v) => v !== undefined && !isUnresolvedReference(v)) ?? serviceRef,
  };
  if (!service) return { ...head, resolved: false, base_urls: [], routes: [], auth: [], rate_limits: [] };
  // Kong answers a disabled service's routes as if they did not exist: nothing is exposed.
  if (!service.enabled) {
    return { ...head, resolved: true, disabled: true, base_urls: [], routes: [], auth: [], rate_limits: [] };
  }

  const deckRoutes = deck.routes.filter((route) => route.service === service.index);
  const routes: ExposedRoute[] = [];
  const summaries: RouteSummary[] = [];
  for (const deckRoute of deckRoutes) {
    const summary = summarise(effectivePlugins(deck.plugins, service, deckRoute));
    summaries.push(summary);
    routes.push({ ...exposeRoute(deckRoute, deck.legacy_regex_paths), auth: summary.auth, rate_limits: summary.rate_limits });
  }
  if (deckRoutes.length === 0) summaries.push(summarise(effectivePlugins(deck.plugins, service, undefined)));
  routes.sort(compareRoutes);

  const base_url = env.base_url?.trim();
  const base_urls = base_url ? [base_url] : sortBaseUrls(routes.flatMap(baseUrlsOf));
  // Facts set by decK templates or vault references: the page says "configured per environment".
  const perEnvironment = sortedUnique([
    ...(!base_url && routes.some((route) => route.configured_per_environment) ? ['base_urls'] : []),
    ...summaries.flatMap((summary) => summary.configured_per_environment ?? []),
  ]);
  const cors = mergeCors(summaries.flatMap((summary) => (summary.cors ? [summary.cors] : [])));
  const sizes = summaries.flatMap((summary) => summary.request_size_limit_bytes ?? []);
  return {
    ...head,
    resolved: true,
    base_urls,
    routes,
    auth: uniqueAuth(summaries.flatMap((summary) => summary.auth)),
    rate_limits: uniqueRateLimits(summaries.flatMap((summary) => summary.rate_limits)),
    ...(cors ? { cors } : {}),
    ...(sizes.length > 0 ? { request_size_limit_bytes: Math.min(...sizes) } : {}),
    ...(perEnvironment.length > 0 ? { configured_per_environment: perEnvironment } : {}),
  };
}

/** The plugin instances Kong runs for a request on `route` (or on the service, without one). */
export function effectivePlugins(
  plugins: readonly DeckPlugin[],
  service: DeckService,
  route: DeckRoute | undefined,
): DeckPlugin[] {
  const chosen = new Map<string, { rank: number; plugin: DeckPlugin }>();
  for (const plugin of plugins) {
    const rank = specificity(plugin, service, route);
    if (rank === undefined) continue;
    if (route && plugin.protocols && !plugin.protocols.some((protocol) => route.protocols.includes(protocol))) continue;
    const current = chosen.get(plugin.name);
    // Kong allows one instance per name and scope, so equal ranks only come from an invalid
    // file; the first one written is kept.
    if (!current || rank > current.rank) chosen.set(plugin.name, { rank, plugin });
  }
  return [...chosen.values()].map(({ plugin }) => plugin);
}

/** 3 route+service, 2 route, 1 service, 0 global; undefined when it does not apply. */
function specificity(plugin: DeckPlugin, service: DeckService, route: DeckRoute | undefined): number | undefined {
  if (plugin.service !== undefined && plugin.service !== service.index) return undefined;
  if (plugin.route !== undefined) {
    if (!route || plugin.route !== route.index) return undefined;
    return plugin.service === undefined ? 2 : 3;
  }
  return plugin.service === undefined ? 0 : 1;
}

interface RouteSummary {
  auth: AuthRequirement[];
  rate_limits: RateLimit[];
  cors?: CorsPolicy;
  request_size_limit_bytes?: number;
  configured_per_environment?: string[];
}

function summarise(plugins: readonly DeckPlugin[]): RouteSummary {
  const parts = plugins.flatMap((plugin): PluginSummary[] => {
    const summary = summarisePlugin(plugin.name, plugin.config);
    return summary ? [summary] : [];
  });
  const cors = mergeCors(parts.flatMap((part) => (part.cors ? [part.cors] : [])));
  const sizes = parts.flatMap((part) => part.request_size_limit_bytes ?? []);
  const perEnvironment = sortedUnique(parts.flatMap((part) => part.configured_per_environment ?? []));
  return {
    auth: uniqueAuth(parts.flatMap((part) => (part.auth ? [part.auth] : []))),
    rate_limits: uniqueRateLimits(parts.flatMap((part) => part.rate_limits ?? [])),
    ...(cors ? { cors } : {}),
    ...(sizes.length > 0 ? { request_size_limit_bytes: Math.min(...sizes) } : {}),
    ...(perEnvironment.length > 0 ? { configured_per_environment: perEnvironment } : {}),
  };
}

/** Deduplicated by content, ordered by type then content. */
function uniqueAuth(items: readonly AuthRequirement[]): AuthRequirement[] {
  const byKey = new Map<string, AuthRequirement>();
  for (const item of items) byKey.set(JSON.stringify(item), item);
  return [...byKey.entries()]
    .sort(([keyA, a], [keyB, b]) => compareText(a.type, b.type) || compareText(keyA, keyB))
    .map(([, item]) => item);
}

function uniqueRateLimits(items: readonly RateLimit[]): RateLimit[] {
  const byKey = new Map<string, RateLimit>();
  for (const item of items) byKey.set(`${item.limit}/${item.window}`, { limit: item.limit, window: item.window });
  return [...byKey.values()].sort(compareRateLimits);
}

function mergeCors(policies: readonly CorsPolicy[]): CorsPolicy | undefined {
  if (policies.length === 0) return undefined;
  const perEnvironment = sortedUnique(policies.flatMap((policy) => policy.configured_per_environment ?? []));
  return {
    origins: sortedUnique(policies.flatMap((policy) => policy.origins)),
    methods: sortedUnique(policies.flatMap((policy) => policy.methods)),
    credentials: policies.some((policy) => policy.credentials),
    ...(perEnvironment.length > 0 ? { configured_per_environment: perEnvironment } : {}),
  };
}
