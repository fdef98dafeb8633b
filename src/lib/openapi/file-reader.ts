/**
 * The only place the spec loader touches the disk for spec files. Paths come in relative to
 * the content folder (already checked by `resolveRef`); here the real path is resolved
 * *before* the file is opened, so a symlink that leads out of the folder is refused with
 * none of its target read.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'not-found' | 'outside-root' | 'not-a-file' | 'unreadable'; detail?: string };

/** Reads spec files by content-relative POSIX path. Injected so that tests need no disk. */
export interface SpecFileReader {
  read(file: string): Promise<ReadResult>;
}

/** A reader confined to `root`: nothing outside it (after resolving symlinks) is ever opened. */
export function createFsReader(root: string): SpecFileReader {
  let realRoot: Promise<string> | undefined;
  return {
    async read(file) {
      realRoot ??= realpath(root);
      let base: string;
      try {
        base = await realRoot;
      } catch (error) {
        return { ok: false, reason: 'not-found', detail: (error as Error).message };
      }
      let real: string;
      try {
        real = await realpath(join(base, ...file.split('/')));
      } catch {
        return { ok: false, reason: 'not-found' };
      }
      if (real !== base && !real.startsWith(base.endsWith(sep) ? base : base + sep)) {
        return { ok: false, reason: 'outside-root' };
      }
      try {
        // Only regular files: a FIFO or device inside the folder would block or never end.
        if (!(await stat(real)).isFile()) return { ok: false, reason: 'not-a-file' };
        return { ok: true, text: await readFile(real, 'utf8') };
      } catch (error) {
        return { ok: false, reason: 'unreadable', detail: (error as Error).message };
      }
    },
  };
}

/** A reader over an in-memory map of files, for tests and for callers that already hold the text. */
export function createMemoryReader(files: Record<string, string>): SpecFileReader {
  return {
    async read(file) {
      return Object.prototype.hasOwnProperty.call(files, file) ? { ok: true, text: files[file] } : { ok: false, reason: 'not-found' };
    },
  };
}
