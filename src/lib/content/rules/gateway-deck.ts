/**
 * What is wrong in a decK file, as far as the portal's reading of it goes:
 * - errors Kong (or decK) would reject the file for — a route naming a missing service, a
 *   plugin whose `service:`/`route:` points nowhere, an unknown `_plugin_configs` name —
 *   since the portal would otherwise silently drop the plugin and show the wrong auth;
 * - router warnings: a 3.0 path that looks like a regex but has no `~` (decK warns too), a
 *   route regex or expression the portal cannot evaluate;
 * - for services a version links to: a service with no routes (Kong serves none of it), a
 *   gRPC/TCP/TLS route (no http URL), an unrendered `${{ … }}` decK template (the value is
 *   set at sync time and not published).
 * Each at the key in the decK file (`file:line:col`).
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { KeyPath } from '../../diagnostics/yaml-source.ts';
import { readDeck } from '../../gateway/deck.ts';
import { routerOf } from '../../gateway/router/index.ts';
import { HTTP_PROTOCOLS } from '../../gateway/router/route.ts';
import { isUnresolvedReference } from '../../gateway/templated-values.ts';
import type { ContentRule } from './context.ts';
import { at, trusted } from './context.ts';

const TEMPLATE = /\$\{\{/;
const MAX_TEMPLATE_WARNINGS = 20;

export const gatewayDeckRules: ContentRule = (context) => {
  const diagnostics: Diagnostic[] = [];
  for (const plane of context.controlPlanes) {
    if (!trusted(context, plane.file)) continue;
    const deck = readDeck(plane.deck);
    const router = routerOf(deck);
    const where = (path: KeyPath) => at(context, plane.file, path, 'key');

    // `_format_version` is checked with the file's shape (parse-control-plane.ts).
    for (const problem of deck.problems) {
      if (problem.path.length === 1 && problem.path[0] === '_format_version') continue;
      diagnostics.push({ severity: problem.severity, code: 'deck-reference', message: problem.message, ...where(problem.path) });
    }
    for (const problem of router.problems) {
      diagnostics.push({ severity: problem.severity, code: 'gateway-route', message: problem.message, ...where(problem.path) });
    }

    const linked = new Set(
      context.products.flatMap((product) =>
        product.versions.flatMap((version) =>
          version.gateway_services.filter((link) => link.control_plane === plane.name).map((link) => link.service),
        ),
      ),
    );
    const services = deck.services.filter((service) => (service.name !== undefined && linked.has(service.name)) || (service.id !== undefined && linked.has(service.id)));
    let templates = 0;
    for (const service of services) {
      // Messages reach the terminal and the internal portal: a templated name stays out of them.
      const label = [service.name, service.id].find((v) => v !== undefined && !isUnresolvedReference(v)) ?? `#${service.index + 1}`;
      const routes = router.routes.filter((route) => route.deck.service === service.index);
      if (routes.length === 0) {
        diagnostics.push({
          severity: 'warning',
          code: 'gateway-service-without-routes',
          message: `service \`${label}\` has no routes: Kong serves none of its operations; add a route (nested under the service or top-level with \`service: ${label}\`)`,
          ...where(service.at),
        });
      }
      for (const route of routes) {
        if (route.protocols.some((protocol) => HTTP_PROTOCOLS.includes(protocol))) continue;
        diagnostics.push({
          severity: 'warning',
          code: 'gateway-non-http-route',
          message: `route \`${route.label}\` of service \`${label}\` speaks ${route.protocols.join(', ') || 'no protocol'}, not http/https: the portal lists it with its protocol and hosts but gives it no URL and serves no spec operation through it`,
          ...where(route.deck.at),
        });
      }
      const entities: KeyPath[] = [service.at, ...routes.map((route) => route.deck.at)];
      for (const entity of entities) {
        for (const path of templatedValues(valueAt(plane.deck, entity), entity)) {
          if (templates++ >= MAX_TEMPLATE_WARNINGS) break;
          diagnostics.push({
            severity: 'warning',
            code: 'deck-template',
            message: `unrendered decK template in service \`${label}\`: \`deck gateway sync\` fills it in from the environment, so the portal does not know this value and publishes none of it; commit the file \`deck gateway dump\` writes, or accept "configured per environment"`,
            ...where(path),
          });
        }
      }
    }
  }
  return diagnostics;
};

function valueAt(root: unknown, path: KeyPath): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key as string | number];
  }
  return value;
}

/** Key paths of strings holding `${{`, within `value` (found at `base`); nested routes are reported with their route. */
function templatedValues(value: unknown, base: KeyPath, depth = 0): KeyPath[] {
  if (depth > 32) return [];
  if (typeof value === 'string') return TEMPLATE.test(value) ? [base] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => templatedValues(item, [...base, i], depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (depth === 0 && key === 'routes' ? [] : templatedValues(item, [...base, key], depth + 1)));
  }
  return [];
}
