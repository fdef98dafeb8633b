/**
 * Site files of the last build kept in the page cache (markdown twins, spec downloads,
 * gateway.json), so an incremental build links a file whose inputs are unchanged into its output
 * instead of computing and writing it again: an operation's twin costs as much as its page, and
 * the spec downloads and gateway facts of a 15k-page portal are ~65 MB rewritten every build.
 * Each file is kept with a key — a hash of what decides its bytes, chosen by the caller (a page's
 * route inputs hash, a spec's content hash) — and reused only under the same key. The page cache
 * is emptied when Atrium's code changes (./page-cache.ts), so a key need not name the code.
 *
 *   <page cache>/kept-files/<site path>   each file; the output's is a hard link to it
 *   <page cache>/kept-files.json          each file's key and [inode, size, mtime] when the
 *                                         last successful build finished
 *
 * The rules are those of the linked pages (./page-links.ts): nothing writes into a file that may
 * have another name (a file written anew replaces its copy's name first), and a copy is linked
 * only while its stamp is the one recorded, so an output file edited in place (which edits the
 * copy too) is computed again rather than published as edited. A build that fails records no
 * stamps; what it wrote is never linked (new files, other inodes), and the page cache is emptied
 * anyway. Where the cache and the output are on different file systems, kept files are copied.
 */
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { copyStamp, isAsStamped, linkOrCopy, unlinkIfThere, type CopyStamp } from './copy-stamps.ts';
import { intoFolder } from './into-folder.ts';

const COPIES = 'kept-files';
const STAMPS = 'kept-files.json';
/** 1: one copy per file, with its key. */
const STAMPS_VERSION = 1;

type KeptStamp = { key: string; stamp: CopyStamp };

export class KeptSiteFiles {
  private readonly copies: string;
  private readonly stampsFile: string;
  private readonly stamps: Map<string, KeptStamp>;
  private readonly nextStamps = new Map<string, KeptStamp>();
  private readonly madeFolders = new Set<string>();

  constructor(dir: string) {
    this.copies = path.join(dir, COPIES);
    this.stampsFile = path.join(dir, STAMPS);
    this.stamps = readStamps(this.stampsFile);
    // Left by older layouts (twins only); nothing reads them.
    for (const old of ['twin-copies', 'twins.json', 'twins.pack', 'twins.pack.next', 'twins']) rmSync(path.join(dir, old), { recursive: true, force: true });
  }

  /** The copy of the file at `sitePath`; undefined for a path that could name a file outside the copies. */
  private copyOf(sitePath: string): string | undefined {
    const parts = sitePath.split('/');
    if (!sitePath.startsWith('/') || sitePath.endsWith('/') || parts.some((part) => part === '..' || part === '.')) return undefined;
    return path.join(this.copies, ...parts.filter(Boolean));
  }

  /** The kept copy of a file kept under `key`, as the last build left it; else undefined (then it is computed). */
  private keptCopy(sitePath: string, key: string): { file: string; kept: KeptStamp } | undefined {
    const file = this.copyOf(sitePath);
    const kept = this.stamps.get(sitePath);
    if (!file || kept?.key !== key) return undefined;
    return isAsStamped(lstatSync(file, { throwIfNoEntry: false }), kept.stamp) ? { file, kept } : undefined;
  }

  /**
   * Puts the last build's file at `sitePath` at `target` when it was kept under `key`: a link to
   * its copy (or a copy of it across file systems). Answers its text lazily (llms-full.txt reads
   * twins); undefined when the file must be computed.
   */
  async placeKept(sitePath: string, key: string, target: string): Promise<(() => string) | undefined> {
    const found = this.keptCopy(sitePath, key);
    if (!found) return undefined;
    await this.place(found.file, target);
    this.nextStamps.set(sitePath, found.kept);
    return () => readFileSync(found.file, 'utf8');
  }

  /** Writes this build's file at `sitePath` as its copy, kept under `key`, and puts it at `target`. */
  async keep(sitePath: string, key: string, bytes: string | Uint8Array, target: string): Promise<void> {
    const file = this.copyOf(sitePath);
    if (!file) {
      await writeInto(target, bytes, this.madeFolders);
      return;
    }
    // The old copy may be the published file's other name: replaced, never written through.
    unlinkIfThere(file);
    await writeInto(file, bytes, this.madeFolders);
    this.nextStamps.set(sitePath, { key, stamp: copyStamp(lstatSync(file)) });
    await this.place(file, target);
  }

  private place(copy: string, target: string): Promise<void> {
    return intoFolder(target, this.madeFolders, () => linkOrCopy(copy, target));
  }

  /** This build succeeded: its files become the kept ones; copies of files gone are removed. */
  async commit(): Promise<void> {
    for (const sitePath of this.stamps.keys()) {
      if (this.nextStamps.has(sitePath)) continue;
      const file = this.copyOf(sitePath);
      if (file) unlinkIfThere(file);
    }
    await fs.mkdir(path.dirname(this.stampsFile), { recursive: true });
    const temp = `${this.stampsFile}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify({ version: STAMPS_VERSION, files: Object.fromEntries(this.nextStamps) }) + '\n');
    await fs.rename(temp, this.stampsFile);
  }
}

function readStamps(file: string): Map<string, KeptStamp> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; files?: Record<string, KeptStamp> };
    if (data.version !== STAMPS_VERSION || !data.files) return new Map();
    const valid = (k: KeptStamp) => typeof k?.key === 'string' && Array.isArray(k.stamp) && k.stamp.length === 3 && k.stamp.every((n) => typeof n === 'number');
    return new Map(Object.entries(data.files).filter(([, k]) => valid(k)));
  } catch {
    return new Map(); // none yet, or unreadable: every file is computed
  }
}

const writeInto = (file: string, bytes: string | Uint8Array, made: Set<string>) => intoFolder(file, made, () => fs.writeFile(file, bytes));
