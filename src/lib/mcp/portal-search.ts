/**
 * Search over the Pagefind index the build wrote (`pagefind/`), with Pagefind's own search
 * code, so an agent gets the ranking, stemming and excerpts the portal's search box gives —
 * and no second index that could drift from the pages.
 *
 * Pagefind's Node API only builds indexes; searching one is the job of its browser bundle
 * (`pagefind.js` + a WebAssembly module), which runs in Node since Pagefind 1.4. We do not run
 * the copy in the portal folder: that folder may come from anywhere, and JavaScript in Node is
 * not sandboxed the way a browser sandboxes it. The bundle (JS and WebAssembly) comes from the
 * `pagefind` package Atrium depends on, obtained by indexing one throwaway record in memory;
 * the portal folder only supplies data (entry, meta, index, fragment and filter chunks), read
 * through the confined PortalFolder. Index and code must then be the same Pagefind version,
 * which is checked.
 */
import { PortalError, type PortalFolder } from './portal-folder.ts';
import { operationAliases, rankByTitle } from '../site/search-rank.ts';
import { SEARCH_SHARDS_FILE, isSearchShardFolder } from '../site/search-shards.ts';

export interface SearchHit {
  url: string;
  title: string;
  excerpt: string;
}

interface PagefindEntry {
  version: string;
  languages: Record<string, { hash: string; wasm?: string; page_count: number }>;
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface PagefindInstance {
  init(): Promise<void>;
  mergeIndex(basePath: string, options?: object): Promise<void>;
  search(term: string, options?: object): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
  destroy(): Promise<void>;
}

/** Pagefind's web bundle as our installed version writes it: `pagefind.js`, `wasm.<lang>.pagefind`, the entry. */
interface WebBundle {
  version: string;
  script: string;
  files: Map<string, Uint8Array>;
}

const bundles = new Map<string, Promise<WebBundle>>();

async function webBundle(languages: string[]): Promise<WebBundle> {
  const key = [...languages].sort().join(',');
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = (async () => {
      const pagefind = await import('pagefind');
      try {
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(errors.join('; '));
        for (const language of languages) {
          const added = await index.addCustomRecord({ url: `/${language}/`, content: 'atrium', language });
          if (added.errors.length) throw new Error(added.errors.join('; '));
        }
        const got = await index.getFiles();
        if (got.errors.length) throw new Error(got.errors.join('; '));
        const files = new Map(got.files.map((f) => [f.path.replace(/^\/+/, ''), f.content]));
        const script = files.get('pagefind.js');
        const entry = files.get('pagefind-entry.json');
        if (!script || !entry) throw new Error('the pagefind package gave no pagefind.js');
        return {
          version: (JSON.parse(Buffer.from(entry).toString('utf8')) as PagefindEntry).version,
          script: Buffer.from(script).toString('utf8'),
          files,
        };
      } finally {
        await pagefind.close();
      }
    })();
    bundle.catch(() => bundles.delete(key));
    bundles.set(key, bundle);
  }
  return bundle;
}

/**
 * Pagefind's bundle calls the global `fetch` for its files. The module gets its own `fetch`
 * instead (a top-level binding shadows the global), answered from the portal folder: nothing
 * leaves the machine, and the process's real `fetch` is never replaced.
 */
const FETCH_HOOK = Symbol.for('atrium.mcp.pagefind-fetch');
type FileFetch = (input: string | URL | Request) => Promise<Response>;
const readers = new Map<string, (url: string) => Promise<Response>>();

function installFetchHook(): void {
  const hooks = globalThis as unknown as Record<symbol, FileFetch>;
  hooks[FETCH_HOOK] ??= async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    for (const [prefix, read] of readers) if (url.startsWith(prefix)) return read(url);
    return new Response(`atrium mcp reads only the portal folder, not ${url}`, { status: 403 });
  };
}

async function loadPagefindModule(bundle: WebBundle): Promise<{ createInstance(options: object): PagefindInstance }> {
  installFetchHook();
  const source = `const fetch = (...args) => globalThis[Symbol.for('atrium.mcp.pagefind-fetch')](...args);\n${bundle.script}`;
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

function plainExcerpt(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}

let nextId = 0;

/** One portal folder's search: the index is opened on the first query and kept. */
export class PortalSearch {
  private readonly folder: PortalFolder;
  private instance?: Promise<PagefindInstance>;
  /** The entry file the open index was read from; a rebuilt portal has another. */
  private openedEntry?: string;

  constructor(folder: PortalFolder) {
    this.folder = folder;
  }

  private async open(): Promise<PagefindInstance> {
    const text = await this.folder.readText('pagefind/pagefind-entry.json');
    if (this.instance && text !== this.openedEntry) {
      const stale = this.instance;
      this.instance = undefined;
      void stale.then((i) => i.destroy()).catch(() => {});
    }
    this.openedEntry = text;
    this.instance ??= (async () => {
      let entry: PagefindEntry | undefined;
      try {
        entry = text === undefined ? undefined : (JSON.parse(text) as PagefindEntry);
      } catch {
        entry = undefined;
      }
      if (!entry || typeof entry.version !== 'string' || typeof entry.languages !== 'object' || entry.languages === null) {
        throw new PortalError('the portal folder has no search index (pagefind/pagefind-entry.json); rebuild it with `atrium build`');
      }
      const languages = Object.keys(entry.languages).filter((l) => /^[A-Za-z0-9_-]+$/.test(l));
      const bundle = await webBundle(languages.length ? languages : ['en']);
      if (bundle.version !== entry.version) {
        throw new PortalError(
          `the portal's search index was written by Pagefind ${entry.version}, this atrium searches with Pagefind ${bundle.version}; rebuild the portal with this atrium`,
        );
      }
      // A made-up origin per folder: the bundle's requests are routed here and nowhere else.
      const prefix = `http://portal-${++nextId}.atrium.invalid/pagefind/`;
      readers.set(prefix, async (url) => {
        const name = decodeURIComponent(url.slice(prefix.length).replace(/[?#].*$/, ''));
        // Code comes from our own package; only data is read from the folder.
        const ours = /^wasm\.[A-Za-z0-9_-]+\.pagefind$/.test(name) ? bundle.files.get(name) : undefined;
        const bytes = ours ?? (name.endsWith('.js') || name.endsWith('.pagefind') ? undefined : await this.folder.readBytes(`pagefind/${name}`));
        return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200 }) : new Response('not found', { status: 404 });
      });
      const module = await loadPagefindModule(bundle);
      const instance = module.createInstance({ basePath: prefix, baseUrl: '/' });
      await instance.init();
      // A large portal's index is split into shards (src/lib/site/search-shards.ts), searched as one.
      for (const folder of await this.shardFolders()) await instance.mergeIndex(`${prefix}${folder}`, { baseUrl: '/' });
      return instance;
    })();
    this.instance.catch(() => (this.instance = undefined));
    return this.instance;
  }

  /** The shards `pagefind/shards.json` names; none when it is missing or names nothing this build writes. */
  private async shardFolders(): Promise<string[]> {
    const text = await this.folder.readText(`pagefind/${SEARCH_SHARDS_FILE}`);
    if (text === undefined) return [];
    try {
      const listed = JSON.parse(text) as { shards?: unknown };
      return Array.isArray(listed.shards) ? [...new Set(listed.shards.filter(isSearchShardFolder))] : [];
    } catch {
      throw new PortalError(`the portal's pagefind/${SEARCH_SHARDS_FILE} is not JSON; rebuild it with \`atrium build\``);
    }
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const instance = await this.open();
    const found = await instance.search(query);
    if (!found) return [];
    // Ranked like the portal's search box: exact titles (and `GET /path`) first, among Pagefind's best.
    const candidates = await Promise.all(found.results.slice(0, Math.max(limit, 20)).map((result) => result.data()));
    const ranked = rankByTitle(
      query,
      candidates.map((data) => ({ data, title: data.meta.title ?? data.url, aliases: operationAliases(data.meta.method, data.meta.path) })),
    );
    return ranked.slice(0, limit).map(({ data, title }) => ({ url: data.url, title, excerpt: plainExcerpt(data.excerpt) }));
  }
}
