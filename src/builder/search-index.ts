/**
 * The build's last step: the Pagefind search index of the rendered site, written to
 * `<site>/pagefind/`, split by product into shards when the portal is large
 * (src/lib/site/search-shards.ts).
 *
 * Pagefind gets each searchable page as its record (src/lib/site/searchable-page.ts: the
 * `data-pagefind-body` element, not the chrome around it), one page at a time in path order,
 * so the index depends only on the pages' bytes, never on the order a folder lists them in.
 * Records are kept in the build cache by path with the page's size: when the build
 * says which pages it re-rendered (`changed`), the others are not read again, and a cold build
 * and an incremental one hand Pagefind the same records, so they write the same index. A
 * shard whose records are all the last build's is not indexed at all: its files are linked
 * from the cache (./search-shard-cache.ts).
 *
 * In an incremental build the kept records need not wait for the pages: startSearchIndex hands
 * them to Pagefind while Astro renders, in path order, with an empty page in the place of each
 * page being rendered (or new), for each shard that has such a page. Pagefind puts a page added
 * again under the same path in its first one's place, and leaves a page without words out of
 * the index as if never added, so once the pages are there, handing over the records that
 * differ from what was sent (the rendered pages' records, an empty page for one that is gone)
 * gives the index of the pages added in path order: the same files as a cold build. A page that
 * was not foreseen (no place was kept for it) makes its shard index from scratch.
 *
 * Pagefind runs as a child process of its own (its Node API is a client of that service), so
 * a stop closes it before the run folder it writes into is removed.
 */
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { searchableHtml } from '../lib/site/searchable-page.ts';
import { PAGES_PER_SEARCH_SHARD, SEARCH_SHARDS_FILE, searchShardCount, searchShardFolder, searchShardOf } from '../lib/site/search-shards.ts';
import { pruneShards, restoreShard, shardDigest, writeShard, type ShardFile } from './search-shard-cache.ts';
import { loadSearchRecords, noKeptSearchRecords, saveSearchRecords, type KeptSearchRecords, type SearchRecord } from './search-records.ts';

export interface SearchIndexOptions {
  /** The rendered site folder (every page present); the index goes to its `pagefind/` folder. */
  siteDir: string;
  /** Registers cleanup to run when the build is stopped by a signal. */
  onStop?: (cleanup: () => void) => void;
  /** Build cache folder; records and written shards are kept in its `search/` folder. Without it nothing is kept. */
  cacheDir?: string;
  /**
   * Site-relative paths of the HTML files this build wrote (`products/x/index.html`). When given,
   * every other page is taken to be the previous build's page at that path: its kept record is
   * used if the file still has the kept size. Omit it to have every page read.
   */
  changed?: readonly string[];
  /** The index started ahead with the kept records (startSearchIndex), to finish instead of starting one. */
  ahead?: SearchIndexAhead;
  /**
   * Site-relative paths of every HTML page of the site, when the caller knows them (the build's
   * route table): walking a 15k-page site's 15k folders to find them took two seconds.
   */
  pages?: readonly string[];
  /** Pages per shard before the index is split further (tests split small sites). */
  pagesPerShard?: number;
}

export interface SearchIndexResult {
  /** Pages in the index (those with `data-pagefind-body`). */
  pages: number;
  /** HTML files (searchable or not) whose record came from the cache without reading them. */
  reused: number;
  /** With an index started ahead: the records handed over once the pages were there (undefined when no shard was finished so). */
  resent?: number;
  /** Shards the index has (`pagefind/` and each `pagefind/shard-N/`). */
  shards: number;
  /** Shards Pagefind indexed; the others were copied from the cache unchanged. */
  indexed: number;
}

/** What a shard other than `pagefind/` itself keeps of Pagefind's files: data, no code (the palette's Pagefind is shard 0's). */
const SHARD_DATA = /^(pagefind-entry\.json|[^/]+\.pf_meta|(fragment|index|filter)\/[^/]+)$/;

/** Indexes every searchable HTML page of `siteDir` and writes the index beside them. */
export async function writeSearchIndex({ siteDir, onStop, cacheDir, changed, ahead, pages: known, pagesPerShard = PAGES_PER_SEARCH_SHARD }: SearchIndexOptions): Promise<SearchIndexResult> {
  const files = known ? [...known].sort() : await htmlFiles(siteDir);
  const started = await ahead?.started;
  const kept = !(cacheDir && changed) ? noKeptSearchRecords() : (started?.kept ?? (await loadSearchRecords(cacheDir)));
  const rewritten = new Set(changed ?? []);
  const records = new Map<string, SearchRecord>();
  let reused = 0;
  const shards = searchShardCount(files.length, pagesPerShard);
  // Started for another number of shards (the build foresaw other pages): of no use.
  const plan = started?.shards === shards ? started : undefined;
  if (started && !plan) await started.discardAll();
  const pagefind = await import('pagefind');
  onStop?.(() => void pagefind.close());
  // Nothing kept (a cold build): every page is read and cut here, so each record goes to its
  // shard's index as soon as it is cut, and Pagefind (its own process) indexes on the other
  // core meanwhile instead of waiting for the last page (GitHub's spec: ~2.5 s of cutting).
  const streaming = !started && kept.records.size === 0 ? new StreamedIndexes() : undefined;
  const used = new Set<string>();
  const merged: string[] = [];
  let resent: number | undefined;
  let indexed = 0;
  const recordsByShard = new Map<number, Map<string, SearchRecord>>();
  try {
    for (const file of files) {
      const old = rewritten.has(file) ? undefined : kept.records.get(file);
      // Synchronously: the pages were just written, so their inodes are cached and a stat is a few
      // microseconds; awaiting each in turn took 127 ms for 4,502 pages against 17 ms, more with
      // the site files being written at the same time.
      if (old && statSync(path.join(siteDir, file)).size === old.size) {
        records.set(file, old);
        reused++;
        continue;
      }
      const page = await fs.readFile(path.join(siteDir, file));
      const record = searchableHtml(page.toString('utf8'));
      // A fresh copy: the cut is made of slices that would keep the whole page alive in memory.
      const html = record === undefined ? undefined : Buffer.from(record, 'utf8').toString('utf8');
      records.set(file, { size: page.length, html });
      if (streaming && html !== undefined) await streaming.add(searchShardOf(file, shards), file, html);
    }
    for (const [shard, files] of byShard(records.keys(), shards)) {
      const mine = new Map(files.map((file) => [file, records.get(file)!]));
      recordsByShard.set(shard, mine);
      const searchable = [...mine].flatMap(([file, r]) => (r.html === undefined ? [] : [[file, r.html] as const]));
      if (shard > 0 && searchable.length === 0) {
        await plan?.discard(shard);
        await streaming?.discard(shard);
        continue;
      }
      const folder = searchShardFolder(shard);
      if (shard > 0) merged.push(folder);
      const target = path.join(siteDir, 'pagefind', folder);
      const keep = cacheDir ? { cacheDir, digest: shardDigest(folder, searchable) } : undefined;
      if (keep) used.add(keep.digest);
      if (keep && (await restoreShard(keep.cacheDir, keep.digest, target))) {
        await plan?.discard(shard);
        await streaming?.discard(shard);
        continue;
      }
      const finished = plan && (await plan.finish(shard, mine));
      if (finished) resent = (resent ?? 0) + finished.resent;
      const index = finished ? finished.index : ((await streaming?.take(shard)) ?? (await freshIndex(mine)));
      const got = await index.getFiles();
      if (got.errors.length) throw new Error(`search index could not be written: ${got.errors.join('; ')}`);
      const written: ShardFile[] = got.files
        .map((f) => ({ path: f.path.replace(/^\/+/, ''), content: f.content }))
        .filter((f) => shard === 0 || SHARD_DATA.test(f.path));
      await index.deleteIndex();
      await writeShard(written, target, keep);
      indexed++;
    }
    await fs.mkdir(path.join(siteDir, 'pagefind'), { recursive: true });
    await fs.writeFile(path.join(siteDir, 'pagefind', SEARCH_SHARDS_FILE), `${JSON.stringify({ shards: merged })}\n`);
  } finally {
    await pagefind.close();
  }
  if (cacheDir) {
    await saveSearchRecords(cacheDir, recordsByShard, shards, kept);
    await pruneShards(cacheDir, used);
  }
  let pages = 0;
  for (const r of records.values()) if (r.html !== undefined) pages++;
  return { pages, reused, ...(resent === undefined ? {} : { resent }), shards, indexed };
}

/** Files by shard number, each in the order given; shard 0 (`pagefind/` itself) always. */
function byShard(files: Iterable<string>, shards: number): Map<number, string[]> {
  const split = new Map<number, string[]>([[0, []]]);
  for (const file of files) {
    const shard = searchShardOf(file, shards);
    const mine = split.get(shard);
    if (mine) mine.push(file);
    else split.set(shard, [file]);
  }
  return new Map([...split].sort(([a], [b]) => a - b));
}

export interface SearchIndexAhead {
  /** Settles once every kept record was handed over; undefined when that failed (the step then starts afresh). */
  readonly started: Promise<StartedIndex | undefined>;
  /** Stops Pagefind if the step never ran (a build that failed before it). */
  close(): Promise<void>;
}

interface StartedIndex {
  kept: KeptSearchRecords;
  /** The number of shards it was started for. */
  shards: number;
  /**
   * Hands over what differs between what was sent to the shard and its records (in path order),
   * or answers undefined when the shard was not started or a page has no place in it.
   */
  finish(shard: number, records: ReadonlyMap<string, SearchRecord>): Promise<{ index: PagefindIndex; resent: number } | undefined>;
  /** Deletes a shard's index started ahead that turned out not to be needed. */
  discard(shard: number): Promise<void>;
  discardAll(): Promise<void>;
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof import('pagefind').createIndex>>['index']>;

/** A page with no words: Pagefind keeps its place and leaves it out of the index. */
const NO_PAGE = '<html><body></body></html>';

/**
 * Starts the index of an incremental build before its pages are rendered: for each shard
 * holding a page of `rendering` (the files the build renders), a page without a kept record
 * or a kept record without a page, the kept records in path order, the pages of `pages`
 * (site-relative HTML files the build will have) and of the kept records alike, an empty page
 * in the place of each page rendered or new. Other shards are left to be copied from the
 * cache. writeSearchIndex finishes it.
 */
export function startSearchIndex({
  cacheDir,
  pages,
  rendering,
  onStop,
  pagesPerShard = PAGES_PER_SEARCH_SHARD,
}: {
  cacheDir: string;
  pages: readonly string[];
  rendering: readonly string[];
  onStop?: (cleanup: () => void) => void;
  pagesPerShard?: number;
}): SearchIndexAhead {
  let finished = false;
  const started = (async (): Promise<StartedIndex | undefined> => {
    const kept = await loadSearchRecords(cacheDir);
    const pagefind = await import('pagefind');
    onStop?.(() => void pagefind.close());
    const shards = searchShardCount(pages.length, pagesPerShard);
    const renderedNow = new Set(rendering);
    const willHave = new Set(pages);
    const ahead = new Map<number, { index: PagefindIndex; sent: Map<string, string> }>();
    for (const [shard, mine] of byShard([...new Set([...kept.records.keys(), ...pages])].sort(), shards)) {
      if (!mine.some((f) => renderedNow.has(f) || !kept.records.has(f) || !willHave.has(f))) continue;
      const { index } = await pagefind.createIndex({});
      if (!index) return undefined;
      const sent = new Map<string, string>();
      const adding = new Adder(index);
      for (const file of mine) {
        const html = (!renderedNow.has(file) && kept.records.get(file)?.html) || NO_PAGE;
        sent.set(file, html);
        await adding.add(file, html);
      }
      await adding.done();
      ahead.set(shard, { index, sent });
    }
    const discard = async (shard: number) => {
      const started = ahead.get(shard);
      ahead.delete(shard);
      await started?.index.deleteIndex();
    };
    return {
      kept,
      shards,
      discard,
      async discardAll() {
        finished = true;
        for (const shard of [...ahead.keys()]) await discard(shard);
      },
      async finish(shard, records) {
        finished = true;
        const started = ahead.get(shard);
        if (!started) return undefined;
        ahead.delete(shard);
        const { index, sent } = started;
        for (const file of records.keys()) {
          if (sent.has(file)) continue;
          await index.deleteIndex();
          return undefined;
        }
        const again = new Adder(index);
        let resent = 0;
        const resend = async (file: string, html: string) => {
          resent++;
          await again.add(file, html);
        };
        for (const [file, r] of records) if (sent.get(file) !== (r.html ?? NO_PAGE)) await resend(file, r.html ?? NO_PAGE);
        for (const [file, html] of sent) if (!records.has(file) && html !== NO_PAGE) await resend(file, NO_PAGE);
        await again.done();
        return { index, resent };
      },
    };
  })().catch(() => undefined);
  return {
    started,
    async close() {
      await started;
      if (!finished) await (await import('pagefind')).close();
    },
  };
}

/** One index per shard, created on its first record; each gets its records in the order added. */
class StreamedIndexes {
  private readonly byShard = new Map<number, Promise<{ index: PagefindIndex; adding: Adder }>>();

  async add(shard: number, sourcePath: string, html: string): Promise<void> {
    let started = this.byShard.get(shard);
    if (!started) {
      started = (async () => {
        const index = await newIndex();
        return { index, adding: new Adder(index) };
      })();
      this.byShard.set(shard, started);
    }
    await (await started).adding.add(sourcePath, html);
  }

  /** The shard's index with every record added, or undefined when it had none. */
  async take(shard: number): Promise<PagefindIndex | undefined> {
    const started = this.byShard.get(shard);
    this.byShard.delete(shard);
    if (!started) return undefined;
    const { index, adding } = await started;
    await adding.done();
    return index;
  }

  async discard(shard: number): Promise<void> {
    await (await this.take(shard))?.deleteIndex();
  }
}

async function newIndex(): Promise<PagefindIndex> {
  const { index, errors } = await (await import('pagefind')).createIndex({});
  if (!index) throw new Error(`search indexing failed to start: ${errors.join('; ')}`);
  return index;
}

/** A new index of every record with a body, added in path order. */
async function freshIndex(records: ReadonlyMap<string, SearchRecord>): Promise<PagefindIndex> {
  const index = await newIndex();
  const adding = new Adder(index);
  for (const [sourcePath, record] of records) if (record.html !== undefined) await adding.add(sourcePath, record.html);
  await adding.done();
  return index;
}

/** Pages handed to Pagefind and not yet answered. */
const IN_FLIGHT = 16;

/**
 * Pages handed to Pagefind in the order given. Its service handles requests one by one in the
 * order sent: a few are kept in flight so it never waits for the next, without holding every
 * encoded page in memory at once.
 */
class Adder {
  private readonly inFlight = new Set<Promise<void>>();
  private failed: unknown;
  private readonly index: PagefindIndex;

  constructor(index: PagefindIndex) {
    this.index = index;
  }

  async add(sourcePath: string, content: string): Promise<void> {
    const added = this.index.addHTMLFile({ sourcePath, content }).then(
      ({ errors }) => {
        if (errors.length) this.failed ??= new Error(`search indexing failed for ${sourcePath}: ${errors.join('; ')}`);
      },
      (error: unknown) => {
        this.failed ??= error;
      },
    );
    const tracked = added.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    if (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
    if (this.failed) throw this.failed;
  }

  async done(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failed) throw this.failed;
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
