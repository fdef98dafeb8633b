/**
 * Figures about a built site: total output size, the largest page, and the JavaScript a
 * reader downloads per page type — the `<script src>` files a page references plus the
 * modules those import statically (`import … from "./x.js"`), plus its inline scripts.
 * Dynamic `import()`s are left out: they load only when the reader asks (the explorer).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const PAGE_TYPES = ['catalog', 'product', 'docs', 'version', 'reference', 'operation', 'changes', 'analytics', 'internal', 'other'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export interface JsFigures {
  pages: number;
  /** Median JS bytes of a page of this type. */
  median: number;
  max: number;
  /** A page with the most JS, relative to the site root. */
  maxPage: string;
}

export interface SiteFigures {
  files: number;
  outputBytes: number;
  htmlPages: number;
  htmlBytes: number;
  largestPage: { path: string; bytes: number };
  pagesOver1MB: number;
  jsBytesByPageType: Partial<Record<PageType, JsFigures>>;
}

/** Atrium's URL layout (DESIGN §6) → page type, from the page's path relative to the site root. */
export function atriumPageType(rel: string): PageType {
  const parts = rel.split('/');
  if (rel === 'index.html') return 'catalog';
  if (parts[0] === 'internal') return 'internal';
  if (parts[0] !== 'products' || parts.length < 3) return 'other';
  // products/<product>/…
  const rest = parts.slice(2);
  if (rest.length === 1) return 'product';
  if (rest[0] === 'docs') return 'docs';
  if (rest[0] === 'analytics') return 'analytics';
  // products/<product>/<version>/…
  const inVersion = rest.slice(1);
  if (inVersion.length === 1) return 'version';
  if (inVersion[0] === 'docs') return 'docs';
  if (inVersion[0] === 'changes') return 'changes';
  if (inVersion[0] === 'reference') return inVersion.length === 2 ? 'reference' : 'operation';
  return 'other';
}

export interface ScriptRefs {
  /** `src` values of JavaScript `<script>` elements, as written. */
  sources: string[];
  inlineBytes: number;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** The JavaScript a page's HTML loads itself; data blocks (`application/json`, `ld+json`) are not code. */
export function scriptRefs(html: string): ScriptRefs {
  const sources: string[] = [];
  let inlineBytes = 0;
  for (const m of html.matchAll(SCRIPT)) {
    const attrs = m[1]!;
    const type = (/\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1] ?? '').toLowerCase();
    if (!JS_TYPES.has(type)) continue;
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (src) sources.push(src);
    else inlineBytes += Buffer.byteLength(m[2]!);
  }
  return { sources, inlineBytes };
}

/** Static import specifiers of an ES module (minified or not); `import("…")` is not static. */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)) found.push((m[1] ?? m[2])!);
  return found;
}

export async function measureSite(siteDir: string, classify: (rel: string) => PageType = atriumPageType): Promise<SiteFigures> {
  const files = await listFiles(siteDir);
  let outputBytes = 0;
  let htmlBytes = 0;
  let htmlPages = 0;
  let pagesOver1MB = 0;
  let largestPage = { path: '', bytes: 0 };
  const jsByType = new Map<PageType, { bytes: number; page: string }[]>();
  const moduleSizes = new Map<string, Promise<{ bytes: number; imports: string[] }>>();

  // One JS file's size and static imports, read once per site.
  const moduleInfo = (file: string) => {
    let info = moduleSizes.get(file);
    if (!info) {
      info = readFile(file, 'utf8').then(
        (code) => ({
          bytes: Buffer.byteLength(code),
          imports: staticImports(code).filter((s) => s.startsWith('.') || s.startsWith('/')).map((s) => resolveUrl(siteDir, file, s)),
        }),
        () => ({ bytes: 0, imports: [] }),
      );
      moduleSizes.set(file, info);
    }
    return info;
  };
  const closureBytes = async (entries: string[]) => {
    const seen = new Set<string>();
    const queue = [...entries];
    let bytes = 0;
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const info = await moduleInfo(file);
      bytes += info.bytes;
      queue.push(...info.imports);
    }
    return bytes;
  };
  const closureCache = new Map<string, number>();

  for (const file of files) {
    const size = (await stat(file)).size;
    outputBytes += size;
    if (!file.endsWith('.html')) continue;
    const rel = path.relative(siteDir, file).split(path.sep).join('/');
    htmlPages++;
    htmlBytes += size;
    if (size > 1024 * 1024) pagesOver1MB++;
    if (size > largestPage.bytes) largestPage = { path: rel, bytes: size };
    const refs = scriptRefs(await readFile(file, 'utf8'));
    const entries = refs.sources.filter((s) => !/^[a-z]+:|^\/\//i.test(s)).map((s) => resolveUrl(siteDir, file, s));
    const key = entries.join('\n');
    let external = closureCache.get(key);
    if (external === undefined) closureCache.set(key, (external = await closureBytes(entries)));
    const type = classify(rel);
    const list = jsByType.get(type) ?? [];
    list.push({ bytes: external + refs.inlineBytes, page: rel });
    jsByType.set(type, list);
  }

  const jsBytesByPageType: Partial<Record<PageType, JsFigures>> = {};
  for (const type of PAGE_TYPES) {
    const list = jsByType.get(type);
    if (!list?.length) continue;
    const sorted = [...list].sort((a, b) => a.bytes - b.bytes);
    const top = sorted.at(-1)!;
    jsBytesByPageType[type] = { pages: list.length, median: sorted[Math.floor((sorted.length - 1) / 2)]!.bytes, max: top.bytes, maxPage: top.page };
  }
  return { files: files.length, outputBytes, htmlPages, htmlBytes, largestPage, pagesOver1MB, jsBytesByPageType };
}

/** A script URL as a file: `/x.js` from the site root, `./x.js` from the referring file. */
function resolveUrl(siteDir: string, fromFile: string, url: string): string {
  const clean = url.split(/[?#]/)[0]!;
  return clean.startsWith('/') ? path.join(siteDir, clean) : path.resolve(path.dirname(fromFile), clean);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}
