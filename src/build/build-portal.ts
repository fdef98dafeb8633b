/**
 * `atrium build` end to end: load → validate → resolve → render (Astro) → index (Pagefind),
 * into a staging folder swapped into place only when everything succeeded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience } from '../lib/content/model.ts';
import type { Diagnostic } from '../lib/diagnostics/diagnostic.ts';
import type { BuildStats } from '../lib/site/model.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { resolveSite } from '../lib/site/resolve-site.ts';
import { onPageRendered, setSiteModel } from '../site/state.ts';
import { createProgress } from '../lib/site/progress.ts';
import { createWorkDir, discardWorkDir, publishBuild } from './output-swap.ts';
import { writeSiteFiles } from './write-site-files.ts';
import { applyStrict, hasErrors } from './strict.ts';
import { schemaPages } from '../lib/site/reference-context.ts';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  audience: Audience;
  site?: string;
  base?: string;
  strict?: boolean;
  cacheDir?: string;
  /** One line per phase. */
  log?: (line: string) => void;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  stats?: BuildStats;
  pages?: number;
  notes: string[];
}

export function defaultCacheDir(): string {
  return process.env.ATRIUM_CACHE_DIR ?? path.join(process.cwd(), 'node_modules', '.cache', 'atrium');
}

export async function buildPortal(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const contentDir = path.resolve(options.contentDir);
  const outDir = path.resolve(options.outDir);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  let t = Date.now();

  const content = await loadContent(contentDir);
  log(`load     ${content.products.length} product(s), ${content.controlPlanes.length} control plane(s) in ${Date.now() - t} ms`);
  let diagnostics = applyStrict(content.diagnostics, options.strict);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics, notes: [] };

  t = Date.now();
  const model = await resolveSite(content, {
    audience: options.audience,
    base: options.base,
    site: options.site,
    cacheDir,
    onPhase: (phase, detail) => log(`${phase.padEnd(8)} ${detail}`),
    onProgress: log,
  });
  diagnostics = applyStrict(model.diagnostics, options.strict);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics, stats: model.stats, notes: [] };

  const staging = await createWorkDir();
  // Ctrl-C mid-build: remove the half-built folder; the previous output was never touched.
  const onInterrupt = () => {
    void discardWorkDir(staging).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    t = Date.now();
    setSiteModel(model);
    const rendering = createProgress('render', countPages(model), log);
    onPageRendered(() => rendering.tick());
    const { build } = await import('astro');
    await build(
      {
        root: PACKAGE_ROOT,
        configFile: 'astro.config.ts',
        outDir: staging,
        base: model.base,
        site: model.site,
        logLevel: 'warn',
      },
    );
    rendering.done();
    onPageRendered(undefined);
    const pages = countPages(model);
    log(`render   ${pages} page(s) in ${Date.now() - t} ms`);

    t = Date.now();
    const { warnings } = await writeSiteFiles(model, staging, { assets: model.assets });
    log(`files    portal.json, specs, sitemap, llms.txt in ${Date.now() - t} ms`);

    t = Date.now();
    const indexed = await indexForSearch(staging);
    log(`index    ${indexed} page(s) searchable in ${Date.now() - t} ms`);

    await fs.rm(path.join(staging, '.prerender'), { recursive: true, force: true });
    await publishBuild(staging, outDir);
    return { ok: true, diagnostics, stats: model.stats, pages, notes: warnings };
  } catch (error) {
    await discardWorkDir(staging);
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    setSiteModel(undefined);
  }
}

function countPages(model: import('../lib/site/model.ts').SiteModel): number {
  let n = 2; // catalog + 404
  for (const p of model.products) {
    n += 1 + p.docs.length + (p.analytics ? 1 : 0);
    for (const v of p.versions) n += 1 + v.docs.length + (v.api ? 2 + v.api.operations.length + schemaPages(v).length : 0);
  }
  return n + (model.audience === 'internal' ? 2 : 0);
}

async function indexForSearch(siteDir: string): Promise<number> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`search indexing failed to start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`search indexing failed: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`search index could not be written: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
