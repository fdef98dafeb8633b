/**
 * One change a management command makes to a content folder, and the only code here that
 * writes to the disk. A change is applied so that the folder is never seen half-changed:
 *
 * - a file is written to a temporary file beside it, then renamed over the original;
 * - a new folder is filled under a hidden temporary name, then renamed into place;
 * - a deleted folder is first renamed to a hidden name, then removed.
 *
 * (Hidden names start with a dot, which the content loader never lists.)
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type ContentChange =
  /** Replace a file's text; `before` is what it held when the command read it. */
  | { kind: 'edit-file'; file: string; before: string; after: string }
  /**
   * Create a folder holding `files` (paths relative to `dir`), after copying the folder
   * `copyFrom` into it without its top-level entries named in `skip`.
   */
  | { kind: 'new-folder'; dir: string; files: Record<string, string>; copyFrom?: string; skip?: string[] }
  | { kind: 'delete-folder'; dir: string };

/** Thrown when the folder changed under the command (another edit in between): nothing was written. */
export class ChangedOnDiskError extends Error {}

/** The file or folder a change is about, relative to the content folder. */
export function changeTarget(change: ContentChange): string {
  return change.kind === 'edit-file' ? change.file : `${change.dir}/`;
}

export async function applyChange(root: string, change: ContentChange): Promise<void> {
  if (change.kind === 'edit-file') return editFile(root, change.file, change.before, change.after);
  if (change.kind === 'new-folder') return newFolder(root, change.dir, change.files, change.copyFrom, change.skip ?? []);
  return deleteFolder(root, change.dir);
}

async function editFile(root: string, file: string, before: string, after: string): Promise<void> {
  const target = path.join(root, file);
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current !== before) throw new ChangedOnDiskError(`${file} changed on disk while the command ran; nothing was written, run the command again`);
  const mode = (await stat(target)).mode;
  const temporary = hiddenSibling(target, 'tmp');
  try {
    await writeFile(temporary, after, { mode });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function newFolder(root: string, dir: string, files: Record<string, string>, copyFrom: string | undefined, skip: string[]): Promise<void> {
  const target = path.join(root, dir);
  if (await exists(target)) throw new ChangedOnDiskError(`${dir}/ appeared on disk while the command ran; nothing was written`);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = hiddenSibling(target, 'new');
  try {
    if (copyFrom !== undefined) {
      const source = path.join(root, copyFrom);
      await cp(source, temporary, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (from) => path.dirname(from) !== source || !skip.includes(path.basename(from)),
      });
    }
    await mkdir(temporary, { recursive: true });
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(temporary, rel)), { recursive: true });
      await writeFile(path.join(temporary, rel), text);
    }
    if (await exists(target)) throw new ChangedOnDiskError(`${dir}/ appeared on disk while the command ran; nothing was written`);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

async function deleteFolder(root: string, dir: string): Promise<void> {
  const target = path.join(root, dir);
  const doomed = hiddenSibling(target, 'deleted');
  await rename(target, doomed);
  await rm(doomed, { recursive: true, force: true });
}

/** `.name.atrium-<what>-<pid>-<random>` beside `target`: on the same disk, so rename is atomic. */
function hiddenSibling(target: string, what: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.atrium-${what}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Top-level folders a staged copy leaves out: data the content loader does not read. */
const NOT_STAGED_TOP = new Set(['analytics']);
/** Folders left out wherever they are: version control and packages, never content. */
const NOT_STAGED_ANYWHERE = new Set(['.git', 'node_modules']);
/** Leftovers of an interrupted command (see `hiddenSibling`). */
const LEFTOVER = /^\..+\.atrium-(tmp|new|deleted)-\d+-[0-9a-f]+$/;

/**
 * Runs `inspect` on a temporary copy of the content folder with `change` applied, then
 * removes the copy. This is how a command sees the cross-file result (a replacement that
 * no longer exists, a product left without versions) before touching the real folder.
 * Analytics data, `.git` and `node_modules` are not copied; symbolic links are copied as links.
 */
export async function withChangeStaged<T>(root: string, change: ContentChange, inspect: (stagedRoot: string) => Promise<T>): Promise<T> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'atrium-manage-'));
  try {
    const staged = path.join(scratch, 'content');
    await cp(root, staged, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (from) => {
        const rel = path.relative(root, from);
        if (rel === '') return true;
        const name = path.basename(from);
        if (NOT_STAGED_ANYWHERE.has(name) || LEFTOVER.test(name)) return false;
        return !(path.dirname(rel) === '.' && NOT_STAGED_TOP.has(name));
      },
    });
    await applyChange(staged, change);
    return await inspect(staged);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
