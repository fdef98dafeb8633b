/**
 * The search index's shards as written, kept in the page cache by content: the folder
 * `<cacheDir>/search/shards/<digest>/` holds the files of a shard whose records (path and
 * record of each page, in path order) hash to `<digest>`. A shard whose records are the last
 * build's is copied from here instead of being indexed again (./search-index.ts).
 *
 * A folder is written under a temporary name and renamed into place, so one that exists is
 * whole; a build stopped half-way leaves at most a temporary folder, removed with the others
 * this build did not use. The site's files are hard links to the kept ones (a link costs a
 * sixth of a copy on the build machine, and 15k of them are a second). Nothing writes through
 * them: a shard is written under a new folder, never over one; and a kept file whose inode,
 * size or modification time is not as written (a deploy step edited the published index in
 * place) makes its shard be indexed again, as an edited page is rendered again (./page-links.ts).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAsStamped, linkOrCopy } from './copy-stamps.ts';
import { mapConcurrently } from '../lib/map-concurrently.ts';

/** Files written or copied at once: enough to keep the disk busy, few enough for any file-handle limit. */
const AT_ONCE = 32;

/** Bumped whenever what a shard folder holds changes. */
const FORMAT = 'atrium-search-shard-1';

export interface ShardFile {
  /** Path inside the shard's folder (`fragment/en_1a2b.pf_fragment`). */
  path: string;
  content: Uint8Array;
}

const shardsDir = (cacheDir: string) => path.join(cacheDir, 'search', 'shards');
/** Each file of a kept shard as written: [path, inode, size, mtimeMs], in the shard's folder. */
const STAMPS = '.stamps.json';
type Stamp = [name: string, ino: number, size: number, mtimeMs: number];

/** The digest of a shard: which folder it is written to, and each searchable page's path and record. */
export function shardDigest(folder: string, records: Iterable<readonly [string, string]>): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${folder}\0`);
  for (const [file, html] of records) hash.update(`${file}\0${html.length}\0`).update(html);
  return hash.digest('hex');
}

/**
 * Links a kept shard's files into `target` and answers true, or answers false when none is
 * kept under `digest` or one of its files is no longer as written (a published index edited in
 * place edits the kept file too; that shard is then indexed again and written anew).
 */
export async function restoreShard(cacheDir: string, digest: string, target: string): Promise<boolean> {
  const source = path.join(shardsDir(cacheDir), digest);
  let stamps: Stamp[];
  try {
    stamps = JSON.parse(await fs.readFile(path.join(source, STAMPS), 'utf8')) as Stamp[];
    if (!Array.isArray(stamps)) return false;
    for (const [name, ino, size, mtimeMs] of stamps) {
      if (!isAsStamped(statSync(path.join(source, name)), [ino, size, mtimeMs])) throw new Error('changed');
    }
  } catch {
    await fs.rm(source, { recursive: true, force: true });
    return false;
  }
  await linkShard(source, stamps.map(([name]) => name), target);
  return true;
}

/**
 * Writes a shard's files into `target`. With a cache, they are written there (under `digest`)
 * and linked into `target`, so a kept shard costs one write per file, not two.
 */
export async function writeShard(files: readonly ShardFile[], target: string, keep?: { cacheDir: string; digest: string }): Promise<void> {
  if (!keep) {
    await makeFolders(target, files.map((f) => f.path));
    await mapConcurrently(files, AT_ONCE, (f) => fs.writeFile(path.join(target, f.path), f.content));
    return;
  }
  const temp = path.join(shardsDir(keep.cacheDir), `.${keep.digest}.${process.pid}.tmp`);
  await fs.rm(temp, { recursive: true, force: true });
  await makeFolders(temp, files.map((f) => f.path));
  await mapConcurrently(files, AT_ONCE, (f) => fs.writeFile(path.join(temp, f.path), f.content));
  const stamps: Stamp[] = files.map((f) => {
    const written = statSync(path.join(temp, f.path));
    return [f.path, written.ino, written.size, written.mtimeMs];
  });
  await fs.writeFile(path.join(temp, STAMPS), JSON.stringify(stamps));
  const kept = path.join(shardsDir(keep.cacheDir), keep.digest);
  await fs.rm(kept, { recursive: true, force: true });
  await fs.rename(temp, kept);
  await linkShard(kept, files.map((f) => f.path), target);
}

/** Links each of a kept shard's files (paths inside `source`) into `target`. */
async function linkShard(source: string, names: readonly string[], target: string): Promise<void> {
  await makeFolders(target, names);
  await mapConcurrently(names, AT_ONCE, (name) => linkOrCopy(path.join(source, name), path.join(target, name)));
}

/** The folders the files at `names` go into, each made once (not once per file). */
async function makeFolders(root: string, names: readonly string[]): Promise<void> {
  for (const folder of new Set(names.map((name) => path.dirname(name)))) await fs.mkdir(path.join(root, folder), { recursive: true });
}

/** Removes every kept shard (and temporary folder) but those named in `used`. */
export async function pruneShards(cacheDir: string, used: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(shardsDir(cacheDir));
  } catch {
    return;
  }
  for (const name of names) if (!used.has(name)) await fs.rm(path.join(shardsDir(cacheDir), name), { recursive: true, force: true });
}
