/**
 * `products/<product>/<version>/gateway.json` (DESIGN §4a, contract): what Kong enforces per
 * operation, for machines (the MCP server reads it). Built from the audience-filtered site
 * model, so it lists nothing the pages don't; only the contract's fields are copied, so
 * page-only and internal facts (what some consumers get) stay out.
 */
import type { SiteProduct, SiteVersion } from './model.ts';
import type { EnvironmentOperations } from '../gateway/operation-facts.ts';

export function buildGatewayJson(product: SiteProduct, version: SiteVersion) {
  return {
    product: product.entry.slug,
    version: version.entry.name,
    environments: version.environments.flatMap((env) => (env.gateway ? [environmentJson(env.gateway)] : [])),
  };
}

/** True when the version has gateway links, so the file is written. */
export function hasGatewayJson(version: SiteVersion): boolean {
  return version.environments.some((env) => env.gateway !== undefined);
}

function environmentJson(env: EnvironmentOperations) {
  return {
    name: env.name,
    control_plane: env.control_plane,
    service: env.service,
    enabled: env.enabled,
    routes: env.routes.map((route) => ({
      name: route.name,
      protocols: route.protocols,
      hosts: route.hosts,
      paths: route.paths,
      methods: route.methods,
      headers: route.headers,
      expression: route.expression,
      strip_path: route.strip_path,
    })),
    operations: env.operations.map((op) => ({
      method: op.method,
      path: op.path,
      served_by: op.served_by.map((served) => ({
        route: served.route,
        urls: served.urls,
        auth: { required: served.auth.required, any_of: served.auth.any_of },
        rate_limits: served.rate_limits.map((limit) => ({ limit: limit.limit, window: limit.window })),
        gateway_errors: served.gateway_errors,
      })),
    })),
    unrouted_operations: env.unrouted_operations.map((op) => ({ method: op.method, path: op.path })),
    undocumented_routes: env.undocumented_routes,
  };
}
