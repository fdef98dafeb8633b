/**
 * Which routes of a service serve a spec operation (DESIGN §4a).
 *
 * The spec path S (each `{param}` filled with `sample1`, then with `1` for routes whose regex
 * takes digits only) is tried as the consumer path C
 * first: the spec gives the paths consumers call, as every `deck file openapi2kong` output
 * does. Otherwise the spec describes the upstream relative to the service's `path`: with
 * `strip_path: true` and a plain prefix P (for an expression route, an `http.path ^= "P"`), the
 * consumer calls C = P + S. With `strip_path: false` Kong forwards C unchanged, so only C = S
 * reaches the operation.
 *
 * Several routes may match; they are listed in the order Kong tries them. A route is left out
 * when a route Kong tries first (of any service) takes every request it would match — on
 * equal priority Kong's choice is undefined, so neither is dropped.
 */
import { compareText } from '../plugins/config-values.ts';
import type { Expression } from './expression.ts';
import { comparePriority, covers, matchRoute, type RouteMatch } from './match.ts';
import type { RouterRoute } from './route.ts';

export const SAMPLE_SEGMENT = 'sample1';

export interface ServingRoute {
  match: RouteMatch;
  /** Consumer paths, `{param}` kept as in the spec (for URLs). One per prefix that leads there. */
  paths: string[];
}

export interface OperationRequest {
  method: string;
  /** The spec path, with `{param}` templates. */
  path: string;
}

export function fillTemplate(path: string, sample = SAMPLE_SEGMENT): string {
  return path.replace(/\{[^}/]*\}/g, sample);
}

/** Concrete paths to try for a templated one: `sample1`, then `1` (for digit-only regexes). */
function samplesOf(path: string): string[] {
  return path.includes('{') ? [fillTemplate(path, SAMPLE_SEGMENT), fillTemplate(path, '1')] : [path];
}

/** The route's match for the first sample filling of `path` it accepts. */
function matchTemplate(route: RouterRoute, method: string, path: string, samples = samplesOf(path)): RouteMatch | undefined {
  for (const sample of samples) {
    const found = matchRoute(route, { method, path: sample });
    if (found) return found;
  }
  return undefined;
}

/** Consumer paths (templated) of an operation on one route, with the route's match. */
export function matchOperation(route: RouterRoute, operation: OperationRequest): ServingRoute | undefined {
  const method = operation.method.toUpperCase();
  const direct = matchTemplate(route, method, operation.path);
  if (direct) return { match: direct, paths: [operation.path] };
  if (!route.deck.strip_path) return undefined;
  let match: RouteMatch | undefined;
  const paths: string[] = [];
  for (const prefix of prefixesOf(route)) {
    const consumer = joinPrefix(prefix, operation.path);
    const found = matchTemplate(route, method, consumer);
    if (!found) continue;
    match ??= found;
    paths.push(consumer);
  }
  return match ? { match, paths: [...new Set(paths)] } : undefined;
}

/** Routes of `serviceRoutes` that serve the operation, in Kong's order, shadowed ones left out. */
export function routesServing(
  serviceRoutes: readonly RouterRoute[],
  /** Every route Kong may try (or, for speed, those that may match a given consumer path). */
  allRoutes: readonly RouterRoute[] | ((path: string) => readonly RouterRoute[]),
  operation: OperationRequest,
): ServingRoute[] {
  const othersFor = typeof allRoutes === 'function' ? allRoutes : () => allRoutes;
  const serving = serviceRoutes.flatMap((route) => {
    const found = matchOperation(route, operation);
    return found ? [found] : [];
  });
  const kept = serving.flatMap((candidate) => {
    const paths = candidate.paths.filter((path) => {
      const method = operation.method.toUpperCase();
      const samples = samplesOf(path);
      return !samples.flatMap((sample) => othersFor(sample)).some((other) => {
        if (other === candidate.match.route) return false;
        const winner = matchTemplate(other, method, path, samples);
        return winner !== undefined && comparePriority(winner, candidate.match) > 0 && covers(winner, candidate.match);
      });
    });
    return paths.length > 0 ? [{ ...candidate, paths }] : [];
  });
  // Equal priority: Kong's choice is undefined; list by name so the output does not follow the file's order.
  return kept.sort((a, b) => -comparePriority(a.match, b.match) || compareText(a.match.route.label, b.match.route.label));
}

function prefixesOf(route: RouterRoute): string[] {
  if (route.expression) return expressionPrefixes(route.expression);
  return route.paths.flatMap((path) => (path.kind === 'prefix' ? [path.path] : []));
}

function expressionPrefixes(expression: Expression): string[] {
  if (expression.kind === 'predicate') {
    return expression.field === 'http.path' && expression.op === '^=' && expression.literal.type === 'string' && !expression.lower
      ? [expression.literal.value]
      : [];
  }
  if (expression.kind === 'not') return [];
  return [...expressionPrefixes(expression.left), ...expressionPrefixes(expression.right)];
}

/** `/v1/` + `/flights` → `/v1/flights`; `/` + `/flights` → `/flights`. */
export function joinPrefix(prefix: string, path: string): string {
  const head = prefix.replace(/\/+$/, '');
  const tail = path.startsWith('/') ? path : `/${path}`;
  return head + tail;
}
