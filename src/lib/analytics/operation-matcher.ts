/**
 * Which spec operation a request was (DESIGN §4b, per operation): from the route Kong matched
 * (`route.id` / `route.name` of a log line, the `route` label of a Prometheus series) and,
 * failing that, from the request's method and path against the spec's path templates.
 *
 * Which operations a route serves is the gateway router's answer (issue 14,
 * `gateway/router/serve.ts` `routesServing`), with the consumer paths that lead there
 * (`/v1` + `/flights/{id}` behind a `strip_path` prefix). A log line of a route names its
 * operation when its method and path fit one of the route's operations; a route that serves
 * a single operation names it alone when the input has no method and path (Prometheus).
 * Otherwise the consumer paths of all the service's routes are tried, then the spec's own
 * templates (against the consumer path, then the upstream path: a spec may describe either).
 * What fits nothing is UNMATCHED, never left out.
 *
 * Among templates that fit, the one with the most literal characters wins
 * (`/flights/mine` over `/flights/{id}`), as OpenAPI asks of concrete over templated paths.
 */
import { findServiceIn, type Deck } from '../gateway/deck.ts';
import { routerOf, routesServing } from '../gateway/router/index.ts';
import type { ServiceRef } from './service-index.ts';
import { UNMATCHED } from './traffic-bucket.ts';

export { UNMATCHED };

export interface SpecOperation {
  method: string;
  /** As written in the spec, with `{param}` templates. */
  path: string;
}

/** report.json's name of an operation: `GET /flights/{id}`. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

interface Template {
  key: string;
  regex: RegExp;
  /** Literal characters of the template: more is more specific. */
  literal: number;
}

/** `/flights/{id}` → /^\/flights\/[^/]+\/?$/ (a trailing slash is tolerated, as Kong's prefixes do). */
function compileTemplate(key: string, path: string): Template {
  let source = '^';
  let literal = 0;
  for (const part of path.replace(/\/+$/, '').split(/(\{[^}/]*\})/)) {
    if (part.startsWith('{') && part.endsWith('}')) source += '[^/]+?';
    else if (part !== '') {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      literal += part.length;
    }
  }
  return { key, regex: new RegExp(`${source}/?$`), literal };
}

/** Method → templates, most specific first. */
type TemplatesByMethod = Map<string, Template[]>;

function addTemplate(into: TemplatesByMethod, method: string, template: Template): void {
  const list = into.get(method) ?? [];
  if (list.some((t) => t.key === template.key && t.regex.source === template.regex.source)) return;
  list.push(template);
  // Most literal characters first; equal ones by key, so the order never follows the file.
  list.sort((a, b) => b.literal - a.literal || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  into.set(method, list);
}

function find(templates: TemplatesByMethod | undefined, method: string, path: string | undefined): string | undefined {
  if (!templates || path === undefined) return undefined;
  const list = templates.get(method);
  if (!list) return undefined;
  for (const t of list) if (t.regex.test(path)) return t.key;
  return undefined;
}

/** What a log line or a series tells about the request. */
export interface RequestFacts {
  routeId?: string;
  routeName?: string;
  method?: string;
  path?: string;
  upstreamPath?: string;
}

/** The operations of one service (of every version that links it in the control plane). */
export class ServiceOperations {
  /** Route id and route name → the route's operations by method, with its consumer paths. */
  private readonly byRoute = new Map<string, TemplatesByMethod>();
  /** Route id and name → the one operation the route serves (absent when it serves several). */
  private readonly onlyOperation = new Map<string, string>();
  private readonly consumerPaths: TemplatesByMethod = new Map();
  private readonly specPaths: TemplatesByMethod = new Map();
  /** Every operation key, in the order given. */
  readonly keys: string[];

  constructor(deck: Deck | undefined, serviceRef: string | undefined, operations: readonly SpecOperation[]) {
    const unique = new Map<string, SpecOperation>();
    for (const op of operations) unique.set(operationKey(op.method, op.path), op);
    this.keys = [...unique.keys()];
    const servedBy = new Map<string, Set<string>>();
    const service = deck && serviceRef !== undefined ? findServiceIn(deck, serviceRef) : undefined;
    const router = deck ? routerOf(deck) : undefined;
    const serviceRoutes = service && router ? router.live.filter((route) => route.deck.service === service.index) : [];
    for (const [key, op] of unique) {
      const method = op.method.toUpperCase();
      addTemplate(this.specPaths, method, compileTemplate(key, op.path));
      if (!service?.enabled || !router) continue;
      for (const serving of routesServing(serviceRoutes, router.candidates, { method: op.method.toLowerCase(), path: op.path })) {
        const route = serving.match.route.deck;
        const names = [route.id, route.name].filter((n): n is string => n !== undefined && n !== '');
        for (const consumerPath of serving.paths) {
          const template = compileTemplate(key, consumerPath);
          addTemplate(this.consumerPaths, method, template);
          for (const name of names) {
            let templates = this.byRoute.get(name);
            if (!templates) this.byRoute.set(name, (templates = new Map()));
            addTemplate(templates, method, template);
          }
        }
        for (const name of names) {
          let keys = servedBy.get(name);
          if (!keys) servedBy.set(name, (keys = new Set()));
          keys.add(key);
        }
      }
    }
    for (const [name, keys] of servedBy) if (keys.size === 1) this.onlyOperation.set(name, [...keys][0]!);
  }

  /** The operation key of a request, or UNMATCHED. */
  match(request: RequestFacts): string {
    const route = (request.routeId !== undefined && this.byRoute.get(request.routeId)) || (request.routeName !== undefined && this.byRoute.get(request.routeName)) || undefined;
    const method = request.method;
    if (method === undefined || request.path === undefined) return this.byRouteOnly(request.routeId, request.routeName);
    return (
      find(route, method, request.path) ??
      find(this.consumerPaths, method, request.path) ??
      find(this.specPaths, method, request.path) ??
      find(this.specPaths, method, request.upstreamPath) ??
      UNMATCHED
    );
  }

  /** A route alone (a Prometheus series): its operation when it serves exactly one. */
  byRouteOnly(routeId: string | undefined, routeName?: string): string {
    return (routeId !== undefined ? this.onlyOperation.get(routeId) : undefined) ?? (routeName !== undefined ? this.onlyOperation.get(routeName) : undefined) ?? UNMATCHED;
  }
}

/** One version's link to a service of this control plane, with the version's spec operations. */
export interface ServiceLink {
  /** `service` of version.yaml: the decK service's name or id. */
  service: string;
  operations: readonly SpecOperation[];
}

/**
 * The operations of every linked service of one control plane. Several versions linking one
 * service share it: their operations are matched together, and each version's report counts
 * the ones of its own spec (report.ts).
 */
export class OperationIndex {
  private readonly links: { ref: ServiceRef; operations: SpecOperation[]; service: string }[] = [];
  private readonly deck: Deck | undefined;

  constructor(deck: Deck | undefined, links: readonly ServiceLink[]) {
    this.deck = deck;
    for (const link of links) {
      const found = deck ? findServiceIn(deck, link.service) : undefined;
      const ref: ServiceRef = found ? { ...(found.id ? { id: found.id } : {}), ...(found.name ? { name: found.name } : {}) } : { name: link.service };
      const existing = this.links.find((l) => sameRef(l.ref, ref));
      if (existing) existing.operations.push(...link.operations);
      else this.links.push({ ref, operations: [...link.operations], service: link.service });
    }
  }

  /** The service's operations, or undefined when no version links it. */
  forService(service: ServiceRef): ServiceOperations | undefined {
    const link = this.links.find((l) => sameRef(l.ref, service));
    return link ? new ServiceOperations(this.deck, link.service, link.operations) : undefined;
  }
}

function sameRef(a: ServiceRef, b: ServiceRef): boolean {
  if (a.id && b.id && a.id === b.id) return true;
  return a.name !== undefined && a.name === b.name;
}
