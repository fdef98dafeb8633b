/**
 * A decK route as Kong 3.x's router sees it: paths split into prefixes and compiled regexes,
 * formats before 3.0 read the way `deck convert` reads them (a path Kong 2.x took for a regex
 * gets its `~`), and an `expression` parsed. What cannot be modelled faithfully becomes a
 * problem with the route's position, never a guess.
 */
import type { KeyPath } from '../../diagnostics/yaml-source.ts';
import type { DeckProblem, DeckRoute } from '../deck.ts';
import { isUnresolvedReference } from '../templated-values.ts';
import { parseExpression, type Expression } from './expression.ts';
import { translateKongRegex } from './regex.ts';

/** Kong 2.x's plain-path alphabet; decK's `convert` uses the same test. */
const LEGACY_PLAIN_PATH = /^[a-zA-Z0-9._~/%-]*$/;

export type RoutePath =
  | { kind: 'prefix'; path: string }
  /** `path` is as Kong 3.x writes it (`~…`); `regex` undefined when it cannot be evaluated. */
  | { kind: 'regex'; path: string; regex?: RegExp };

export interface RouterRoute {
  deck: DeckRoute;
  /** The route's name, else its id, else `route-<n>` (1-based position in the file). */
  label: string;
  paths: RoutePath[];
  methods: string[];
  hosts: string[];
  protocols: string[];
  /**
   * `http`/`https` the route can match; an SNI exists only on TLS, so a route with `snis`
   * matches https only.
   */
  httpProtocols: string[];
  /** Only for `expression` routes; undefined also when the expression did not parse. */
  expression?: Expression;
  /** True when the route's expression could not be parsed: it serves nothing we can tell. */
  unreadable: boolean;
}

export const HTTP_PROTOCOLS = ['http', 'https'];

export function isRegexPath(path: string, legacyRegexPaths: boolean): boolean {
  if (path.startsWith('~')) return true;
  return legacyRegexPaths && !LEGACY_PLAIN_PATH.test(path);
}

export function routeLabel(route: DeckRoute): string {
  const name = route.name !== undefined && !isUnresolvedReference(route.name) ? route.name : undefined;
  const id = route.id !== undefined && !isUnresolvedReference(route.id) ? route.id : undefined;
  return name ?? id ?? `route-${route.index + 1}`;
}

export function toRouterRoute(route: DeckRoute, legacyRegexPaths: boolean, problems: DeckProblem[]): RouterRoute {
  const label = routeLabel(route);
  const paths = route.paths.map((path, i): RoutePath => {
    // Set by a decK template: no known path to match or to quote in a warning.
    if (isUnresolvedReference(path)) return { kind: 'prefix', path };
    if (!isRegexPath(path, legacyRegexPaths)) {
      if (!legacyRegexPaths && !LEGACY_PLAIN_PATH.test(path) && /[\\^$*+?()[\]{}|]/.test(path)) {
        problems.push({
          severity: 'warning',
          message: `route "${label}": path "${path}" looks like a regex but has no \`~\`; Kong 3.x matches it as a plain prefix. Write "~${path}" if it is a regex (decK warns about the same)`,
          path: [...route.at, 'paths', i],
        });
      }
      return { kind: 'prefix', path };
    }
    const written = path.startsWith('~') ? path : `~${path}`;
    const translated = translateKongRegex(written.slice(1));
    if (translated.ok) return { kind: 'regex', path: written, regex: translated.regex };
    problems.push({
      severity: 'warning',
      message: `route "${label}": regex path "${path}" ${translated.reason}; the portal cannot tell which operations it serves`,
      path: [...route.at, 'paths', i],
    });
    return { kind: 'regex', path: written };
  });

  const normalised: RouterRoute = {
    deck: route,
    label,
    paths,
    methods: [...new Set(route.methods.map((method) => method.toUpperCase()))],
    hosts: route.hosts,
    protocols: route.protocols.map((protocol) => protocol.toLowerCase()),
    httpProtocols: route.protocols
      .map((protocol) => protocol.toLowerCase())
      .filter((protocol) => (route.snis.length > 0 ? protocol === 'https' : HTTP_PROTOCOLS.includes(protocol))),
    unreadable: false,
  };
  // A templated expression is reported by the deck-template rule, without its text.
  if (route.expression !== undefined && isUnresolvedReference(route.expression)) normalised.unreadable = true;
  else if (route.expression !== undefined) {
    const parsed = parseExpression(route.expression);
    if (parsed.ok) normalised.expression = parsed.expression;
    else {
      normalised.unreadable = true;
      problems.push({
        severity: 'warning',
        message: `route "${label}": expression cannot be read at character ${parsed.offset + 1} (${parsed.message}); the portal cannot tell which operations it serves`,
        path: [...route.at, 'expression'] as KeyPath,
      });
    }
  }
  return normalised;
}
