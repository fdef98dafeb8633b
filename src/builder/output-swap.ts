/**
 * A build renders into a run folder of its own beside the output and is swapped into place
 * only on success, so a failed or interrupted build never leaves a partial or mixed output
 * folder behind, and nothing is written into the working directory or Atrium's own folder:
 *
 *   <parent>/.<out>.atrium-build-<pid>-<random>/
 *     owner.json      the process that owns the run; a later build removes the folder once it is gone
 *     node_modules    a link to Atrium's packages (see `linkPackages`)
 *     site/           Astro's outDir, renamed to <parent>/<out> by the swap
 *     cache/          Astro's and Vite's caches, thrown away with the run
 *     previous/       the replaced output, during the swap
 *
 * Beside the output, so the swap is a rename on one file system, never a copy.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRunning } from '../lib/process-running.ts';
import { removeInBackground } from './background-removal.ts';

export interface RunFolder {
  dir: string;
  /** Where Astro renders the site. */
  site: string;
  /** Astro's and Vite's caches. */
  cache: string;
  outDir: string;
  /** The outermost folder above the output this run created, removed again if the build fails. */
  createdParent?: string;
  published?: boolean;
}

interface Owner {
  pid: number;
  host: string;
}

const OWNER_FILE = 'owner.json';
/** Run folders of this process, never stale however its pid compares (a container's build may reuse the pid of a killed one). */
const ownRuns = new Set<string>();

function runPrefix(outDir: string): string {
  return `.${path.basename(outDir)}.atrium-build-`;
}

export async function createRunFolder(outDir: string, packageRoot: string): Promise<RunFolder> {
  const parent = path.dirname(outDir);
  const createdParent = await fsp.mkdir(parent, { recursive: true });
  const dir = await fsp.realpath(await fsp.mkdtemp(path.join(parent, `${runPrefix(outDir)}${process.pid}-`)));
  const owner: Owner = { pid: process.pid, host: os.hostname() };
  await fsp.writeFile(path.join(dir, OWNER_FILE), JSON.stringify(owner) + '\n');
  ownRuns.add(dir);
  await linkPackages(dir, packageRoot);
  return { dir, site: path.join(dir, 'site'), cache: path.join(dir, 'cache'), outDir, createdParent };
}

/**
 * Astro renders pages by importing server chunks it writes below its outDir, and only when
 * that outDir lies inside process.cwd() (else it uses a shared `<cwd>/.astro/`, where two
 * builds at once overwrite each other). The chunks import packages by name, which Node looks
 * up in the node_modules folders above them: the run folder's link points at Atrium's own.
 */
async function linkPackages(dir: string, packageRoot: string): Promise<void> {
  await fsp.symlink(packagesFolder(packageRoot), path.join(dir, 'node_modules'), 'junction');
}

/** Atrium's node_modules, or, when npm hoisted Atrium's dependencies, the folder that holds Astro. */
function packagesFolder(packageRoot: string): string {
  const own = path.join(packageRoot, 'node_modules');
  if (fs.existsSync(path.join(own, 'astro'))) return own;
  let dir = path.dirname(fileURLToPath(import.meta.resolve('astro')));
  while (path.basename(dir) !== 'node_modules') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the node_modules folder that holds Astro (resolved from ${packageRoot})`);
    dir = up;
  }
  return dir;
}

/** Runs Astro with the run folder as working directory (see `linkPackages`), then returns to the previous one. */
export async function inRunFolder<T>(run: RunFolder, work: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  process.chdir(run.dir);
  try {
    return await work();
  } finally {
    process.chdir(previous);
  }
}

/** Replaces the output folder with the finished site: two renames; the old output stays in the run folder. */
export async function publishRun(run: RunFolder): Promise<void> {
  const previous = path.join(run.dir, 'previous');
  let hadPrevious = true;
  try {
    await fsp.rename(run.outDir, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  try {
    await fsp.rename(run.site, run.outDir);
  } catch (error) {
    if (hadPrevious) await fsp.rename(previous, run.outDir);
    throw error;
  }
  run.published = true;
}

/**
 * Removes the run folder (the link to node_modules is removed, never followed). A published
 * run, which holds the replaced output, goes to `trashDir` when given and is removed there in
 * the background (./background-removal.ts).
 */
export async function discardRun(run: RunFolder, trashDir?: string): Promise<void> {
  const later = run.published && trashDir !== undefined && (await removeInBackground(run.dir, trashDir));
  if (!later) await fsp.rm(run.dir, { recursive: true, force: true, maxRetries: 3 });
  ownRuns.delete(run.dir);
  for (const dir of createdParents(run)) {
    if (!(await fsp.rmdir(dir).then(() => true, () => false))) break; // not empty: someone else's now
  }
}

/**
 * The same, synchronously: on a signal, before the process exits, with no other work in between.
 * Work already handed to other threads (a page's folder being made, a bundle being written)
 * can make part of the folder again just after it is removed, and a folder without its owner
 * file is no later build's to remove: so the main thread waits a moment, letting that work end
 * (no JavaScript of the build runs meanwhile), and removes what came back.
 */
export function discardRunNow(run: RunFolder): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let sweep = 0; sweep < 4; sweep++) {
    if (sweep > 0) {
      Atomics.wait(pause, 0, 0, 50);
      if (!fs.existsSync(run.dir)) break;
    }
    fs.rmSync(run.dir, { recursive: true, force: true, maxRetries: 3 });
  }
  for (const dir of createdParents(run)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      break; // not empty: someone else's now
    }
  }
}

/** The folders above the output that the run created, innermost first, when nothing was published into them. */
function createdParents(run: RunFolder): string[] {
  if (run.published || !run.createdParent) return [];
  const dirs: string[] = [];
  for (let dir = path.dirname(run.outDir); dir.length >= run.createdParent.length; dir = path.dirname(dir)) dirs.push(dir);
  return dirs;
}

/**
 * Removes the run folders of earlier builds into the same output that were killed (SIGKILL,
 * power loss): only folders whose owner file names a process of this host that is gone.
 * A run killed halfway through its swap left the previous output in `previous/`; it is put back.
 * @returns the folders removed
 */
export async function removeStaleRuns(outDir: string): Promise<string[]> {
  const parent = await fsp.realpath(path.dirname(outDir)).catch(() => path.dirname(outDir));
  const prefix = runPrefix(outDir);
  const names = await fsp.readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const dir = path.join(parent, name);
    if (!(await fsp.lstat(dir).catch(() => undefined))?.isDirectory()) continue; // never a link or a file
    const owner = await readOwner(dir);
    if (!owner || owner.host !== os.hostname() || ownRuns.has(dir) || (owner.pid !== process.pid && isRunning(owner.pid))) continue;
    const previous = path.join(dir, 'previous');
    if (fs.existsSync(previous) && !fs.existsSync(outDir)) await fsp.rename(previous, outDir).catch(() => {});
    await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    removed.push(dir);
  }
  return removed;
}

async function readOwner(dir: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await fsp.readFile(path.join(dir, OWNER_FILE), 'utf8')) as Partial<Owner>;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? (owner as Owner) : undefined;
  } catch {
    return undefined;
  }
}
