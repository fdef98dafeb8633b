/**
 * The search index's shards as written, kept in the page cache by content: the folder
 * `<cacheDir>/search/shards/<digest>/` holds the files of a shard whose records (path and
 * record of each page, in path order) hash to `<digest>`. A shard whose records are the last
 * build's is copied from here instead of being indexed again (./search-index.ts).
 *
 * A folder is written under a temporary name and renamed into place, so one that exists is
 * whole; a build stopped half-way leaves at most a temporary folder, removed with the others
 * this build did not use. Files are copied out, never linked: a deploy step that edits the
 * published index in place cannot reach the cache.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Bumped whenever what a shard folder holds changes. */
const FORMAT = 'atrium-search-shard-1';

export interface ShardFile {
  /** Path inside the shard's folder (`fragment/en_1a2b.pf_fragment`). */
  path: string;
  content: Uint8Array;
}

const shardsDir = (cacheDir: string) => path.join(cacheDir, 'search', 'shards');

/** The digest of a shard: which folder it is written to, and each searchable page's path and record. */
export function shardDigest(folder: string, records: Iterable<readonly [string, string]>): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${folder}\0`);
  for (const [file, html] of records) hash.update(`${file}\0${html.length}\0`).update(html);
  return hash.digest('hex');
}

/** Copies a kept shard into `target` and answers true, or answers false when none is kept under `digest`. */
export async function restoreShard(cacheDir: string, digest: string, target: string): Promise<boolean> {
  const source = path.join(shardsDir(cacheDir), digest);
  let names: string[];
  try {
    names = (await fs.readdir(source, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(source, path.join(e.parentPath, e.name)));
  } catch {
    return false;
  }
  await inBatches(names, async (name) => {
    await fs.mkdir(path.dirname(path.join(target, name)), { recursive: true });
    await fs.copyFile(path.join(source, name), path.join(target, name), fs.constants.COPYFILE_FICLONE);
  });
  return true;
}

/** Writes a shard's files into `target` and keeps a copy under `digest` when a cache is given. */
export async function writeShard(files: readonly ShardFile[], target: string, keep?: { cacheDir: string; digest: string }): Promise<void> {
  const folders = new Set(files.map((f) => path.dirname(f.path)));
  const temp = keep && path.join(shardsDir(keep.cacheDir), `.${keep.digest}.${process.pid}.tmp`);
  for (const folder of folders) {
    await fs.mkdir(path.join(target, folder), { recursive: true });
    if (temp) await fs.mkdir(path.join(temp, folder), { recursive: true });
  }
  await inBatches(files, async (f) => {
    await fs.writeFile(path.join(target, f.path), f.content);
    if (temp) await fs.writeFile(path.join(temp, f.path), f.content);
  });
  if (!keep || !temp) return;
  const kept = path.join(shardsDir(keep.cacheDir), keep.digest);
  await fs.rm(kept, { recursive: true, force: true });
  await fs.rename(temp, kept);
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

/** Files written or copied at once: enough to keep the disk busy, few enough for any file-handle limit. */
const AT_ONCE = 32;

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
}
