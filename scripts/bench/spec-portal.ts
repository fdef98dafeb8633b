/**
 * A small portal around one real spec: one product with one published version linked to a
 * gateway service in one control plane, and one doc (the page a warm run edits). The spec
 * is copied in, since Atrium reads nothing outside the content folder.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

export interface SpecPortalInput {
  slug: string;
  name: string;
  /** The spec file to copy in. */
  specFile: string;
}

/** Returns the doc a warm run edits, relative to the content folder. */
export async function writeSpecPortal(dir: string, input: SpecPortalInput): Promise<{ editDoc: string }> {
  const product = `products/${input.slug}`;
  const specName = `openapi${path.extname(input.specFile) || '.json'}`;
  const files: Record<string, string> = {
    'portal.yaml': stringify({
      title: `${input.name} benchmark portal`,
      site: `https://developer.${input.slug}.bench.example`,
      environments: [{ name: 'production', control_plane: 'prod', label: 'Production', base_url: `https://api.${input.slug}.bench.example` }],
    }),
    'control-planes/prod.yaml': stringify({
      _format_version: '3.0',
      services: [
        {
          name: `${input.slug}-service`,
          host: `${input.slug}.internal`,
          port: 443,
          protocol: 'https',
          plugins: [
            { name: 'key-auth', enabled: true, config: { key_names: ['apikey'] } },
            { name: 'rate-limiting', enabled: true, config: { minute: 600, policy: 'local' } },
          ],
          routes: [{ name: `${input.slug}-all`, hosts: [`origin.${input.slug}.bench.example`], paths: ['/'], protocols: ['https'], strip_path: false }],
        },
      ],
    }),
    [`${product}/product.yaml`]: stringify({ name: input.name, description: `${input.name}, built from the real spec.`, published: true }),
    [`${product}/versions/v1/version.yaml`]: stringify({
      publish_status: 'published',
      spec: specName,
      gateway_services: [{ control_plane: 'prod', service: `${input.slug}-service` }],
    }),
    [`${product}/docs/index.md`]: `---\ntitle: ${input.name}\n---\n\nThe ${input.name} API, as its vendor publishes it.\n`,
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  await copyFile(input.specFile, path.join(dir, product, 'versions/v1', specName));
  return { editDoc: `${product}/docs/index.md` };
}
