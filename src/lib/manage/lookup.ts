/**
 * Finding what a management command names — a product, a version, an environment, a
 * gateway service — in the loaded content, with a refusal that lists what does exist
 * when it is not there.
 */
import { didYouMean, listNames } from '../diagnostics/did-you-mean.ts';
import type { ContentModel, ControlPlaneEntry, ProductEntry, VersionEntry } from '../content/model.ts';
import { findService, listServices } from '../gateway/deck.ts';
import type { Refusal } from './plan.ts';
import { refuse } from './plan.ts';

export function findProduct(model: ContentModel, slug: string): ProductEntry | Refusal {
  const product = model.products.find((p) => p.slug === slug);
  if (product) return product;
  const slugs = model.products.map((p) => p.slug);
  const known = slugs.length ? ` (products: ${listNames(slugs)})${didYouMean(slug, slugs)}` : '; there are no products yet';
  return refuse(`no product \`${slug}\` in products/${known}; create it with \`atrium product new ${slug} --name "<name>"\``, 'products/');
}

/** A version by folder name, else by its `name`. */
export function findVersion(product: ProductEntry, ref: string): VersionEntry | Refusal {
  const version = product.versions.find((v) => v.slug === ref) ?? product.versions.find((v) => v.name === ref);
  if (version) return version;
  const names = product.versions.map((v) => v.slug);
  const known = names.length ? ` (its versions: ${listNames(names)})${didYouMean(ref, names)}` : '';
  return refuse(`product \`${product.slug}\` has no version \`${ref}\`${known}`, `${product.dir}/versions/`);
}

/** True when `ref` names this version, by folder or by `name` (as `deprecation.replacement` may). */
export function namesVersion(version: VersionEntry, ref: string | undefined): boolean {
  return ref !== undefined && (ref === version.slug || ref === version.name);
}

export interface PromotionTarget {
  /** The environment's name in portal.yaml, when `--to` named one. */
  environment?: string;
  controlPlane: ControlPlaneEntry;
}

/** `--to`: an environment of portal.yaml (by name), or else a control plane (a file in control-planes/). */
export function findPromotionTarget(model: ContentModel, to: string): PromotionTarget | Refusal {
  const named = model.portal.environments.find((e) => e.name === to);
  const planeName = named ? named.control_plane : to;
  const controlPlane = model.controlPlanes.find((cp) => cp.name === planeName);
  // A control plane named directly is still shown as the environment that runs on it.
  const environment = named ?? model.portal.environments.find((e) => e.control_plane === planeName);
  if (controlPlane) return environment ? { environment: environment.name, controlPlane } : { controlPlane };
  if (named) {
    return refuse(
      `environment \`${to}\` runs on control plane \`${planeName}\`, but control-planes/ has no ${planeName}.yaml; add the decK file (\`deck gateway dump\`) of that control plane`,
      'portal.yaml',
    );
  }
  const environments = model.portal.environments.map((e) => e.name);
  const planes = model.controlPlanes.map((cp) => cp.name);
  const known = [
    environments.length ? `environments in portal.yaml: ${listNames(environments)}` : 'portal.yaml has no `environments`',
    planes.length ? `control planes: ${listNames(planes)}` : 'control-planes/ is empty',
  ].join('; ');
  return refuse(`no environment or control plane \`${to}\` (${known})${didYouMean(to, [...environments, ...planes])}`, 'portal.yaml');
}

/** Service names (or ids, for services without a name) of a decK file, in file order. */
export function serviceNames(controlPlane: ControlPlaneEntry): string[] {
  return listServices(controlPlane.deck).flatMap((s) => (s.name ?? s.id) === undefined ? [] : [(s.name ?? s.id) as string]);
}

/** Checks that `service` (a name or id) is in the control plane's decK file. */
export function checkService(controlPlane: ControlPlaneEntry, service: string): Refusal | undefined {
  if (findService(controlPlane.deck, service)) return undefined;
  const names = serviceNames(controlPlane);
  const known = names.length ? `its services: ${listNames(names, 30)}` : 'it has no services';
  return refuse(
    `no service \`${service}\` (by name or id) in control plane \`${controlPlane.name}\` (${known}); name one of them with --service, or add the service to the gateway and dump ${controlPlane.file} again${didYouMean(service, names)}`,
    controlPlane.file,
  );
}

/** The `name` of the service `ref` (a name or id) in a control plane, when it has one. */
export function serviceName(controlPlane: ControlPlaneEntry, ref: string): string | undefined {
  return findService(controlPlane.deck, ref)?.name;
}
