/**
 * Astro's part of `atrium build`, started before the site is resolved. Its fixed cost (loading
 * Astro, its start, the prerender and client bundles: ~3 s on a quiet machine) does not depend
 * on the content, since pages get the site model through src/site/state.ts only when Astro
 * generates them. So it runs while the content resolves: bundling mostly waits on Rolldown's
 * threads, and the resolve phase fills the main thread meanwhile. Astro waits for the model at
 * one point, after bundling and before generating the first page: a Vite `buildApp` hook that
 * runs before Astro's own (which generates the pages).
 *
 * Astro cannot be stopped while it bundles, so a content error found while resolving fails the
 * build only once the bundles are done. Early start is for content whose specs take time to
 * resolve (EARLY_START_SPEC_BYTES); a small portal, where resolving is short anyway, starts Astro
 * after it and fails at once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ContentModel } from '../lib/content/model.ts';
import type { RunFolder } from './output-swap.ts';
import { inRunFolder } from './output-swap.ts';

/**
 * Astro's type generation (`sync`) writes `.astro/` into `root`, Atrium's own folder, for
 * content collections, which Atrium does not use (content reaches pages as the site model).
 * `sync` is an option of Astro's builder that its public type does not list.
 */
const ASTRO_BUILD_OPTIONS = { sync: false } as Parameters<typeof import('astro').build>[1];

/** Spec text from which the resolve phase takes about a second or more (Box's spec is 0.9 MB). */
export const EARLY_START_SPEC_BYTES = 512 * 1024;

/** Whether Astro should start before the site resolves: the content's spec files total EARLY_START_SPEC_BYTES or more. */
export async function startsEarly(content: ContentModel): Promise<boolean> {
  const specs = content.products.flatMap((p) => p.versions.flatMap((v) => (v.spec ? [path.join(content.root, v.spec)] : [])));
  const sizes = await Promise.all(specs.map((file) => fs.stat(file).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0) >= EARLY_START_SPEC_BYTES;
}

export interface AstroBuildSettings {
  /** Atrium's folder: Astro's root (src/pages). */
  root: string;
  run: RunFolder;
  /** Astro's cacheDir: the page cache (./page-cache.ts). */
  cacheDir: string;
  base: string;
  site?: string;
}

export interface AstroBuild {
  /** Settles when Astro has finished or failed. */
  done: Promise<void>;
  /** The site model is set (src/site/state.ts): Astro may generate the pages. */
  proceed(): void;
  /**
   * Settles once Astro is no longer running: a build not yet allowed to generate pages stops
   * there (after its bundles: Astro cannot be stopped earlier) and `done` rejects.
   */
  stop(): Promise<void>;
  /** Astro got past the gate: it generates pages (and writes into its cacheDir). */
  readonly generating: boolean;
}

export function startAstroBuild(settings: AstroBuildSettings): AstroBuild {
  const gate = Promise.withResolvers<void>();
  // Rejected when the build is aborted, perhaps after Astro failed before reaching the gate.
  gate.promise.catch(() => {});
  let generating = false;
  const waitForModel = {
    name: 'atrium:wait-for-site-model',
    // `post` hooks run after Astro's bundles; this plugin is not `enforce: 'post'`, so its hook
    // runs before Astro's, which generates the pages.
    buildApp: {
      order: 'post' as const,
      async handler() {
        await gate.promise;
        generating = true;
      },
    },
  };
  const done = (async () => {
    const [{ build }, { default: config }] = await Promise.all([import('astro'), import('../../astro.config.ts')]);
    const { run } = settings;
    await inRunFolder(run, () =>
      build(
        {
          // The config is handed over already loaded (Node strips its types): given the file, Astro
          // would start a Vite dev server only to load it, about a second under load.
          ...config,
          configFile: false,
          root: settings.root,
          outDir: run.site,
          // Astro's and Vite's caches default to folders inside `root`, Atrium's own folder. Astro's
          // holds the pages of the last build (./page-cache.ts); Vite's is thrown away with the run.
          cacheDir: settings.cacheDir,
          // The run's outDir is new, and the build links unchanged pages into it while Astro bundles
          // (./page-links.ts): Astro must not empty it first.
          vite: { ...config.vite, build: { ...config.vite.build, emptyOutDir: false }, cacheDir: path.join(run.cache, 'vite'), plugins: [waitForModel] },
          base: settings.base,
          ...(settings.site ? { site: settings.site } : {}),
          logLevel: 'warn',
          // Pages whose route inputs hash (their cacheKey) and code are unchanged are copied from the last build.
          experimental: { incrementalBuild: true },
        },
        ASTRO_BUILD_OPTIONS,
      ),
    );
  })();
  // Awaited by the caller later; a failure before then is not an unhandled rejection.
  done.catch(() => {});
  return {
    done,
    proceed: () => gate.resolve(),
    stop: async () => {
      gate.reject(new Error('Atrium: the build stopped before rendering'));
      await done.catch(() => {});
    },
    get generating() {
      return generating;
    },
  };
}
