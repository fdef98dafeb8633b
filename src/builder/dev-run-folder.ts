/**
 * Where `atrium dev` lets Astro and Vite write. Astro puts `.astro/` (data store, type
 * stubs, preferences) in its `root`, always, and Vite its dependency cache in
 * `<root>/node_modules/.vite`; with Atrium's folder as root that is the package folder, which
 * may be read-only or someone else's checkout. So dev runs Astro with a run folder of its own
 * as root, in the system's temporary folder:
 *
 *   <tmp>/.atrium-dev.atrium-build-<pid>-<random>/
 *     owner.json, node_modules   as for a build (src/builder/output-swap.ts)
 *     src, astro.config.ts, tsconfig.json   links to Atrium's own
 *     .astro/                    Astro's, written because it is the root
 *     cache/                     Astro's and Vite's caches
 *
 * Astro cannot serve pages from a `srcDir` outside its root (it keys compiled components by
 * root + path), so the pages are reached through the `src` link, and Vite must keep the
 * linked paths (`resolve.preserveSymlinks`) rather than follow them back out of the root.
 *
 * It is removed when dev exits, is stopped by a signal, or (killed) by the next `atrium dev`.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRunFolder, discardRunNow, removeStaleRuns, type RunFolder } from './output-swap.ts';
import { stopOnSignal } from './interrupt.ts';

export interface DevRunFolder {
  /** Astro's root. */
  root: string;
  /** `src/site/state.ts` as Vite knows it (through the link). */
  siteState: string;
  /** Astro's cacheDir and Vite's cacheDir. */
  astroCache: string;
  viteCache: string;
  /** What Vite may serve to the browser: Atrium's folder, the real folder of its packages, the run folder. */
  servable: string[];
}

/** The run folder's stand-in "output": it names the run folders, nothing is ever written there. */
const DEV_RUNS = path.join(os.tmpdir(), 'atrium-dev');

export async function createDevRunFolder(packageRoot: string): Promise<DevRunFolder> {
  await removeStaleRuns(DEV_RUNS);
  const run: RunFolder = await createRunFolder(DEV_RUNS, packageRoot);
  for (const name of ['src', 'astro.config.ts', 'tsconfig.json']) await fsp.symlink(path.join(packageRoot, name), path.join(run.dir, name));
  const discard = () => discardRunNow(run);
  // Every way out: the end of the process, or a signal (which otherwise ends it without 'exit').
  process.on('exit', discard);
  stopOnSignal((signal) => `atrium dev: stopped by ${signal}.`).onStop(discard);
  return {
    root: run.dir,
    siteState: path.join(run.dir, 'src', 'site', 'state.ts'),
    astroCache: path.join(run.cache, 'astro'),
    viteCache: path.join(run.cache, 'vite'),
    servable: [packageRoot, await realPackagesFolder(), run.dir],
  };
}

/** The node_modules that really holds Astro (the run folder's link, an install's links, point there). */
async function realPackagesFolder(): Promise<string> {
  let dir = await fsp.realpath(path.dirname(fileURLToPath(import.meta.resolve('astro'))));
  while (path.basename(dir) !== 'node_modules' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
