/**
 * Turns a version's gateway links into the environments the portal shows, in the order
 * portal.yaml lists environments. A link to a control plane no environment names still
 * shows, under the control plane's own name.
 */
import type { ContentModel, GatewayLink, PortalConfig } from '../content/model.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { KeyPath } from '../diagnostics/yaml-source.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { resolveInDeck } from '../gateway/resolve.ts';
import { findServiceIn, readDeck, type Deck } from '../gateway/deck.ts';
import { operationFacts, type SpecOperationRef } from '../gateway/operation-facts.ts';
import { routerOf } from '../gateway/router/index.ts';

// Each control plane's decK file is normalised once, however many versions link to it.
const decks = new WeakMap<object, Deck>();
function deckOf(doc: Record<string, unknown>): Deck {
  let deck = decks.get(doc);
  if (!deck) decks.set(doc, (deck = readDeck(doc)));
  return deck;
}

export function environmentFor(portal: PortalConfig, controlPlane: string) {
  return (
    portal.environments.find((e) => e.control_plane === controlPlane) ?? {
      name: controlPlane,
      control_plane: controlPlane,
    }
  );
}

/**
 * `operations` are the spec's path operations (method, path); with them each environment also
 * gets what Kong enforces per operation (`gateway`, DESIGN §4a).
 */
export function resolveVersionEnvironments(
  content: Pick<ContentModel, 'portal' | 'controlPlanes'>,
  links: readonly GatewayLink[],
  operations: readonly SpecOperationRef[] = [],
): ResolvedEnvironment[] {
  const rank = (cp: string) => {
    const i = content.portal.environments.findIndex((e) => e.control_plane === cp);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...links]
    .sort((a, b) => rank(a.control_plane) - rank(b.control_plane) || a.control_plane.localeCompare(b.control_plane))
    .map((link) => {
      const env = environmentFor(content.portal, link.control_plane);
      const cp = content.controlPlanes.find((c) => c.name === link.control_plane);
      if (!cp) {
        return {
          name: env.name,
          label: 'label' in env ? env.label : undefined,
          control_plane: link.control_plane,
          service: link.service,
          resolved: false,
          base_urls: [],
          routes: [],
          auth: [],
          rate_limits: [],
          gateway: {
            name: env.name,
            control_plane: link.control_plane,
            service: link.service,
            enabled: false,
            routes: [],
            operations: operations.map(({ method, path }) => ({ method: method.toLowerCase(), path, served_by: [] })),
            unrouted_operations: operations.map(({ method, path }) => ({ method: method.toLowerCase(), path })),
            undocumented_routes: [],
            other_protocol_routes: [],
          },
        } satisfies ResolvedEnvironment;
      }
      const deck = deckOf(cp.deck);
      const base_url = 'base_url' in env ? env.base_url : undefined;
      return {
        ...resolveInDeck(deck, link.service, env),
        gateway: operationFacts(deck, link.service, { name: env.name, control_plane: link.control_plane, ...(base_url ? { base_url } : {}) }, operations),
      };
    });
}

/**
 * `atrium check` warnings for a version's environments: spec operations no route serves (Kong
 * answers 404) and routes of the service that serve no spec operation, at the decK file's
 * route or service. A disabled service serves nothing by design and gets neither.
 */
export function gatewayCoverageDiagnostics(
  content: Pick<ContentModel, 'controlPlanes'>,
  versionLabel: string,
  environments: readonly ResolvedEnvironment[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const env of environments) {
    const facts = env.gateway;
    const cp = content.controlPlanes.find((c) => c.name === env.control_plane);
    if (!facts || !facts.enabled || !cp) continue;
    const deck = deckOf(cp.deck);
    const service = findServiceIn(deck, facts.service);
    if (!service) continue;
    const at = (path: KeyPath) => ({ file: cp.file, ...(cp.source ? cp.source.locate(path, 'key') : {}) });
    const serviceRoutes = routerOf(deck).routes.filter((route) => route.deck.service === service.index);
    if (serviceRoutes.length === 0) continue; // reported once per decK file by the gateway-deck rule
    for (const op of facts.unrouted_operations) {
      out.push({
        severity: 'warning',
        code: 'gateway-unrouted-operation',
        message: `${versionLabel}: ${op.method.toUpperCase()} ${op.path} is in the spec but no route of service \`${facts.service}\` serves it in ${env.name} (Kong answers 404); add a route or fix the spec path`,
        ...at(service.at),
      });
    }
    for (const name of facts.undocumented_routes) {
      const route = serviceRoutes.find((r) => r.label === name);
      out.push({
        severity: 'warning',
        code: 'gateway-undocumented-route',
        message: `${versionLabel}: route \`${name}\` of service \`${facts.service}\` serves no operation of the spec in ${env.name}; document it or remove the route`,
        ...at(route ? route.deck.at : service.at),
      });
    }
  }
  return out;
}
