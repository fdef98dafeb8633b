/**
 * The search step's cache: each page's record (what Pagefind reads of it) by site-relative
 * path, with the page's size, in one file under `<cacheDir>/search/`: one JSON line per page
 * after a format line, so an incremental build of a 15k-page portal reads one file, and no
 * string ever holds all of it. Written to a temporary name and renamed, so a build stopped
 * half-way or a concurrent build never leaves a torn file; a file this version cannot read
 * is no cache.
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

/** Bumped whenever what a record holds changes, so older records are not used. */
const FORMAT = 'atrium-search-records-2';

const recordsFile = (cacheDir: string) => path.join(cacheDir, 'search', 'records.jsonl');

export async function loadSearchRecords(cacheDir: string): Promise<Map<string, SearchRecord>> {
  const records = new Map<string, SearchRecord>();
  let lines;
  try {
    lines = createInterface({ input: createReadStream(recordsFile(cacheDir), 'utf8'), crlfDelay: Infinity });
    let first = true;
    for await (const line of lines) {
      if (first) {
        if (line !== JSON.stringify(FORMAT)) return new Map();
        first = false;
        continue;
      }
      const entry: unknown = JSON.parse(line);
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') return new Map();
      records.set(entry[0], { size: entry[1], html: typeof entry[2] === 'string' ? entry[2] : undefined });
    }
  } catch {
    return new Map(); // none yet, or unreadable: index from the pages
  } finally {
    lines?.close();
  }
  return records;
}

export async function saveSearchRecords(cacheDir: string, records: ReadonlyMap<string, SearchRecord>): Promise<void> {
  const target = recordsFile(cacheDir);
  await fs.mkdir(path.dirname(target), { recursive: true });
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
