/**
 * A normalised read of a decK file as `deck gateway dump` writes it (formats 1.1 to 3.0), from
 * the plain object a YAML parser returns. decK lets the same configuration be written several
 * ways; everything downstream sees one shape:
 *
 * - routes nested under their service, or top-level with `service: name | id | {id|name}`;
 * - plugins nested under a service or route, or top-level with `service:` / `route:`
 *   references (name or id, plain or `{id|name}`), or global (no reference);
 * - `_plugin_configs` shared configurations named by a plugin's `_config`, merged the way decK
 *   does (the plugin's own keys win, nested maps merge key by key);
 * - a service's `url`, unwrapped into protocol/host/port/path, with explicit fields winning.
 *
 * - `_info.defaults` (`service`, `route`, `plugin`): a default applies to every entity of that
 *   kind that leaves the field out, as decK fills them in before sending the file to Kong.
 *
 * Dropped while reading, because they never apply to a service as a whole: disabled plugins
 * (`enabled: false`). Consumer- or consumer-group-scoped plugins are kept apart
 * (`consumer_plugins`): they apply to some callers only. Of consumers only what decides whether
 * an `anonymous` fallback is turned away is read (`gated_consumers`); credentials,
 * certificates, upstreams and vaults are never read at all.
 *
 * The result still holds operator details (service host, plugin configs): it is an input to
 * `resolve.ts`, which publishes only allow-listed fields, and must not be rendered itself.
 */
import type { KeyPath } from '../diagnostics/yaml-source.ts';
import { isUnresolvedReference } from './templated-values.ts';

export interface DeckProblem {
  severity: 'error' | 'warning';
  /** What is wrong and what would be right, one line. */
  message: string;
  /** Where in the decK file, for `YamlSource.locate`. */
  path: KeyPath;
}

export interface DeckService {
  /** Position in `Deck.services`; routes and plugins refer to services by it. */
  index: number;
  /** Where the service is written in the file. */
  at: KeyPath;
  id?: string;
  name?: string;
  protocol: string;
  host?: string;
  port?: number;
  path?: string;
  /** False when the service is disabled: Kong then answers its routes as if they did not exist. */
  enabled: boolean;
}

export interface DeckRoute {
  index: number;
  at: KeyPath;
  id?: string;
  name?: string;
  /** `DeckService.index` of the route's service; undefined for a route without a service. */
  service?: number;
  methods: string[];
  /** As written: prefixes and regexes (`~…`, or regex-looking paths in formats before 3.0). */
  paths: string[];
  hosts: string[];
  /** Kong's default `http, https` when the file names none. */
  protocols: string[];
  /** Kong strips the matched path prefix before proxying unless `strip_path: false` (default true). */
  strip_path: boolean;
  /** Header name (lower case, as Kong compares them) → accepted values (`~*` prefix: regex). */
  headers: Record<string, string[]>;
  snis: string[];
  /** `ip`, `ip:port` or `:port`, as written in `sources` / `destinations`. */
  sources: string[];
  destinations: string[];
  /** Order among regex paths (higher first); Kong's default 0. */
  regex_priority: number;
  /** Expressions-router priority (higher first); Kong's default 0. */
  priority: number;
  /** An expressions-router route's `expression`, when it has one. */
  expression?: string;
}

export interface DeckPlugin {
  name: string;
  at: KeyPath;
  /** Own configuration over its `_config` shared one. Read only through the plugin allow-list. */
  config: Record<string, unknown>;
  /** `DeckService.index` when scoped to a service. */
  service?: number;
  /** `DeckRoute.index` when scoped to a route. */
  route?: number;
  /** Protocols the plugin runs on, when restricted. */
  protocols?: string[];
  /** Set on `consumer_plugins` only: scoped to one consumer or consumer group. */
  consumer_scoped?: 'consumer' | 'consumer_group';
}

export interface Deck {
  /** `_format_version` as written (`'3.0'`), or `''` when missing. */
  format_version: string;
  /**
   * Formats before 3.0 (Kong 2.x) have no `~` marker: Kong treated any path with a character
   * outside `[a-zA-Z0-9._~/%-]` as a regex. decK's `convert` uses the same test.
   */
  legacy_regex_paths: boolean;
  services: DeckService[];
  routes: DeckRoute[];
  /** Enabled plugins that can apply to services: service-, route-scoped and global ones. */
  plugins: DeckPlugin[];
  /** Enabled plugins scoped to a consumer or consumer group (also on a service or route). */
  consumer_plugins: DeckPlugin[];
  /**
   * Usernames, ids and custom ids of consumers every request of theirs is turned away for
   * (an enabled request-termination on the consumer): an auth plugin's `anonymous` naming one
   * of them does not make authentication optional. Never published.
   */
  gated_consumers: Set<string>;
  problems: DeckProblem[];
}

type Reference = { id?: string; name?: string; either?: string };

interface PendingPlugin {
  raw: unknown;
  at: KeyPath;
  service?: number;
  route?: number;
}

export function readDeck(document: unknown): Deck {
  const doc = asRecord(document) ?? {};
  const problems: DeckProblem[] = [];
  const format_version = readFormatVersion(doc, problems);
  const services: DeckService[] = [];
  const routes: DeckRoute[] = [];
  const pendingPlugins: PendingPlugin[] = [];
  const pendingRouteServices: { route: DeckRoute; ref: Reference; at: KeyPath }[] = [];
  const defaults = readDefaults(doc);

  const readRouteAt = (raw: unknown, at: KeyPath, service: number | undefined): DeckRoute | undefined => {
    const route = readRoute(withDefaults(raw, defaults.route), at, routes.length, service, problems);
    if (!route) return undefined;
    routes.push(route);
    listAt(asRecord(raw)?.plugins, [...at, 'plugins'], problems).forEach(([plugin, pluginAt]) =>
      pendingPlugins.push({ raw: plugin, at: pluginAt, route: route.index }),
    );
    return route;
  };

  for (const [raw, at] of listAt(doc.services, ['services'], problems)) {
    const service = readService(withDefaults(raw, defaults.service), at, services.length, problems);
    if (!service) continue;
    services.push(service);
    const record = asRecord(raw) ?? {};
    for (const [route, routeAt] of listAt(record.routes, [...at, 'routes'], problems)) {
      readRouteAt(route, routeAt, service.index);
    }
    for (const [plugin, pluginAt] of listAt(record.plugins, [...at, 'plugins'], problems)) {
      pendingPlugins.push({ raw: plugin, at: pluginAt, service: service.index });
    }
  }

  for (const [raw, at] of listAt(doc.routes, ['routes'], problems)) {
    const route = readRouteAt(raw, at, undefined);
    const ref = toReference(asRecord(raw)?.service);
    if (route && ref) pendingRouteServices.push({ route, ref, at: [...at, 'service'] });
  }
  // Top-level routes may name services that appear anywhere in the file, so resolve them last.
  for (const { route, ref, at } of pendingRouteServices) {
    const service = findByReference(services, ref);
    if (service) route.service = service.index;
    else problems.push(missing('service', ref, at));
  }

  for (const [raw, at] of listAt(doc.plugins, ['plugins'], problems)) pendingPlugins.push({ raw, at });

  const sharedConfigs = asRecord(doc._plugin_configs) ?? {};
  const plugins: DeckPlugin[] = [];
  const consumer_plugins: DeckPlugin[] = [];
  for (const pending of pendingPlugins) {
    const plugin = readPlugin({ ...pending, raw: withDefaults(pending.raw, defaults.plugin) }, sharedConfigs, services, routes, problems);
    if (plugin) (plugin.consumer_scoped ? consumer_plugins : plugins).push(plugin);
  }

  return {
    format_version,
    legacy_regex_paths: isLegacyFormat(format_version),
    services,
    routes,
    plugins,
    consumer_plugins,
    gated_consumers: readGatedConsumers(doc, defaults.plugin),
    problems,
  };
}

/** The service whose `id` or else `name` is `ref`. */
export function findService(document: unknown, ref: string): DeckService | undefined {
  return findServiceIn(readDeck(document), ref);
}

export function findServiceIn(deck: Deck, ref: string): DeckService | undefined {
  return findByReference(deck.services, { either: ref });
}

/** Every service's id and name, in file order (for "did you mean" and the promote command). */
export function listServices(document: unknown): { id?: string; name?: string }[] {
  return readDeck(document).services.map(({ id, name }) => ({
    ...(id === undefined ? {} : { id }),
    ...(name === undefined ? {} : { name }),
  }));
}

// ---------------------------------------------------------------------------------------------

function readFormatVersion(doc: Record<string, unknown>, problems: DeckProblem[]): string {
  const value = doc._format_version;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  // `_format_version: 3.0` unquoted parses as the number 3.
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? `${value}.0` : `${value}`;
  problems.push({
    severity: 'warning',
    message: '`_format_version` is missing; reading the file as format 3.0 (write `_format_version: "3.0"` as `deck gateway dump` does)',
    path: ['_format_version'],
  });
  return '';
}

function isLegacyFormat(version: string): boolean {
  const major = Number.parseInt(version, 10);
  return Number.isFinite(major) && major < 3;
}

function readService(raw: unknown, at: KeyPath, index: number, problems: DeckProblem[]): DeckService | undefined {
  const record = asRecord(raw);
  if (!record) {
    problems.push({ severity: 'error', message: 'a service must be a mapping with a `name` or `id`', path: at });
    return undefined;
  }
  const service: DeckService = { index, at, protocol: 'http', enabled: record.enabled !== false };
  const id = text(record.id);
  const name = text(record.name);
  if (id !== undefined) service.id = id;
  if (name !== undefined) service.name = name;

  const url = text(record.url);
  if (url !== undefined) unwrapUrl(url, service, [...at, 'url'], problems);
  // As in decK, explicit fields win over what `url` said.
  const protocol = text(record.protocol);
  const host = text(record.host);
  const path = text(record.path);
  if (protocol !== undefined) service.protocol = protocol;
  if (host !== undefined) service.host = host;
  if (typeof record.port === 'number' && Number.isInteger(record.port)) service.port = record.port;
  if (path !== undefined) service.path = path;
  return service;
}

/** decK's `unwrapURL`: scheme → protocol, port 80 (443 for https) unless given, path if any. */
function unwrapUrl(url: string, service: DeckService, at: KeyPath, problems: DeckProblem[]): void {
  if (isUnresolvedReference(url)) return unwrapTemplatedUrl(url, service);
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed) {
    problems.push({ severity: 'error', message: `service url "${url}" is not a URL; write it as protocol://host[:port][/path]`, path: at });
    return;
  }
  service.protocol = parsed.protocol.replace(/:$/, '');
  service.port = parsed.port ? Number(parsed.port) : service.protocol === 'https' ? 443 : 80;
  if (parsed.hostname) service.host = parsed.hostname;
  // WHATWG URL reports `/` for `http://host`; decK sets a path only when one was written.
  const written = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/i.exec(url)?.[1];
  if (written !== undefined) service.path = parsed.pathname;
}

/**
 * A `url` that `deck gateway sync` completes from the environment (`${{ env "DECK_…" }}`): not
 * an error. The parts written literally (scheme, path) are kept; the rest is unknown here.
 */
function unwrapTemplatedUrl(url: string, service: DeckService): void {
  const parts = /^([a-z][a-z0-9+.-]*):\/\/[^/?#]*(\/[^?#]*)?/i.exec(url);
  if (!parts) return;
  const [, protocol, path] = parts;
  if (!isUnresolvedReference(protocol)) service.protocol = protocol!.toLowerCase();
  if (path !== undefined && !isUnresolvedReference(path)) service.path = path;
}

function readRoute(
  raw: unknown,
  at: KeyPath,
  index: number,
  service: number | undefined,
  problems: DeckProblem[],
): DeckRoute | undefined {
  const record = asRecord(raw);
  if (!record) {
    problems.push({ severity: 'error', message: 'a route must be a mapping (with `paths`, `hosts` or `methods`)', path: at });
    return undefined;
  }
  const protocols = texts(record.protocols);
  const route: DeckRoute = {
    index,
    at,
    ...(service === undefined ? {} : { service }),
    methods: texts(record.methods),
    paths: texts(record.paths),
    hosts: texts(record.hosts),
    protocols: protocols.length > 0 ? protocols : ['http', 'https'],
    strip_path: record.strip_path !== false,
    headers: readHeaders(record.headers),
    snis: texts(record.snis),
    sources: readAddresses(record.sources),
    destinations: readAddresses(record.destinations),
    regex_priority: integer(record.regex_priority),
    priority: integer(record.priority),
  };
  const id = text(record.id);
  const name = text(record.name);
  const expression = text(record.expression);
  if (id !== undefined) route.id = id;
  if (name !== undefined) route.name = name;
  if (expression !== undefined) route.expression = expression;
  return route;
}

function readPlugin(
  pending: PendingPlugin,
  sharedConfigs: Record<string, unknown>,
  services: DeckService[],
  routes: DeckRoute[],
  problems: DeckProblem[],
): DeckPlugin | undefined {
  const record = asRecord(pending.raw);
  const name = text(record?.name);
  if (!record || name === undefined) {
    problems.push({ severity: 'error', message: 'a plugin must be a mapping with a `name`', path: pending.at });
    return undefined;
  }
  if (record.enabled === false) return undefined;

  const plugin: DeckPlugin = { name, at: pending.at, config: readConfig(record, sharedConfigs, pending.at, problems) };
  // A consumer's (or consumer group's) plugin applies to that consumer's requests only: it
  // says nothing about what every caller of the service meets.
  if (isSet(record.consumer)) plugin.consumer_scoped = 'consumer';
  else if (isSet(record.consumer_group)) plugin.consumer_scoped = 'consumer_group';

  // Nesting decides the scope; a reference field adds to it (decK allows both on one plugin).
  let service = pending.service;
  let route = pending.route;
  const serviceRef = pending.service === undefined ? toReference(record.service) : undefined;
  if (serviceRef) {
    const found = findByReference(services, serviceRef);
    if (!found) {
      problems.push(missing('service', serviceRef, [...pending.at, 'service']));
      return undefined;
    }
    service = found.index;
  }
  const routeRef = pending.route === undefined ? toReference(record.route) : undefined;
  if (routeRef) {
    const found = findByReference(routes, routeRef);
    if (!found) {
      problems.push(missing('route', routeRef, [...pending.at, 'route']));
      return undefined;
    }
    route = found.index;
  }
  if (service !== undefined) plugin.service = service;
  if (route !== undefined) plugin.route = route;
  const protocols = texts(record.protocols);
  if (protocols.length > 0) plugin.protocols = protocols;
  return plugin;
}

function readConfig(
  record: Record<string, unknown>,
  sharedConfigs: Record<string, unknown>,
  at: KeyPath,
  problems: DeckProblem[],
): Record<string, unknown> {
  const own = asRecord(record.config) ?? {};
  const source = text(record._config);
  if (source === undefined) return own;
  const shared = Object.hasOwn(sharedConfigs, source) ? asRecord(sharedConfigs[source]) : undefined;
  if (!shared) {
    // decK refuses the whole file here; we keep the plugin (its presence still means callers
    // must authenticate) with its own configuration only.
    problems.push({
      severity: 'error',
      message: `plugin refers to \`_plugin_configs\` entry "${isUnresolvedReference(source) ? '(set by a decK template)' : source}", which does not exist; add it under \`_plugin_configs\` or fix \`_config\``,
      path: [...at, '_config'],
    });
    return own;
  }
  return mergePluginConfig(own, shared);
}

/** decK's `mergePluginConfig`: keys of `own` win; where both hold a mapping, merge inside it. */
export function mergePluginConfig(own: Record<string, unknown>, shared: Record<string, unknown>): Record<string, unknown> {
  // Null prototype: a `__proto__` key in the file becomes a plain key, not a prototype.
  const merged: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(own)) merged[key] = own[key];
  for (const key of Object.keys(shared)) {
    if (!Object.hasOwn(own, key)) {
      merged[key] = shared[key];
      continue;
    }
    const ownValue = asRecord(own[key]);
    const sharedValue = asRecord(shared[key]);
    if (ownValue && sharedValue) merged[key] = mergePluginConfig(ownValue, sharedValue);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------

function toReference(value: unknown): Reference | undefined {
  const plain = text(value);
  if (plain !== undefined) return { either: plain };
  const record = asRecord(value);
  if (!record) return undefined;
  const id = text(record.id);
  const name = text(record.name);
  if (id === undefined && name === undefined) return undefined;
  return { ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }) };
}

/** By id first (ids are unique), then by name; a plain reference may be either. */
function findByReference<T extends { id?: string; name?: string }>(items: readonly T[], ref: Reference): T | undefined {
  const id = ref.id ?? ref.either;
  const name = ref.name ?? ref.either;
  return (
    (id === undefined ? undefined : items.find((item) => item.id === id)) ??
    (name === undefined ? undefined : items.find((item) => item.name === name))
  );
}

function missing(kind: 'service' | 'route', ref: Reference, at: KeyPath): DeckProblem {
  const written = ref.either ?? ref.name ?? ref.id ?? '';
  // Messages reach the terminal and the internal portal: a template stays out of them too.
  const shown = isUnresolvedReference(written) ? '(set by a decK template)' : written;
  return {
    severity: 'error',
    message: `${kind} "${shown}" is not in this decK file; name an existing ${kind} by its \`name\` or \`id\``,
    path: at,
  };
}

function listAt(value: unknown, at: KeyPath, problems: DeckProblem[]): [unknown, KeyPath][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ severity: 'error', message: `\`${String(at[at.length - 1])}\` must be a list`, path: at });
    return [];
  }
  return value.map((item, i) => [item, [...at, i]]);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function texts(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const plain = text(item);
    return plain === undefined ? [] : [plain];
  });
}

interface EntityDefaults {
  service: Record<string, unknown>;
  route: Record<string, unknown>;
  plugin: Record<string, unknown>;
}

function readDefaults(doc: Record<string, unknown>): EntityDefaults {
  const defaults = asRecord(asRecord(doc._info)?.defaults) ?? {};
  return {
    service: asRecord(defaults.service) ?? {},
    route: asRecord(defaults.route) ?? {},
    plugin: asRecord(defaults.plugin) ?? {},
  };
}

/** The entity with every default it leaves out (a field written as null counts as left out). */
function withDefaults(raw: unknown, defaults: Record<string, unknown>): unknown {
  const record = asRecord(raw);
  if (!record || Object.keys(defaults).length === 0) return raw;
  const merged: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(defaults)) merged[key] = value;
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

function readHeaders(value: unknown): Record<string, string[]> {
  const record = asRecord(value);
  const headers: Record<string, string[]> = Object.create(null);
  if (!record) return headers;
  for (const [name, values] of Object.entries(record)) {
    const list = Array.isArray(values) ? texts(values) : texts([values]);
    if (name.trim() !== '' && list.length > 0) headers[name.trim().toLowerCase()] = list;
  }
  return headers;
}

function readAddresses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const record = asRecord(item);
    if (!record) return [];
    const ip = text(record.ip) ?? '';
    const port = typeof record.port === 'number' ? `:${record.port}` : '';
    return ip || port ? [`${ip}${port}`] : [];
  });
}

function integer(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

/** Consumers with an enabled request-termination of their own (nested or top-level). */
function readGatedConsumers(doc: Record<string, unknown>, pluginDefaults: Record<string, unknown>): Set<string> {
  const gated = new Set<string>();
  const terminates = (raw: unknown) => {
    const plugin = asRecord(withDefaults(raw, pluginDefaults));
    return plugin?.name === 'request-termination' && plugin.enabled !== false;
  };
  const identities = (consumer: Record<string, unknown>) =>
    [consumer.username, consumer.id, consumer.custom_id].flatMap((v) => (text(v) === undefined ? [] : [text(v)!]));
  const consumers = Array.isArray(doc.consumers) ? doc.consumers.flatMap((c) => (asRecord(c) ? [asRecord(c)!] : [])) : [];
  for (const consumer of consumers) {
    if (Array.isArray(consumer.plugins) && consumer.plugins.some(terminates)) for (const id of identities(consumer)) gated.add(id);
  }
  for (const raw of Array.isArray(doc.plugins) ? doc.plugins : []) {
    if (!terminates(raw)) continue;
    const ref = toReference(asRecord(raw)?.consumer);
    if (!ref) continue;
    const consumer = consumers.find((c) => identities(c).some((id) => id === (ref.either ?? ref.id ?? ref.name)));
    for (const id of consumer ? identities(consumer) : [ref.either ?? ref.id ?? ref.name ?? '']) if (id) gated.add(id);
  }
  return gated;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
