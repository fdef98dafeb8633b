/**
 * Files the build cache keeps and links into a build's output (pages, markdown twins, search
 * shards): one file under several names, so each is trusted only while it is as the build that
 * wrote it left it, by its stamp, and is replaced by a new file rather than written through.
 */
import type { Stats } from 'node:fs';
import { unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';

/** A kept file as a successful build left it: [inode, size, mtime in ms]. */
export type CopyStamp = [ino: number, size: number, mtimeMs: number];

export function copyStamp(stat: Stats): CopyStamp {
  return [stat.ino, stat.size, stat.mtimeMs];
}

/**
 * The file is the one stamped, unchanged: the same inode, size and modification time. An output
 * edited in place (a deploy step rewriting it) edits the kept file too and fails this.
 */
export function isAsStamped(stat: Stats | undefined, stamp: CopyStamp): boolean {
  return stat !== undefined && stat.isFile() && stat.ino === stamp[0] && stat.size === stamp[1] && stat.mtimeMs === stamp[2];
}

/** Codes of a file system (or a pair of them) that cannot hard-link `from` to `to`. */
const NO_HARD_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP']);

/** A link where the cache and the output share a file system (no bytes written), else a copy. */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (error) {
    if (!NO_HARD_LINK.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await fs.copyFile(from, to);
  }
}

export function unlinkIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
