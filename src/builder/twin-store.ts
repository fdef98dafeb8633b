/**
 * The markdown twins (`<page>/index.md`) of the last build, kept in the page cache so an
 * incremental build copies the twin of an unchanged page instead of computing it again (an
 * operation's twin costs as much as its page). A twin is reused only when its page's route inputs
 * hash and Atrium's code are those of the build that wrote it (./page-cache.ts decides).
 *
 *   <page cache>/twins/       the last successful build's twins, one file per page URL (named by its hash)
 *   <page cache>/twins.next/  this build's, renamed to twins/ when it succeeds
 *
 * One flat folder, not one per page: keeping 15k twins would otherwise make 15k folders a build.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export class TwinStore {
  private readonly current: string;
  private readonly next: string;
  /** True when the page at `url` has the inputs it had in the build that wrote the stored twins. */
  private readonly unchanged: (url: string) => boolean;

  constructor(dir: string, unchanged: (url: string) => boolean) {
    this.unchanged = unchanged;
    this.current = path.join(dir, 'twins');
    this.next = path.join(dir, 'twins.next');
    fs.rmSync(this.next, { recursive: true, force: true });
    fs.mkdirSync(this.next, { recursive: true });
  }

  private file(root: string, url: string): string {
    return path.join(root, `${createHash('sha256').update(url).digest('hex').slice(0, 40)}.md`);
  }

  /** The stored twin of an unchanged page, else undefined (then it is computed). */
  reuse(url: string): string | undefined {
    if (!this.unchanged(url)) return undefined;
    try {
      return fs.readFileSync(this.file(this.current, url), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Keeps this build's twin of `url` for the next build; a reused one is moved, not written again. */
  async keep(url: string, markdown: string, reused: boolean): Promise<void> {
    const file = this.file(this.next, url);
    if (reused) {
      try {
        await fsp.rename(this.file(this.current, url), file);
        return;
      } catch {
        // Fall through: write it.
      }
    }
    await fsp.writeFile(file, markdown);
  }

  /** This build succeeded: its twins become the stored ones. */
  async commit(): Promise<void> {
    await fsp.rm(this.current, { recursive: true, force: true });
    await fsp.mkdir(this.next, { recursive: true });
    await fsp.rename(this.next, this.current);
  }
}
