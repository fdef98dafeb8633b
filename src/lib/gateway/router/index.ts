/**
 * Kong's router over one decK file: every route normalised once (`route.ts`), matched and
 * ordered by `match.ts`, and asked per operation by `serve.ts`. Routes of disabled services
 * take part in nothing: Kong does not route to them.
 */
import type { Deck, DeckProblem } from '../deck.ts';
import { toRouterRoute, type RouterRoute } from './route.ts';

export interface DeckRouter {
  /** Every route, in file order (`RouterRoute.deck.index`). */
  routes: RouterRoute[];
  /** Routes Kong serves (their service is enabled). */
  live: RouterRoute[];
  /** What could not be modelled: regexes, expressions, regex-looking 3.0 paths. */
  problems: DeckProblem[];
}

const routers = new WeakMap<Deck, DeckRouter>();

export function routerOf(deck: Deck): DeckRouter {
  let router = routers.get(deck);
  if (!router) {
    const problems: DeckProblem[] = [];
    const routes = deck.routes.map((route) => toRouterRoute(route, deck.legacy_regex_paths, problems));
    const live = routes.filter((route) => route.deck.service === undefined || deck.services[route.deck.service]?.enabled !== false);
    router = { routes, live, problems };
    routers.set(deck, router);
  }
  return router;
}

export type { RouterRoute, RoutePath } from './route.ts';
export type { RouteMatch } from './match.ts';
export { routesServing, matchOperation, fillTemplate, type ServingRoute } from './serve.ts';
