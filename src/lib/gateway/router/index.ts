/**
 * Kong's router over one decK file: every route normalised once (`route.ts`), matched and
 * ordered by `match.ts`, and asked per operation by `serve.ts`. Routes of disabled services
 * take part in nothing: Kong does not route to them.
 */
import type { Deck, DeckProblem } from '../deck.ts';
import { toRouterRoute, type RoutePath, type RouterRoute } from './route.ts';

export interface DeckRouter {
  /** Every route, in file order (`RouterRoute.deck.index`). */
  routes: RouterRoute[];
  /** Routes Kong serves (their service is enabled). */
  live: RouterRoute[];
  /** What could not be modelled: regexes, expressions, regex-looking 3.0 paths. */
  problems: DeckProblem[];
  /** Live routes that may match a consumer path (a superset; `matchRoute` decides). */
  candidates(path: string): readonly RouterRoute[];
}

const routers = new WeakMap<Deck, DeckRouter>();

export function routerOf(deck: Deck): DeckRouter {
  let router = routers.get(deck);
  if (!router) {
    const problems: DeckProblem[] = [];
    const routes = deck.routes.map((route) => toRouterRoute(route, deck.legacy_regex_paths, problems));
    const live = routes.filter((route) => route.deck.service === undefined || deck.services[route.deck.service]?.enabled !== false);
    router = { routes, live, problems, candidates: candidateIndex(live) };
    routers.set(deck, router);
  }
  return router;
}

/**
 * Live routes by the first character after the leading `/` that every path they match must
 * have; routes without such a character (no paths, `/`, expressions, regexes that do not start
 * with a plain character) are candidates for every path. Checking all routes per operation is
 * quadratic on large decK files; this keeps it to the few that can match.
 */
function candidateIndex(live: readonly RouterRoute[]): (path: string) => readonly RouterRoute[] {
  const byChar = new Map<string, RouterRoute[]>();
  const always: RouterRoute[] = [];
  for (const route of live) {
    const chars = route.expression || route.paths.length === 0 ? undefined : route.paths.map(leadingChar);
    if (!chars || chars.some((c) => c === undefined)) {
      always.push(route);
      continue;
    }
    for (const c of new Set(chars as string[])) {
      let list = byChar.get(c);
      if (!list) byChar.set(c, (list = []));
      list.push(route);
    }
  }
  const cache = new Map<string, RouterRoute[]>();
  return (path) => {
    const c = path.charAt(1);
    let found = cache.get(c);
    if (!found) {
      const set = new Set([...(byChar.get(c) ?? []), ...always]);
      found = live.filter((route) => set.has(route));
      cache.set(c, found);
    }
    return found;
  };
}

/** The character after `/` that every path matching `path` starts with, when certain. */
function leadingChar(path: RoutePath): string | undefined {
  if (path.kind === 'prefix') return path.path.length > 1 && path.path.startsWith('/') ? path.path.charAt(1) : undefined;
  // `~/x…`: only a plain character not followed by a quantifier, with no alternation or flags anywhere.
  const body = path.path.slice(1);
  if (/[|]|\(\?/.test(body)) return undefined;
  const m = /^\^?\/([A-Za-z0-9_-])([^?*+{]|$)/.exec(body);
  return m ? m[1] : undefined;
}

export type { RouterRoute, RoutePath } from './route.ts';
export type { RouteMatch } from './match.ts';
export { routesServing, matchOperation, fillTemplate, type ServingRoute } from './serve.ts';
