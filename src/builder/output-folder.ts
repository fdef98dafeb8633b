/**
 * Which folder `atrium build --out` may replace. A build replaces its output folder
 * wholesale, so that folder must never be, hold or sit inside the content or Atrium itself,
 * and an existing folder is replaced only when it is an earlier build: it holds the marker
 * file, or (built before there was one) it has the shape every Atrium build has.
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Written into every build. A dotfile: static hosts may serve it, so it says only what it is. */
export const BUILD_MARKER = '.atrium-build.json';
export const BUILD_MARKER_TEXT =
  JSON.stringify({ generator: 'atrium', about: 'A portal built by `atrium build`; the next build into this folder replaces it.' }) + '\n';

/** `--out` names a folder Atrium must not replace. Bad usage (exit 2), not a content error. */
export class OutputFolderError extends Error {}

export interface Protected {
  contentDir: string;
  /** Atrium's own folder (the one with its package.json). */
  packageRoot: string;
}

export async function checkOutputFolder(outDir: string, protect: Protected): Promise<void> {
  const out = await realPathOf(outDir);
  const content = await realPathOf(protect.contentDir);
  const atrium = await realPathOf(protect.packageRoot);
  const shown = `--out ${outDir}`;

  if (out === content) throw new OutputFolderError(`${shown} is the content folder; a build replaces its output folder, so name another one, e.g. ${path.join(path.dirname(content), 'dist')}`);
  if (isInside(out, content)) throw new OutputFolderError(`${shown} is inside the content folder ${content}; build beside it instead, e.g. ${path.join(path.dirname(content), 'dist')}`);
  if (isInside(content, out)) throw new OutputFolderError(`${shown} contains the content folder ${content}, and a build replaces its output folder; name a folder of its own, e.g. ${path.join(out, 'dist')}`);
  if (out === atrium || isInside(atrium, out)) throw new OutputFolderError(`${shown} ${out === atrium ? 'is' : 'contains'} Atrium's own folder ${atrium}; name a folder of its own, e.g. ${path.join(path.dirname(content), 'dist')}`);
  // Atrium's checkout is also a project when the content lives in it (`npm run build` → ./dist).
  if (isInside(out, atrium) && !isInside(content, atrium)) throw new OutputFolderError(`${shown} is inside Atrium's own folder ${atrium}; build into your project instead, e.g. ${path.join(path.dirname(content), 'dist')}`);

  const stat = await fs.stat(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  await checkWritableParent(outDir, shown);
  if (!stat) return;
  if (!stat.isDirectory()) throw new OutputFolderError(`${shown} is a file, not a folder; name a folder for the portal`);
  // A rename cannot move a mount point (a container's volume, say); a symlink it moves as a link.
  const isLink = (await fs.lstat(outDir)).isSymbolicLink();
  if (!isLink && stat.dev !== (await fs.stat(path.dirname(path.resolve(outDir)))).dev) {
    throw new OutputFolderError(
      `${shown} is a mount point, and a build replaces its output folder by renaming a finished one into its place; name a folder inside it, e.g. ${path.join(outDir, 'site')}`,
    );
  }
  const entries = await fs.readdir(outDir);
  if (entries.length === 0 || (await holdsBuild(outDir)) || (await isUnmarkedBuild(outDir))) return;
  throw new OutputFolderError(
    `${shown} is not empty and holds no Atrium build (no ${BUILD_MARKER} in it), so Atrium will not replace it; ` +
      'name a new or empty folder, or empty this one yourself if it is yours to replace',
  );
}

/** A build renders beside its output (src/builder/output-swap.ts), so the output's parent must be writable. */
async function checkWritableParent(outDir: string, shown: string): Promise<void> {
  let dir = path.dirname(path.resolve(outDir));
  for (;;) {
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat?.isDirectory()) break;
    if (stat) throw new OutputFolderError(`${shown}: ${dir} is a file, not a folder; name an output folder whose parents are folders`);
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  try {
    await fs.access(dir, fsConstants.W_OK);
  } catch {
    throw new OutputFolderError(`${shown}: ${dir} is not writable, and a build renders into a folder beside its output; name an output folder in a place you can write to`);
  }
}

async function holdsBuild(dir: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await fs.readFile(path.join(dir, BUILD_MARKER), 'utf8')) as { generator?: unknown };
    return marker.generator === 'atrium';
  } catch {
    return false;
  }
}

/**
 * Earlier Atriums wrote no `.atrium-build.json`, so a `./dist` built by one is
 * recognised by what every build has written from the start: a `portal.json` with the
 * manifest's shape (DESIGN §6) beside `index.html`, `robots.txt` and `llms.txt`, all files.
 * Strict on purpose: a folder that merely has a `portal.json` of its own is not replaced.
 */
async function isUnmarkedBuild(dir: string): Promise<boolean> {
  for (const name of ['index.html', 'robots.txt', 'llms.txt', 'portal.json']) {
    if (!(await fs.lstat(path.join(dir, name)).catch(() => undefined))?.isFile()) return false;
  }
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'portal.json'), 'utf8')) as Record<string, unknown>;
    return (
      typeof manifest === 'object' &&
      manifest !== null &&
      typeof manifest.title === 'string' &&
      (manifest.audience === 'public' || manifest.audience === 'internal') &&
      Array.isArray(manifest.products) &&
      manifest.products.every((p: unknown) => typeof p === 'object' && p !== null && typeof (p as Record<string, unknown>).slug === 'string' && typeof (p as Record<string, unknown>).url === 'string')
    );
  } catch {
    return false;
  }
}

/** `child` lies strictly below `parent`. */
function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** The real path (symlinks resolved) of a path that may not exist yet: its nearest existing ancestor's, plus the rest. */
async function realPathOf(p: string): Promise<string> {
  const absolute = path.resolve(p);
  const rest: string[] = [];
  let dir = absolute;
  for (;;) {
    try {
      return path.join(await fs.realpath(dir), ...rest.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      const up = path.dirname(dir);
      if (up === dir) return absolute;
      rest.push(path.basename(dir));
      dir = up;
    }
  }
}
