/**
 * Files the build writes beside Astro's pages: manifest, spec downloads, site files,
 * markdown twins, copied assets and the on-demand explorer bundle.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { dump as toYaml } from 'js-yaml';
import type { SiteModel } from '../lib/site/model.ts';
import { buildPortalManifest } from '../lib/site/manifest.ts';
import { buildAtomFeed } from '../lib/site/feed.ts';
import { buildLlmsTxt, buildRobotsTxt, buildSitemaps } from '../lib/site/site-files.ts';
import { LlmsFullText, markdownTwins, type MarkdownTwin } from '../lib/site/markdown-twins.ts';
import { urls } from '../lib/site/urls.ts';
import { buildGatewayJson, hasGatewayJson } from '../lib/site/gateway-json.ts';
import { publishedBytes } from './published-bytes.ts';
import type { KeptSiteFiles } from './kept-files.ts';
import { hashOfKept, hashValue } from '../lib/site/value-hash.ts';
import { intoFolder } from './into-folder.ts';
import { createHashedCache } from '../lib/hashed-cache.ts';
import { reportToCsv } from '../lib/analytics/index.ts';
import { patchElementsBundle } from '../lib/reference/elements-bundle.ts';

/** Folders already made this build: a portal of 15k pages would otherwise ask for each folder twice. */
const madeFolders = new Set<string>();

async function write(outDir: string, sitePath: string, content: string | Uint8Array): Promise<void> {
  const file = path.join(outDir, ...sitePath.split('/').filter(Boolean));
  await intoFolder(file, madeFolders, () => fs.writeFile(file, content));
}

/** Twin files written at once. */
const TWIN_BATCH = 64;

/**
 * `openapi.yaml` of a bundled spec, kept by content hash: YAML output of a large spec takes seconds.
 * js-yaml, not the `yaml` package the rest of Atrium reads with: it writes GitHub's spec in
 * 40% of the time and memory, and quotes what a YAML 1.1 reader (SnakeYAML, PyYAML) would
 * otherwise turn into a boolean or a date (`NO`, `off`, `2025-01-01T00:00:00Z`). No aliases:
 * a spec repeats its objects as written.
 */
const YAML_VERSION = `js-yaml ${(createRequire(import.meta.url)('js-yaml/package.json') as { version: string }).version}`;
const YAML_OPTIONS = { lineWidth: -1, noRefs: true, quotingType: '"' } as const;

/** A bundled spec as YAML: the same data for a YAML 1.2 and a YAML 1.1 reader. */
export function specToYaml(bundled: Record<string, unknown>): string {
  return toYaml(bundled, YAML_OPTIONS);
}

function specYamlCache(cacheDir: string | undefined) {
  const cache = cacheDir ? createHashedCache<string>(path.join(cacheDir, 'spec-yaml'), (v) => (typeof v === 'string' ? v : undefined), { maxBytes: 256 * 2 ** 20 }) : undefined;
  return (bundled: Record<string, unknown>, json: string): string => {
    const key = cache?.key(['spec-yaml', YAML_VERSION, json]);
    const hit = key ? cache!.get(key) : undefined;
    if (hit !== undefined) return hit;
    const yaml = specToYaml(bundled);
    if (key) cache!.set(key, yaml);
    return yaml;
  };
}

export interface ExtraFile {
  /** Absolute source file (already checked to be inside the content folder). */
  source: string;
  /** Site-root path to copy it to. */
  url: string;
}

export async function writeSiteFiles(
  model: SiteModel,
  outDir: string,
  extras: { assets: ExtraFile[]; kept?: KeptSiteFiles; cacheDir?: string },
): Promise<{ warnings: string[] }> {
  const warnings: string[] = [];
  madeFolders.clear();
  const specYaml = specYamlCache(extras.cacheDir);
  const { kept } = extras;
  /**
   * A file decided by `key`: the last build's when it was kept under the same key (linked, not
   * computed), else made and kept. Answers its text, for llms-full.txt.
   */
  const keptOrMade = async (sitePath: string, key: string | undefined, make: () => string): Promise<() => string> => {
    const target = path.join(outDir, ...sitePath.split('/').filter(Boolean));
    const placed = kept && key !== undefined ? await kept.placeKept(sitePath, key, target) : undefined;
    if (placed) return placed;
    const text = make();
    if (kept && key !== undefined) await kept.keep(sitePath, key, Buffer.from(text, 'utf8'), target);
    else await write(outDir, sitePath, text);
    return () => text;
  };
  await write(outDir, '/portal.json', JSON.stringify(buildPortalManifest(model), null, 2) + '\n');
  await write(outDir, '/robots.txt', buildRobotsTxt(model));
  await write(outDir, '/llms.txt', buildLlmsTxt(model));
  const feed = buildAtomFeed(model);
  if (feed) await write(outDir, '/feed.xml', feed);
  const sitemaps = buildSitemaps(model);
  if (sitemaps) for (const [name, body] of Object.entries(sitemaps)) await write(outDir, `/${name}`, body);
  else warnings.push('no sitemap written: set `site:` in portal.yaml or pass --site https://… to get sitemap-index.xml');

  let anyApi = false;
  for (const product of model.products) {
    for (const version of product.versions) {
      if (hasGatewayJson(version)) {
        const file = `/products/${product.entry.slug}/${version.entry.slug}/gateway.json`;
        // What buildGatewayJson reads: the environments by the hash the resolve cache kept with them.
        const key = hashValue(['gateway.json', product.entry.slug, version.entry.name, hashOfKept(version.environments)]);
        await keptOrMade(file, key, () => JSON.stringify(buildGatewayJson(product, version), null, 2) + '\n');
      }
      const api = version.api;
      if (!api) continue;
      anyApi = true;
      // The bundled document is a function of the spec's files (their content hash) and the code.
      let json: string | undefined;
      const specJson = () => (json ??= JSON.stringify(api.bundled, null, 2) + '\n');
      await keptOrMade(urls.specJson(product.entry.slug, version.entry.slug), `spec:${api.specHash}`, specJson);
      await keptOrMade(urls.specYaml(product.entry.slug, version.entry.slug), `spec:${api.specHash}`, () => specYaml(api.bundled, specJson()));
    }
  }
  for (const asset of extras.assets) await write(outDir, asset.url, await publishedBytes(asset.source));
  for (const product of model.products) {
    if (!product.analytics) continue;
    await write(outDir, product.analytics.url + 'report.json', JSON.stringify(product.analytics.report, null, 2) + '\n');
    await write(outDir, product.analytics.url + 'report.csv', reportToCsv(product.analytics.report));
  }

  if (model.products.some((p) => [...p.docs, ...p.versions.flatMap((v) => v.docs)].some((d) => d.clientMermaid > 0))) {
    // No Chromium at build time: the affected pages render their diagrams from this copy.
    const require = createRequire(import.meta.url);
    const mermaidDir = path.dirname(require.resolve('mermaid'));
    await write(outDir, '/_atrium/mermaid/mermaid.min.js', await fs.readFile(path.join(mermaidDir, 'mermaid.min.js')));
  }

  if (anyApi) {
    // Stoplight Elements is large; it is copied once and fetched only when a reader opens the explorer.
    const require = createRequire(import.meta.url);
    const elementsDir = path.dirname(require.resolve('@stoplight/elements'));
    const bundle = await fs.readFile(path.join(elementsDir, 'web-components.min.js'), 'utf8');
    await write(outDir, '/_atrium/elements/web-components.min.js', patchElementsBundle(bundle));
    await write(outDir, '/_atrium/elements/styles.min.css', await fs.readFile(path.join(elementsDir, 'styles.min.css')));
  }

  const llmsFull = new LlmsFullText(model);
  // A twin is its page's markdown: decided by the page's route inputs hash, as the page is.
  const inputsHashOf = new Map(model.routes.map((r) => [r.url, r.inputsHash]));
  const placeTwin = (twin: MarkdownTwin) => keptOrMade(twin.url + 'index.md', inputsHashOf.get(twin.url), twin.markdown);
  // Twins are many small files: placed a batch at a time, not one round trip each, and added to
  // llms-full.txt in reading order once their batch is placed.
  let batch: MarkdownTwin[] = [];
  const placeBatch = async () => {
    const texts = await Promise.all(batch.map(placeTwin));
    batch.forEach((twin, i) => llmsFull.add(twin, texts[i]!));
    batch = [];
  };
  for (const twin of markdownTwins(model)) {
    batch.push(twin);
    if (batch.length >= TWIN_BATCH) await placeBatch();
  }
  await placeBatch();
  await write(outDir, '/llms-full.txt', llmsFull.toString());
  return { warnings };
}
