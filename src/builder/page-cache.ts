/**
 * The cache of earlier builds' pages, for incremental builds. Astro 7's incremental build
 * (`experimental.incrementalBuild`) keeps a copy of every page it rendered in its cacheDir,
 * keyed by the path's `cacheKey` (our route inputs hash, src/lib/site/routes.ts) and by a hash of
 * the page's code, and copies an unchanged page back instead of rendering it. This module gives it
 * a cacheDir that outlives the run folder, one per audience, and keeps it trustworthy:
 *
 * - one build at a time: a lock file names the owning process; a build that finds the cache held
 *   by a live process renders everything into its own run folder instead;
 * - never half-updated: Astro overwrites cached copies while it renders and writes its manifest at
 *   the end, so a build that fails or is killed in between would leave copies its old manifest
 *   vouches for. The lock file is removed only after a build succeeded; a cache found with a lock
 *   of a dead process, or left by a failed build, is emptied before use.
 *
 * Beside Astro's files it keeps `routes.json`, every page's inputs hash at the last successful
 * build and a fingerprint of Atrium's code, to tell the search step which pages changed and to
 * reuse the markdown twins of unchanged pages (./kept-files.ts), and the stamp of every page's
 * copy, to link the unchanged ones into the next build (./page-links.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Audience } from '../lib/content/model.ts';
import type { SiteRoute } from '../lib/site/routes.ts';
import { isRunning } from '../lib/process-running.ts';
import { stampCopies } from './page-links.ts';
import type { CopyStamp } from './copy-stamps.ts';

const LOCK_FILE = 'build.lock';
const ROUTES_FILE = 'routes.json';
/** 2: with the copies' stamps. */
const ROUTES_VERSION = 2;
/** Locks this process holds: a lock naming our pid that is not among them is a dead process's (pids are reused). */
const heldLocks = new Set<string>();

export interface PageCache {
  /** Astro's cacheDir for this build. */
  dir: string;
  /** False when another build holds the shared cache: this one renders every page. */
  shared: boolean;
  /** Page file → inputs hash at the last successful build of the same Atrium code, when known. */
  previous?: Map<string, string>;
  /** Page file → its cache copy as that build left it (./page-links.ts), when known. */
  stamps?: Map<string, CopyStamp>;
  /** After a successful build: records the routes and the copies, and lets the next build use the cache. */
  commit(routes: readonly SiteRoute[]): Promise<void>;
  /**
   * Always, last: a cache not committed is emptied, so nothing of a failed build is trusted;
   * `untouched`: the build stopped before Astro wrote into it, so it keeps the last build's pages.
   */
  release(options?: { untouched?: boolean }): Promise<void>;
}

export function pageCacheDir(cacheDir: string, audience: Audience): string {
  return path.join(cacheDir, 'pages', audience);
}

/**
 * Atrium's own code and dependencies: a twin written by other code is not reused. (Astro tracks
 * the code of the pages itself; the twins are written outside it.)
 */
export function codeFingerprint(packageRoot: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(path.relative(packageRoot, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(path.join(packageRoot, 'src'));
  for (const file of ['package.json', 'npm-shrinkwrap.json', 'package-lock.json']) {
    try {
      hash.update(file).update(readFileSync(path.join(packageRoot, file)));
    } catch {
      // The checkout's lockfile is npm-shrinkwrap.json (published with the package, so an
      // installed Atrium has it too); package-lock.json only where someone made one.
    }
  }
  return hash.digest('base64url');
}

export async function openPageCache(cacheDir: string, audience: Audience, privateDir: string, code: string): Promise<PageCache> {
  const dir = pageCacheDir(cacheDir, audience);
  await fs.mkdir(dir, { recursive: true });
  const lock = path.join(dir, LOCK_FILE);
  if (!(await takeLock(lock))) {
    return { dir: privateDir, shared: false, commit: async () => {}, release: async () => {} };
  }
  const { previous, stamps } = await readRoutes(path.join(dir, ROUTES_FILE), code);
  // Astro's own code hash covers a page's bundled chunk, not what Atrium computes before Astro
  // runs (the site model, code samples, gateway facts): pages kept by other Atrium code are stale.
  if (!previous) await emptyFolder(dir, LOCK_FILE);
  let committed = false;
  return {
    dir,
    shared: true,
    previous,
    ...(stamps ? { stamps } : {}),
    async commit(routes) {
      const entries = Object.fromEntries(routes.map((r) => [r.file, r.inputsHash]));
      const copies = stampCopies(dir, routes);
      await fs.writeFile(path.join(dir, ROUTES_FILE), JSON.stringify({ version: ROUTES_VERSION, code, routes: entries, copies }) + '\n');
      committed = true;
    },
    async release({ untouched = false } = {}) {
      if (!committed && !untouched) await emptyFolder(dir, LOCK_FILE);
      await fs.rm(lock, { force: true });
      heldLocks.delete(lock);
    },
  };
}

/** Takes the lock; a lock of a process that is gone means its build died mid-way: the cache is emptied first. */
async function takeLock(lock: string): Promise<boolean> {
  if (heldLocks.has(lock)) return false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      heldLocks.add(lock);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await fs.readFile(lock, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) return false;
    // Gone (or our pid reused after a container restart): its build stopped mid-way.
    await emptyFolder(path.dirname(lock), LOCK_FILE);
    await fs.rm(lock, { force: true });
  }
  return false;
}

async function emptyFolder(dir: string, keep: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n !== keep).map((n) => fs.rm(path.join(dir, n), { recursive: true, force: true })));
}

async function readRoutes(file: string, code: string): Promise<{ previous?: Map<string, string>; stamps?: Map<string, CopyStamp> }> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: number; code?: string; routes?: Record<string, string>; copies?: Record<string, CopyStamp> };
    if (data.version !== ROUTES_VERSION || data.code !== code || !data.routes || !data.copies) return {};
    return { previous: new Map(Object.entries(data.routes)), stamps: new Map(Object.entries(data.copies)) };
  } catch {
    return {};
  }
}
