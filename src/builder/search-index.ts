/**
 * The build's last step: the Pagefind search index of the rendered site, written to
 * `<site>/pagefind/`.
 *
 * Pagefind gets each searchable page as its record (src/lib/site/searchable-page.ts: the
 * `data-pagefind-body` element, not the chrome around it), one page at a time in path order,
 * so the index depends only on the pages' bytes, never on the order a folder lists them in.
 * Records are kept in the build cache by path with the page's size: when the build
 * says which pages it re-rendered (`changed`), the others are not read again, and a cold build
 * and an incremental one hand Pagefind the same records, so they write the same index.
 *
 * Pagefind runs as a child process of its own (its Node API is a client of that service), so
 * a stop closes it before the run folder it writes into is removed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { searchableHtml } from '../lib/site/searchable-page.ts';
import { loadSearchRecords, saveSearchRecords, type SearchRecord } from './search-records.ts';

export interface SearchIndexOptions {
  /** The rendered site folder (every page present); the index goes to its `pagefind/` folder. */
  siteDir: string;
  /** Registers cleanup to run when the build is stopped by a signal. */
  onStop?: (cleanup: () => void) => void;
  /** Build cache folder; records are kept in its `search/` folder. Without it nothing is kept. */
  cacheDir?: string;
  /**
   * Site-relative paths of the HTML files this build wrote (`products/x/index.html`). When given,
   * every other page is taken to be the previous build's page at that path: its kept record is
   * used if the file still has the kept size. Omit it to have every page read.
   */
  changed?: readonly string[];
}

export interface SearchIndexResult {
  /** Pages in the index (those with `data-pagefind-body`). */
  pages: number;
  /** HTML files (searchable or not) whose record came from the cache without reading them. */
  reused: number;
}

/** Indexes every searchable HTML page of `siteDir` and writes the index beside them. */
export async function writeSearchIndex({ siteDir, onStop, cacheDir, changed }: SearchIndexOptions): Promise<SearchIndexResult> {
  const files = await htmlFiles(siteDir);
  const kept = cacheDir && changed ? await loadSearchRecords(cacheDir) : new Map<string, SearchRecord>();
  const rewritten = new Set(changed ?? []);
  const records = new Map<string, SearchRecord>();
  let reused = 0;
  for (const file of files) {
    const old = rewritten.has(file) ? undefined : kept.get(file);
    if (old && (await fs.stat(path.join(siteDir, file))).size === old.size) {
      records.set(file, old);
      reused++;
      continue;
    }
    const page = await fs.readFile(path.join(siteDir, file));
    const record = searchableHtml(page.toString('utf8'));
    // A fresh copy: the cut is made of slices that would keep the whole page alive in memory.
    records.set(file, { size: page.length, html: record === undefined ? undefined : Buffer.from(record, 'utf8').toString('utf8') });
  }
  const pages = await indexRecords(siteDir, records, onStop);
  if (cacheDir) await saveSearchRecords(cacheDir, records);
  return { pages, reused };
}

/** Pages handed to Pagefind and not yet answered. */
const IN_FLIGHT = 16;

/** Hands Pagefind every record with a body, in path order, and writes the index. */
async function indexRecords(siteDir: string, records: ReadonlyMap<string, SearchRecord>, onStop?: (cleanup: () => void) => void): Promise<number> {
  const pagefind = await import('pagefind');
  onStop?.(() => void pagefind.close());
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`search indexing failed to start: ${errors.join('; ')}`);
  try {
    // Pagefind's service handles requests one by one in the order sent: keep a few in flight
    // so it never waits for the next, without holding every encoded page in memory at once.
    let pages = 0;
    const inFlight = new Set<Promise<void>>();
    for (const [sourcePath, record] of records) {
      if (record.html === undefined) continue;
      const added = index.addHTMLFile({ sourcePath, content: record.html }).then(({ errors }) => {
        if (errors.length) throw new Error(`search indexing failed for ${sourcePath}: ${errors.join('; ')}`);
      });
      const tracked = added.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      pages++;
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`search index could not be written: ${written.errors.join('; ')}`);
    return pages;
  } finally {
    await pagefind.close();
  }
}

/** Site-relative paths of the site's HTML pages, sorted; dot folders (build scratch) and `pagefind/` are not pages. */
async function htmlFiles(siteDir: string): Promise<string[]> {
  const entries = await fs.readdir(siteDir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const rel = path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    if (rel.startsWith('pagefind/') || rel.split('/').some((part) => part.startsWith('.'))) continue;
    files.push(rel);
  }
  return files.sort();
}
