/**
 * What an ingest or pull needs to count traffic per operation: for one control plane, every
 * version that links one of its services, with the operations of the version's spec, matched
 * through the control plane's decK routes (operation-matcher.ts). Read from the content
 * folder the same way a build reads it; a version whose spec does not load is named, and its
 * traffic is still counted (as unmatched), never dropped.
 */
import { loadContent } from '../content/load-content.ts';
import { readDeck } from '../gateway/deck.ts';
import { findOperations } from '../openapi/operations.ts';
import { loadSpec } from '../openapi/index.ts';
import { OperationIndex, type ServiceLink } from './operation-matcher.ts';

export interface ControlPlaneOperations {
  index: OperationIndex;
  /** Each version's link to a service here, with its spec operations (in spec order). */
  links: ServiceLink[];
  /** Versions linked here whose spec could not be read: their traffic is all unmatched. */
  problems: string[];
}

export async function controlPlaneOperations(
  contentDir: string,
  controlPlane: string,
  deckDocument: unknown,
  cacheDir?: string,
): Promise<ControlPlaneOperations> {
  const content = await loadContent(contentDir);
  const links: ServiceLink[] = [];
  const problems: string[] = [];
  for (const product of content.products) {
    for (const version of product.versions) {
      const here = version.gateway_services.filter((link) => link.control_plane === controlPlane);
      if (here.length === 0) continue;
      const name = `${product.slug}/${version.slug}`;
      let operations: ServiceLink['operations'] = [];
      if (version.spec) {
        const loaded = await loadSpec({ root: content.root, file: version.spec, ...(cacheDir ? { cacheDir } : {}) });
        if (loaded.spec) {
          operations = findOperations(loaded.spec.openapi)
            .filter((op) => op.kind === 'operation')
            .map((op) => ({ method: op.method, path: op.path }));
        } else {
          problems.push(`${name}: its spec ${version.spec} cannot be read, so its traffic counts as unmatched`);
        }
      }
      for (const link of here) links.push({ service: link.service, operations });
    }
  }
  return { index: new OperationIndex(readDeck(deckDocument), links), links, problems };
}
