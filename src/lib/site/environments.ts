/**
 * Turns a version's gateway links into the environments the portal shows, in the order
 * portal.yaml lists environments. A link to a control plane no environment names still
 * shows, under the control plane's own name.
 */
import type { ContentModel, GatewayLink, PortalConfig } from '../content/model.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import { resolveInDeck } from '../gateway/resolve.ts';
import { readDeck, type Deck } from '../gateway/deck.ts';

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

export function resolveVersionEnvironments(
  content: Pick<ContentModel, 'portal' | 'controlPlanes'>,
  links: readonly GatewayLink[],
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
        } satisfies ResolvedEnvironment;
      }
      return resolveInDeck(deckOf(cp.deck), link.service, env);
    });
}
