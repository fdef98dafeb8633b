/**
 * The only place the content loader touches the disk. Every path is relative to the
 * content folder and checked to stay inside it, also after resolving symbolic links:
 * a link to /etc/passwd or a `spec: ../../..` is refused, never read.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { escapePath, glob } from 'tinyglobby';

export type FileStatus = 'file' | 'directory' | 'missing' | 'outside';

export interface ContentFolder {
  /** Absolute path of the content folder. */
  root: string;
  /**
   * Files (or folders) matching glob patterns, relative POSIX paths, sorted. Symbolic links
   * are not followed, so crawling never leaves the folder.
   */
  list(patterns: string[], options?: { directories?: boolean }): Promise<string[]>;
  /** Symbolic links to files below folder `rel` (recursively), relative POSIX paths, sorted. */
  symlinks(rel: string): Promise<string[]>;
  /** What is at `rel`: a file, a folder, nothing, or something outside the content folder. */
  status(rel: string): Promise<FileStatus>;
  /** Reads a UTF-8 file; undefined when it is missing or outside the content folder. */
  readText(rel: string): Promise<string | undefined>;
  /** Reads a file's bytes; undefined when it is missing or outside the content folder. */
  readBytes(rel: string): Promise<Uint8Array | undefined>;
}

/** Opens a content folder, or returns why it cannot be used. */
export async function openContentFolder(root: string): Promise<ContentFolder | { problem: string }> {
  const absolute = path.resolve(root);
  let realRoot: string;
  try {
    realRoot = await realpath(absolute);
    if (!(await stat(realRoot)).isDirectory()) return { problem: `content folder \`${root}\` is not a folder` };
  } catch {
    return { problem: `content folder \`${root}\` does not exist; pass --content with the folder that holds portal.yaml` };
  }

  const resolveInside = async (rel: string): Promise<string | 'outside' | 'missing'> => {
    const lexical = path.resolve(absolute, rel);
    if (!isInside(absolute, lexical)) return 'outside';
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      return 'missing';
    }
    return isInside(realRoot, real) ? real : 'outside';
  };

  return {
    root: absolute,
    async symlinks(rel) {
      const dir = path.join(absolute, ...rel.split('/'));
      const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isSymbolicLink())
        .map((e) => path.relative(absolute, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort(compareCodePoints);
    },
    async list(patterns, options = {}) {
      const found = await glob(patterns, {
        cwd: absolute,
        followSymbolicLinks: false,
        onlyDirectories: options.directories ?? false,
        onlyFiles: !(options.directories ?? false),
        expandDirectories: false,
      });
      return found.map((p) => p.replace(/\\/g, '/').replace(/\/$/, '')).sort(compareCodePoints);
    },
    async status(rel) {
      const resolved = await resolveInside(rel);
      if (resolved === 'outside' || resolved === 'missing') return resolved;
      const info = await stat(resolved);
      return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'missing';
    },
    async readText(rel) {
      const resolved = await resolveInside(rel);
      if (resolved === 'outside' || resolved === 'missing') return undefined;
      try {
        return await readFile(resolved, 'utf8');
      } catch {
        return undefined;
      }
    },
    async readBytes(rel) {
      const resolved = await resolveInside(rel);
      if (resolved === 'outside' || resolved === 'missing') return undefined;
      try {
        return await readFile(resolved);
      } catch {
        return undefined;
      }
    },
  };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A folder path made safe to use as the literal start of a glob pattern. */
export function globDir(dir: string): string {
  return escapePath(dir);
}
