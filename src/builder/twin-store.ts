/**
 * The markdown twins (`<page>/index.md`) of the last build, kept in the page cache so an
 * incremental build links the twin of an unchanged page into its output instead of computing
 * and writing it again (an operation's twin costs as much as its page). A twin is reused only
 * when its page's route inputs hash and Atrium's code are those of the build that wrote it
 * (./page-cache.ts decides).
 *
 *   <page cache>/twin-copies/<page path>index.md   each twin, one file; the output's is a hard link to it
 *   <page cache>/twins.json                         each twin copy's [inode, size, mtime] when the
 *                                                   last successful build finished
 *
 * After a one-doc edit of a 15k-page portal that is 15k links and one file written, where
 * reading, copying and rewriting one pack of every twin (146 MB) took ~2 s of the build.
 * The rules are those of the linked pages (./page-links.ts): nothing writes into a file that
 * may have another name (a twin written anew replaces its copy's name first), and a copy is
 * linked only while its stamp is the one recorded, so an output twin edited in place (which
 * edits the copy too) is computed again rather than published as edited. A build that fails
 * records no stamps; what it wrote is never linked (new files, other inodes), and the page cache
 * is emptied anyway. Where the cache and the output are on different file systems, kept twins
 * are copied.
 */
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { copyStamp, isAsStamped, linkOrCopy, unlinkIfThere, type CopyStamp } from './copy-stamps.ts';
import { intoFolder } from './into-folder.ts';

const COPIES = 'twin-copies';
const STAMPS = 'twins.json';
/** 1: one copy per twin, linked into the output. */
const STAMPS_VERSION = 1;

export class TwinStore {
  private readonly copies: string;
  private readonly stampsFile: string;
  /** True when the page at `url` has the inputs it had in the build that wrote the stored twins. */
  private readonly unchanged: (url: string) => boolean;
  private readonly stamps: Map<string, CopyStamp>;
  private readonly nextStamps = new Map<string, CopyStamp>();
  private readonly madeFolders = new Set<string>();

  constructor(dir: string, unchanged: (url: string) => boolean) {
    this.unchanged = unchanged;
    this.copies = path.join(dir, COPIES);
    this.stampsFile = path.join(dir, STAMPS);
    this.stamps = readStamps(this.stampsFile);
    // Left by older layouts (one pack of every twin; one file per page); nothing reads them.
    for (const old of ['twins.pack', 'twins.pack.next', 'twins']) rmSync(path.join(dir, old), { recursive: true, force: true });
  }

  /** The copy of `url`'s twin; undefined for a URL that could name a file outside the copies. */
  private copyOf(url: string): string | undefined {
    if (!url.startsWith('/') || !url.endsWith('/') || url.split('/').some((part) => part === '..' || part === '.')) return undefined;
    return path.join(this.copies, ...url.split('/').filter(Boolean), 'index.md');
  }

  /** The kept copy of an unchanged page's twin, as the last build left it; else undefined (then it is computed). */
  private keptCopy(url: string): { file: string; stamp: CopyStamp } | undefined {
    if (!this.unchanged(url)) return undefined;
    const file = this.copyOf(url);
    const stamp = this.stamps.get(url);
    if (!file || !stamp) return undefined;
    return isAsStamped(lstatSync(file, { throwIfNoEntry: false }), stamp) ? { file, stamp } : undefined;
  }

  /**
   * Puts the last build's twin of an unchanged page at `target`: a link to its copy (or a copy of
   * it across file systems). Answers the twin's text lazily, for llms-full.txt; undefined when the
   * twin must be computed.
   */
  async placeKept(url: string, target: string): Promise<(() => string) | undefined> {
    const kept = this.keptCopy(url);
    if (!kept) return undefined;
    await this.place(kept.file, target);
    this.nextStamps.set(url, kept.stamp);
    return () => readFileSync(kept.file, 'utf8');
  }

  /** Writes this build's twin of `url` as its copy and puts it at `target`. */
  async keep(url: string, markdown: Buffer, target: string): Promise<void> {
    const file = this.copyOf(url);
    if (!file) {
      await writeInto(target, markdown, this.madeFolders);
      return;
    }
    // The old copy may be the published twin's other name: replaced, never written through.
    unlinkIfThere(file);
    await writeInto(file, markdown, this.madeFolders);
    this.nextStamps.set(url, copyStamp(lstatSync(file)));
    await this.place(file, target);
  }

  private place(copy: string, target: string): Promise<void> {
    return intoFolder(target, this.madeFolders, () => linkOrCopy(copy, target));
  }

  /** This build succeeded: its twins become the stored ones; copies of pages gone are removed. */
  async commit(): Promise<void> {
    for (const url of this.stamps.keys()) {
      if (this.nextStamps.has(url)) continue;
      const file = this.copyOf(url);
      if (file) unlinkIfThere(file);
    }
    await fs.mkdir(path.dirname(this.stampsFile), { recursive: true });
    const temp = `${this.stampsFile}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify({ version: STAMPS_VERSION, stamps: Object.fromEntries(this.nextStamps) }) + '\n');
    await fs.rename(temp, this.stampsFile);
  }
}

function readStamps(file: string): Map<string, CopyStamp> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; stamps?: Record<string, CopyStamp> };
    if (data.version !== STAMPS_VERSION || !data.stamps) return new Map();
    return new Map(Object.entries(data.stamps).filter(([, s]) => Array.isArray(s) && s.length === 3 && s.every((n) => typeof n === 'number')));
  } catch {
    return new Map(); // none yet, or unreadable: every twin is computed
  }
}

const writeInto = (file: string, bytes: Buffer, made: Set<string>) => intoFolder(file, made, () => fs.writeFile(file, bytes));
