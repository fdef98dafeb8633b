/**
 * What a route exposes to callers, and the base URLs it gives them.
 *
 * Base URLs are route `hosts` × `protocols` × plain `paths`:
 * - only `http` and `https` make URLs (grpc, tcp, tls… are not something a browser or curl
 *   calls by URL);
 * - regex paths (`~…`; in formats before 3.0, any path Kong 2.x took for a regex) are listed
 *   as patterns and never become URLs; a route whose paths are all patterns, or that has no
 *   paths, gives the host root (`https://api.example.com`), which the patterns are relative to;
 * - a route without `hosts` gives no base URL: it answers on whatever host the data plane is
 *   reached by, which the decK file does not say. Set the environment's `base_url` then;
 * - wildcard hosts (`*.example.com`) are listed on the route but are not URLs;
 * - the route path stays in the base URL even with `strip_path: false` (the contract is
 *   hosts × protocols × paths); `strip_path: false` is recorded on the route so code samples
 *   can avoid repeating a prefix the spec's paths already carry;
 * - a trailing slash is dropped (`/v1/` → `…/v1`) so paths from the spec can be appended.
 */
import { compareText, sortedUnique } from './plugins/config-values.ts';
import { isUnresolvedReference } from './templated-values.ts';
import type { DeckRoute } from './deck.ts';
import type { ExposedRoute } from './types.ts';

/** Kong 2.x's plain-path alphabet; decK's `convert` uses the same test. */
const LEGACY_PLAIN_PATH = /^[a-zA-Z0-9._~/%-]*$/;
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;
const METHOD = /^[A-Za-z]+$/;
const PROTOCOL = /^[a-z]+$/;
const HOST = /^[A-Za-z0-9*.:[\]-]+$/;
const URL_PROTOCOLS = ['https', 'http'];

export function isRegexPath(path: string, legacyRegexPaths: boolean): boolean {
  if (path.startsWith('~')) return true;
  return legacyRegexPaths && !LEGACY_PLAIN_PATH.test(path);
}

/** The route as a caller sees it: methods, plain paths, regex patterns, hosts, protocols. */
export function exposeRoute(route: DeckRoute, legacyRegexPaths: boolean): ExposedRoute {
  const paths = route.paths.filter((path) => !CONTROL_OR_SPACE.test(path) && !isUnresolvedReference(path));
  // Templated hosts and paths are set at deploy time: dropped, and the route says so.
  const templated = (['hosts', 'paths'] as const).filter((key) => route[key].some(isUnresolvedReference));
  return {
    ...(route.name === undefined || isUnresolvedReference(route.name) ? {} : { name: route.name }),
    methods: sortedUnique(route.methods.filter((method) => METHOD.test(method)).map((method) => method.toUpperCase())),
    paths: sortedUnique(paths.filter((path) => !isRegexPath(path, legacyRegexPaths))),
    path_patterns: sortedUnique(paths.filter((path) => isRegexPath(path, legacyRegexPaths))),
    hosts: sortedUnique(route.hosts.filter((host) => HOST.test(host) && !isUnresolvedReference(host))),
    protocols: sortedUnique(route.protocols.filter((protocol) => PROTOCOL.test(protocol))),
    ...(route.strip_path ? {} : { strip_path: false }),
    ...(templated.length > 0 ? { configured_per_environment: [...templated] } : {}),
  };
}

export function baseUrlsOf(route: ExposedRoute): string[] {
  const protocols = route.protocols.filter((protocol) => URL_PROTOCOLS.includes(protocol));
  const hosts = route.hosts.filter((host) => !host.includes('*'));
  const plain = route.paths.filter((path) => path.startsWith('/'));
  // Every path set at deploy time: the host root would be a wrong URL, so the route gives none.
  if (plain.length === 0 && route.configured_per_environment?.includes('paths')) return [];
  const prefixes = plain.length > 0 ? plain.map(withoutTrailingSlash) : [''];
  const urls: string[] = [];
  for (const protocol of protocols) {
    for (const host of hosts) {
      for (const prefix of prefixes) {
        const url = `${protocol}://${host}${prefix}`;
        if (URL.canParse(url)) urls.push(url);
      }
    }
  }
  return sortBaseUrls(urls);
}

/** Deduplicated; https before http, then by text. */
export function sortBaseUrls(urls: Iterable<string>): string[] {
  const secureFirst = (url: string) => (url.startsWith('https://') ? 0 : 1);
  return [...new Set(urls)].sort((a, b) => secureFirst(a) - secureFirst(b) || compareText(a, b));
}

/** Routes by name, then by what they match, so the output order does not follow the file's. */
export function compareRoutes(a: ExposedRoute, b: ExposedRoute): number {
  return (
    compareText(a.name ?? '', b.name ?? '') ||
    compareText([...a.paths, ...a.path_patterns].join('\n'), [...b.paths, ...b.path_patterns].join('\n')) ||
    compareText(a.methods.join(','), b.methods.join(',')) ||
    compareText(a.hosts.join(','), b.hosts.join(','))
  );
}

function withoutTrailingSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
