/**
 * An environment's routes and coverage for the version page (DESIGN §4a): the routes of the
 * service, "N of M operations served", and for the internal audience the routes no spec
 * operation uses and the operations no route serves. Non-HTTP routes (gRPC, TCP, TLS) keep
 * their protocol and hosts and never become URLs.
 */
import type { ResolvedEnvironment } from '../gateway/types.ts';

export interface EnvironmentCoverage {
  disabled: boolean;
  served: number;
  total: number;
  routes: { name: string; methods: string[]; paths: string[]; hosts: string[]; protocols: string[]; expression: string | null; operations: number }[];
  unrouted: { method: string; path: string }[];
  undocumented: string[];
}

export function environmentCoverage(env: ResolvedEnvironment): EnvironmentCoverage | undefined {
  const facts = env.gateway;
  if (!facts) return undefined;
  const uses = new Map<string, number>();
  for (const op of facts.operations) for (const route of op.served_by) uses.set(route.route, (uses.get(route.route) ?? 0) + 1);
  return {
    disabled: !facts.enabled || env.disabled === true,
    served: facts.operations.filter((op) => op.served_by.length > 0).length,
    total: facts.operations.length,
    routes: facts.routes.map((route) => ({
      name: route.name,
      methods: route.methods,
      paths: route.paths,
      hosts: route.hosts,
      protocols: route.protocols,
      expression: route.expression,
      operations: uses.get(route.name) ?? 0,
    })),
    unrouted: facts.unrouted_operations,
    undocumented: facts.undocumented_routes,
  };
}
