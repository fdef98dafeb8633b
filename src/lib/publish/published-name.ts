/**
 * The output file name of a published file: a readable stem, a content hash and the
 * extension (`flow.3f2a9c1b7d4e.png`). The hash makes the name unique and cacheable, so the
 * stem is only a courtesy and is cut short: a 245-character image name (fine on the writer's
 * disk) would otherwise exceed the 255-byte file-name limit once the hash is added.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Stem and extension limits: the name stays far below 255 bytes on every file system. */
const MAX_STEM = 60;
const MAX_EXTENSION = 16;

export function publishedFileName(relative: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const rawExt = path.posix.extname(relative).toLowerCase();
  const ext = /^\.[a-z0-9]+$/.test(rawExt) && rawExt.length <= MAX_EXTENSION ? rawExt : '';
  const stem =
    path.posix
      .basename(relative, path.posix.extname(relative))
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .slice(0, MAX_STEM)
      .replace(/^-+|-+$/g, '') || 'file';
  return `${stem}.${hash}${ext}`;
}
