/**
 * The search step's cache: each page's record (what Pagefind reads of it) by site-relative
 * path, with the page's size, under `<cacheDir>/search/records/`, one file per search shard
 * (`<shard>-of-<shards>.jsonl`, src/lib/site/search-shards.ts): one JSON line per page after a
 * format line, so no string ever holds all of it. A build rewrites only the files of shards
 * whose records changed: after a one-doc edit of a 15k-page portal that is one shard's ~6 MB,
 * not 44 MB (3 s of a build's wall time while the site's files were written beside it).
 * Each file is written to a temporary name and renamed, so a build stopped half-way or a
 * concurrent build never leaves a torn file; a file this version cannot read is no cache.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';

export interface SearchRecord {
  /** Bytes of the page the record was cut from: an unchanged page has the same. */
  size: number;
  /** The record (searchable-page.ts), or undefined for a page that is not searchable. */
  html: string | undefined;
}

/** The last build's records, and how many each shard's file held (to tell an unchanged shard). */
export interface KeptSearchRecords {
  records: Map<string, SearchRecord>;
  /** Part file name → records read from it. */
  parts: Map<string, number>;
}

/** Bumped whenever what a record holds changes, so older records are not used. */
const FORMAT = 'atrium-search-records-2';

const recordsDir = (cacheDir: string) => path.join(cacheDir, 'search', 'records');
/** The single file of the layout before shards; removed when records are next saved. */
const oldRecordsFile = (cacheDir: string) => path.join(cacheDir, 'search', 'records.jsonl');
const PART = /^\d+-of-\d+\.jsonl$/;
const partName = (shard: number, shards: number) => `${shard}-of-${shards}.jsonl`;

export function noKeptSearchRecords(): KeptSearchRecords {
  return { records: new Map(), parts: new Map() };
}

export async function loadSearchRecords(cacheDir: string): Promise<KeptSearchRecords> {
  const kept = noKeptSearchRecords();
  const names = (await fs.readdir(recordsDir(cacheDir)).catch(() => [] as string[])).filter((n) => PART.test(n)).sort();
  for (const name of names) {
    const read = await readPart(path.join(recordsDir(cacheDir), name));
    // One unreadable part and the set is not the last build's: index from the pages.
    if (!read) return noKeptSearchRecords();
    for (const [file, record] of read) kept.records.set(file, record);
    kept.parts.set(name, read.length);
  }
  return kept;
}

async function readPart(file: string): Promise<[string, SearchRecord][] | undefined> {
  const read: [string, SearchRecord][] = [];
  let lines;
  try {
    lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let first = true;
    for await (const line of lines) {
      if (first) {
        if (line !== JSON.stringify(FORMAT)) return undefined;
        first = false;
        continue;
      }
      const entry: unknown = JSON.parse(line);
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') return undefined;
      read.push([entry[0], { size: entry[1], html: typeof entry[2] === 'string' ? entry[2] : undefined }]);
    }
  } catch {
    return undefined; // gone meanwhile, or unreadable
  } finally {
    lines?.close();
  }
  return read;
}

/**
 * Saves this build's records, shard by shard: a shard whose records are all the kept ones (the
 * same objects, as many as its file held) keeps its file. Files of other shard counts go.
 */
export async function saveSearchRecords(cacheDir: string, byShard: ReadonlyMap<number, ReadonlyMap<string, SearchRecord>>, shards: number, kept: KeptSearchRecords): Promise<void> {
  const dir = recordsDir(cacheDir);
  await fs.mkdir(dir, { recursive: true });
  const wanted = new Set<string>();
  for (const [shard, records] of byShard) {
    const name = partName(shard, shards);
    wanted.add(name);
    const unchanged = kept.parts.get(name) === records.size && [...records].every(([file, r]) => kept.records.get(file) === r);
    if (unchanged) continue;
    await writePart(path.join(dir, name), records);
  }
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => !wanted.has(n)).map((n) => fs.rm(path.join(dir, n), { force: true })));
  await fs.rm(oldRecordsFile(cacheDir), { force: true });
}

async function writePart(target: string, records: ReadonlyMap<string, SearchRecord>): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temp, 'utf8');
  try {
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    };
    await write(JSON.stringify(FORMAT));
    for (const [file, r] of records) await write(JSON.stringify([file, r.size, r.html ?? null]));
    out.end();
    await once(out, 'finish');
    await fs.rename(temp, target);
  } catch (error) {
    out.destroy();
    await fs.rm(temp, { force: true });
    throw error;
  }
}
