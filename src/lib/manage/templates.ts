/**
 * The files `atrium product new` and `atrium version new` write: the required keys set,
 * the optional ones shown as comments, and the next command to run where there is one.
 * Names and descriptions come from the command line, so they are written through the YAML
 * printer (quoted where needed), never pasted into the text.
 */
import { renderYamlPair } from './yaml-edit.ts';

export interface ProductTemplate {
  /** Folder name under products/. */
  slug: string;
  name: string;
  description?: string;
}

export function productTemplate({ slug, name, description }: ProductTemplate): string {
  return [
    `# The ${oneLine(name)} API product. Fields are described in DESIGN.md section 3 (product.yaml).`,
    renderYamlPair('name', name).trimEnd(),
    description === undefined
      ? '# description: One paragraph for the catalog card and the overview page.'
      : renderYamlPair('description', description).trimEnd(),
    '# Internal labels (Konnect rules: keys and values 1-63 letters, digits, -, _ or ., keys not',
    '# starting with kong, konnect, mesh, kic or _). Shown on the internal portal only.',
    '# labels:',
    '#   owner: my-team',
    '# Labels shown on the public portal and usable as catalog filters:',
    '# public_labels:',
    '#   category: payments',
    `# Only published products reach the public portal: atrium product publish ${slug}`,
    'published: false',
    '# contact:',
    '#   name: The team that owns this API',
    '#   email: team@example.com',
    '',
  ].join('\n');
}

export interface VersionTemplate {
  productSlug: string;
  productName: string;
  /** Folder name under versions/, also written as `name`. */
  version: string;
  /** Kept from the version it was copied from. */
  spec?: string;
}

export function versionTemplate({ productSlug, productName, version, spec }: VersionTemplate): string {
  return [
    `# ${oneLine(productName)} ${oneLine(version)}. Fields are described in DESIGN.md section 3 (version.yaml).`,
    renderYamlPair('name', version).trimEnd(),
    `# Only published versions reach the public portal: atrium version publish ${productSlug} ${version}`,
    'publish_status: unpublished',
    spec === undefined
      ? '# The spec is openapi.yaml (or .yml, .json, swagger.*) in this folder; `spec: <file>` names another.'
      : renderYamlPair('spec', spec).trimEnd(),
    '# Where this version runs, one entry per environment (a control plane and a service in it):',
    `#   atrium version promote ${productSlug} ${version} --to <environment> --service <service name>`,
    'gateway_services: []',
    '',
  ].join('\n');
}

/** For text inside a comment line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
