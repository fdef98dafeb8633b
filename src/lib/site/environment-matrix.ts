/** Versions × environments for the internal matrix page. */
import type { SiteModel } from './model.ts';
import { versionPublication } from './publication.ts';

export interface MatrixCell {
  service: string;
  resolved: boolean;
  /** The service is `enabled: false`: Kong serves none of its routes. */
  disabled: boolean;
}

export function environmentMatrix(model: SiteModel) {
  const environments: { name: string; label?: string; control_plane: string }[] = [...model.portal.environments];
  for (const product of model.products)
    for (const version of product.versions)
      for (const env of version.environments)
        if (!environments.some((e) => e.control_plane === env.control_plane))
          environments.push({ name: env.name, control_plane: env.control_plane });
  return {
    environments,
    products: model.products.map((product) => ({
      name: product.entry.name,
      url: product.url,
      versions: product.versions.map((version) => ({
        name: version.entry.name,
        url: version.url,
        ...unpublishedOf(versionPublication(product, version)),
        deprecated: version.entry.deprecated,
        cells: environments.map((env): MatrixCell | undefined => {
          const found = version.environments.find((e) => e.control_plane === env.control_plane);
          return found && { service: found.service, resolved: found.resolved, disabled: found.disabled === true };
        }),
      })),
    })),
  };
}

function unpublishedOf(status: { published: boolean; reason?: string }) {
  return { unpublished: !status.published, unpublishedReason: status.reason };
}
