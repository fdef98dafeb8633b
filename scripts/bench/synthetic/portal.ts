/**
 * The synthetic portal: portal.yaml, three decK control planes, and per product a
 * product.yaml, `docs` docs and `versions` versions, each with a version.yaml linked to its
 * gateway service and an OpenAPI document (YAML for most products, JSON for every third,
 * OpenAPI 3.1 for every fourth). Deterministic: the same options give the same bytes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { ENVIRONMENTS, serviceName, syntheticDeck, versionEnvironments } from './deck.ts';
import { docPath, hasMermaid, hasPlantuml, syntheticDocs, type SyntheticFile } from './docs.ts';
import { productName, productSlug } from './names.ts';
import { syntheticSpec } from './spec.ts';

export interface SyntheticPortalSize {
  products: number;
  versions: number;
  operations: number;
  docs: number;
}

export const DEFAULT_SIZE: SyntheticPortalSize = { products: 100, versions: 3, operations: 40, docs: 20 };

const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });

export function* syntheticPortalFiles(size: SyntheticPortalSize): Generator<SyntheticFile> {
  yield {
    path: 'portal.yaml',
    text: yaml({
      title: 'Benchmark Developer Portal',
      description: `Synthetic portal: ${size.products} products × ${size.versions} versions, ${size.operations} operations per spec.`,
      site: 'https://developer.bench.example',
      environments: ENVIRONMENTS.map((e) => ({
        name: e.name,
        control_plane: e.control_plane,
        label: e.label,
        ...(e.name === 'production' ? { base_url: 'https://api.bench.example' } : {}),
      })),
      mermaid: { render: 'build' },
      branding: { accent_color: '#0b6bcb', footer_links: [{ label: 'Status', url: 'https://status.bench.example' }] },
    }),
  };
  for (const env of ENVIRONMENTS) {
    yield { path: `control-planes/${env.control_plane}.yaml`, text: yaml(syntheticDeck(env.control_plane, size.products, size.versions)) };
  }
  for (let p = 0; p < size.products; p++) yield* productFiles(p, size);
}

function* productFiles(p: number, size: SyntheticPortalSize): Generator<SyntheticFile> {
  const slug = productSlug(p);
  const name = productName(p);
  yield {
    path: `products/${slug}/product.yaml`,
    text: yaml({
      name,
      description: `${name}: a synthetic API product for the benchmark.`,
      labels: { owner: `team-${p % 12}`, tier: p % 3 === 0 ? 'gold' : 'silver' },
      public_labels: { category: slug.split('-')[0] },
      published: true,
      contact: { name: `${name} team`, email: `team-${p}@bench.example` },
    }),
  };
  yield* syntheticDocs(slug, name, p, size.docs);
  const openapi = p % 4 === 3 ? '3.1.0' : '3.0.3';
  for (let v = 1; v <= size.versions; v++) {
    const dir = `products/${slug}/versions/v${v}`;
    const json = p % 3 === 2;
    yield {
      path: `${dir}/version.yaml`,
      text: yaml({
        name: `v${v}`,
        publish_status: 'published',
        ...(v < size.versions - 1 ? { deprecated: true, deprecation: { message: `Use v${size.versions}.`, sunset: '2027-06-30', replacement: `v${size.versions}` } } : {}),
        gateway_services: versionEnvironments(v, size.versions).map((e) => ({ control_plane: e.control_plane, service: serviceName(p, v) })),
      }),
    };
    const spec = syntheticSpec({
      product: p,
      productName: name,
      version: v,
      operations: size.operations,
      openapi,
      serverUrl: `https://api.bench.example/${slug}/v${v}`,
    });
    yield json
      ? { path: `${dir}/openapi.json`, text: JSON.stringify(spec, null, 2) + '\n' }
      : { path: `${dir}/openapi.yaml`, text: yaml(spec) };
  }
}

/** Writes the portal into `dir` (which should be empty); returns file count and bytes. */
export async function writeSyntheticPortal(dir: string, size: SyntheticPortalSize): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const made = new Set<string>();
  for (const file of syntheticPortalFiles(size)) {
    const target = path.join(dir, file.path);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(target, file.text);
    files++;
    bytes += Buffer.byteLength(file.text);
  }
  return { files, bytes };
}

/** Diagrams per build of this size: [mermaid, plantuml]. */
export function diagramCount(size: SyntheticPortalSize): { mermaid: number; plantuml: number } {
  let mermaid = 0;
  let plantuml = 0;
  for (let i = 0; i < size.docs; i++) {
    if (hasMermaid(i)) mermaid++;
    if (hasPlantuml(i)) plantuml++;
  }
  return { mermaid: mermaid * size.products, plantuml: plantuml * size.products };
}

/** The doc the warm run edits: the first product's second doc (no diagram in it). */
export function editedDocPath(size: SyntheticPortalSize): string {
  return `products/${productSlug(0)}/docs/${docPath(Math.min(1, size.docs - 1))}`;
}

/** Appends a paragraph to a doc, as an author would between two builds. */
export async function appendParagraph(contentDir: string, file: string, run: number): Promise<void> {
  const target = path.join(contentDir, file);
  const text = await readFile(target, 'utf8');
  await writeFile(target, `${text}\nEdited between builds (run ${run}): this paragraph was appended to measure a warm rebuild.\n`);
}
