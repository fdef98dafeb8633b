/**
 * Figures about a built site's Pagefind index (issue 17 "search at scale"): its data bytes per
 * indexed page, and what a reader downloads for one query, the way the portal's palette asks:
 * init, one search, the data of the top 30 results, the filter values.
 *
 * The queries come from the index itself (the first words of a few page titles picked by
 * position), so the figures do not depend on the portal. Pagefind's own search code runs in
 * Node over the built folder, with a large portal's shards merged; a file counts at its size on disk (Pagefind's data files are
 * gzip'd already), `pagefind.js` at its gzip'd size, as a server would send it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface QueryDownload {
  query: string;
  results: number;
  files: number;
  bytes: number;
  /** Bytes by kind: code (pagefind.js, wasm, entry), meta, index, fragment, filter. */
  byKind: Record<string, number>;
}

export interface SearchFigures {
  pages: number;
  /** Fragments, word index chunks, filters and the meta file: what grows with the portal. */
  dataBytes: number;
  bytesPerPage: number;
  byKind: Record<string, number>;
  queries: QueryDownload[];
}

const QUERY_RESULTS = 30;

export async function measureSearch(siteDir: string): Promise<SearchFigures | undefined> {
  const dir = path.join(siteDir, 'pagefind');
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).map((n) => n.split(path.sep).join('/'));
  } catch {
    return undefined;
  }
  const byKind: Record<string, number> = {};
  for (const name of names) {
    const kind = dataKind(name);
    if (kind) byKind[kind] = (byKind[kind] ?? 0) + (await stat(path.join(dir, name))).size;
  }
  const fragments = names.filter((n) => dataKind(n) === 'fragment').sort();
  const dataBytes = Object.values(byKind).reduce((a, b) => a + b, 0);
  const queries: QueryDownload[] = [];
  for (const query of await queriesFrom(dir, fragments)) queries.push(await queryDownload(dir, query));
  return { pages: fragments.length, dataBytes, bytesPerPage: Math.round(dataBytes / Math.max(1, fragments.length)), byKind, queries };
}

/** The kind of a data file of `pagefind/` or of one of its shards (`shard-N/fragment/…`). */
function dataKind(name: string): string | undefined {
  const inShard = name.replace(/^shard-\d+\//, '');
  if (inShard.startsWith('fragment/')) return 'fragment';
  if (inShard.startsWith('index/')) return 'index';
  if (inShard.startsWith('filter/')) return 'filter';
  if (name.endsWith('.pf_meta')) return 'meta';
  return undefined;
}

/** The first two words of the titles of three pages at fixed positions in the index. */
async function queriesFrom(dir: string, fragments: string[]): Promise<string[]> {
  const picks = [...new Set([0, Math.floor(fragments.length / 2), fragments.length - 1])].filter((i) => i >= 0 && i < fragments.length);
  const queries: string[] = [];
  for (const i of picks) {
    const text = gunzipSync(await readFile(path.join(dir, fragments[i]!))).toString('utf8');
    const title = (JSON.parse(text.slice(text.indexOf('{'))) as { meta?: { title?: string } }).meta?.title;
    const words = title?.split(' · ')[0]!.split(/\s+/).slice(0, 2).join(' ');
    if (words && !queries.includes(words)) queries.push(words);
  }
  return queries;
}

interface PagefindModule {
  createInstance(options: object): {
    init(): Promise<void>;
    search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }>;
    mergeIndex(basePath: string, options: object): Promise<void>;
    filters(): Promise<unknown>;
    destroy(): Promise<void>;
  };
}

const modules = new Map<string, Promise<PagefindModule>>();
const FETCH = Symbol.for('atrium.bench.pagefind-fetch');
type Fetch = (input: string) => Promise<Response>;

async function queryDownload(dir: string, query: string): Promise<QueryDownload> {
  const script = await readFile(path.join(dir, 'pagefind.js'), 'utf8');
  const fetched: { name: string; bytes: number }[] = [];
  const hooks = globalThis as unknown as Record<symbol, Fetch>;
  hooks[FETCH] = async (input) => {
    const name = decodeURIComponent(String(input).replace(/^http:\/\/bench\.invalid\/pagefind\//, '').replace(/[?#].*$/, ''));
    const bytes = await readFile(path.join(dir, name));
    fetched.push({ name, bytes: bytes.length });
    return new Response(bytes);
  };
  let module = modules.get(script);
  if (!module) {
    const source = `const fetch = (...a) => globalThis[Symbol.for('atrium.bench.pagefind-fetch')](...a);\n${script}`;
    module = import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`) as Promise<PagefindModule>;
    modules.set(script, module);
  }
  const pf = (await module).createInstance({ basePath: 'http://bench.invalid/pagefind/', baseUrl: '/' });
  await pf.init();
  // A large portal's shards, merged as the palette merges them.
  const listed = JSON.parse(await readFile(path.join(dir, 'shards.json'), 'utf8').catch(() => '{}')) as { shards?: string[] };
  for (const folder of listed.shards ?? []) await pf.mergeIndex(`http://bench.invalid/pagefind/${folder}`, { baseUrl: '/' });
  const found = await pf.search(query);
  await Promise.all(found.results.slice(0, QUERY_RESULTS).map((r) => r.data()));
  await pf.filters();
  await pf.destroy();
  const byKind: Record<string, number> = { code: gzipSync(script, { level: 9 }).length };
  for (const f of fetched) {
    const kind = dataKind(f.name) ?? 'code';
    byKind[kind] = (byKind[kind] ?? 0) + f.bytes;
  }
  return { query, results: found.results.length, files: fetched.length + 1, bytes: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
}
