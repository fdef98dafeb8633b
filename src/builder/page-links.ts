/**
 * An incremental build puts each unchanged page into its run folder as a hard link to the page
 * cache's copy, not as a copy of it. Astro's incremental build copies every page it skips from
 * its cacheDir (`dist/` there) into its outDir, unless the file is already in the outDir: so the
 * kept pages are linked there before Astro generates, and it moves on. After a one-doc edit of a
 * 15k-page portal that is 15k links instead of 1.1 GB copied, and removing the replaced output
 * frees nothing the cache still holds.
 *
 * A linked page is one file (inode) under three names: the cache's copy, the published output
 * and the next build's run folder. Two rules keep a change to one name from reaching another:
 * - Nothing writes into a shared file. Astro writes a page it renders into its outDir and its
 *   cache copy with writeFile, which overwrites a file in place. The layout reports each page
 *   as it starts rendering (notePageRendered in src/layouts/Base.astro), before Astro writes it:
 *   `beforeRender` then unlinks the page's cache copy and its linked file, so Astro writes new files.
 * - A copy is linked only while it is as the build that committed it left it: the same file, size
 *   and modification time as recorded then (`stampCopies`). A published page edited in place (a
 *   deploy step rewriting the output, say) changed the cache's copy with it: that copy is deleted,
 *   so Astro renders the page again instead of restoring the edit.
 */
import { linkSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { outputFile, type SiteRoute } from '../lib/site/routes.ts';
import { copyStamp, isAsStamped, unlinkIfThere, type CopyStamp } from './copy-stamps.ts';

/** Where Astro keeps its copies of the pages inside its cacheDir (astro/dist/core/build/incremental.js). */
const ASTRO_COPIES = 'dist';

export function copiesDir(pageCacheDir: string): string {
  return path.join(pageCacheDir, ASTRO_COPIES);
}

/** The stamp of each HTML page's cache copy, for the next build to check (pages without a copy are left out). */
export function stampCopies(pageCacheDir: string, routes: readonly SiteRoute[]): Record<string, CopyStamp> {
  const dir = copiesDir(pageCacheDir);
  const stamps: Record<string, CopyStamp> = {};
  for (const r of routes) {
    if (!r.html) continue;
    const stat = lstatSync(path.join(dir, r.file), { throwIfNoEntry: false });
    if (stat?.isFile()) stamps[r.file] = copyStamp(stat);
  }
  return stamps;
}

export interface KeptPageLinks {
  /** Pages linked into the run folder. */
  readonly linked: number;
  /** Cache copies found changed since they were stamped, and deleted (Astro renders those pages). */
  readonly changed: number;
  /** A page is about to render (its site-root URL): neither of its names may be shared when Astro writes it. */
  beforeRender(url: string): void;
}

export interface LinkOptions {
  pageCacheDir: string;
  /** The run folder's site (Astro's outDir). */
  siteDir: string;
  /** Output files of the pages Astro will not render (inputs unchanged since the stamped build). */
  kept: readonly string[];
  /**
   * The stamps of the last successful build. Undefined: none recorded, so nothing is linked, but
   * `beforeRender` still unlinks cache copies (an earlier build may have published them as links).
   */
  stamps: ReadonlyMap<string, CopyStamp> | undefined;
}

/**
 * Links each kept page whose cache copy matches its stamp into `siteDir`. A failed link (another
 * file system, one without hard links) leaves the page to Astro, which copies it.
 *
 * Synchronously, one page after another: 15k links took 0.8–1.0 s this way and 1.2–2.1 s 32 at a
 * time through libuv's pool (each call a round trip through the pool, the threads contending for
 * the same folders). Meanwhile Astro bundles on Rolldown's threads; the main thread's other work
 * (the search index started ahead) waits that long.
 */
export function linkKeptPages({ pageCacheDir, siteDir, kept, stamps }: LinkOptions): KeptPageLinks {
  const copies = copiesDir(pageCacheDir);
  const linked = new Set<string>();
  let changed = 0;
  let linking = stamps !== undefined;
  const madeDirs = new Set<string>();
  for (const file of kept) {
    const copy = path.join(copies, file);
    const stamp = stamps?.get(file);
    const stat = lstatSync(copy, { throwIfNoEntry: false });
    if (!stamp || !stat) continue;
    if (!isAsStamped(stat, stamp)) {
      rmSync(copy, { force: true });
      changed++;
      continue;
    }
    if (!linking) continue;
    const target = path.join(siteDir, file);
    const parent = path.dirname(target);
    try {
      if (!madeDirs.has(parent)) {
        mkdirSync(parent, { recursive: true });
        madeDirs.add(parent);
      }
      linkSync(copy, target);
      linked.add(file);
    } catch {
      // No hard links between these folders: Astro copies the rest, as without linking.
      linking = false;
    }
  }
  return {
    linked: linked.size,
    changed,
    beforeRender(url) {
      const file = outputFileOf(url);
      if (file === undefined) return;
      unlinkIfThere(path.join(copies, file));
      if (linked.delete(file)) unlinkIfThere(path.join(siteDir, file));
    },
  };
}

/** The output file of a site path; undefined for one that could name a file outside the site. */
function outputFileOf(url: string): string | undefined {
  if (!url.startsWith('/') || url.split('/').some((part) => part === '..' || part === '.')) return undefined;
  return outputFile(url);
}
