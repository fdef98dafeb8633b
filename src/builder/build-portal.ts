/**
 * `atrium build` end to end: load → validate → resolve → render (Astro) → index (Pagefind),
 * into a run folder beside the output, swapped into place only when everything succeeded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience } from '../lib/content/model.ts';
import type { Diagnostic } from '../lib/diagnostics/diagnostic.ts';
import type { BuildStats } from '../lib/site/model.ts';
import type { DiagramPrograms } from '../lib/markdown/diagrams/programs.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { resolveSite, siteLocation } from '../lib/site/resolve-site.ts';
import { onPageRendered, setBuildCacheDir, setSiteModel } from '../site/state.ts';
import { createProgress } from '../lib/site/progress.ts';
import { createRunFolder, discardRun, discardRunNow, publishRun, removeStaleRuns } from './output-swap.ts';
import { BUILD_MARKER, BUILD_MARKER_TEXT, checkOutputFolder } from './output-folder.ts';
import { stopOnSignal } from './interrupt.ts';
import { writeSiteFiles } from './write-site-files.ts';
import { applyStrict, hasErrors } from './strict.ts';
import { pageCount, type SiteRoute } from '../lib/site/routes.ts';
import { codeFingerprint, openPageCache } from './page-cache.ts';
import { KeptSiteFiles } from './kept-files.ts';
import { startAstroBuild, startsEarly } from './astro-build.ts';
import { startSearchIndex, writeSearchIndex, type SearchIndexAhead } from './search-index.ts';
import { startColourAhead, type ColourAhead } from './colour-ahead.ts';
import { linkKeptPages } from './page-links.ts';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  audience: Audience;
  site?: string;
  base?: string;
  strict?: boolean;
  cacheDir?: string;
  /** Programs the runner chose for diagrams (`--chromium`, `--plantuml-jar`, or their environment variables). */
  programs?: DiagramPrograms;
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
  return path.resolve(process.env.ATRIUM_CACHE_DIR ?? path.join('node_modules', '.cache', 'atrium'));
}

export async function buildPortal(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const contentDir = path.resolve(options.contentDir);
  const outDir = path.resolve(options.outDir);
  const cacheDir = options.cacheDir ?? defaultCacheDir();

  const stale = await removeStaleRuns(outDir);
  if (stale.length) log(`cleanup  removed ${stale.length} folder(s) of earlier builds that were killed: ${stale.map((d) => path.basename(d)).join(', ')}`);
  await checkOutputFolder(outDir, { contentDir, packageRoot: PACKAGE_ROOT });

  const progress = { published: false };
  const interruption = stopOnSignal((signal) =>
    progress.published
      ? `atrium build: stopped by ${signal} after ${options.outDir} was replaced by the finished build.`
      : `atrium build: stopped by ${signal}; ${options.outDir} was left as it was.`,
  );
  try {
    return await renderAndPublish(options, { contentDir, outDir, cacheDir, log, onStop: interruption.onStop, uninterrupted: interruption.uninterrupted, progress });
  } finally {
    interruption.dispose();
  }
}

interface Run {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  log: (line: string) => void;
  onStop: (cleanup: () => void) => void;
  uninterrupted: <T>(work: () => Promise<T>) => Promise<T>;
  progress: { published: boolean };
}

async function renderAndPublish(options: BuildOptions, { contentDir, outDir, cacheDir, log, onStop, uninterrupted, progress }: Run): Promise<BuildResult> {
  let t = Date.now();
  const code = codeFingerprint(PACKAGE_ROOT);
  const content = await loadContent(contentDir, { cacheDir, code });
  log(`load     ${content.products.length} product(s), ${content.controlPlanes.length} control plane(s) in ${Date.now() - t} ms`);
  let diagnostics = applyStrict(content.diagnostics, options.strict);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics, notes: [] };

  const run = await createRunFolder(outDir, PACKAGE_ROOT);
  onStop(() => discardRunNow(run));
  // Taken after the run folder: a build stopped from here on leaves its lock, so the next one empties the page cache.
  const pageCache = await openPageCache(cacheDir, options.audience, path.join(run.cache, 'astro'), code);
  // Astro starts and bundles while a large site resolves, and waits for the model before its first page (./astro-build.ts).
  const startAstro = () => startAstroBuild({ root: PACKAGE_ROOT, run, cacheDir: pageCache.dir, ...siteLocation(content, options) });
  const early = (await startsEarly(content)) ? startAstro() : undefined;
  const stopBeforeRendering = async () => {
    await early?.stop();
    await pageCache.release({ untouched: true });
    await discardRun(run);
  };
  t = Date.now();
  const model = await resolveSite(content, {
    audience: options.audience,
    base: options.base,
    site: options.site,
    cacheDir,
    code,
    ...(options.programs ? { programs: options.programs } : {}),
    onPhase: (phase, detail) => log(`${phase.padEnd(8)} ${detail}`),
    onProgress: log,
  }).catch(async (error: unknown) => {
    await stopBeforeRendering();
    throw error;
  });
  diagnostics = applyStrict(model.diagnostics, options.strict);
  if (hasErrors(diagnostics)) {
    await stopBeforeRendering();
    return { ok: false, diagnostics, stats: model.stats, notes: [] };
  }

  const astro = early ?? startAstro();
  // A private page cache (another build holds the shared one) keeps nothing for later builds.
  const kept = pageCache.shared ? new KeptSiteFiles(pageCache.dir) : undefined;
  let colouring: ColourAhead | undefined;
  let searchAhead: SearchIndexAhead | undefined;
  try {
    t = Date.now();
    setSiteModel(model);
    setBuildCacheDir(cacheDir);
    const pages = pageCount(model);
    const expected = pagesToRender(model.routes, pageCache.previous);
    const htmlPages = model.routes.filter((r) => r.html).map((r) => r.file);
    // On the second core while Astro starts, bundles and renders (./colour-ahead.ts).
    colouring = startColourAhead(expected);
    // The kept search records go to Pagefind (its own process) while Astro renders.
    if (pageCache.shared && pageCache.previous) {
      searchAhead = startSearchIndex({ cacheDir: pageCache.dir, pages: htmlPages, rendering: expected.map((r) => r.file), onStop });
    }
    // Unchanged pages are linked from the page cache instead of copied by Astro (./page-links.ts).
    const toRender = new Set(expected.map((r) => r.file));
    const links = pageCache.shared
      ? linkKeptPages({ pageCacheDir: pageCache.dir, siteDir: run.site, kept: model.routes.filter((r) => r.html && !toRender.has(r.file)).map((r) => r.file), stamps: pageCache.stamps })
      : undefined;
    let rendered = 0;
    const rendering = createProgress('render', expected.length, log);
    onPageRendered((url) => {
      // A private page cache (another build holds the shared one) was never published from.
      links?.beforeRender(url);
      rendered++;
      rendering.tick();
    });
    astro.proceed();
    await astro.done;
    rendering.done();
    onPageRendered(undefined);
    await colouring.stop();
    // Astro re-renders more than `expected` when Atrium's code, its config or the lockfile changed;
    // then which pages changed is not known here.
    const changed = pageCache.previous && rendered === expected.length ? expected : undefined;
    const linkedNote = links?.linked ? ` (${links.linked} linked from the page cache)` : '';
    const editedNote = links?.changed ? `; ${links.changed} page(s) in the cache had changed since the last build (edited in its output?) and were rendered again` : '';
    log(`render   ${pages} page(s) in ${Date.now() - t} ms: ${describeRendered(rendered, changed)}, ${pages - rendered} unchanged since the last build${linkedNote}${editedNote}`);

    // The site's other files and the search index at once: they write disjoint files (no
    // .html among the former), and Pagefind indexes in a process of its own, on the second core
    // while Node writes specs, twins and llms.txt.
    const timed = async <T>(step: () => Promise<T>): Promise<{ value: T; ms: number }> => {
      const start = Date.now();
      return { value: await step(), ms: Date.now() - start };
    };
    const [files, search] = await settleBoth(
      timed(() => writeSiteFiles(model, run.site, { assets: model.assets, cacheDir, ...(kept ? { kept } : {}) })),
      // Search records live in the page cache: per audience, one build at a time, emptied when a build fails.
      timed(() =>
        writeSearchIndex({
          siteDir: run.site,
          pages: htmlPages,
          onStop,
          ...(pageCache.shared ? { cacheDir: pageCache.dir } : {}),
          ...(changed ? { changed: changed.map((r) => r.file) } : {}),
          ...(searchAhead ? { ahead: searchAhead } : {}),
        }),
      ),
    );
    const { warnings } = files.value;
    log(`files    portal.json, specs, sitemap, llms.txt in ${files.ms} ms`);
    const { shards, indexed } = search.value;
    const shardNote =
      shards === 1 ? (indexed === 0 ? "; the index is the last build's" : '') : indexed === shards ? `; ${shards} shards` : `; ${indexed} of ${shards} shards indexed, the others the last build's`;
    log(`index    ${search.value.pages} page(s) searchable in ${search.ms} ms (${search.value.reused} kept from the last build)${shardNote}`);

    await fs.rm(path.join(run.site, '.prerender'), { recursive: true, force: true });
    await fs.writeFile(path.join(run.site, BUILD_MARKER), BUILD_MARKER_TEXT);
    await kept?.commit();
    await pageCache.commit(model.routes);
    await uninterrupted(async () => {
      await publishRun(run);
      progress.published = true;
    });
    return { ok: true, diagnostics, stats: model.stats, pages, notes: warnings };
  } finally {
    await colouring?.stop();
    await searchAhead?.close();
    onPageRendered(undefined);
    setSiteModel(undefined);
    setBuildCacheDir(undefined);
    // Astro stopped before its first page (a failure while bundling) left the page cache as it was.
    await astro.stop();
    await pageCache.release({ untouched: !astro.generating });
    await discardRun(run, path.join(cacheDir, 'trash'));
  }
}

/**
 * The HTML pages Astro will render: those whose inputs hash differs from the last build's, and
 * the catalog and 404 page, which have no getStaticPaths and so no cacheKey.
 */
export function pagesToRender(routes: readonly SiteRoute[], previous: ReadonlyMap<string, string> | undefined): SiteRoute[] {
  return routes.filter((r) => r.html && (r.kind === 'catalog' || r.kind === 'not-found' || previous?.get(r.file) !== r.inputsHash));
}

/** "3 rendered (/, /404.html, /products/a/docs/x/)": which ones, when known and few enough to read. */
function describeRendered(rendered: number, changed: readonly SiteRoute[] | undefined): string {
  return changed && changed.length <= 12 ? `${rendered} rendered (${changed.map((r) => r.url).join(', ')})` : `${rendered} rendered`;
}

/**
 * Both results once both are done; if either failed, its error, thrown only after the other has
 * finished too, so nothing is still writing into the run folder when the build cleans it up.
 */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
